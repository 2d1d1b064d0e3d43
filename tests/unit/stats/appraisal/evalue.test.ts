import { describe, expect, it } from 'vitest';
import {
	biasFactor,
	evalueHr,
	evalueOf,
	evalueRr,
	hrAfterConfounding,
	hrToRr,
	rrToHr
} from '$lib/stats/appraisal/evalue';
import { expectRelClose } from '../helpers';

// Closed forms (VanderWeele & Ding 2017): E = RR + √(RR(RR − 1)), RR < 1 inverted first; an HR with a common outcome
// converted by RR = (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)); the CI limit nearest 1 (1 when the interval includes 1).
// Expected values computed independently (Python, math module), and the paper's worked example (RR 3.9, CI 1.8–8.7:
// E-values 7.26 and 3.0).
describe('E-values against the published closed forms', () => {
	it.each([
		// rr, E
		[3.9, 7.263034],
		[1.8, 3.0],
		[1 / 3.9, 7.263034],
		[1, 1],
		[2, 3.414214]
	])('E(RR = %f) = %f', (rr, e) => {
		expectRelClose(evalueRr(rr), e, 1e-6);
	});

	it.each([
		// hr, lo, hi, rare, E point, E ci, case
		[0.622, 0.573, 0.676, false, 2.1230885189990842, 1.9499536807972082, 'HR < 1, common outcome'],
		[0.622, 0.573, 0.676, true, 2.596168884176167, 2.321316536731225, 'HR < 1, rare outcome'],
		[1.5, 1.2, 1.9, false, 1.9785413868880748, 1.5255309175787344, 'HR > 1, common outcome'],
		[1.5, 1.2, 1.9, true, 2.3660254037844384, 1.6898979485566354, 'HR > 1, rare outcome'],
		[0.891, 0.725, 1.095, false, 1.3836102771820802, 1, 'CI crossing 1 (common)'],
		[0.891, 0.725, 1.095, true, 1.4928748376929108, 1, 'CI crossing 1 (rare)'],
		[0.5, 0.4, 0.6, false, 2.6064092655308877, 2.199622395659878, 'HR 0.5, common']
	])('HR %f (%f–%f), rare %s → %f, CI %f (%s)', (hr, lo, hi, rare, point, ci) => {
		const e = evalueHr(hr, lo, hi, rare);
		expectRelClose(e.point, point, 1e-9);
		expectRelClose(e.ci, ci, 1e-9);
	});

	it('the common-outcome conversion is symmetric: RR(1/HR) = 1/RR(HR), RR(1) = 1', () => {
		expectRelClose(hrToRr(1 / 0.6) * hrToRr(0.6), 1, 1e-12);
		expect(hrToRr(1)).toBe(1);
		expectRelClose(rrToHr(hrToRr(0.622)), 0.622, 1e-9);
	});

	it('other measures: an RR as it is, an OR by √OR when common', () => {
		expectRelClose(evalueOf('RR', 0.5, 0.4, 0.6).point, evalueRr(0.5), 1e-12);
		expectRelClose(evalueOf('OR', 0.25, 0.16, 0.36).point, evalueRr(0.5), 1e-12);
		expectRelClose(evalueOf('OR', 0.25, 0.16, 0.36, true).ci, evalueRr(0.36), 1e-12);
	});
});

describe('bias factor', () => {
	it.each([
		[1, 1],
		[2, 4 / 3],
		[3, 9 / 5]
	])('B(%f) = %f (x²/(2x − 1))', (x, b) => {
		expectRelClose(biasFactor(x), b, 1e-12);
	});

	it('a confounder as strong as the E-value moves the HR exactly to 1, a weaker one part of the way', () => {
		const e = evalueHr(0.622, 0.573, 0.676).point;
		expectRelClose(hrAfterConfounding(0.622, e), 1, 1e-9);
		const moved = hrAfterConfounding(0.622, 1.5);
		// RR(0.622) × B(1.5) = 0.72017 × 1.125 = 0.81019, back to the HR scale.
		expectRelClose(hrToRr(moved), hrToRr(0.622) * 1.125, 1e-9);
		expect(moved).toBeGreaterThan(0.622);
		expect(hrAfterConfounding(0.622, 10)).toBe(1);
		expect(hrAfterConfounding(0.622, 1)).toBeCloseTo(0.622, 9);
		expect(hrAfterConfounding(1.5, 1.5, true)).toBeCloseTo(1.5 / 1.125, 12);
	});
});
