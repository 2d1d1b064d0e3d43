/** The order of a journal-club talk: when and how big, what survival looked like, the effects, then pooling. */
import { chartEntry, SLIDE_ORDER, type ChartId } from '$lib/charts/registry';
import { byYear } from '$lib/charts/common';
import { designInfo } from '$lib/domain/design';
import type { Study } from '$lib/types';

export interface Slide {
	chart: ChartId;
	title: string;
}

/** Slide order and titles live in the chart registry. */
export const SLIDES: readonly Slide[] = SLIDE_ORDER.map((chart) => ({
	chart,
	title: chartEntry(chart).slide.title
}));

/** The slide index a key press leads to, or null when the key is not a slide key. */
export function stepFor(key: string, index: number, count: number): number | null {
	switch (key) {
		case 'ArrowRight':
		case 'PageDown':
		case ' ':
		case 'n':
			return Math.min(count - 1, index + 1);
		case 'ArrowLeft':
		case 'PageUp':
		case 'p':
			return Math.max(0, index - 1);
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return null;
	}
}

/** Rows a slide can hold at 1080p with chart text at ≥ 18 px (rows of 18 px at 1.8× zoom, axes and key aside). */
export const ROWS_PER_SLIDE = 18;

/** One slide of a talk: a chart (or part of a long one), or the closing summary. */
export interface PlannedSlide {
	key: string;
	chart: ChartId | 'summary';
	title: string;
	/** For a chart split over several slides: the studies on this one, and which pooled rows it draws. */
	part?: {
		index: number;
		count: number;
		ids: readonly string[];
		/** Subgroups whose pooled diamond closes on this slide. */
		groups: readonly string[];
		/** The overall pooled estimate is drawn (on the last part). */
		overall: boolean;
	};
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
 * The talk: every chart in SLIDES order, a long chart split into parts of at most `budget` rows, then a closing
 * slide with the summary. `rows(chart)` gives, in the chart's drawing order, the studies it draws with their group
 * (design for the forest) — or null for a chart that is never split.
 */
export function planSlides(
	rows: (chart: ChartId) => { id: string; group: string }[] | null,
	titleOf: (slide: Slide) => string = (s) => s.title,
	budget = ROWS_PER_SLIDE
): PlannedSlide[] {
	const planned: PlannedSlide[] = [];
	for (const slide of SLIDES) {
		const list = rows(slide.chart);
		const title = titleOf(slide);
		// A chart with nothing to draw for the view (no medians, no estimates) gets no slide: nothing to say.
		if (list && list.length === 0) continue;
		if (!list) {
			planned.push({ key: slide.chart, chart: slide.chart, title });
			continue;
		}
		const grouped = slide.chart === 'forest';
		// The overall estimate takes one more row on the last part.
		const chunks = grouped
			? chunkRows(list, (r) => r.group, budget - 1, 2)
			: // Rows without groups are shared out evenly: 40 rows make 14 + 14 + 12, not 18 + 18 + 4.
				chunkRows(list, () => '', Math.ceil(list.length / Math.ceil(list.length / budget)), 0);
		if (chunks.length === 1) {
			planned.push({ key: slide.chart, chart: slide.chart, title });
			continue;
		}
		chunks.forEach((chunk, i) => {
			const next = chunks[i + 1]?.[0]?.group;
			const groups = [...new Set(chunk.map((r) => r.group))].filter(
				(g, j, all) => !(j === all.length - 1 && g === next)
			);
			planned.push({
				key: `${slide.chart}-${i + 1}`,
				chart: slide.chart,
				title: `${title} (${i + 1} of ${chunks.length})`,
				part: {
					index: i,
					count: chunks.length,
					ids: chunk.map((r) => r.id),
					groups: grouped ? groups : [],
					overall: i === chunks.length - 1
				}
			});
		});
	}
	planned.push({ key: 'summary', chart: 'summary', title: 'What the studies in view say' });
	return planned;
}

/**
 * The studies a slide of `chart` draws (from those in its view), in the chart's order, with their group (design,
 * for the forest); null for a chart that is never split.
 */
export function slideRows(
	chart: ChartId,
	inView: readonly Study[],
	/** The forest's groups (design classes, as the forest plot draws them); each design by default. */
	groupOf: (s: Study) => string = (s) => designInfo(s.design).key
): { id: string; group: string }[] | null {
	const drawable: Partial<Record<ChartId, (s: Study) => boolean>> = {
		forest: (s) => s.effect !== null,
		cohort: (s) => s.nTotal !== null || s.nTreated !== null || s.nControl !== null,
		survival: (s) => s.medianTreated !== null || s.medianControl !== null,
		years: (s) => s.year !== null || s.accrualStart !== null || s.accrualEnd !== null
	};
	const test = drawable[chart];
	if (!test) return null;
	const list = inView.filter(test).sort(byYear);
	if (chart === 'forest') {
		list.sort((a, b) => designInfo(a.design).order - designInfo(b.design).order);
		const order = [...new Set(list.map(groupOf))];
		list.sort((a, b) => order.indexOf(groupOf(a)) - order.indexOf(groupOf(b)));
	}
	return list.map((s) => ({ id: s.id, group: groupOf(s) }));
}
