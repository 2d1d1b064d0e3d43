/**
 * What a chart is, in one place: a `ChartSpec` per folder (`charts/<id>/spec.ts`) says its titles, file name, how
 * its slides are cut, its layout, its figure (scene) for a frame and its talking points. The registry lists the
 * specs; the grid, slides, notes, exports, URL and tests read that list and nothing else. Pure: no Svelte, no DOM.
 */
import type { Pass } from '$lib/domain/pass';
import { framePreset, type Frame, type Scene, type SceneCaption } from '$lib/figure/scene';
import type { Cumulative } from '$lib/stats/cumulative';
import type { FunnelData } from '$lib/stats/bias';
import type { LeaveOneOut, PoolResult, SubgroupTest } from '$lib/stats/meta';
import type { ArmLabels, Study, StudyId } from '$lib/types';
import type { PooledEstimate } from '../forest/layout';
import type { SurvivalOrder } from '../survival/layout';
import type { TrendMeasure } from '../trend/layout';

/** What a chart's figure is made of: the studies in its view and the statistics of the view. */
export interface FigureInput {
	/** The studies in this chart's view, in table order. */
	studies: readonly Study[];
	arms: ArmLabels;
	measure: string;
	/** Weight (percent) of every pooled study. */
	weights: ReadonlyMap<StudyId, number>;
	pooled: readonly PooledEstimate[];
	superseded: ReadonlyMap<StudyId, Study>;
	/** The forest's row groups: the design classes, as the page draws them (domain/design.ts). */
	groupOf?: (s: Study) => string;
	/** Per-group and overall results (heterogeneity lines), and the test for subgroup differences. */
	groups: readonly { key: string; result: PoolResult | null }[];
	overall: PoolResult | null;
	subgroupTest: SubgroupTest | null;
	method: string;
	/** Pooled studies' ids in input order (funnel and leave-one-out index them). */
	effectIds: readonly StudyId[];
	labels: ReadonlyMap<StudyId, string>;
	funnel: FunnelData | null;
	influence: LeaveOneOut | null;
	cumulative: Cumulative | null;
	yearSpan: readonly [number, number] | null;
}

/** The chart options a user chose in the view (URL `order=`, `trend=`). */
export interface FigureOptions {
	order?: SurvivalOrder;
	trend?: TrendMeasure;
}

/** What the talking points of a slide are made of (the presenter's window and the PPTX notes). */
export interface NotesContext {
	studies: readonly Study[];
	/** The plain-language summary of the view. */
	summary: readonly string[];
	/** Pooling cautions (overlapping cohorts, mixed adjustment …), as sentences. */
	cautions: readonly string[];
	arms: { treated: string; control: string };
	/** The path of a study's page of numbers and sources (bundled data only; null: a user's table has none). */
	studyPage: ((id: Study['id']) => string) | null;
}

/** A row a slide of the chart draws: a study and its group (design class for the forest, '' otherwise). */
export interface SlideRow {
	id: string;
	group: string;
}

/** One slide's share of a chart split over several slides: its studies, and which pooled rows it closes. */
export interface SlidePart {
	index: number;
	count: number;
	ids: readonly string[];
	/** Subgroups whose pooled diamond closes on this slide. */
	groups: readonly string[];
	/** The overall pooled estimate is drawn (on the last part). */
	overall: boolean;
}

/** How a chart's slides are cut: by rows (shared out evenly), by groups of rows (never reordered), or not at all
 * (its height follows its width). */
export type SlideSplit = 'rows' | 'groups' | 'shaped';

/** One chart: everything the grid, slides, notes, exports and URL know of it. */
export interface ChartSpec<Id extends string = string> {
	id: Id;
	/** The title on the page and in every export of the chart. */
	title: string;
	/** Presentation mode: the slide's position (1 = first) and its title. */
	slide: { order: number; title: string; split: SlideSplit };
	/** The chart's part of an exported file's name (`mbc-<exportName>-<date>.png`). */
	exportName: string;
	/** Spans the whole grid row. */
	wide: boolean;
	/** Its component loads after first paint with the sensitivity statistics (not needed to read the page). */
	lazy: boolean;
	/** The view's chart options it draws (URL names; the exports and slides show them too). */
	options: readonly (keyof FigureOptions)[];
	/**
	 * The passes over a whole dataset its layout makes (domain/pass.ts), for these options: a large table works them
	 * out in slices, between which the page answers input, before the chart is drawn (charts/stagger.ts).
	 */
	passes?(options: FigureOptions): readonly Pass<Study, unknown, unknown>[];
	/** The layout for a frame (the geometry the component and the scene draw); pure. */
	layout(input: FigureInput, options: FigureOptions, frame: Frame): unknown;
	/**
	 * The rows a slide draws (from the studies in view), in drawing order, with their group; for a chart over the
	 * pooled studies, those (`pooled`, when known); null for a chart whose height does not follow rows.
	 */
	rows(
		inView: readonly Study[],
		groupOf: (s: Study) => string,
		pooled?: readonly string[],
		/** The view's chart options (the survival order cuts its slides in that order). */
		options?: FigureOptions
	): SlideRow[] | null;
	/** The figure for a frame: one scene, or its parts in order when a long chart is split. */
	scene(input: FigureInput, options: FigureOptions, frame: Frame, caption: SceneCaption): Scene[];
	/** What to say on its slide. */
	notes(ctx: NotesContext): string[];
}

/** A spec with its id kept as a literal type (the registry derives `ChartId` from them). */
export function defineChart<const Id extends string>(spec: ChartSpec<Id>): ChartSpec<Id> {
	return spec;
}

/** Layouts of a scene are computed at this width and mapped onto the frame (only their order, scales and ticks are used). */
export const SCENE_LAYOUT_WIDTH = 900;

/** The frame a scene's layout is computed in: the figure's frame at the layout width. */
export const layoutFrame = (frame: Frame, width = SCENE_LAYOUT_WIDTH): Frame => ({ ...frame, width });

/** The page's frame for a chart `width` px wide: free height, the screen's type scale. */
export const screenFrame = (width: number, theme: Frame['theme'] = 'light'): Frame => ({
	...framePreset('natural', theme),
	width,
	target: 'screen'
});
