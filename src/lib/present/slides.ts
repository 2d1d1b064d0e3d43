/** The order of a journal-club talk: when and how big, what survival looked like, the effects, then pooling. */
import type { ChartId } from '$lib/types';

export interface Slide {
	chart: ChartId;
	title: string;
}

export const SLIDES: readonly Slide[] = [
	{ chart: 'years', title: 'When the studies ran and were published' },
	{ chart: 'cohort', title: 'How many patients each study had' },
	{ chart: 'survival', title: 'Median survival with and without surgery' },
	{ chart: 'trend', title: 'Has the benefit shrunk as designs improved?' },
	{ chart: 'funnel', title: 'Small-study effects' },
	{ chart: 'influence', title: 'Does any single study drive the result?' },
	{ chart: 'cumulative', title: 'How the pooled estimate moved as studies accumulated' },
	{ chart: 'forest', title: 'Randomised trials vs retrospective studies: the pooled comparison' }
];

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
