import { describe, expect, it } from 'vitest';
import { pool } from '$lib/stats/meta';
import { estimateTau2, metaRegression } from '$lib/stats/regression';
import { bcgTrials } from './bcg';

const trials = bcgTrials();
const yi = trials.map((t) => t.yi);
const vi = trials.map((t) => t.vi);

describe('metaRegression: BCG on absolute latitude (metafor README: rma(yi, vi, mods = ~ ablat, test = "knha"))', () => {
	const X = trials.map((t) => [1, t.ablat]);
	// The README prints metafor's fit, which stops Fisher scoring once τ² moves by less than 1e-5 (τ² = 0.076355);
	// the converged optimum is τ² = 0.07634797 (root of the REML score equation, found independently with numpy + brentq), which
	// moves the 4th decimal of t and p. Reproduce metafor with its own stopping rule, then check the optimum.
	const r = metaRegression(yi, vi, X, { method: 'REML', hk: true, remlTolerance: 1e-5 });

	it('converges to the restricted-likelihood optimum with the default tolerance', () => {
		const exact = metaRegression(yi, vi, X, { method: 'REML', hk: true });
		expect(exact?.converged).toBe(true);
		expect(exact?.tau2).toBeCloseTo(0.07634796396, 9);
		expect(exact?.coefficients[1]?.estimate).toBeCloseTo(-0.0291, 4);
	});

	it('estimates τ² = 0.0764 and QE(11) = 30.7331', () => {
		expect(r?.tau2).toBeCloseTo(0.0764, 4);
		expect(r?.qe).toBeCloseTo(30.7331, 4);
		expect(r?.qeDf).toBe(11);
		expect(r?.qeP).toBeCloseTo(0.0012, 4);
		expect(r?.df).toBe(11);
	});

	it.each([
		[0, 0.2515, 0.2839, 0.8857, 0.3948, -0.3735, 0.8764],
		[1, -0.0291, 0.0082, -3.5483, 0.0046, -0.0472, -0.0111]
	])('coefficient %i: %f (SE %f, t %f, p %f, %f to %f)', (i, estimate, se, t, p, low, high) => {
		const c = r?.coefficients[i];
		expect(c?.estimate).toBeCloseTo(estimate, 4);
		expect(c?.se).toBeCloseTo(se, 4);
		expect(c?.statistic).toBeCloseTo(t, 4);
		expect(c?.pValue).toBeCloseTo(p, 4);
		expect(c?.ciLow).toBeCloseTo(low, 4);
		expect(c?.ciHigh).toBeCloseTo(high, 4);
	});

	it('gives I² = 68.39% from the typical variance', () => {
		const tau2 = r?.tau2 ?? NaN;
		const s2 = r?.typicalVariance ?? NaN;
		expect((100 * tau2) / (tau2 + s2)).toBeCloseTo(68.39, 2);
	});
});

describe('metaRegression: intercept-only is pooling', () => {
	it.each(['FE', 'DL', 'REML'] as const)('%s matches pool', (method) => {
		const r = metaRegression(
			yi,
			vi,
			yi.map(() => [1]),
			{ method }
		);
		const p = pool(yi, vi, { method });
		expect(r?.coefficients[0]?.estimate).toBeCloseTo(p?.estimate ?? NaN, 14);
		expect(r?.tau2).toBeCloseTo(p?.tau2 ?? NaN, 14);
	});

	it('returns null for collinear columns or fewer rows than columns', () => {
		expect(
			metaRegression(
				yi,
				vi,
				yi.map(() => [1, 2]),
				{ method: 'REML' }
			)
		).toBeNull();
		expect(metaRegression([0.1], [0.1], [[1, 3]], { method: 'FE' })).toBeNull();
	});
});

describe('estimateTau2', () => {
	it('converges from the Hedges start, clamps at 0 and is 0 when k ≤ p', () => {
		const ones = yi.map(() => [1]);
		const reml = estimateTau2(yi, vi, ones, 'REML');
		expect(reml.converged).toBe(true);
		expect(reml.iterations).toBeLessThanOrEqual(100);
		expect(reml.tau2).toBeCloseTo(0.313243, 6);
		expect(estimateTau2([0.1, 0.1, 0.1], [0.1, 0.2, 0.3], [[1], [1], [1]], 'REML')).toEqual({
			tau2: 0,
			metaforTau2: 0,
			converged: true,
			iterations: expect.any(Number),
			safeguard: null
		});
		expect(estimateTau2([0.3], [0.1], [[1]], 'REML').tau2).toBe(0);
		expect(estimateTau2(yi, vi, ones, 'FE').tau2).toBe(0);
	});
});
