import { describe, expect, it } from 'vitest';
import { excludesNull, leaveOneOut, pool, subgroupAnalysis, type PoolOptions } from '$lib/stats/meta';
import { bcgTrials } from './bcg';
import { expectRelClose, num, readFixture } from './helpers';

// Reference: /work/shared/data/meta-reference.md (R metafor 3.8-1 on dat.bcg, measure = "RR").
const trials = bcgTrials();
const yi = trials.map((t) => t.yi);
const vi = trials.map((t) => t.vi);

describe('BCG effect sizes from the 2×2 counts', () => {
	it.each([
		[1, -0.8893, 0.3256],
		[2, -1.5854, 0.1946],
		[3, -1.3481, 0.4154],
		[4, -1.4416, 0.02],
		[5, -0.2175, 0.0512],
		[6, -0.7861, 0.0069],
		[7, -1.6209, 0.223],
		[8, 0.012, 0.004],
		[9, -0.4694, 0.0564],
		[10, -1.3713, 0.073],
		[11, -0.3394, 0.0124],
		[12, 0.4459, 0.5325],
		[13, -0.0173, 0.0714]
	])('trial %i: yi %f, vi %f', (trial, y, v) => {
		const t = trials[trial - 1];
		expect(t?.trial).toBe(trial);
		expect(t?.yi).toBeCloseTo(y, 4);
		expect(t?.vi).toBeCloseTo(v, 4);
	});
});

interface PooledReference {
	name: string;
	options: PoolOptions;
	estimate: number;
	se: number;
	ciLow: number;
	ciHigh: number;
	tau2?: number;
	i2?: number;
	h2?: number;
	piLow?: number;
	piHigh?: number;
}

const POOLED: PooledReference[] = [
	{
		name: 'common effect',
		options: { method: 'FE' },
		estimate: -0.430285,
		se: 0.040499,
		ciLow: -0.509661,
		ciHigh: -0.350909,
		tau2: 0,
		i2: 92.1173,
		h2: 12.6861
	},
	{
		name: 'DerSimonian–Laird',
		options: { method: 'DL' },
		estimate: -0.714117,
		se: 0.178742,
		ciLow: -1.064445,
		ciHigh: -0.363789,
		tau2: 0.30876,
		i2: 92.1173,
		h2: 12.6861,
		piLow: -1.858154,
		piHigh: 0.429919
	},
	{
		name: 'REML',
		options: { method: 'REML' },
		estimate: -0.714532,
		se: 0.179782,
		ciLow: -1.066898,
		ciHigh: -0.362167,
		tau2: 0.313243,
		i2: 92.2214,
		h2: 12.8558,
		piLow: -1.866692,
		piHigh: 0.437628
	},
	{
		name: 'DL + Knapp–Hartung',
		options: { method: 'DL', hk: true },
		estimate: -0.714117,
		se: 0.180697,
		ciLow: -1.107821,
		ciHigh: -0.320413,
		piLow: -1.987207,
		piHigh: 0.558973
	},
	{
		name: 'REML + Knapp–Hartung',
		options: { method: 'REML', hk: true },
		estimate: -0.714532,
		se: 0.180792,
		ciLow: -1.108444,
		ciHigh: -0.320621,
		piLow: -1.996017,
		piHigh: 0.566952
	}
];

