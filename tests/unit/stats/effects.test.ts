import { describe, expect, it } from 'vitest';
import { DEFAULT_CI_LEVEL, logEffect, logEffects } from '$lib/stats/effects';
import { leaveOneOut, pool, subgroupAnalysis } from '$lib/stats/meta';
import { egger } from '$lib/stats/bias';
import { bcgTrials } from './bcg';
import { expectRelClose, num, readFixture } from './helpers';
import { makeStudy } from './study';

const Z95 = 1.959963984540054;

describe('logEffect', () => {
	it('derives yi = ln(effect) and SE = (ln high − ln low) / (2·1.96) at 95%', () => {
		const r = logEffect(makeStudy({ id: 'a', effect: 0.5, ciLow: 0.25, ciHigh: 1, ciLevel: 0.95 }));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.id).toBe('a');
		expect(r.value.yi).toBeCloseTo(Math.log(0.5), 15);
		expect(r.value.sei).toBeCloseTo(Math.log(4) / (2 * Z95), 15);
		expect(r.value.vi).toBeCloseTo(r.value.sei ** 2, 15);
		expect(r.value).toMatchObject({ level: 0.95, levelAssumed: false });
	});

	it.each([
		[0.9, 1.6448536269514722],
		[0.99, 2.5758293035489004],
		[0.8, 1.2815515655446004]
	])('rescales a %s interval with z = %f', (level, z) => {
		const r = logEffect(makeStudy({ id: 'b', effect: 0.7, ciLow: 0.5, ciHigh: 0.98, ciLevel: level }));
		expect(r.ok && r.value.sei).toBeCloseTo((Math.log(0.98) - Math.log(0.5)) / (2 * z), 14);
	});

	it('assumes 95% when the level is not stated and says so', () => {
		const r = logEffect(makeStudy({ id: 'c', ciLevel: null }));
		expect(r.ok && r.value).toMatchObject({ level: DEFAULT_CI_LEVEL, levelAssumed: true });
	});

	it.each([
		['noEstimate', { effect: null }, 'no effect estimate'],
		['estimateNotPositive', { effect: 0, ciLow: 0, ciHigh: 1 }, 'not a positive number'],
		['estimateNotPositive', { effect: -0.3 }, 'not a positive number'],
		['noInterval', { ciLow: null, ciHigh: null }, 'shown but not pooled'],
		['noInterval', { ciHigh: null }, 'shown but not pooled'],
		['degenerateInterval', { effect: 0.8, ciLow: 0.8, ciHigh: 0.8 }, 'no width'],
		['degenerateInterval', { effect: 0.8, ciLow: 0, ciHigh: 1.2 }, 'no width'],
		['degenerateInterval', { effect: 0.8, ciLow: 1.2, ciHigh: 0.7 }, 'no width'],
		['estimateOutsideInterval', { effect: 1.5, ciLow: 0.6, ciHigh: 1.2 }, 'outside its interval'],
		['invalidLevel', { ciLevel: 95 }, 'not a fraction']
	] as const)('refuses %s with a sentence', (code, overrides, phrase) => {
		const r = logEffect(makeStudy({ id: 'x', label: 'Khan 2002', ...overrides }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.code).toBe(code);
		expect(r.reason).toContain('Khan 2002');
		expect(r.reason).toContain(phrase);
	});

	it('splits studies into pooled and excluded in input order', () => {
		const r = logEffects([
			makeStudy({ id: 'a' }),
			makeStudy({ id: 'b', ciLow: null, ciHigh: null }),
			makeStudy({ id: 'c', effect: null })
		]);
		expect(r.pooled.map((e) => e.id)).toEqual(['a']);
		expect(r.excluded.map((e) => [e.id, e.code])).toEqual([
			['b', 'noInterval'],
			['c', 'noEstimate']
		]);
	});
});

