import { describe, expect, it } from 'vitest';
import {
	chiSquareCdf,
	chiSquareUpperTail,
	fUpperTail,
	logGamma,
	normalCdf,
	normalQuantile,
	normalTwoSidedP,
	normalUpperTail,
	regularizedBeta,
	tCdf,
	tQuantile,
	tTwoSidedP,
	tUpperTail
} from '$lib/stats/distributions';
import { expectRelClose } from './helpers';

// Reference values computed with mpmath at 40 significant digits (ncdf, betainc, gammainc, loggamma), except
// where noted; the tolerance is relative.
const TOL = 1e-12;

describe('normalCdf', () => {
	it.each([
		[-37.5, 4.605353009581955e-308],
		[-10, 7.619853024160525e-24],
		[-5, 2.866515718791939e-7],
		[-1.959963984540054, 0.025000000000000012],
		[-1, 0.15865525393145705],
		[-0.1, 0.460172162722971],
		[0, 0.5],
		[0.5, 0.6914624612740131],
		[1, 0.8413447460685429],
		[1.96, 0.9750021048517795],
		[3, 0.9986501019683699],
		[8, 0.9999999999999993]
	])('Φ(%s) = %s', (x, p) => {
		expectRelClose(normalCdf(x), p, TOL);
		expectRelClose(normalUpperTail(-x), p, TOL);
	});

	it('handles infinities and NaN', () => {
		expect(normalCdf(-Infinity)).toBe(0);
		expect(normalCdf(Infinity)).toBe(1);
		expect(normalCdf(Number.NaN)).toBeNaN();
		expectRelClose(normalTwoSidedP(-1.959963984540054), 0.05, TOL);
	});
});

describe('normalQuantile', () => {
	it.each([
		[1e-300, -37.0470962993612],
		[1e-20, -9.262340089798407],
		[1e-10, -6.361340902404057],
		[0.001, -3.0902323061678136],
		[0.025, -1.9599639845400543],
		[0.2, -0.8416212335729142],
		[0.7, 0.5244005127080408],
		[0.95, 1.6448536269514726],
		[0.975, 1.959963984540054],
		[0.995, 2.575829303548901],
		// 0.999999 as a double is 1 − 0.0000010000000000287557, hence not the decimal's quantile.
		[0.999999, 4.753424308817088]
	])('Φ⁻¹(%s) = %s', (p, x) => {
		expectRelClose(normalQuantile(p), x, TOL);
	});

	it('has exact edges', () => {
		expect(normalQuantile(0.5)).toBe(0);
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1)).toBe(Infinity);
		expect(normalQuantile(1.2)).toBeNaN();
		expect(normalQuantile(-0.1)).toBeNaN();
	});

	it('inverts the normal tail across the range', () => {
		for (let x = 0.01; x <= 37; x *= 1.3) {
			expectRelClose(normalQuantile(normalUpperTail(x)), -x, 1e-13);
			expectRelClose(normalQuantile(normalCdf(-x)), -x, 1e-13);
		}
	});
});

describe('tCdf', () => {
	it.each([
		[-40, 1, 0.007956089912025814],
		[-3, 3, 0.028834442811218653],
		[2, 5, 0.9490302605850708],
		[-2.5, 7, 0.020496109292876447],
		[1.5, 12, 0.9202712482433965],
		[-6, 12, 0.000031083694324292824],
		[0.3, 30, 0.6168769473578236],
		[-12, 4, 0.00013821427425148649],
		[2.1, 200, 0.9815086814095805],
		[-1e-8, 5, 0.4999999962039331],
		[-20, 30, 3.3745418328856433e-19],
		[3, 2.5, 0.9637119522254841],
		[-4, 0.5, 0.15961004149433577]
	])('P(T ≤ %s; df %s) = %s', (t, df, p) => {
		expectRelClose(tCdf(t, df), p, TOL);
		expectRelClose(tUpperTail(-t, df), p, TOL);
	});

	it('matches the closed forms for 1 and 2 degrees of freedom', () => {
		// Lower-tail forms without cancellation: atan(1/|t|)/π and 1/(s(s+|t|)) with s = √(2+t²).
		for (const t of [-5000, -50, -3, -0.4]) {
			const s = Math.sqrt(2 + t * t);
			expectRelClose(tCdf(t, 1), Math.atan(-1 / t) / Math.PI, 1e-13);
			expectRelClose(tCdf(t, 2), 1 / (s * (s - t)), 1e-13);
		}
	});

	it('tends to the normal and handles edges', () => {
		expectRelClose(tCdf(1.3, Infinity), normalCdf(1.3), TOL);
		expectRelClose(tCdf(1.3, 1e7), normalCdf(1.3), 1e-7);
		expect(tCdf(0, 4)).toBe(0.5);
		expect(tCdf(-Infinity, 4)).toBe(0);
		expect(tCdf(Infinity, 4)).toBe(1);
		expect(tCdf(1, 0)).toBeNaN();
		expectRelClose(tTwoSidedP(2.178812829667228, 12), 0.05, 1e-12);
	});
});

