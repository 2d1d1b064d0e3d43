/** The order of a journal-club talk: when and how big, what survival looked like, the effects, then pooling. */
import { chartEntry, SLIDE_ORDER, type ChartId } from '$lib/charts/registry';
import type { SlidePart, SlideRow } from '$lib/charts/shared/spec';
import { designInfo } from '$lib/domain/design';
import { SOF_SLIDE_TITLE } from '$lib/export/sof-table';
import type { Study } from '$lib/types';
import {
	pairGeometry,
	rowBudget,
	BODY,
	sharedFit,
	singleGeometry,
	type ChartShape,
	type SlideGeometry
} from './frame';

export interface Slide {
	chart: ChartId;
	title: string;
}

/** Slide order and titles live in the chart registry. */
export const SLIDES: readonly Slide[] = SLIDE_ORDER.map((chart) => ({
	chart,
	title: chartEntry(chart).slide.title
}));

/** The methods slide's title, live and in the exported decks. */
export const METHODS_TITLE = 'How the studies were pooled';
/** The closing slide's title (the plain-language summary). */
export const CLOSING_TITLE = 'What the studies in view say';
/** The heading of the cautions under the closing summary. */
export const CAUTIONS_HEADING = 'Before quoting it';

/** The slides that are not a chart: the opening, the methods, the summary-of-findings table and the closing summary. */
export type TextSlide = 'title' | 'methods' | 'sof' | 'summary';

/** One slide of a talk: a chart (or part of a long one, or two short ones side by side), or a text slide. */
export interface PlannedSlide {
	key: string;
	chart: ChartId | TextSlide;
	title: string;
	/** A second chart drawn beside the first (two short charts on one slide). */
	pair?: ChartId;
	/** Where the chart(s) and the statistics panel go on the 1920×1080 frame (chart slides). */
	geometry?: SlideGeometry;
	/** For a chart split over several slides: the studies on this one, and which pooled rows it draws. */
	part?: SlidePart;
}

/** Is this slide one of the talk's text slides (not a chart)? */
export function isTextSlide(slide: Pick<PlannedSlide, 'chart'>): slide is { chart: TextSlide } {
	return (
		slide.chart === 'title' || slide.chart === 'methods' || slide.chart === 'sof' || slide.chart === 'summary'
	);
}

/** The charts a slide draws (none on a text slide; two when paired). */
export function slideCharts(slide: PlannedSlide): ChartId[] {
	if (isTextSlide(slide)) return [];
	return [slide.chart as ChartId, ...(slide.pair ? [slide.pair] : [])];
}

/**
 * Pack rows into slides in order: each group costs its rows plus `overhead` (a header and a pooled row), a group
 * too big for one slide is split, and groups are never reordered.
 */
export function chunkRows<T>(
	items: readonly T[],
	groupOf: (item: T) => string,
	budget: number,
	overhead: number
): T[][] {
	// Runs of consecutive items of one group.
	const runs: T[][] = [];
	for (const item of items) {
		const last = runs.at(-1);
		if (last && groupOf(last[0] as T) === groupOf(item)) last.push(item);
		else runs.push([item]);
	}
	const chunks: T[][] = [];
	let current: T[] = [];
	let used = 0;
	const flush = () => {
		if (current.length > 0) chunks.push(current);
		current = [];
		used = 0;
	};
	const size = Math.max(1, budget - overhead);
	for (const run of runs) {
		const cost = run.length + overhead;
		if (used + cost <= budget) {
			current.push(...run);
			used += cost;
			continue;
		}
		flush();
		for (let i = 0; i < run.length; i += size) {
			if (i > 0) flush();
			const piece = run.slice(i, i + size);
			current.push(...piece);
			used = piece.length + overhead;
		}
	}
	flush();
	return chunks;
}

/**
 * Share grouped rows out evenly over as few parts as `budget` allows, each group costing its rows plus `overhead`
 * (a header and a pooled row) on every part it appears on, and `tail` more rows on the last part (the overall
 * estimate). A group may continue on the next part, but never leaves fewer than `least` of its rows on either side.
 */