describe('end to end: dashboard-style ratio rows (bcg-ratio.csv) → logEffect → pool', () => {
	const rows = readFixture('bcg-ratio.csv');
	const studies = rows.map((row, i) =>
		makeStudy({
			id: row.id ?? '',
			label: row.label ?? '',
			row: i + 1,
			year: num(row, 'year'),
			design: row.design ?? null,
			nTotal: num(row, 'n_total'),
			effect: num(row, 'effect'),
			ciLow: num(row, 'ci_low'),
			ciHigh: num(row, 'ci_high'),
			ciLevel: num(row, 'ci_level'),
			effectMeasure: row.effect_measure === 'RR' ? 'RR' : 'HR',
			adjusted: false
		})
	);
	const { pooled, excluded } = logEffects(studies);
	const yi = pooled.map((e) => e.yi);
	const vi = pooled.map((e) => e.vi);

	it('matches the 2×2 counts to the 12 printed digits', () => {
		const trials = bcgTrials();
		expect(rows).toHaveLength(13);
		expect(excluded).toEqual([]);
		rows.forEach((row, i) => {
			const t = trials[i];
			expect(row.id).toBe(`bcg-${String(t?.trial).padStart(2, '0')}`);
			expect(row.design).toBe(t?.alloc);
			expectRelClose(num(row, 'effect'), Math.exp(t?.yi ?? NaN), 1e-11);
			expectRelClose(num(row, 'ci_low'), Math.exp((t?.yi ?? NaN) - Z95 * Math.sqrt(t?.vi ?? NaN)), 1e-11);
			expectRelClose(num(row, 'ci_high'), Math.exp((t?.yi ?? NaN) + Z95 * Math.sqrt(t?.vi ?? NaN)), 1e-11);
			expectRelClose(pooled[i]?.yi, t?.yi ?? NaN, 1e-9);
			expectRelClose(pooled[i]?.vi, t?.vi ?? NaN, 1e-9);
		});
	});

	it('reproduces metafor REML to 4 significant digits', () => {
		const r = pool(yi, vi, { method: 'REML' });
		expectRelClose(r?.estimate, -0.714532, 5e-5);
		expectRelClose(r?.se, 0.179782, 5e-5);
		expectRelClose(r?.ciLow, -1.066898, 5e-5);
		expectRelClose(r?.ciHigh, -0.362167, 5e-5);
		expectRelClose(r?.tau2, 0.313243, 5e-5);
		expectRelClose(r?.i2, 92.2214, 5e-5);
		expectRelClose(r?.h2, 12.8558, 5e-5);
		expectRelClose(r?.q, 152.233, 5e-5);
		expectRelClose(r?.piLow, -1.866692, 5e-5);
		expectRelClose(r?.piHigh, 0.437628, 5e-5);
		expect(Math.exp(r?.estimate ?? NaN)).toBeCloseTo(0.4894, 4);
		expect(Math.exp(r?.ciLow ?? NaN)).toBeCloseTo(0.3441, 4);
		expect(Math.exp(r?.ciHigh ?? NaN)).toBeCloseTo(0.6962, 4);
	});

	it('reproduces DL, Knapp–Hartung, subgroups, leave-one-out and Egger from the ratio rows too', () => {
		expectRelClose(pool(yi, vi, { method: 'DL' })?.estimate, -0.714117, 5e-5);
		expectRelClose(pool(yi, vi, { method: 'REML', hk: true })?.ciLow, -1.108444, 5e-5);
		const groups = ['random', 'alternate', 'systematic'].map((key) => {
			const keep = studies.map((s) => s.design === key);
			return { key, yi: yi.filter((_, i) => keep[i]), vi: vi.filter((_, i) => keep[i]) };
		});
		const sub = subgroupAnalysis(groups, { method: 'DL' });
		expectRelClose(sub.groups[0]?.result?.estimate, -1.004161, 5e-5);
		expectRelClose(sub.test?.q, 1.5368, 5e-5);
		expectRelClose(leaveOneOut(yi, vi, { method: 'REML' }).rows[7]?.estimate, -0.7948, 5e-5);
		const e = egger(yi, vi);
		expectRelClose(e?.classic.statistic, -1.4013, 5e-5);
		expectRelClose(e?.mixed.statistic, -0.8033, 5e-5);
	});
});
