import { describe, expect, it } from 'vitest';
import { influenceLayout } from '$lib/charts/influence/layout';
import { MAX_ROWS } from '$lib/charts/common';
import type { LeaveOneOut, LeaveOneOutRow, PoolResult } from '$lib/stats/meta';
import { screenFrame } from '$lib/charts/shared/spec';

const L = Math.log;
/** Only the fields a layout reads; the rest are NaN so that a layout using them would show it. */
const full = (est: number, lo: number, hi: number) =>
	({ estimate: L(est), ciLow: L(lo), ciHigh: L(hi) }) as PoolResult;
const refit = (omitted: number, est: number, lo: number, hi: number, flips = false): LeaveOneOutRow => ({
	omitted,
	estimate: L(est),
	ciLow: L(lo),
	ciHigh: L(hi),
	changesConclusion: flips,
	significant: hi < 1,
	se: NaN,
	pValue: NaN,
	tau2: NaN,
	i2: null,
	q: NaN,
	converged: true,
	safeguard: null
});

/**
 * All studies: 0.8 (0.6–1.05). Without p: 0.7 (0.5–0.98); without q: 0.9 (0.7–1.2), which flips the conclusion;
 * without r: 0.8 (0.55–1.1). Width 600 → margins 8/110/40/128, x range [128, 490]. The domain spans every interval
 * and 1: [0.5·0.95, 1.2·1.05] = [0.475, 1.26], log scale: x(v) = 128 + ln(v/0.475)/ln(1.26/0.475)·362.
 */
const loo: LeaveOneOut = {
	full: full(0.8, 0.6, 1.05),
	rows: [refit(0, 0.7, 0.5, 0.98), refit(1, 0.9, 0.7, 1.2, true), refit(2, 0.8, 0.55, 1.1)]
};
const labels = new Map([
	['p', 'P 2001'],
	['q', 'Q 2002']
]);
const layout = influenceLayout({ loo, ids: ['p', 'q', 'r'], labels }, {}, screenFrame(600));

describe('influenceLayout', () => {
	it('has the margins and height of three rows at 600 px', () => {
		expect(layout?.margin).toEqual({ top: 8, right: 110, bottom: 40, left: 128 });
		expect(layout?.height).toBe(8 + 3 * 18 + 40);
		expect(layout?.hidden).toBe(0);
	});

	it.each([
		// id, label, y, x, x0, x1, est, lo, hi, flips
		['p', 'P 2001', 17, 271.88888960893223, 147.03349984359988, 396.7442793742645, 0.7, 0.5, 0.98, false],
		['q', 'Q 2002', 35, 365.14461023466765, 271.88888960893223, 471.8953414247167, 0.9, 0.7, 1.2, true],
		['r', 'r', 53, 321.4386362372438, 182.40042868019637, 439.6078650577184, 0.8, 0.55, 1.1, false]
	] as const)('without %s (%s): row at y %i', (id, label, y, x, x0, x1, est, lo, hi, flips) => {
		const row = layout?.rows.find((r) => r.id === id);
		expect(row).toMatchObject({ id, label, y, flips });
		expect(row?.x).toBeCloseTo(x, 9);
		expect(row?.x0).toBeCloseTo(x0, 9);
		expect(row?.x1).toBeCloseTo(x1, 9);
		expect(row?.est).toBeCloseTo(est, 12);
		expect(row?.lo).toBeCloseTo(lo, 12);
		expect(row?.hi).toBeCloseTo(hi, 12);
	});

	it('draws the full estimate and ratio 1, with ticks at 0.5, 0.7 and 1 (a narrow axis adds 7s)', () => {
		expect(layout?.xFull).toBeCloseTo(321.4386362372438, 9);
		expect(layout?.xNull).toBeCloseTo(404.2409362211219, 9);
		expect(layout?.ticks.map((t) => t.value)).toEqual([0.5, 0.7, 1]);
		[147.03349984359988, 271.88888960893223, 404.2409362211219].forEach((x, i) =>
			expect(layout?.ticks[i]?.x).toBeCloseTo(x, 9)
		);
	});

	it('is null without a pooled result to compare with', () => {
		expect(
			influenceLayout({ loo: { full: null, rows: [] }, ids: [], labels }, {}, screenFrame(600))
		).toBeNull();
	});

	it(`draws at most ${MAX_ROWS} refits, those that move the estimate most, in study order`, () => {
		const n = MAX_ROWS + 5;
		// Refit i moves the estimate by i/1000 on the log scale: the first five move it least.
		const many: LeaveOneOut = {
			full: full(1, 0.9, 1.1),
			rows: Array.from({ length: n }, (_, i) => {
				const est = Math.exp(i / 1000);
				return refit(i, est, est * 0.9, est * 1.1);
			})
		};
		const ids = Array.from({ length: n }, (_, i) => `s${i}`);
		const capped = influenceLayout({ loo: many, ids, labels: new Map() }, {}, screenFrame(600));
		expect(capped?.hidden).toBe(5);
		expect(capped?.rows.map((r) => r.id)).toEqual(ids.slice(5));
		expect(capped?.height).toBe(8 + MAX_ROWS * 18 + 40);
	});

	it('has no caution when every refit converged without a safeguard', () => {
		expect(layout?.rows.map((r) => r.caution)).toEqual([null, null, null]);
		expect(layout?.cautioned).toEqual([]);
	});

	it('marks each refit whose τ² needed a safeguard or did not converge, drawn or not', () => {
		const rows = [
			{ ...refit(0, 0.7, 0.5, 0.98), safeguard: 'zeroHigher' as const },
			refit(1, 0.9, 0.7, 1.2, true),
			{ ...refit(2, 0.8, 0.55, 1.1), converged: false, safeguard: 'bracketedSearch' as const }
		];
		const marked = influenceLayout(
			{ loo: { ...loo, rows }, ids: ['p', 'q', 'r'], labels },
			{},
			screenFrame(600)
		);
		expect(marked?.rows.map((r) => [r.id, r.caution])).toEqual([
			['p', 'zeroHigher'],
			['q', null],
			['r', 'notConverged']
		]);
		expect(marked?.cautioned).toEqual(['p', 'r']);
	});
});
