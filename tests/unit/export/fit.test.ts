import { describe, expect, it } from 'vitest';
import { CHART_SHARE, fillZoom, MAX_ZOOM, MIN_FILL_WIDTH } from '$lib/export/fit';

describe('a short chart fills a fixed frame', () => {
	it.each([
		[170, 720, Math.min(MAX_ZOOM, (720 * CHART_SHARE) / 170)],
		[300, 720, (720 * CHART_SHARE) / 300],
		[900, 720, 1],
		[120, 1000, MAX_ZOOM]
	])('a chart %d px high in a frame %d px high is drawn %f× larger', (h, frame, zoom) => {
		expect(fillZoom(h, frame)).toBeCloseTo(zoom, 10);
	});

	it('leaves a frame without a height (as drawn, journal column) and an empty chart alone', () => {
		expect(fillZoom(170, null)).toBe(1);
		expect(fillZoom(0, 720)).toBe(1);
	});

	it('never lays a chart out narrower than its text needs', () => {
		expect(fillZoom(120, 1000, 968)).toBeCloseTo(968 / MIN_FILL_WIDTH, 10);
		expect(968 / fillZoom(120, 1000, 968)).toBeGreaterThanOrEqual(MIN_FILL_WIDTH - 1e-9);
		expect(fillZoom(120, 1000, 500)).toBe(1);
	});
});