export function packRows<T>(
	items: readonly T[],
	groupOf: (item: T) => string,
	budget: number,
	overhead: number,
	tail = 0,
	least = 2
): T[][] {
	const sizeOf = new Map<string, number>();
	for (const item of items) sizeOf.set(groupOf(item), (sizeOf.get(groupOf(item)) ?? 0) + 1);
	const total = items.length + sizeOf.size * overhead + tail;
	/** Fill parts up to `target` rows in order. */
	const greedy = (target: number): T[][] => {
		const parts: T[][] = [];
		let current: T[] = [];
		let used = 0;
		let inGroup = 0;
		let lastGroup: string | null = null;
		for (const item of items) {
			const group = groupOf(item);
			const starts = group !== lastGroup;
			if (starts) inGroup = 0;
			const left = (sizeOf.get(group) ?? 0) - inGroup;
			const cost = starts ? overhead + 1 : 1;
			// A group starts where `least` of its rows (or all, if fewer) fit; a full part closes.
			const tooFew = starts && used + overhead + Math.min(least, left) > target;
			if (current.length > 0 && (used + cost > target || tooFew)) {
				parts.push(current);
				current = [];
				used = starts ? 0 : overhead;
			}
			used += cost;
			current.push(item);
			inGroup++;
			lastGroup = group;
		}
		if (current.length > 0) parts.push(current);
		return parts;
	};
	for (let count = Math.max(1, Math.ceil(total / budget)); ; count++) {
		for (let target = Math.ceil(total / count); target <= budget; target++) {
			const parts = greedy(target);
			// The last part also holds the tail.
			const last = parts.at(-1) ?? [];
			const lastCost = last.length + new Set(last.map(groupOf)).size * overhead + tail;
			if (parts.length <= count && lastCost <= budget) return parts;
		}
		if (count > items.length) return greedy(budget);
	}
}

/** The rows of a chart or a part of it, as the frame's height model counts them. */
function shapeOf(
	chart: ChartId,
	list: readonly { id: string; group: string }[] | null,
	overall = true
): ChartShape {
	if (!list) return { chart, rows: 0 };
	if (splitOf(chart) !== 'groups') return { chart, rows: list.length };
	const groups = new Set(list.map((r) => r.group)).size;
	// A header and a pooled row per group, the studies, the overall row; a third of a row after each group.
	return { chart, rows: list.length + 2 * groups + (overall ? 1 : 0), gaps: groups + (overall ? 1 : 0) };
}

/** The least share of the frame's height a chart slide's content should use. */
const MIN_FILL = 0.6;

/**
 * A part of a split chart at the scale every part shares. A short forest part whose panel beside it would leave the
 * slide mostly empty takes its statistics panel below instead (same layout width and zoom, so the axis still matches
 * the other parts), when that fits the body and fills more of the frame.
 */
function partGeometry(shape: ChartShape, fit: ReturnType<typeof sharedFit>): SlideGeometry {
	const geometry = singleGeometry(shape, fit);
	if (shape.chart !== 'forest' || geometry.fill >= MIN_FILL) return geometry;
	const below = singleGeometry(shape, { ...fit, placement: 'below' });
	const bottom = below.panel ? below.panel.y + below.panel.height : 0;
	return bottom <= BODY.y + BODY.height && below.fill > geometry.fill ? below : geometry;
}

/** How a chart's slides are cut (its spec): by rows, by groups of rows, or not at all. */
const splitOf = (chart: ChartId) => chartEntry(chart).slide.split;

/**
 * The talk: a title slide, every chart in SLIDES order (a long chart split into parts that fit the frame at the
 * minimum type size, two short consecutive charts side by side when both still fill the frame), a methods slide,
 * the summary-of-findings table when `sof` is true (the appraisal has a row), then the closing summary. `rows(chart)` gives, in the chart's drawing order, the studies it draws with their group
 * (design for the forest), or null for a chart whose height does not follow rows; a chart with no rows gets no slide.
 */
