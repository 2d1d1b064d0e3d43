import { describe, expect, it } from 'vitest';
import { SLIDES, stepFor } from '$lib/present/slides';

describe('slides', () => {
	it('end with the pooled comparison and show every chart once', () => {
		expect(SLIDES.at(-1)?.chart).toBe('forest');
		expect(new Set(SLIDES.map((s) => s.chart)).size).toBe(SLIDES.length);
	});

	it.each([
		['ArrowRight', 0, 1],
		['PageDown', 0, 1],
		[' ', 2, 3],
		['ArrowRight', 6, 6],
		['ArrowLeft', 3, 2],
		['PageUp', 0, 0],
		['Home', 5, 0],
		['End', 1, 6],
		['x', 3, null],
		['Enter', 3, null]
	] as const)('%j on slide %i of 7 → %s', (key, index, expected) => {
		expect(stepFor(key, index, 7)).toBe(expected);
	});
});