describe('pool: BCG trials against metafor', () => {
	it.each(POOLED)('$name', (ref) => {
		const r = pool(yi, vi, ref.options);
		expect(r).not.toBeNull();
		if (!r) return;
		expect(r.k).toBe(13);
		expect(r.converged).toBe(true);
		expect(r.estimate).toBeCloseTo(ref.estimate, 6);
		expect(r.se).toBeCloseTo(ref.se, 6);
		expect(r.ciLow).toBeCloseTo(ref.ciLow, 6);
		expect(r.ciHigh).toBeCloseTo(ref.ciHigh, 6);
		expectRelClose(r.estimate, ref.estimate, 5e-6);
		expectRelClose(r.se, ref.se, 5e-5);
		if (ref.tau2 !== undefined) expect(r.tau2).toBeCloseTo(ref.tau2, 6);
		if (ref.i2 !== undefined) expect(r.i2).toBeCloseTo(ref.i2, 4);
		if (ref.h2 !== undefined) expect(r.h2).toBeCloseTo(ref.h2, 4);
		if (ref.piLow !== undefined) expect(r.piLow).toBeCloseTo(ref.piLow, 6);
		if (ref.piHigh !== undefined) expect(r.piHigh).toBeCloseTo(ref.piHigh, 6);
		if (ref.piLow === undefined) expect(r.piLow).toBeNull();
		// Heterogeneity does not depend on the method: Q = 152.2330 on 12 df, p ≈ 2.0e-26.
		expect(r.q).toBeCloseTo(152.233, 4);
		expect(r.qDf).toBe(12);
		expectRelClose(r.qP, 2.0e-26, 0.025);
		// Exact closed form of the chi-square(12) tail: e^(−Q/2) Σ_{j<6} (Q/2)^j / j!.
		let term = 1;
		let sum = 1;
		for (let j = 1; j < 6; j++) {
			term *= r.q / 2 / j;
			sum += term;
		}
		expectRelClose(r.qP, Math.exp(-r.q / 2) * sum, 1e-12);
		expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 10);
		expect(r.hk).toBe(ref.options.hk ?? false);
		expect(r.df).toBe(ref.options.hk ? 12 : null);
		expect(r.tau).toBeCloseTo(Math.sqrt(r.tau2), 12);
	});

	it('converges REML to the root of the score equation', () => {
		// Root found independently (numpy + scipy brentq on yᵀPPy − tr P = 0): 0.31324325813648.
		expect(pool(yi, vi, { method: 'REML' })?.tau2).toBeCloseTo(0.31324325813648, 10);
	});

	it('reports the REML ratio RR 0.4894 (0.3441–0.6962)', () => {
		const r = pool(yi, vi, { method: 'REML' });
		expect(Math.exp(r?.estimate ?? NaN)).toBeCloseTo(0.4894, 4);
		expect(Math.exp(r?.ciLow ?? NaN)).toBeCloseTo(0.3441, 4);
		expect(Math.exp(r?.ciHigh ?? NaN)).toBeCloseTo(0.6962, 4);
	});

	it('uses the z test without Knapp–Hartung and t(12) with it', () => {
		const z = pool(yi, vi, { method: 'DL' });
		const t = pool(yi, vi, { method: 'DL', hk: true });
		expect(z?.zOrT).toBeCloseTo(-0.714117 / 0.178742, 3);
		expect(t?.zOrT).toBeCloseTo(-0.714117 / 0.180697, 3);
		expect(z && t && t.pValue > z.pValue).toBe(true);
	});

	it('weights studies by 1/(vi + τ²)', () => {
		const r = pool(yi, vi, { method: 'DL' });
		const w = vi.map((v) => 1 / (v + (r?.tau2 ?? 0)));
		const total = w.reduce((s, x) => s + x, 0);
		r?.weights.forEach((pct, i) => expect(pct).toBeCloseTo((100 * (w[i] ?? 0)) / total, 10));
	});

	it('computes a 90% interval when asked', () => {
		const r = pool(yi, vi, { method: 'FE', level: 0.9 });
		expect(r?.ciLow).toBeCloseTo(-0.430285 - 1.6448536269514722 * 0.040499, 5);
	});
});

describe('pool: edge cases', () => {
	it('returns null when there is nothing to pool', () => {
		expect(pool([], [], { method: 'REML' })).toBeNull();
		expect(pool([0.1, Number.NaN], [0.1, 0.2], { method: 'DL' })).toBeNull();
		expect(pool([0.1, 0.2], [0.1, 0], { method: 'DL' })).toBeNull();
	});

	it('throws on programming errors only', () => {
		expect(() => pool([0.1], [0.1, 0.2], { method: 'FE' })).toThrow(RangeError);
		expect(() => pool([0.1], [0.1], { method: 'FE', level: 95 })).toThrow(RangeError);
	});

	it('pools a single study as itself: τ² = 0, I² = 0, H² = 1, p(Q) = 1 (as metafor), no prediction interval', () => {
		for (const method of ['FE', 'DL', 'REML'] as const) {
			const r = pool([-0.5], [0.04], { method, hk: true });
			expect(r).toMatchObject({
				k: 1,
				estimate: -0.5,
				tau2: 0,
				q: 0,
				qDf: 0,
				qP: 1,
				i2: 0,
				h2: 1,
				piLow: null,
				piHigh: null,
				hk: false,
				hkDropped: true,
				df: null,
				weights: [100]
			});
			expect(r?.se).toBeCloseTo(0.2, 14);
			expect(r?.ciLow).toBeCloseTo(-0.5 - 1.959963984540054 * 0.2, 12);
		}
	});

	it('gives τ² = 0 and I² = 0 for homogeneous studies', () => {
		const r = pool([0.1, 0.1, 0.1], [0.01, 0.02, 0.04], { method: 'REML' });
		expect(r?.tau2).toBe(0);
		expect(r?.i2).toBe(0);
		expect(r?.h2).toBe(1);
		expect(r?.q).toBeCloseTo(0, 14);
		const fe = pool([0.1, 0.1], [0.01, 0.02], { method: 'FE' });
		expect(fe?.i2).toBe(0);
	});
});

