import { describe, expect, it } from 'vitest';
import type { PoolResult } from '../../../src/lib/stats/meta';
import { designClass as classUnder } from '../../../src/lib/domain/design';
import {
	groupSentence,
	inSentence,
	summarySentences,
	trendSentence,
	type SummaryForSentences
} from '../../../src/lib/stats/sentences';
import { classesOf, summarise } from '../../../src/lib/stats/summary';
import { groupYearRegressions } from '../../../src/lib/stats/appraisal/year';
import { bundledStudies } from './bundled';
import { DEFAULT_ARMS } from '../../../src/lib/types';
import { makeStudy } from '../study';

const designClass = (design: string | null) => classUnder(design, 'unknown');

/** A pooled result on the log scale from a ratio and its interval (only what the sentences read). */
function result(est: number, lo: number, hi: number, k: number, level = 0.95): PoolResult {
	return {
		method: 'REML',
		hk: false,
		level,
		k,
		estimate: Math.log(est),
		se: 0,
		ciLow: Math.log(lo),
		ciHigh: Math.log(hi),
		zOrT: 0,
		pValue: 0,
		df: null,
		tau2: 0,
		tau: 0,
		i2: null,
		h2: null,
		q: 0,
		qDf: 0,
		qP: null,
		piLow: null,
		piHigh: null,
		weights: []
	} as unknown as PoolResult;
}

const surgery = { measure: 'HR', arms: DEFAULT_ARMS, outcome: 'death' };

describe('groupSentence', () => {
	it('an interval below 1: the treated arm with a lower hazard, in per cent', () => {
		expect(groupSentence('observational', result(0.63, 0.58, 0.68, 16), surgery)).toBe(
			'In 16 observational studies, surgery went with a 37% lower hazard of death (HR 0.63, 95% CI 0.58–0.68).'
		);
	});
	it('an interval across 1: compatible with no benefit', () => {
		expect(groupSentence('randomised', result(0.89, 0.72, 1.1, 4), surgery)).toBe(
			'In 4 randomised trials, the hazard ratio was 0.89 (95% CI 0.72–1.10), compatible with no benefit.'
		);
	});
	it('an estimate above 1 with an interval across 1: compatible with no harm', () => {
		expect(groupSentence('randomised', result(1.04, 0.81, 1.34, 1), surgery)).toBe(
			'Only one randomised trial can be pooled, too few to settle the effect (HR 1.04, 95% CI 0.81–1.34).'
		);
		expect(groupSentence('randomised', result(1.04, 0.81, 1.34, 3), surgery)).toBe(
			'In 3 randomised trials, the hazard ratio was 1.04 (95% CI 0.81–1.34), compatible with no harm.'
		);
	});
	it('fewer than 3 studies: too few to settle, never an effect stated as settled', () => {
		const text = groupSentence('randomised', result(0.71, 0.55, 0.92, 1), surgery);
		expect(text).toBe(
			'Only one randomised trial can be pooled, too few to settle the effect (HR 0.71, 95% CI 0.55–0.92).'
		);
		expect(text).not.toContain('lower hazard');
	});
	it('an interval above 1: a higher hazard, or a multiple beyond 2', () => {
		expect(groupSentence('all', result(1.5, 1.2, 1.9, 3), surgery)).toBe(
			'In 3 studies, surgery went with a 50% higher hazard of death (HR 1.50, 95% CI 1.20–1.90).'
		);
		expect(groupSentence('all', result(2.5, 1.2, 4.9, 3), surgery)).toBe(
			'In 3 studies, surgery went with 2.50 times the hazard of death (HR 2.50, 95% CI 1.20–4.90).'
		);
	});
	it('another measure, arm labels and no stated outcome', () => {
		const bcg = { measure: 'RR', arms: { treated: 'BCG vaccine', control: 'No vaccine' }, outcome: null };
		expect(groupSentence('random', result(0.38, 0.22, 0.65, 7), bcg)).toBe(
			'In 7 studies with design “random”, BCG vaccine went with a 62% lower risk (RR 0.38, 95% CI 0.22–0.65).'
		);
		const or = { measure: 'OR', arms: { treated: 'Statin', control: 'Placebo' }, outcome: null };
		expect(groupSentence('randomised', result(0.8, 0.7, 0.9, 3), or)).toBe(
			'In 3 randomised trials, statin went with 20% lower odds (OR 0.80, 95% CI 0.70–0.90).'
		);
	});
	it('a measure the table does not name never reads as a hazard, risk or odds', () => {
		const unnamed = { measure: 'effect', arms: { treated: 'Vaccine', control: 'Control' }, outcome: null };
		const text = groupSentence('all', result(0.49, 0.34, 0.7, 13), unnamed);
		expect(text).toBe('In 13 studies, the effect was 0.49 (95% CI 0.34–0.70), lower with vaccine.');
		expect(text).not.toMatch(/hazard|risk|odds|HR/);
	});
	it('names the confidence level the result has', () => {
		expect(groupSentence('all', result(0.5, 0.3, 0.8, 3, 0.9), surgery)).toContain(
			'(HR 0.50, 90% CI 0.30–0.80)'
		);
	});
});

