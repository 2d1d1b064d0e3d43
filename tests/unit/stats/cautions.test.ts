import { describe, expect, it } from 'vitest';
import { moderatorTest, pool } from '$lib/stats/meta';
import { METAFOR_THRESHOLD, remlLogLikelihood } from '$lib/stats/regression';
import { poolingWarnings, remlWarnings, varianceRatioWarnings } from '$lib/stats/warnings';
import { expectRelClose, num, readFixture } from './helpers';
import { makeStudy } from './study';

// Issue 17 item 7: statistics that caution only when it is true. References: tests/fixtures/stats/cautions.R
// (R 4.2, metafor 3.8-1), which wrote cautions-data.csv (inputs) and cautions.csv (metafor's answers).

interface Case {
	name: string;
	yi: number[];
	vi: number[];
	group: string[];
	ref: Record<string, string>;
}

const data = readFixture('cautions-data.csv');
const CASES: Case[] = readFixture('cautions.csv').map((ref) => {
	const rows = data.filter((r) => r.case === ref.case);
	return {
		name: ref.case ?? '',
		yi: rows.map((r) => num(r, 'yi')),
		vi: rows.map((r) => num(r, 'vi')),
		group: rows.map((r) => r.group ?? ''),
		ref
	};
});
const byName = (name: string): Case => {
	const c = CASES.find((x) => x.name === name);
	if (!c) throw new Error(`no case ${name}`);
	return c;
};
const cautionsOf = (fit: Parameters<typeof remlWarnings>[0][number]['fit']) =>
	remlWarnings([{ analysis: 'Analysis', fit }]);

describe('the single-institution subgroup of the default page (issue 17)', () => {
	const { yi, vi, ref } = byName('single');
	const r = pool(yi, vi, { method: 'REML' });

	it('gives metafor’s τ² (1.4e-6, zero to metafor’s own threshold) with no caution, as metafor warns of nothing', () => {
		expect(ref.warning).toBe('none');
		expect(num(ref, 'tau2')).toBeCloseTo(1.39390815484127e-6, 18);
		expect(r?.safeguard).toBeNull();
		expect(r?.converged).toBe(true);
		// metafor stops once τ² moves by less than 1e-5; both fits are τ² = 0 to that precision, and metafor with a
		// tight threshold (1e-12) goes to 9.7e-14.
		expect(Math.abs((r?.tau2 ?? NaN) - num(ref, 'tau2'))).toBeLessThan(METAFOR_THRESHOLD);
		expect(Math.abs((r?.tau2 ?? NaN) - num(ref, 'tau2_tight'))).toBeLessThan(1e-9);
		expect(cautionsOf(r)).toEqual([]);
	});

	it('pools HR 0.663 (0.549–0.800) as metafor does', () => {
		expect(r?.estimate).toBeCloseTo(num(ref, 'estimate_tight'), 8);
		expect(r?.ciLow).toBeCloseTo(num(ref, 'ci_low_tight'), 8);
		expect(r?.ciHigh).toBeCloseTo(num(ref, 'ci_high_tight'), 8);
		// metafor's default stopping point moves the estimate by 3.5e-6 only.
		expect(r?.estimate).toBeCloseTo(num(ref, 'estimate'), 5);
		expect(r?.q).toBeCloseTo(num(ref, 'qe'), 10);
		expect(r?.qP).toBeCloseTo(num(ref, 'qe_p'), 10);
		expect(Math.exp(r?.estimate ?? NaN).toFixed(3)).toBe('0.663');
	});

	it('shows no caution on the page’s summary of these studies', () => {
		const HR = [
			[0.5, 0.21, 1.19],
			[0.71, 0.47, 1.06],
			[0.72, 0.56, 0.94],
			[0.64, 0.41, 0.99],
			[0.2, 0.07, 0.57]
		] as const;
		const studies = HR.map(([effect, ciLow, ciHigh], i) =>
			makeStudy({ id: `s${i}`, label: `S${i}`, effect, ciLow, ciHigh, ciLevel: 0.95, adjusted: true })
		);
		const fit = pool(yi, vi, { method: 'REML' });
		expect([...poolingWarnings(studies), ...cautionsOf(fit)].map((w) => w.kind)).toEqual([]);
	});
});

describe('one study in each of two groups', () => {
	const { yi, vi, group, ref } = byName('one_per_group');
	it('has no moderator test, as metafor refuses to fit the model', () => {
		expect(ref.warning).toBe('error');
		const groups = ['rct', 'registry'].map((key) => ({
			key,
			yi: yi.filter((_, i) => group[i] === key),
			vi: vi.filter((_, i) => group[i] === key)
		}));
		for (const method of ['REML', 'DL', 'FE'] as const)
			for (const hk of [false, true]) expect(moderatorTest(groups, { method, hk })).toBeNull();
	});
});