describe('subgroupAnalysis: BCG by allocation (DerSimonian–Laird within each)', () => {
	const keys = ['random', 'alternate', 'systematic'];
	const groups = keys.map((key) => {
		const inGroup = trials.filter((t) => t.alloc === key);
		return { key, yi: inGroup.map((t) => t.yi), vi: inGroup.map((t) => t.vi) };
	});
	const analysis = subgroupAnalysis(groups, { method: 'DL' });

	it.each([
		['random', 7, -1.004161, -1.713878, -0.294445],
		['alternate', 2, -0.540793, -1.092722, 0.011136],
		['systematic', 4, -0.439347, -1.053478, 0.174784]
	])('%s: k %i, %f [%f, %f]', (key, k, estimate, low, high) => {
		const g = analysis.groups.find((x) => x.key === key);
		expect(g?.k).toBe(k);
		expect(g?.result?.estimate).toBeCloseTo(estimate, 6);
		expect(g?.result?.ciLow).toBeCloseTo(low, 6);
		expect(g?.result?.ciHigh).toBeCloseTo(high, 6);
	});

	it('tests for subgroup differences: Q = 1.5368, df 2, p = 0.4638', () => {
		expect(analysis.test?.q).toBeCloseTo(1.5368, 4);
		expect(analysis.test?.df).toBe(2);
		expect(analysis.test?.pValue).toBeCloseTo(0.4638, 4);
	});

	it('has no test with fewer than two pooled subgroups', () => {
		const one = subgroupAnalysis(
			[groups[0] ?? { key: 'x', yi: [], vi: [] }, { key: 'empty', yi: [], vi: [] }],
			{
				method: 'DL'
			}
		);
		expect(one.test).toBeNull();
		expect(one.groups[1]?.result).toBeNull();
	});
});