describe('tQuantile', () => {
	it.each([
		[0.975, 12, 2.178812829667228],
		[0.975, 11, 2.2009851600916397],
		[0.975, 3, 3.1824463052837095],
		[0.975, 4, 2.7764451051977943],
		[0.975, 30, 2.042272456301238],
		[0.995, 5, 4.032142983555228],
		[0.9, 1, 3.0776835371752536],
		[0.975, 2, 4.302652729749464],
		[1e-10, 5, -156.82559270889433],
		[1e-10, 3, -2225.7692846830932],
		[0.6, 7, 0.26316686135202283],
		[0.975, 100, 1.9839715185235522],
		[0.975, 1000, 1.9623390808264085],
		[0.975, 2.5, 3.574654842003683],
		[0.025, 0.7, -36.6114150315887],
		[1e-6, 1.5, -5219.469324706945]
	])('t⁻¹(%s; df %s) = %s', (p, df, t) => {
		expectRelClose(tQuantile(p, df), t, TOL);
	});

	it('inverts tCdf and has exact edges', () => {
		for (const df of [1, 2, 3, 4.5, 9, 12, 60])
			for (const p of [1e-8, 0.001, 0.03, 0.31, 0.5, 0.77, 0.975, 0.9999])
				expectRelClose(tCdf(tQuantile(p, df), df), p, 1e-11);
		expect(tQuantile(0.5, 7)).toBe(0);
		expect(tQuantile(0, 7)).toBe(-Infinity);
		expect(tQuantile(1, 7)).toBe(Infinity);
		expect(tQuantile(0.5, -1)).toBeNaN();
		expectRelClose(tQuantile(0.975, Infinity), 1.959963984540054, TOL);
	});
});

describe('chi-square', () => {
	it.each([
		[152.233, 12, 1.0, 1.9967721373353064e-26],
		[1.5368, 2, 0.5362455178065364, 0.46375448219346355],
		[3.841458820694124, 1, 0.95, 0.05000000000000006],
		[35.83, 18, 0.9925816984729097, 0.007418301527090335],
		[0.5, 3, 0.08110858834532414, 0.9188914116546758],
		[10, 4, 0.9595723180054871, 0.040427681994512805],
		[100, 50, 0.9999654506861702, 0.00003454931382984864],
		[0.001, 1, 0.025227120630039613, 0.9747728793699604],
		[200, 150, 0.9960268140291784, 0.003973185970821611],
		[5, 0.5, 0.99078625152046, 0.009213748479540033],
		[1e-5, 2, 0.000004999987500020834, 0.9999950000125],
		[700, 500, 0.9999999922710079, 7.728992111216652e-9]
	])('χ²(%s; df %s): cdf %s, upper %s', (x, df, lower, upper) => {
		expectRelClose(chiSquareCdf(x, df), lower, TOL);
		expectRelClose(chiSquareUpperTail(x, df), upper, 1e-11);
	});

	it('matches the closed form for even degrees of freedom', () => {
		// P(χ²_2m > x) = e^(−x/2) Σ_{j<m} (x/2)^j / j!
		for (const [x, m] of [
			[152.233, 6],
			[3, 1],
			[40, 10]
		] as const) {
			let term = 1;
			let sum = 1;
			for (let j = 1; j < m; j++) {
				term *= x / 2 / j;
				sum += term;
			}
			expectRelClose(chiSquareUpperTail(x, 2 * m), Math.exp(-x / 2) * sum, 1e-12);
		}
	});

	it('has exact edges', () => {
		expect(chiSquareCdf(0, 3)).toBe(0);
		expect(chiSquareUpperTail(-1, 3)).toBe(1);
		expect(chiSquareCdf(Infinity, 3)).toBe(1);
		expect(chiSquareCdf(1, 0)).toBeNaN();
	});
});

describe('special functions', () => {
	it.each([
		[0.5, 0.5723649429247001],
		[1, 0],
		[1.5, -0.12078223763524522],
		[3.3, 0.9870985778947344],
		[10, 12.801827480081469],
		[100.5, 361.4355404677776],
		[1e-8, 18.42068073818021],
		[1234.5, 7550.550901077895]
	])('logGamma(%s) = %s', (x, value) => {
		// Absolute error: the value crosses zero near 1 and 2.
		expect(Math.abs(logGamma(x) - value)).toBeLessThan(1e-14 * Math.max(1, Math.abs(value)));
	});

	it('regularizedBeta matches I_x(1, b) = 1 − (1 − x)^b and symmetry', () => {
		expectRelClose(regularizedBeta(0.3, 1, 4), 1 - 0.7 ** 4, 1e-14);
		expectRelClose(regularizedBeta(0.8, 2.5, 3.5), 1 - regularizedBeta(0.2, 3.5, 2.5), 1e-14);
		expect(regularizedBeta(0, 2, 3)).toBe(0);
		expect(regularizedBeta(1, 2, 3)).toBe(1);
	});
});

describe('fUpperTail', () => {
	// R 4.2: pf(f, df1, df2, lower.tail = FALSE), printed with %.15g.
	it.each([
		[2.5, 3, 10, 0.119039562658278],
		[0.5, 1, 1, 0.608173447969393],
		[30, 2, 200, 4.03333940449213e-12],
		[1e-3, 5, 7, 0.999999852300231]
	])('P(F(%f; %i, %i) > f) = %f', (f, df1, df2, p) => {
		expectRelClose(fUpperTail(f, df1, df2), p, 1e-11);
	});

	it('is 1 at f ≤ 0 and NaN for invalid degrees of freedom', () => {
		expect(fUpperTail(0, 2, 3)).toBe(1);
		expect(fUpperTail(1, 0, 3)).toBeNaN();
	});
});
