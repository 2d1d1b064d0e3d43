import { describe, expect, it } from 'vitest';
import { stackPages } from '$lib/figure/pdf';

const a4 = { width: 210, height: 297 };

describe('stackPages', () => {
	it('puts two charts on an A4 page where both fit, and starts a page when the next does not', () => {
		// At 190 mm wide, 800 × 500 px is 118.75 mm tall: two fit on 277 mm; a tall chart goes alone.
		const places = stackPages(
			[
				{ width: 800, height: 500 },
				{ width: 800, height: 500 },
				{ width: 800, height: 1000 },
				{ width: 800, height: 400 }
			],
			a4,
			10,
			6,
			2
		);
		expect(places.map((p) => p.page)).toEqual([0, 0, 1, 2]);
		expect(places[0]?.y).toBe(10);
		expect(places[1]?.y).toBeCloseTo(10 + 118.75 + 6, 6);
		// Never past the bottom margin.
		for (const [i, p] of places.entries()) {
			const h = [500, 500, 1000, 400][i]! * p.scale;
			expect(p.y + h).toBeLessThanOrEqual(297 - 10 + 1e-9);
		}
	});
	it('one chart per page when asked (slides)', () => {
		const places = stackPages(
			[
				{ width: 1100, height: 300 },
				{ width: 1100, height: 300 }
			],
			a4,
			10,
			6,
			1
		);
		expect(places.map((p) => p.page)).toEqual([0, 1]);
	});
});