describe('summarySentences', () => {
	const base: SummaryForSentences = {
		method: 'REML',
		hk: false,
		overall: result(0.67, 0.61, 0.73, 20),
		groups: [
			{ key: 'randomised', k: 4, result: result(0.89, 0.72, 1.1, 4) },
			{ key: 'observational', k: 16, result: result(0.63, 0.58, 0.68, 16) }
		],
		subgroupTest: { label: 'Test for subgroup differences', q: 12, df: 1, pValue: 0.0004 }
	};
	it('observational first, then randomised, then the test for a difference, then the method', () => {
		expect(summarySentences(base, 20, surgery)).toEqual([
			'In 16 observational studies, surgery went with a 37% lower hazard of death (HR 0.63, 95% CI 0.58–0.68).',
			'In 4 randomised trials, the hazard ratio was 0.89 (95% CI 0.72–1.10), compatible with no benefit.',
			'Test for subgroup differences between design classes: Q = 12.00, df = 1, p < 0.001: the difference is unlikely to be chance.',
			'Pooled with random effects (REML).'
		]);
	});
	it('a difference that could be chance, common effect with Hartung–Knapp, DerSimonian–Laird', () => {
		const s = summarySentences(
			{
				...base,
				method: 'FE',
				hk: true,
				subgroupTest: { label: 'Test for subgroup differences', q: 1, df: 1, pValue: 0.31 }
			},
			20,
			surgery
		);
		expect(s[2]).toBe(
			'Test for subgroup differences between design classes: Q = 1.00, df = 1, p = 0.31: the difference could be chance.'
		);
		expect(s[3]).toBe('Pooled with a common-effect model and Hartung–Knapp intervals.');
		expect(summarySentences({ ...base, method: 'DL', hk: true }, 20, surgery)[3]).toBe(
			'Pooled with random effects (DerSimonian–Laird) and Hartung–Knapp intervals.'
		);
	});
	it('one group: no comparison', () => {
		const one = { ...base, groups: [base.groups[0]!], subgroupTest: null };
		expect(summarySentences(one, 5, surgery)).toEqual([
			'In 4 randomised trials, the hazard ratio was 0.89 (95% CI 0.72–1.10), compatible with no benefit.',
			'Pooled with random effects (REML).'
		]);
	});
	it('k = 1: no pooling to describe', () => {
		const single = {
			...base,
			overall: result(1.04, 0.81, 1.34, 1),
			groups: [{ key: 'randomised', k: 1, result: result(1.04, 0.81, 1.34, 1) }],
			subgroupTest: null
		};
		expect(summarySentences(single, 1, surgery)).toEqual([
			'Only one randomised trial can be pooled, too few to settle the effect (HR 1.04, 95% CI 0.81–1.34).'
		]);
	});
	it('nothing poolable, or nothing in view', () => {
		const none = { ...base, overall: null, groups: [], subgroupTest: null };
		expect(summarySentences(none, 3, surgery)).toEqual([
			'None of the 3 studies in view reports an effect estimate with an interval, so nothing can be pooled.'
		]);
		expect(summarySentences(none, 0, surgery)).toEqual([
			'No study is in view: clear a filter to see a result.'
		]);
	});
	it('reads summarise() pooled by design class', () => {
		const studies = [
			makeStudy({ id: 'a', design: 'registry', effect: 0.6, ciLow: 0.5, ciHigh: 0.72 }),
			makeStudy({ id: 'b', design: 'single-institution', effect: 0.7, ciLow: 0.55, ciHigh: 0.9 }),
			makeStudy({ id: 'd', design: 'registry', effect: 0.65, ciLow: 0.55, ciHigh: 0.77 }),
			makeStudy({ id: 'c', design: 'rct', effect: 1.04, ciLow: 0.81, ciHigh: 1.34 })
		];
		const summary = summarise(studies, { method: 'REML', hk: false }, (s) => designClass(s.design));
		const text = summarySentences(summary, 4, surgery);
		expect(text[0]).toMatch(/^In 3 observational studies, surgery went with a \d+% lower hazard of death/);
		expect(text[1]).toBe(
			'Only one randomised trial can be pooled, too few to settle the effect (HR 1.04, 95% CI 0.81–1.34).'
		);
		expect(text[2]).toMatch(
			/^Test for subgroup differences between design classes: Q = [\d.]+, df = 1, p [<=] [\d.]+: the difference (is unlikely to|could) be chance\.$/
		);
	});
});

describe('designClass and inSentence', () => {
	it.each([
		['rct', 'randomised'],
		['registry', 'observational'],
		['prospective', 'observational'],
		[null, 'not-reported'],
		['random', 'random']
	])('%s → %s', (design, expected) => {
		expect(designClass(design)).toBe(expected);
	});
	it.each([
		['Surgery', 'surgery'],
		['No surgery', 'no surgery'],
		['BCG vaccine', 'BCG vaccine'],
		['pembrolizumab', 'pembrolizumab'],
		['McMaster protocol', 'McMaster protocol']
	])('%s reads as %s inside a sentence', (label, expected) => {
		expect(inSentence(label)).toBe(expected);
	});
});

