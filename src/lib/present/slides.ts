/** The order of a journal-club talk: when and how big, what survival looked like, the effects, then pooling. */
import { chartEntry, SLIDE_ORDER, type ChartId } from '$lib/charts/registry';

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
