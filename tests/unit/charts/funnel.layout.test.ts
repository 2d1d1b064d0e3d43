import { describe, expect, it } from 'vitest';
import { funnelLayout, funnelPlaced } from '$lib/charts/funnel/layout';
import { MAX_POINTS } from '$lib/charts/common';
import type { FunnelData } from '$lib/stats/bias';
import { screenFrame } from '$lib/charts/shared/spec';
import { makeStudy } from '../study';

/**
 * Three studies at (yi, SE) = (−0.5, 0.1), (0, 0.2), (0.2, 0.4); a view's funnel centred on −0.1 with z = 2.
 * Width 500 → height round(min(380, max(240, 0.6·500))) = 300; margins 12/16/40/52.
 * SE axis to 1.08·0.4 = 0.432, so y(s) = 12 + s/0.432·248.
 * The x axis leaves room for the pseudo-95% region (z = 1.959964) around the precision-weighted mean
 * m = (−0.5·100 + 0·25 + 0.2·6.25)/131.25 = −0.371429: domain [min(−0.5, m − 1.959964·0.432, 0) − 0.05,
 * max(0.2, m + 1.959964·0.432, 0) + 0.05] onto [52, 484].
 */
const Z = 1.959963984540054;
const M = -48.75 / 131.25;
const LO = M - Z * 0.432 - 0.05;
const HI = M + Z * 0.432 + 0.05;
const x = (v: number) => 52 + ((v - LO) / (HI - LO)) * 432;
const y = (s: number) => 12 + (s / 0.432) * 248;

const study = (id: string, label: string, logEffect: number, se: number) =>
	makeStudy({ id, label, logEffect, se });
const studies = [
	study('a', 'A 2001', -0.5, 0.1),
	study('b', 'B 2002', 0, 0.2),
	study('c', 'C 2003', 0.2, 0.4)
];
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
const layout = funnelLayout({ data, studies }, {}, screenFrame(500));
const nums = (path: string) => (path.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);

describe('funnelLayout', () => {
	it('sizes the plot from the width', () => {
		expect([layout.width, layout.height]).toEqual([500, 300]);
		expect(layout.margin).toEqual({ top: 12, right: 16, bottom: 40, left: 52 });
		expect(funnelLayout({ data, studies }, {}, screenFrame(300)).height).toBe(240);
		expect(funnelLayout({ data, studies }, {}, screenFrame(1000)).height).toBe(380);
	});

	it.each([
		// id, label, yi, se
		['a', 'A 2001', -0.5, 0.1],
		['b', 'B 2002', 0, 0.2],
		['c', 'C 2003', 0.2, 0.4]
	])('puts %s (%s) at (x(%f), y(%f))', (id, label, yi, se) => {
		const p = layout.points.find((q) => q.id === id);
		expect(p?.label).toBe(label);
		expect(p?.cx).toBeCloseTo(x(yi), 9);
		expect(p?.cy).toBeCloseTo(y(se), 9);
		expect(p?.ratio).toBeCloseTo(Math.exp(yi), 12);
		expect(p?.se).toBe(se);
	});

	it('places a study from its ratio and interval as pooling does, and skips one without', () => {
		const placed = funnelPlaced(
			[
				makeStudy({ id: 'ci', label: 'CI 2010', effect: 0.5, ciLow: 0.25, ciHigh: 1 }),
				makeStudy({ id: 'none', label: 'None 2011', effect: 0.7 })
			],
			500
		);
		expect(placed.points.map((p) => p.id)).toEqual(['ci']);
		expect(placed.points[0]?.se).toBeCloseTo(Math.log(4) / (2 * Z), 12);
		expect(placed.total).toBe(1);
	});

	it('draws the pseudo-95% triangle from SE 0 to the axis end, cut at the plot edge, and the centre line', () => {
		// Apex (−0.1, 0); base −0.1 ∓ 2·0.432 = −0.964 (inside) and 0.764, beyond the right edge HI: the right side
		// is cut there, at SE = (HI + 0.1)/2 on the apex's side and at the axis end on the base.
		const region = nums(layout.region);
		[x(-0.1), y(0), x(-0.964), y(0.432), x(HI), y(0.432), x(HI), y((HI + 0.1) / 2)].forEach((v, i) =>
			expect(region[i]).toBeCloseTo(v, 6)
		);
		expect(region).toHaveLength(8);
		expect(layout.region).toMatch(/^M.*L.*L.*L.*Z$/);
		[x(-0.1), 12, 260].forEach((v, i) => expect(nums(layout.centre)[i]).toBeCloseTo(v, 9));
	});

	it('marks ratio 1 and ticks the ratio axis at 1–3–5–7 steps (1–2–5 gives only two) and the SE axis every 0.1', () => {
		expect(layout.xNull).toBeCloseTo(x(0), 9);
		// Domain e^LO = 0.281 to e^HI = 1.69.
		expect(layout.xTicks.map((t) => t.value)).toEqual([0.3, 0.5, 0.7, 1]);
		layout.xTicks.forEach((t) => expect(t.x).toBeCloseTo(x(Math.log(t.value)), 9));
		expect(layout.yTicks.map((t) => t.value)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
		[0, 0.1, 0.2, 0.3, 0.4].forEach((s, i) => expect(layout.yTicks[i]?.y).toBeCloseTo(y(s), 9));
		expect([layout.total, layout.hidden]).toEqual([3, 0]);
	});

	it('keeps ratio 1 on the axis when every study is far from it', () => {
		// yi = 2, SE 0.05: SE axis to max(0.054, 0.05); domain [min(2, 2 − 1.96·0.054, 0) − 0.05, 2 + 1.96·0.054 + 0.05].
		const far = funnelLayout(
			{ data: { ...data, center: 2, seMax: 0.05 }, studies: [study('f', 'F 2001', 2, 0.05)] },
			{},
			screenFrame(500)
		);
		const hi = 2 + Z * 0.054 + 0.05;
		expect(far.xNull).toBeCloseTo(52 + (0.05 / (hi + 0.05)) * 432, 9);
		expect(far.points[0]?.cx).toBeCloseTo(52 + (2.05 / (hi + 0.05)) * 432, 9);
	});

	it(`draws at most ${MAX_POINTS} points, the most precise, and counts the rest`, () => {
		const n = MAX_POINTS + 7;
		const many = Array.from({ length: n }, (_, i) => study(`s${i}`, `S ${i}`, 0, 0.01 + i / n));
		const big = funnelLayout({ data, studies: many }, {}, screenFrame(500));
		expect(big.points).toHaveLength(MAX_POINTS);
		expect([big.total, big.hidden]).toEqual([n, 7]);
		// Smallest SE = most precise: the last seven (largest SE) are the ones left out.
		expect(big.points.at(-1)?.id).toBe(`s${MAX_POINTS - 1}`);
		// The SE axis spans the drawn points (to 1.08 × the largest drawn SE), not the ones left out.
		expect(big.points.at(-1)?.cy).toBeCloseTo(12 + 248 / 1.08, 9);
	});

	it('without the statistics of a view, draws the points and no region', () => {
		const bare = funnelLayout({ data: null, studies }, {}, screenFrame(500));
		expect(bare.points).toBe(layout.points);
		expect([bare.region, bare.centre]).toEqual(['', '']);
	});
});