describe('leaveOneOut: BCG, REML', () => {
	const LOO: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
		[1, -0.7071, -1.0794, -0.3348, 0.3362, 93.2259],
		[2, -0.654, -1.0082, -0.2999, 0.2926, 92.254],
		[3, -0.6856, -1.0495, -0.3216, 0.3207, 92.9354],
		[4, -0.6284, -0.9746, -0.2822, 0.2628, 90.4125],
		[5, -0.7642, -1.1401, -0.3883, 0.3278, 92.7634],
		[6, -0.7109, -1.1034, -0.3184, 0.3596, 90.9118],
		[7, -0.6552, -1.009, -0.3015, 0.293, 92.2777],
		[8, -0.7948, -1.1473, -0.4422, 0.2732, 87.0314],
		[9, -0.7412, -1.1267, -0.3557, 0.3495, 93.2133],
		[10, -0.653, -1.0142, -0.2919, 0.2987, 92.2322],
		[11, -0.7579, -1.1416, -0.3741, 0.3405, 91.811],
		[12, -0.7598, -1.1167, -0.4029, 0.3082, 92.6782],
		[13, -0.7775, -1.1412, -0.4139, 0.3037, 92.3444]
	];
	const loo = leaveOneOut(yi, vi, { method: 'REML' });

	it('has one row per trial', () => {
		expect(loo.rows).toHaveLength(13);
		expect(loo.full?.estimate).toBeCloseTo(-0.714532, 6);
	});

	it.each(LOO)('without trial %i: %f [%f, %f], τ² %f, I² %f', (trial, estimate, low, high, tau2, i2) => {
		const row = loo.rows[trial - 1];
		expect(row?.omitted).toBe(trial - 1);
		expect(row?.estimate).toBeCloseTo(estimate, 4);
		expect(row?.ciLow).toBeCloseTo(low, 4);
		expect(row?.ciHigh).toBeCloseTo(high, 4);
		expect(row?.tau2).toBeCloseTo(tau2, 4);
		expect(row?.i2).toBeCloseTo(i2, 4);
		// Every interval excludes 0, as the full one does: no omission changes the conclusion.
		expect(row?.significant).toBe(true);
		expect(row?.changesConclusion).toBe(false);
	});

	it('flags an omission that flips significance', () => {
		// Two strong studies and one null study: dropping either strong one leaves a non-significant pair.
		const r = leaveOneOut([-0.8, -0.7, 0.05], [0.04, 0.05, 0.3], { method: 'FE' });
		expect(r.full && excludesNull(r.full)).toBe(true);
		expect(r.rows.map((x) => x.changesConclusion)).toEqual([false, false, false]);
		const flip = leaveOneOut([-0.5, 0.1], [0.01, 0.5], { method: 'FE' });
		expect(flip.rows.map((x) => x.changesConclusion)).toEqual([true, false]);
	});

	it('has no rows for fewer than two studies', () => {
		expect(leaveOneOut([0.2], [0.1], { method: 'REML' }).rows).toEqual([]);
		expect(leaveOneOut([], [], { method: 'REML' })).toEqual({ full: null, rows: [] });
	});
});

describe('pool: Raudenbush (1985) teacher-expectancy data, k = 19', () => {
	// yi, vi from metadat dat.raudenbush1985 (data-raw/dat.raudenbush1985.txt); see tests/fixtures/stats/README.md.
	const rows = readFixture('raudenbush1985.csv');
	const y = rows.map((r) => num(r, 'yi'));
	const v = rows.map((r) => num(r, 'vi'));

	it('has 19 rows', () => {
		expect(rows).toHaveLength(19);
	});

	it.each([
		['REML', 0.0188, 0.0837, 0.0516, -0.0175, 0.1849],
		['DL', 0.0259, 0.0893, 0.0558, -0.02, 0.1987]
	] as const)('%s: τ² %f, μ %f (SE %f), CI %f to %f', (method, tau2, mu, se, low, high) => {
		const r = pool(y, v, { method });
		expect(r?.tau2).toBeCloseTo(tau2, 4);
		expect(r?.estimate).toBeCloseTo(mu, 4);
		expect(r?.se).toBeCloseTo(se, 4);
		expect(r?.ciLow).toBeCloseTo(low, 4);
		expect(r?.ciHigh).toBeCloseTo(high, 4);
	});

	it('matches the common-effect fit and Q printed by metafor (3 decimals)', () => {
		// rma(yi, vi, method = "FE"): 0.060 (SE 0.036), CI −0.011 to 0.132; Q(df = 18) = 35.830, p = 0.007.
		const r = pool(y, v, { method: 'FE' });
		expect(r?.estimate).toBeCloseTo(0.06, 3);
		expect(r?.se).toBeCloseTo(0.036, 3);
		expect(r?.ciLow).toBeCloseTo(-0.011, 3);
		expect(r?.ciHigh).toBeCloseTo(0.132, 3);
		expect(r?.q).toBeCloseTo(35.83, 3);
		expect(r?.qDf).toBe(18);
		expect(r?.qP).toBeCloseTo(0.007, 3);
	});

	it('converges REML fully; metafor’s printed I² = 41.86% comes from its 1e-5 stopping rule', () => {
		// Score-equation root found independently (numpy + scipy brentq): τ² = 0.01881828814.
		const converged = pool(y, v, { method: 'REML' });
		expect(converged?.tau2).toBeCloseTo(0.01881828814, 9);
		expect(converged?.i2).toBeCloseTo(41.8467, 4);
		const metaforRule = pool(y, v, { method: 'REML', remlTolerance: 1e-5 });
		expect(metaforRule?.i2).toBeCloseTo(41.86, 2);
		expect(metaforRule?.tau2).toBeCloseTo(0.019, 3);
	});
});
