import { describe, expect, it } from 'vitest';
import { egger, funnelData } from '$lib/stats/bias';
import { pool } from '$lib/stats/meta';
import { bcgTrials } from './bcg';

const trials = bcgTrials();
const yi = trials.map((t) => t.yi);
const vi = trials.map((t) => t.vi);

describe('egger: BCG trials against metafor regtest', () => {
	const r = egger(yi, vi);

	it('classic Egger (weighted lm of yi on SE, weights 1/vi): t = −1.4013, df 11, p = 0.1887', () => {
		expect(r?.classic.statistic).toBeCloseTo(-1.4013, 4);
		expect(r?.classic.df).toBe(11);
		expect(r?.classic.pValue).toBeCloseTo(0.1887, 4);
	});

	it('metafor default (REML meta-regression on SE): z = −0.8033, p = 0.4218', () => {
		expect(r?.mixed.method).toBe('REML');
		expect(r?.mixed.statistic).toBeCloseTo(-0.8033, 4);
		expect(r?.mixed.df).toBeNull();
		expect(r?.mixed.pValue).toBeCloseTo(0.4218, 4);
	});

	it('with Knapp–Hartung (metafor README, regtest of a "knha" fit): t = −0.7812, df 11, p = 0.4512', () => {
		const hk = egger(yi, vi, { method: 'REML', hk: true });
		expect(hk?.mixed.statistic).toBeCloseTo(-0.7812, 4);
		expect(hk?.mixed.df).toBe(11);
		expect(hk?.mixed.pValue).toBeCloseTo(0.4512, 4);
		// Limit estimate b = −0.5104 (as sei → 0).
		expect(hk?.mixed.limitEstimate).toBeCloseTo(-0.5104, 4);
	});

	it('needs at least 3 studies', () => {
		expect(egger(yi.slice(0, 2), vi.slice(0, 2))).toBeNull();
		expect(egger(yi.slice(0, 3), vi.slice(0, 3))?.classic.df).toBe(1);
	});
});

describe('funnelData', () => {
	it('places studies at (yi, SE) around the pooled estimate with ±1.96·SE lines', () => {
		const f = funnelData(yi, vi, { method: 'REML' });
		expect(f?.center).toBeCloseTo(-0.714532, 6);
		expect(f?.points).toHaveLength(13);
		expect(f?.points[0]).toEqual({ index: 0, yi: yi[0], sei: Math.sqrt(vi[0] ?? 0) });
		const seMax = Math.max(...vi.map(Math.sqrt));
		expect(f?.seMax).toBe(seMax);
		expect(f?.z).toBeCloseTo(1.959963984540054, 14);
		expect(f?.pseudoCi[0]).toEqual({ se: 0, low: f?.center, high: f?.center });
		expect(f?.pseudoCi[1].low).toBeCloseTo(-0.714532 - 1.959963984540054 * seMax, 6);
		expect(f?.pseudoCi[1].high).toBeCloseTo(-0.714532 + 1.959963984540054 * seMax, 6);
	});

	it('centres on the common-effect estimate for FE and is null with no studies', () => {
		expect(funnelData(yi, vi, { method: 'FE' })?.center).toBeCloseTo(
			pool(yi, vi, { method: 'FE' })?.estimate ?? 0,
			14
		);
		expect(funnelData([], [], { method: 'FE' })).toBeNull();
	});
});

describe('funnelData with a centre given', () => {
	it('draws the same funnel around the estimate the caller already has', () => {
		const yi = [-0.5, -0.2, 0.1, -0.9];
		const vi = [0.04, 0.09, 0.02, 0.2];
		const fitted = funnelData(yi, vi, { method: 'REML' });
		const given = funnelData(yi, vi, { method: 'REML', center: fitted?.center });
		expect(given).toEqual(fitted);
	});
});
