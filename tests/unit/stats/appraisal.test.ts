import { describe, expect, it } from 'vitest';
import { heterogeneityIntervals } from '$lib/stats/heterogeneity';
import { mantelHaenszel, type MhMeasure } from '$lib/stats/mantelHaenszel';
import type { Tau2Method } from '$lib/stats/regression';
import { yearRegression, yearRegressionLine } from '$lib/stats/trend';
import { trimAndFill, type TrimFillEstimator } from '$lib/stats/trimfill';
import { expectRelClose, num, readFixture } from './helpers';

// Issue 22 items 5 and 6 against R metafor 3.8-1: tests/fixtures/stats/appraisal.R wrote appraisal-data.csv
// (dat.bcg, dat.hackshaw1998, the bundled studies one report per study, dat.nielweise2007, dat.egger2001) and
// appraisal.csv (metafor's values, REML and confint() converged tightly). Agreement to 1e-6 (relative, or
// absolute near 0).

const data = readFixture('appraisal-data.csv');
const reference = readFixture('appraisal.csv');

function rowsOf(dataset: string, design?: string) {
	return data.filter((r) => r.dataset === dataset && (design === undefined || r.design === design));
}
function effects(dataset: string, design?: string) {
	const rows = rowsOf(dataset, design);
	return {
		yi: rows.map((r) => num(r, 'yi')),
		vi: rows.map((r) => num(r, 'vi')),
		year: rows.map((r) => num(r, 'year'))
	};
}
function values(dataset: string, analysis: string, method: string, hk = false): Map<string, number> {
	const found = reference.filter(
		(r) =>
			r.dataset === dataset && r.analysis === analysis && r.method === method && r.hk === (hk ? '1' : '0')
	);
	expect(found.length, `${dataset} ${analysis} ${method}`).toBeGreaterThan(0);
	return new Map(found.map((r) => [r.name ?? '', num(r, 'value')]));
}
/** Relative 1e-6, or absolute 1e-6 when metafor's value is below 1 in magnitude. */
function close(actual: number | null | undefined, expected: number | undefined, tol = 1e-6): void {
	expect(expected).toBeTypeOf('number');
	const e = expected as number;
	if (Math.abs(e) < 1) expect(Math.abs((actual ?? NaN) - e), `${actual} vs ${e}`).toBeLessThanOrEqual(tol);
	else expectRelClose(actual, e, tol);
}

const METHODS: Tau2Method[] = ['REML', 'DL', 'FE'];
const YEAR_SETS: [string, string | undefined][] = [
	['bcg', undefined],
	['hackshaw1998', undefined],
	['bundled', undefined],
	...['rct', 'registry', 'single-institution', 'multi-institution'].map((d): [string, string] => [
		'bundled',
		d
	])
];

describe('yearRegression = rma(yi, vi, mods = ~ year)', () => {
	it('reads the 41-row bundled data as 21 poolable reports, one per study', () => {
		expect(rowsOf('bundled')).toHaveLength(21);
		expect(rowsOf('bundled', 'rct')).toHaveLength(4);
	});

	const cases = YEAR_SETS.flatMap(([dataset, design]) =>
		METHODS.flatMap((method) =>
			[false, true].map((hk) => ({
				name: `${dataset}${design ? `:${design}` : ''} ${method}${hk ? ' + knha' : ''}`,
				dataset,
				design,
				method,
				hk
			}))
		)
	);
	it.each(cases)('$name', ({ dataset, design, method, hk }) => {
		const { yi, vi, year } = effects(dataset, design);
		const ref = values(dataset, design ? `year:${design}` : 'year', method, hk);
		const r = yearRegression(yi, vi, year, { method, hk });
		expect(r?.k).toBe(ref.get('k'));
		close(r?.slope.estimate, ref.get('slope'));
		close(r?.slope.se, ref.get('slope_se'));
		close(r?.slope.statistic, ref.get('slope_stat'));
		close(r?.slope.pValue, ref.get('slope_p'));
		close(r?.slope.ciLow, ref.get('slope_ci_low'));
		close(r?.slope.ciHigh, ref.get('slope_ci_high'));
		close(r?.intercept.estimate, ref.get('intercept'));
		close(r?.intercept.se, ref.get('intercept_se'));
		close(r?.intercept.pValue, ref.get('intercept_p'));
		close(r?.intercept.ciLow, ref.get('intercept_ci_low'));
		close(r?.qm.statistic, ref.get('qm'));
		close(r?.qm.pValue, ref.get('qm_p'));
		close(r?.tau2, ref.get('tau2'));
		close(r?.qe, ref.get('qe'));
		close(r?.qeP, ref.get('qe_p'));
		if (method !== 'FE') close(r?.i2, ref.get('i2'));
		expect(r?.hk).toBe(hk);
	});

	it('draws the line and band as intercept + slope·year with the coefficients’ covariance', () => {
		const { yi, vi, year } = effects('bcg');
		const r = yearRegression(yi, vi, year, { method: 'REML' });
		if (!r) throw new Error('no fit');
		const [at1948, at1980] = yearRegressionLine(r, [1948, 1980]);
		expect(at1948?.estimate).toBeCloseTo(r.intercept.estimate + 1948 * r.slope.estimate, 10);
		expect(at1980!.ciHigh - at1980!.estimate).toBeCloseTo(at1980!.estimate - at1980!.ciLow, 10);
		// At year 0 the band is the intercept's interval.
		const [at0] = yearRegressionLine(r, [0]);
		expect(at0?.ciLow).toBeCloseTo(r.intercept.ciLow, 6);
	});

	it('is null without residual degrees of freedom or with a single year', () => {
		expect(yearRegression([0.1, 0.2], [0.1, 0.1], [2000, 2001], { method: 'REML' })).toBeNull();
		expect(
			yearRegression([0.1, 0.2, 0.3], [0.1, 0.1, 0.1], [2000, 2000, 2000], { method: 'REML' })
		).toBeNull();
	});
});

