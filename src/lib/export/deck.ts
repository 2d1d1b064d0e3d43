/**
 * The dashboard's state as figure inputs: what each chart's scene is drawn from (the studies in its view, the
 * pooled statistics of the view, the chart options chosen), and the talk as a PowerPoint deck. No DOM: the same
 * functions run in the page and in Node tests.
 */
import { METHOD_LABELS } from '$lib/domain/method';
import { chartEntry, SLIDE_ORDER, type ChartId } from '$lib/charts/registry';
import { chartScenes, type FigureInput, type FigureOptions } from '$lib/figure/charts';
import type { Frame, SceneCaption } from '$lib/figure/scene';
import type { Deck, DeckSlide } from '$lib/figure/pptx';
import type { TextPage } from '$lib/figure/text-page';
import { closingCautions, methodsLines, titleLines } from '$lib/present/deck';
import { CAUTIONS_HEADING, CLOSING_TITLE, METHODS_TITLE } from '$lib/present/slides';
import { deckContext, notesContextOf } from '$lib/present/deck-context';
import { sourceLines, talkingPoints, type NotesContext } from '$lib/present/notes';
import { sofSlide } from './sof-table';
export { notesContextOf };
import type { Dashboard } from '$lib/state/dashboard.svelte';

/** A chart's figure input from the dashboard (statistics of the view; call `dash.loadViews()` first for the
 * funnel, leave-one-out and evidence-over-time charts). */
export function figureInput(dash: Dashboard, chart: ChartId): FigureInput {
	const { summary } = dash;
	return {
		studies: dash.inView(chart),
		arms: dash.arms,
		measure: dash.measure,
		weights: summary.weights,
		pooled: dash.pooled,
		superseded: dash.superseded,
		groupOf: dash.classOf,
		groups: summary.groups,
		overall: summary.overall,
		subgroupTest: summary.subgroupTest,
		method: METHOD_LABELS[summary.method],
		effectIds: summary.effects.map((e) => e.id),
		labels: dash.labels,
		funnel: dash.funnel?.data ?? null,
		influence: dash.influence,
		cumulative: dash.cumulative,
		yearSpan: dash.yearSpan
	};
}

/** The chart options of the view (survival order, trend measure), as the URL keeps them. */
export function figureOptions(dash: Dashboard): FigureOptions {
	const { order, trend } = dash.filters.view;
	return { order: order ?? 'year', trend: trend ?? 'effect' };
}

/**
 * The talk's pages of words, as the live talk's slides say them: the opening (the question or the dataset's title,
 * then the dataset, the view and the day), how the studies were pooled, and the closing summary with the two cautions
 * that matter most for the view (the same functions build the live slides).
 */
export function talkPages(dash: Dashboard): {
	opening: { title: string; lines: readonly string[] };
	methods: TextPage;
	closing: TextPage;
} {
	const ctx = deckContext(dash);
	const opening = titleLines(ctx);
	return {
		opening: { title: opening.heading, lines: opening.lines },
		methods: { title: METHODS_TITLE, lines: methodsLines(ctx) },
		closing: {
			title: CLOSING_TITLE,
			lines: dash.sentences,
			aside: { heading: CAUTIONS_HEADING, lines: closingCautions(ctx, notesContextOf(dash, null).cautions) }
		}
	};
}

/**
 * The talk as a deck: the title slide, every chart in slide order (long ones split for the frame), the methods, the
 * summary-of-findings table, the closing summary and its cautions.
 */
export function deckOf(
	dash: Dashboard,
	frame: Frame,
	caption: (chart: ChartId) => SceneCaption,
	notes: NotesContext,
	source: string
): Deck {
	const options = figureOptions(dash);
	const slides: DeckSlide[] = SLIDE_ORDER.flatMap((chart) => {
		const scenes = chartScenes(chart, figureInput(dash, chart), options, frame, {
			...caption(chart),
			title: chartEntry(chart).slide.title
		});
		const points = talkingPoints(chart, notes);
		const byId = new Map(dash.studies.map((s) => [s.id, s]));
		return scenes.map((scene) => ({
			scene,
			notes: [
				...points,
				...sourceLines(
					scene.rows.flatMap((id) => byId.get(id) ?? []),
					notes
				)
			]
		}));
	});
	return {
		title: dash.pageTitle,
		subtitle: `${dash.viewText}${dash.pooledText ? ` · ${dash.pooledText}` : ''}`,
		source,
		slides,
		...talkPages(dash),
		// The appraisal panel's summary-of-findings table (call `dash.appraisal.load()` first), when it has a row.
		sof: dash.appraisal.result?.rows.length
			? sofSlide(dash.appraisal.result, dash.patientCount.anyReported ? dash.patients : null)
			: null,
		theme: frame.theme
	};
}
