import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { egger, eggerWarnings } from '$lib/stats/bias';
import { cumulative } from '$lib/stats/cumulative';
import { leaveOneOut, pool } from '$lib/stats/meta';
import { estimateTau2, metaRegression, remlLogLikelihood } from '$lib/stats/regression';
import { summarise } from '$lib/stats/summary';
import { remlWarnings } from '$lib/stats/warnings';
import { bcgTrials } from './bcg';
import { expectRelClose } from './helpers';
import { makeStudy } from './study';

// References: tests/fixtures/stats/reference.R (R 4.2, metafor 3.8-1), sections 2 and 5.

/** The four hazard ratios (issue 11, item 8a) with their 95% intervals. */
const FOUR = [
	[0.966, 0.841, 1.109],
	[0.977, 0.913, 1.047],
	[1.165, 0.888, 1.53],
	[0.441, 0.251, 0.773]
] as const;
const Z = 1.959963984540054;
const fourYi = FOUR.map(([hr]) => Math.log(hr));
const fourVi = FOUR.map(([, lo, hi]) => ((Math.log(hi) - Math.log(lo)) / (2 * Z)) ** 2);
const one = (k: number) => Array.from({ length: k }, () => [1]);

describe('REML: τ² = 0 likelihood check (metafor ll0check)', () => {
	it('computes the restricted log-likelihood as metafor logLik(REML = TRUE) does', () => {
		// Section 2: -0.984649805742414 at τ² = 0 and -1.32420908846652 at τ² = 0.0623.
		expect(remlLogLikelihood(fourYi, fourVi, one(4), 0)).toBeCloseTo(-0.984649805742414, 10);
		expect(remlLogLikelihood(fourYi, fourVi, one(4), 0.0623)).toBeCloseTo(-1.32420908846652, 10);
	});

	it('returns τ² = 0 and HR 0.974 (0.918–1.034) as metafor does, saying why', () => {
		// Section 2: τ² 0, estimate -0.0258493441193714, CI -0.0853744659557991 to 0.0336757777170563.
		const r = pool(fourYi, fourVi, { method: 'REML' });
		expect(r?.tau2).toBe(0);
		expect(r?.safeguard).toBe('zeroHigher');
		expect(r?.converged).toBe(true);
		expect(r?.estimate).toBeCloseTo(-0.0258493441193714, 10);
		expect(r?.ciLow).toBeCloseTo(-0.0853744659557991, 10);
		expect(r?.ciHigh).toBeCloseTo(0.0336757777170563, 10);
		expect(Math.exp(r?.estimate ?? NaN).toFixed(3)).toBe('0.974');
	});

	it('shows a caution on the page’s summary', () => {
		const studies = FOUR.map(([effect, ciLow, ciHigh], i) =>
			makeStudy({ id: `s${i}`, label: `Study ${i + 1}`, effect, ciLow, ciHigh, ciLevel: 0.95 })
		);
		const s = summarise(studies, { method: 'REML', hk: false });
		expect(s.overall?.tau2).toBe(0);
		const caution = s.warnings.find((w) => w.kind === 'remlSafeguard');
		expect(caution).toMatchObject({
			severity: 'warning',
			safeguard: 'zeroHigher',
			analysis: 'All studies in view'
		});
		expect(caution?.message).toContain('higher at τ² = 0');
	});

	it('marks the leave-one-out row and the cumulative point that needed it', () => {
		const loo = leaveOneOut([...fourYi, Math.log(0.97)], [...fourVi, 0.01], { method: 'REML' });
		expect(loo.rows.map((r) => r.safeguard)[4]).toBe('zeroHigher');
		expect(loo.rows.every((r) => r.converged)).toBe(true);
		const studies = FOUR.map(([effect, ciLow, ciHigh], i) =>
			makeStudy({ id: `s${i}`, year: 2001 + i, effect, ciLow, ciHigh, ciLevel: 0.95 })
		);
		const last = cumulative(studies, { method: 'REML', hk: false })
			.points.filter((p) => p.group === 'all')
			.at(-1);
		expect(last).toMatchObject({ k: 4, tau2: 0, safeguard: 'zeroHigher', converged: true });
	});

	it('leaves a proper interior maximum alone (BCG, τ² = 0.3132)', () => {
		const trials = bcgTrials();
		const r = pool(
			trials.map((t) => t.yi),
			trials.map((t) => t.vi),
			{ method: 'REML' }
		);
		expect(r?.safeguard).toBeNull();
		expect(r?.tau2).toBeCloseTo(0.31324325813648, 10);
	});
});

