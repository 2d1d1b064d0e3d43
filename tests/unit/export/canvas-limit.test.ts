import { describe, expect, it } from 'vitest';
import { CANVAS_MAX_AREA, CANVAS_MAX_SIDE, fitCanvasScale } from '$lib/export/canvas-limit';

describe('fitCanvasScale', () => {
	it.each([
		// width, height, asked, drawn at
		[800, 600, 4, 4],
		// A side over 32,767 px: 20,000 px × 1.63 = 32,600.
		[1200, 20_000, 2, 1.63],
		// Over 268 megapixels asked (4,000 × 5,000 at 4× = 320): 16,384² / 20,000,000 = 13.4 → 3.66×.
		[4000, 5000, 4, 3.66],
		[40_000, 100, 1, 0.81]
	])('%i × %i at %f× → %f×', (width, height, scale, expected) => {
		const fitted = fitCanvasScale(width, height, scale);
		expect(fitted).toBeCloseTo(expected, 2);
		expect(Math.round(width * fitted)).toBeLessThanOrEqual(CANVAS_MAX_SIDE);
		expect(Math.round(height * fitted)).toBeLessThanOrEqual(CANVAS_MAX_SIDE);
		expect(Math.round(width * fitted) * Math.round(height * fitted)).toBeLessThanOrEqual(CANVAS_MAX_AREA);
	});
});