describe('an extreme variance ratio (yi 2.1, −0.2; SE 15.63, 0.001028)', () => {
	const { yi, vi, ref } = byName('ratio');
	const r = pool(yi, vi, { method: 'REML' });

	it('warns about the ratio, as metafor does', () => {
		expect(ref.warning).toBe('ratio');
		const w = varianceRatioWarnings(vi);
		expect(w).toHaveLength(1);
		expect(w[0]).toMatchObject({ kind: 'extremeVarianceRatio', severity: 'warning' });
		expect(w[0]?.message).toContain('2.3 × 10^8');
		const studies = yi.map((y, i) =>
			makeStudy({ id: `s${i}`, label: `S${i}`, logEffect: y, se: Math.sqrt(vi[i] ?? NaN), adjusted: true })
		);
		expect(poolingWarnings(studies).map((x) => x.kind)).toEqual(['fewStudies', 'extremeVarianceRatio']);
		expect(varianceRatioWarnings([1, 9.9e6])).toEqual([]);
		expect(varianceRatioWarnings([1e-7, 1])).toHaveLength(1);
	});

	it('converges at once to metafor’s τ² = 0, without oscillating or a needless caution', () => {
		expect(r?.converged).toBe(true);
		expect(r?.iterations).toBeLessThan(5);
		expect(r?.tau2).toBe(num(ref, 'tau2'));
		expect(r?.safeguard).toBeNull();
		expect(cautionsOf(r)).toEqual([]);
		expectRelClose(r?.estimate, num(ref, 'estimate'), 1e-9);
		expectRelClose(r?.se, num(ref, 'se'), 1e-9);
		expectRelClose(r?.q, num(ref, 'qe'), 1e-7);
	});
});

describe('k = 1', () => {
	const { yi, vi, ref } = byName('single_study');
	it('gives p(Q) = 1, I² = 0 and H² = 1 as metafor does, and says Hartung–Knapp was dropped', () => {
		expect(ref.warning).toBe('knha');
		const r = pool(yi, vi, { method: 'REML', hk: true });
		expect(r?.qP).toBe(num(ref, 'qe_p'));
		expect(r?.i2).toBe(num(ref, 'i2'));
		expect(r?.h2).toBe(num(ref, 'h2'));
		expect(r?.ciLow).toBeCloseTo(num(ref, 'ci_low'), 12);
		expect(r?.hk).toBe(false);
		expect(r?.hkDropped).toBe(true);
		const w = cautionsOf(r);
		expect(w.map((x) => x.kind)).toEqual(['knappHartungDropped']);
		expect(w[0]?.message).toContain('normal (z)');
		expect(pool(yi, vi, { method: 'REML', hk: false })?.hkDropped).toBe(false);
	});
});

describe('the “higher maximum” caution says what metafor reports', () => {
	// reference.R section 5, case C: Fisher scoring stops at τ² = 0, where metafor reports τ² = 0 without a
	// warning; the restricted likelihood is higher at τ² = 0.4382.
	const yi = [0, 2, 0, 0, 0, 0, 0];
	const vi = [
		0.0579892882007031, 0.18220373026167894, 1.7244638369685117, 2.249999999999996, 0.0013604263033942918,
		0.00040000000000000127, 0.013675328993189309
	];
	it('names τ² = 0 as metafor’s answer, and the τ² used', () => {
		const r = pool(yi, vi, { method: 'REML' });
		expect(r?.safeguard).toBe('higherMaximum');
		expect(r?.metaforTau2).toBe(0);
		const [w] = cautionsOf(r);
		expect(w?.message).toContain('stopped at τ² = 0');
		expect(w?.message).toContain('R metafor reports τ² = 0.');
		expect(w?.message).toContain('at τ² = 0.4382');
		expect(w?.message).not.toContain('would report');
	});
});

describe('50 seeded random data sets (cautions.R): no false caution, τ² as metafor', () => {
	const random = CASES.filter((c) => c.name.startsWith('random'));
	const one = (k: number) => Array.from({ length: k }, () => [1]);

	it('has 50 data sets, none of which metafor warns about', () => {
		expect(random).toHaveLength(50);
		expect(random.every((c) => c.ref.warning === 'none')).toBe(true);
	});

	it.each(random.map((c) => [c.name, c] as const))('%s', (_, { yi, vi, ref }) => {
		const r = pool(yi, vi, { method: 'REML' });
		expect(r?.converged).toBe(true);
		const ll = remlLogLikelihood(yi, vi, one(yi.length), r?.tau2 ?? NaN);
		// Never below the best of metafor's answer and a fine-grid search (to rounding).
		expect(ll).toBeGreaterThanOrEqual(num(ref, 'll_max') - 1e-9);
		expect(ll).toBeGreaterThanOrEqual(num(ref, 'll_metafor') - 1e-9);
		if (r?.safeguard === null) {
			// No caution: the same τ² as metafor converged tightly, and as its default fit to a few times its
			// threshold (metafor stops once a step is below 1e-5; the distance left can be a little more).
			expect(Math.abs((r.tau2 ?? NaN) - num(ref, 'tau2_tight'))).toBeLessThan(1e-8);
			expect(Math.abs((r.tau2 ?? NaN) - num(ref, 'tau2'))).toBeLessThan(5 * METAFOR_THRESHOLD);
			expect(r.estimate).toBeCloseTo(num(ref, 'estimate_tight'), 7);
		} else {
			// A caution only where it is true: metafor reports another τ², and says what it reports.
			expect(r?.safeguard).toBe('higherMaximum');
			expect(Math.abs((r?.tau2 ?? NaN) - num(ref, 'tau2'))).toBeGreaterThan(METAFOR_THRESHOLD);
			expect(r?.metaforTau2).toBeCloseTo(num(ref, 'tau2'), 5);
		}
	});
});