export function planSlides(
	rows: (chart: ChartId) => { id: string; group: string }[] | null,
	titleOf: (slide: Slide) => string = (s) => s.title,
	closing = CLOSING_TITLE,
	sof = false
): PlannedSlide[] {
	const charts: PlannedSlide[] = [];
	for (const slide of SLIDES) {
		const list = rows(slide.chart);
		const title = titleOf(slide);
		if (list && list.length === 0 && splitOf(slide.chart) !== 'shaped') continue;
		const grouped = splitOf(slide.chart) === 'groups';
		const budget = rowBudget(slide.chart);
		const chunks: ({ id: string; group: string }[] | null)[] = !list
			? [null]
			: grouped
				? packRows(list, (r) => r.group, budget, 2, 2)
				: // Rows without groups are shared out evenly: 40 rows in parts of 14 + 13 + 13, not 16 + 16 + 8.
					chunkRows(list, () => '', Math.ceil(list.length / Math.ceil(list.length / budget)), 0);
		if (chunks.length <= 1) {
			const shape = shapeOf(slide.chart, chunks[0] ?? null);
			const previous = charts.at(-1);
			const before = previous && !isTextSlide(previous) ? (previous.chart as ChartId) : null;
			// Two short charts side by side when both still fill the frame.
			const paired =
				previous && before && !previous.part && !previous.pair && splitOf(before) !== 'groups' && !grouped
					? pairGeometry(shapeOf(before, rows(before)), shape)
					: null;
			if (previous && paired) {
				previous.pair = slide.chart;
				previous.key = `${previous.key}+${slide.chart}`;
				previous.title = `${previous.title.replace(/\?$/, '')} · ${title}`;
				previous.geometry = paired;
			} else charts.push({ key: slide.chart, chart: slide.chart, title, geometry: singleGeometry(shape) });
			continue;
		}
		const parts = chunks.map((chunk, i) => shapeOf(slide.chart, chunk, i === chunks.length - 1));
		const fit = sharedFit(parts);
		chunks.forEach((chunk, i) => {
			const piece = chunk ?? [];
			const next = chunks[i + 1]?.[0]?.group;
			const groups = [...new Set(piece.map((r) => r.group))].filter(
				(g, j, all) => !(j === all.length - 1 && g === next)
			);
			charts.push({
				key: `${slide.chart}-${i + 1}`,
				chart: slide.chart,
				title: `${title} (${i + 1} of ${chunks.length})`,
				geometry: partGeometry(parts[i] as ChartShape, fit),
				part: {
					index: i,
					count: chunks.length,
					ids: piece.map((r) => r.id),
					groups: grouped ? groups : [],
					overall: i === chunks.length - 1
				}
			});
		});
	}
	return [
		{ key: 'title', chart: 'title', title: 'Title' },
		...charts,
		{ key: 'methods', chart: 'methods', title: METHODS_TITLE },
		...(sof ? [{ key: 'sof', chart: 'sof' as const, title: SOF_SLIDE_TITLE }] : []),
		{ key: 'summary', chart: 'summary', title: closing }
	];
}

/**
 * The studies a slide of `chart` draws (its spec's `rows`: from those in its view), in the chart's order, with their group (design,
 * for the forest); for leave-one-out, the pooled studies in pooling order (`pooled`, when known); null for a chart
 * whose height does not follow rows.
 */
export function slideRows(
	chart: ChartId,
	inView: readonly Study[],
	/** The forest's groups (design classes, as the forest plot draws them); each design by default. */
	groupOf: (s: Study) => string = (s) => designInfo(s.design).key,
	pooled?: readonly string[],
	/** The survival chart's row order chosen in the view (URL `order=`): its parts follow it. */
	order: 'year' | 'gain' = 'year'
): SlideRow[] | null {
	return chartEntry(chart).rows(inView, groupOf, pooled, { order });
}
