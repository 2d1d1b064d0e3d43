import { describe, expect, it } from 'vitest';
import { appraise, regressionSentence, type AppraisalSettings } from '$lib/stats/appraisal/appraise';
import { metaRegression } from '$lib/stats/regression';
import { heterogeneityIntervals } from '$lib/stats/heterogeneity';
import { groupEffects, classesOf } from '$lib/stats/summary';
import { fittedAt, perDecade, yearRegression } from '$lib/stats/appraisal/year';
import { bundledStudies } from '../bundled';
import { bcgTrials } from '../bcg';
import { expectRelClose } from '../helpers';

const settings: AppraisalSettings = {
	measure: 'HR',
	threshold: 0.8,
	baselineMonths: null,
	rare: false,
	overrides: {}
};
const options = { method: 'REML' as const, hk: false, unreportedDesign: 'observational' as const };

describe('appraisal of the bundled data', () => {
	const studies = bundledStudies();
	const a = appraise(studies, options, settings);

	it('one summary-of-findings row per design class, randomised starting high', () => {
		expect(a.rows.map((r) => r.group)).toEqual(['observational', 'randomised']);
		const rct = a.rows[1];
		expect(rct?.certainty.start).toBe(4);
		// One report per trial: a superseded report (soran-2018, shien-2023) counts neither in k nor in patients.
		const superseded = new Set(studies.flatMap((s) => (s.supersedes ? [s.supersedes] : [])));
		const pooledN = studies
			.filter((s) => s.design === 'rct' && !superseded.has(s.id) && s.effect !== null)
			.reduce((sum, s) => sum + (s.nTotal ?? 0), 0);
		expect(superseded.has('soran-2018')).toBe(true);
		expect(rct?.patients).toBe(pooledN);
	});

	it('the ratio of designs is the observational HR over the randomised HR', () => {
		const [obs, rct] = a.rows;
		expectRelClose(a.ratio?.estimate, (obs?.estimate ?? 0) / (rct?.estimate ?? 1), 1e-12);
		expect(a.ratioSentence).toMatch(
			/observational studies’ hazard ratio \(0\.\d\d\) is \d+% lower than the randomised trials’/
		);
	});

	it('E-values of the observational estimate, and absolute effects from the control medians in view', () => {
		expect(a.evalue?.point).toBeGreaterThan(1);
		expect(a.evalue?.ci).toBeGreaterThanOrEqual(1);
		expect(a.baseline?.source).toBe('data');
		expect(a.rows[0]?.absolute?.medianTreated.value).toBeCloseTo(
			(a.baseline?.months ?? 0) / (a.rows[0]?.estimate ?? 1),
			9
		);
	});

	it('follows the view: randomised trials only give one row and no ratio', () => {
		const rct = appraise(
			studies.filter((s) => s.design === 'rct'),
			options,
			settings
		);
		expect(rct.rows.map((r) => r.group)).toEqual(['randomised']);
		expect(rct.ratio).toBeNull();
		expect(rct.evalue).toBeNull();
	});

	it('the inconsistency judgement names the Q-profile interval of I² of its own class', () => {
		const groups = groupEffects(studies, a.summary.effects, classesOf(options));
		for (const row of a.rows) {
			const g = groups.find((x) => x.key === row.group);
			const ci = g && heterogeneityIntervals(g.yi, g.vi, options);
			expect(ci).not.toBeNull();
			const j = row.certainty.judgements.find((x) => x.domain === 'inconsistency');
			const words = `I² ${Math.round(row.result.i2 ?? 0)}% (95% CI ${Math.round(ci?.i2.ciLow ?? -1)}–${Math.round(ci?.i2.ciHigh ?? -1)}%)`;
			expect(j?.reason).toContain(words);
		}
	});

	it('the flags switch moves the risk-of-bias weight', () => {
		const flagged = a.rows[0]?.biasWeight ?? 0;
		const out = appraise(studies, { ...options, leaveOutFlags: 'all' }, settings);
		expect(flagged).toBeGreaterThan(0);
		expect(out.rows[0]?.biasWeight).toBe(0);
	});

	it('meta-regression on year overall and per class, in words', () => {
		expect(a.regressions.map((r) => r.group)).toEqual(['all', 'observational', 'randomised']);
		const overall = a.regressions[0];
		expect(overall && regressionSentence(overall, 'HR')).toMatch(/per decade of publication/);
	});
});

describe('meta-regression on year (the moderator fit, year centred)', () => {
	const trials = bcgTrials();
	it.each(['REML', 'DL', 'FE'] as const)('slope, SE and τ² equal the uncentred fit (%s)', (method) => {
		const fit = yearRegression(trials, { method });
		const raw = metaRegression(
			trials.map((t) => t.yi),
			trials.map((t) => t.vi),
			trials.map((t) => [1, t.year]),
			{ method }
		);
		expectRelClose(fit?.slope, raw?.coefficients[1]?.estimate ?? NaN, 1e-6);
		expectRelClose(fit?.se, raw?.coefficients[1]?.se ?? NaN, 1e-6);
		expectRelClose(fit?.p, raw?.coefficients[1]?.pValue ?? NaN, 1e-6);
		// The fitted line at any year is the same model.
		const at = fittedAt(fit!, 1950);
		const b = raw?.coefficients.map((c) => c.estimate) ?? [];
		expectRelClose(Math.log(at.estimate), (b[0] ?? 0) + (b[1] ?? 0) * 1950, 1e-6);
	});

	it('per decade is exp(10 × slope); too few studies or one year give no fit', () => {
		const fit = yearRegression(trials, { method: 'REML' })!;
		expectRelClose(perDecade(fit).estimate, Math.exp(10 * fit.slope), 1e-12);
		expect(yearRegression(trials.slice(0, 2), { method: 'REML' })).toBeNull();
		expect(
			yearRegression(
				trials.map((t) => ({ ...t, year: 1960 })),
				{ method: 'REML' }
			)
		).toBeNull();
	});
});
