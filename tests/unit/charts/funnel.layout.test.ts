import { describe, expect, it } from 'vitest';
import { funnelLayout } from '$lib/charts/funnel/layout';
import { MAX_POINTS } from '$lib/charts/common';
import type { FunnelData } from '$lib/stats/bias';
import { screenFrame } from '$lib/charts/shared/spec';

/**
 * Three studies at (yi, SE) = (−0.5, 0.1), (0, 0.2), (0.2, 0.4), centred on −0.1 with z = 2.
 * Width 500 → height round(min(380, max(240, 0.6·500))) = 300; margins 12/16/40/52.
 * SE axis to 1.08·0.4 = 0.432, so y(s) = 12 + s/0.432·248.
 * Region half-width 2·0.432 = 0.864: x domain [min(−0.5, −0.964) − 0.05, max(0.2, 0.764) + 0.05] = [−1.014, 0.814]
 * onto [52, 484], so x(v) = 52 + (v + 1.014)/1.828·432.
 */
const data: FunnelData = {
	points: [
		{ index: 0, yi: -0.5, sei: 0.1 },
		{ index: 1, yi: 0, sei: 0.2 },
		{ index: 2, yi: 0.2, sei: 0.4 }
	],
	center: -0.1,
	z: 2,
	seMax: 0.4,
	pseudoCi: [
		{ se: 0, low: -0.1, high: -0.1 },
		{ se: 0.4, low: -0.9, high: 0.7 }
	]
};
const studies = [
	{ id: 'a', label: 'A 2001' },
	{ id: 'b', label: 'B 2002' },
	{ id: 'c', label: 'C 2003' }
];
const layout = funnelLayout({ data, studies }, {}, screenFrame(500));

describe('funnelLayout', () => {
	it('sizes the plot from the width', () => {
		expect([layout.width, layout.height]).toEqual([500, 300]);
		expect(layout.margin).toEqual({ top: 12, right: 16, bottom: 40, left: 52 });
		expect(funnelLayout({ data, studies }, {}, screenFrame(300)).height).toBe(240);
		expect(funnelLayout({ data, studies }, {}, screenFrame(1000)).height).toBe(380);
	});

	it.each([
		// id, label, cx, cy, ratio, se
		['a', 'A 2001', 173.47045951859957, 69.40740740740742, Math.exp(-0.5), 0.1],
		['b', 'B 2002', 291.6323851203501, 126.81481481481482, 1, 0.2],
		['c', 'C 2003', 338.8971553610503, 241.62962962962965, Math.exp(0.2), 0.4]
	])('puts %s (%s) at (%f, %f)', (id, label, cx, cy, ratio, se) => {
		const p = layout.points.find((q) => q.id === id);
		expect(p?.label).toBe(label);
		expect(p?.cx).toBeCloseTo(cx, 9);
		expect(p?.cy).toBeCloseTo(cy, 9);
		expect(p?.ratio).toBeCloseTo(ratio, 12);
		expect(p?.se).toBe(se);
	});

	it('draws the pseudo-95% triangle and the centre line from SE 0 to the axis end', () => {
		// x(−0.1) = 268, x(−0.964) = 63.816…, x(0.764) = 472.183…; y(0) = 12, y(0.432) = 260.
		const nums = (path: string) => (path.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
		const region = nums(layout.region);
		[268, 12, 63.81619256017507, 260, 472.18380743982493, 260].forEach((v, i) =>
			expect(region[i]).toBeCloseTo(v, 6)
		);
		expect(layout.region).toMatch(/^M.*L.*L.*Z$/);
		expect(nums(layout.centre)).toEqual([268, 12, 260]);
	});

	it('marks ratio 1 and ticks the ratio axis at 0.5, 1, 2 and the SE axis every 0.1', () => {
		expect(layout.xNull).toBeCloseTo(291.6323851203501, 9);
		expect(layout.xTicks.map((t) => t.value)).toEqual([0.5, 1, 2]);
		[127.8251739595753, 291.6323851203501, 455.43959628112486].forEach((x, i) =>
			expect(layout.xTicks[i]?.x).toBeCloseTo(x, 9)
		);
		expect(layout.yTicks.map((t) => t.value)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
		[12, 69.40740740740742, 126.81481481481482, 184.22222222222223, 241.62962962962965].forEach((y, i) =>
			expect(layout.yTicks[i]?.y).toBeCloseTo(y, 9)
		);
		expect(layout.hidden).toBe(0);
	});

	it('keeps ratio 1 on the axis when every study is far from it', () => {
		// yi = 2, SE 0.05: domain [min(2, 2 − 0.108, 0) − 0.05, 2.108 + 0.05] = [−0.05, 2.158] onto [52, 484].
		const far = funnelLayout(
			{ data: { ...data, points: [{ index: 0, yi: 2, sei: 0.05 }], center: 2, seMax: 0.05 }, studies },
			{},
			screenFrame(500)
		);
		expect(far.xNull).toBeCloseTo(52 + (0.05 / 2.208) * 432, 9);
		expect(far.points[0]?.cx).toBeCloseTo(52 + (2.05 / 2.208) * 432, 9);
	});

	it(`draws at most ${MAX_POINTS} points, the most precise, and counts the rest`, () => {
		const n = MAX_POINTS + 7;
		const many: FunnelData = {
			...data,
			points: Array.from({ length: n }, (_, index) => ({ index, yi: 0, sei: 0.01 + index / n }))
		};
		const ids = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, label: `S ${i}` }));
		const big = funnelLayout({ data: many, studies: ids }, {}, screenFrame(500));
		expect(big.points).toHaveLength(MAX_POINTS);
		expect(big.hidden).toBe(7);
		// Smallest SE = most precise: the last seven (largest SE) are the ones left out.
		expect(big.points.at(-1)?.id).toBe(`s${MAX_POINTS - 1}`);
	});

	it('skips a point whose study is unknown', () => {
		expect(
			funnelLayout({ data, studies: studies.slice(0, 2) }, {}, screenFrame(500)).points.map((p) => p.id)
		).toEqual(['a', 'b']);
	});
});