describe('heterogeneityIntervals = confint(rma(yi, vi)) (Q-profile)', () => {
	it.each(
		['bcg', 'hackshaw1998', 'bundled'].flatMap((dataset) =>
			(['REML', 'DL'] as const).map((method) => ({ dataset, method }))
		)
	)('$dataset $method', ({ dataset, method }) => {
		const { yi, vi } = effects(dataset);
		const ref = values(dataset, 'confint', method);
		const r = heterogeneityIntervals(yi, vi, { method });
		expect(r?.k).toBe(ref.get('k'));
		close(r?.tau2.estimate, ref.get('tau2'));
		close(r?.tau2.ciLow, ref.get('tau2_low'));
		close(r?.tau2.ciHigh, ref.get('tau2_high'));
		close(r?.tau.ciLow, ref.get('tau_low'));
		close(r?.tau.ciHigh, ref.get('tau_high'));
		close(r?.i2.estimate, ref.get('i2'));
		close(r?.i2.ciLow, ref.get('i2_low'));
		close(r?.i2.ciHigh, ref.get('i2_high'));
		close(r?.h2.estimate, ref.get('h2'));
		close(r?.h2.ciLow, ref.get('h2_low'));
		close(r?.h2.ciHigh, ref.get('h2_high'));
	});

	it('is null for FE and k = 1; both limits 0 when Q(0) is below the lower quantile', () => {
		const { yi, vi } = effects('bcg');
		expect(heterogeneityIntervals(yi, vi, { method: 'FE' })).toBeNull();
		expect(heterogeneityIntervals([0.1], [0.1], { method: 'REML' })).toBeNull();
		const flat = heterogeneityIntervals([0.1, 0.1, 0.1], [0.1, 0.2, 0.3], { method: 'REML' });
		expect(flat).toMatchObject({ empty: true, tau2: { estimate: 0, ciLow: 0, ciHigh: 0 } });
	});
});

describe('trimAndFill = trimfill(rma(yi, vi), estimator)', () => {
	const cases = ['bcg', 'hackshaw1998', 'bundled'].flatMap((dataset) =>
		METHODS.flatMap((method) =>
			(['L0', 'R0'] as TrimFillEstimator[]).map((estimator) => ({ dataset, method, estimator }))
		)
	);
	it.each(cases)('$dataset $method $estimator', ({ dataset, method, estimator }) => {
		const { yi, vi } = effects(dataset);
		const ref = values(dataset, `trimfill_${estimator}`, method);
		const r = trimAndFill(yi, vi, { method, estimator });
		expect(r?.k0).toBe(ref.get('k0'));
		expect(r?.filled).toHaveLength(ref.get('k0') ?? NaN);
		expect(r?.side).toBe(ref.get('side') === -1 ? 'left' : 'right');
		close(r?.k0Se, ref.get('k0_se'));
		expect(r?.adjusted.k).toBe(ref.get('k'));
		close(r?.adjusted.estimate, ref.get('estimate'));
		close(r?.adjusted.se, ref.get('se'));
		close(r?.adjusted.ciLow, ref.get('ci_low'));
		close(r?.adjusted.ciHigh, ref.get('ci_high'));
		close(r?.adjusted.tau2, ref.get('tau2'));
		r?.filled.forEach((f, j) => {
			close(f.yi, ref.get(`filled_yi_${j + 1}`));
			close(f.vi, ref.get(`filled_vi_${j + 1}`));
		});
	});

	it('fills some data sets and not others (the fixture exercises both)', () => {
		const k0s = reference
			.filter((r) => r.analysis?.startsWith('trimfill') && r.name === 'k0')
			.map((r) => num(r, 'value'));
		expect(k0s.some((k) => k === 0)).toBe(true);
		expect(k0s.some((k) => k > 0)).toBe(true);
	});
});

describe('mantelHaenszel = rma.mh(ai, bi, ci, di, measure)', () => {
	const cases = ['bcg', 'nielweise2007', 'egger2001'].flatMap((dataset) =>
		(['RR', 'OR'] as MhMeasure[]).map((measure) => ({ dataset, measure }))
	);
	it.each(cases)('$dataset $measure', ({ dataset, measure }) => {
		const tables = rowsOf(dataset).map((r) => ({
			ai: num(r, 'ai'),
			bi: num(r, 'bi'),
			ci: num(r, 'ci'),
			di: num(r, 'di')
		}));
		const ref = values(dataset, 'mh', measure);
		const r = mantelHaenszel(tables, measure);
		expect(r?.k).toBe(ref.get('k'));
		expect(r?.kTest).toBe(ref.get('k_test'));
		close(r?.estimate, ref.get('estimate'));
		close(r?.se, ref.get('se'));
		close(r?.ciLow, ref.get('ci_low'));
		close(r?.ciHigh, ref.get('ci_high'));
		close(r?.z, ref.get('z'));
		close(r?.pValue, ref.get('p'));
		close(r?.q, ref.get('q'));
		close(r?.qP, ref.get('q_p'));
		close(r?.i2, ref.get('i2'));
		close(r?.h2, ref.get('h2'));
	});
});