describe('REML: data where Fisher scoring alone goes wrong', () => {
	// Section 5 of reference.R: the maximiser of the restricted likelihood by R's optimize(), and metafor's rma.
	const CASES = [
		{
			name: 'A: scoring cycles without converging',
			yi: [0, 0, 0, 0, 0.4719464086280748, 0],
			vi: [
				0.9957870621067418, 0.21577627981094763, 0.18526854300417506, 0.6581571272247647,
				0.0007620377749980451, 1.7029460915411279
			],
			safeguard: 'bracketedSearch',
			maximiser: 0.0373237257302116,
			logLik: -3.43949452597107
		},
		{
			name: 'B: scoring cycles near 0',
			yi: [-0.13344472728163456, 0, 0, 0, 0, -1.7654254442487565e-9, 0],
			vi: [
				0.0009174701410907066, 0.05892103928017686, 0.026013428651970892, 0.8856190439637972,
				0.09966255725651076, 0.2948322977235108, 0.0213015029209453
			],
			safeguard: 'bracketedSearch',
			maximiser: 0.000969297982950101,
			logLik: 1.46616247368273
		},
		{
			name: 'C: scoring stops at 0 (metafor: τ² = 0, no warning) below a higher interior maximum',
			yi: [0, 2, 0, 0, 0, 0, 0],
			vi: [
				0.0579892882007031, 0.18220373026167894, 1.7244638369685117, 2.249999999999996, 0.0013604263033942918,
				0.00040000000000000127, 0.013675328993189309
			],
			safeguard: 'higherMaximum',
			maximiser: 0.438205565212868,
			logLik: -7.58170673828811
		},
		{
			name: 'D: the same with a small maximum',
			yi: [0, 0, 0, -0.0023708728195266987, -0.6421934828760102, 0],
			vi: [
				0.0007610284184653822, 0.03835183248511086, 0.9876691514519705, 0.0020076139619269935,
				0.027396890034554776, 0.01256398699226385
			],
			safeguard: 'higherMaximum',
			maximiser: 0.0455754890931972,
			logLik: -1.28831738478135
		}
	] as const;

	it.each(CASES)('$name', ({ yi, vi, safeguard, maximiser, logLik }) => {
		const e = estimateTau2(yi, vi, one(yi.length), 'REML');
		expect(e.safeguard).toBe(safeguard);
		expect(e.converged).toBe(true);
		expectRelClose(e.tau2, maximiser, 1e-5);
		expect(remlLogLikelihood(yi, vi, one(yi.length), e.tau2)).toBeGreaterThanOrEqual(logLik - 1e-10);
	});

	it('makes a caution of every safeguard and of a failed fit', () => {
		const w = remlWarnings([
			{ analysis: 'A', fit: { converged: true, safeguard: null } },
			{ analysis: 'B', fit: { converged: true, safeguard: 'higherMaximum' } },
			{ analysis: 'C', fit: { converged: true, safeguard: 'bracketedSearch' } },
			{ analysis: 'D', fit: { converged: false, safeguard: 'bracketedSearch' } },
			{ analysis: 'E', fit: null }
		]);
		expect(
			w.map((x) => [x.kind === 'remlSafeguard' && x.analysis, x.kind === 'remlSafeguard' && x.safeguard])
		).toEqual([
			['B', 'higherMaximum'],
			['C', 'bracketedSearch'],
			['D', 'notConverged']
		]);
		for (const x of w) expect(x.message).toMatch(/^[BCD]: /);
	});

	it('reports the safeguard of Egger’s mixed-effects variant', () => {
		const { yi, vi } = CASES[2];
		const e = egger(yi, vi);
		const fit = metaRegression(
			yi,
			vi,
			vi.map((v) => [1, Math.sqrt(v)]),
			{ method: 'REML' }
		);
		expect(e?.mixed.safeguard).toBe(fit?.safeguard);
		expect(e?.mixed.converged).toBe(true);
		expect(e?.mixed.tau2).toBe(fit?.tau2);
		const cautions = eggerWarnings(e);
		expect(cautions).toHaveLength(e?.mixed.safeguard ? 1 : 0);
		if (e?.mixed.safeguard) expect(cautions[0]?.message).toContain('Egger’s test (mixed-effects)');
		expect(eggerWarnings(null)).toEqual([]);
	});
});

describe('REML: property, random small-k data', () => {
	it('returns the τ² that maximises the restricted likelihood over a fine grid', () => {
		const study = fc.record({
			y: fc.double({ min: -2, max: 2, noNaN: true }),
			s: fc.double({ min: 0.02, max: 1.5, noNaN: true })
		});
		fc.assert(
			fc.property(fc.array(study, { minLength: 2, maxLength: 8 }), (rows) => {
				const yi = rows.map((r) => r.y);
				const vi = rows.map((r) => r.s * r.s);
				const X = one(rows.length);
				const e = estimateTau2(yi, vi, X, 'REML');
				expect(e.converged).toBe(true);
				const ll = remlLogLikelihood(yi, vi, X, e.tau2);
				const top = 20 * (Math.max(...yi) - Math.min(...yi)) ** 2 + 10 * Math.max(...vi);
				let gridMax = -Infinity;
				for (let i = 0; i <= 400; i++)
					gridMax = Math.max(gridMax, remlLogLikelihood(yi, vi, X, top * (i / 400) ** 3));
				expect(ll).toBeGreaterThanOrEqual(gridMax - 1e-9 * Math.max(1, Math.abs(ll)));
			}),
			{ numRuns: 300, seed: 20261130 }
		);
	}, 30_000);
});