describe('the meta-regression on publication year in the summary', () => {
	const fit = (slope: number, lo: number, hi: number, p: number) => ({
		k: 12,
		from: 1995,
		to: 2021,
		slope,
		ciLow: lo,
		ciHigh: hi,
		p,
		level: 0.95
	});

	it('the factor per decade is exp(10 × slope), with its interval and p, in the measure’s words', () => {
		expect(trendSentence('observational', fit(0.005, -0.002, 0.012, 0.16), surgery)).toBe(
			'Among the 12 observational studies published 1995–2021, the hazard ratio changed by a factor of ' +
				`${Math.exp(0.05).toFixed(2)} per decade of publication (95% CI ${Math.exp(-0.02).toFixed(2)}–` +
				`${Math.exp(0.12).toFixed(2)}; p = 0.16): compatible with no trend over time.`
		);
		expect(trendSentence('randomised', fit(-0.03, -0.05, -0.01, 0.003), { measure: 'RR' })).toBe(
			'Among the 12 randomised trials published 1995–2021, the risk ratio changed by a factor of 0.74 per ' +
				'decade of publication (95% CI 0.61–0.90; p = 0.003): later studies reported lower risk ratios.'
		);
		expect(trendSentence('observational', fit(0.03, 0.01, 0.05, 0.0001), { measure: 'effect' })).toMatch(
			/the effect changed by a factor of 1\.35 .*p < 0\.001\): later studies reported higher effects\.$/
		);
	});

	it('one sentence per design class that has a fit, before the method; none for a class without one', () => {
		const s: SummaryForSentences = {
			method: 'REML',
			hk: false,
			overall: result(0.7, 0.6, 0.8, 16),
			groups: [
				{ key: 'randomised', k: 4, result: result(0.89, 0.72, 1.1, 4) },
				{ key: 'observational', k: 12, result: result(0.63, 0.58, 0.68, 12) }
			],
			subgroupTest: null,
			trends: [{ key: 'observational', fit: fit(0.005, -0.002, 0.012, 0.16) }]
		};
		const out = summarySentences(s, 16, surgery);
		expect(out.filter((x) => x.includes('per decade'))).toHaveLength(1);
		expect(out.at(-2)).toMatch(/^Among the 12 observational studies published 1995–2021/);
		expect(out.at(-1)).toMatch(/^Pooled with/);
		expect(summarySentences({ ...s, trends: undefined }, 16, surgery).join(' ')).not.toMatch(/decade/);
	});

	it('reads the bundled data: each design class, fitted as metafor’s rma(yi, vi, mods = ~ year) would', () => {
		const studies = bundledStudies();
		const options = { method: 'REML' as const, hk: false, unreportedDesign: 'observational' as const };
		const summary = summarise(studies, options, classesOf(options));
		const trends = groupYearRegressions(studies, summary.effects, classesOf(options), options);
		expect(trends.map((t) => t.key).sort()).toEqual(['observational', 'randomised']);
		const text = summarySentences({ ...summary, trends }, studies.length, surgery).join(' ');
		for (const t of trends) {
			expect(text).toContain(
				`Among the ${t.fit.k} ${t.key === 'randomised' ? 'randomised trials' : 'observational studies'} published ${t.fit.from}–${t.fit.to}, the hazard ratio changed by a factor of ${Math.exp(10 * t.fit.slope).toFixed(2)} per decade`
			);
		}
	});

	it('a user’s table: too few studies or a single year give no sentence, and nothing is claimed', () => {
		const mk = (id: string, design: string, year: number | null, effect: number) =>
			makeStudy({ id, design, year, effect, ciLow: effect * 0.7, ciHigh: effect / 0.7, effectMeasure: 'RR' });
		const studies = [
			mk('a', 'rct', 2001, 0.8),
			mk('b', 'rct', 2001, 0.9),
			mk('c', 'rct', 2001, 0.7),
			mk('d', 'registry', 1999, 0.6),
			mk('e', 'registry', 2010, 0.7)
		];
		const options = { method: 'REML' as const, hk: false, unreportedDesign: 'unknown' as const };
		const summary = summarise(studies, options, classesOf(options));
		expect(groupYearRegressions(studies, summary.effects, classesOf(options), options)).toEqual([]);
		const more = [...studies, mk('f', 'registry', 2015, 0.9), mk('g', 'registry', null, 0.5)];
		const s2 = summarise(more, options, classesOf(options));
		const trends = groupYearRegressions(more, s2.effects, classesOf(options), options);
		expect(trends.map((t) => [t.key, t.fit.k])).toEqual([['observational', 3]]);
		const text = summarySentences({ ...s2, trends }, more.length, { ...surgery, measure: 'RR' }).join(' ');
		expect(text).toMatch(
			/Among the 3 observational studies published 1999–2015, the risk ratio changed by a factor of/
		);
		expect(text).not.toMatch(/hazard/);
	});
});
