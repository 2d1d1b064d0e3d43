import { describe, expect, it } from 'vitest';
import {
	certainty,
	certaintySymbols,
	certaintyWord,
	judge,
	RULES,
	type Domain,
	type GradeInput
} from '$lib/stats/appraisal/grade';

/** A clean observational body of evidence: no flag, consistent, precise, too few studies for Egger. */
const base: GradeInput = {
	group: 'observational',
	k: 5,
	estimate: 0.62,
	ciLow: 0.57,
	ciHigh: 0.68,
	piLow: 0.55,
	piHigh: 0.7,
	i2: 10,
	i2Low: 0,
	i2High: 40,
	biasWeight: 0,
	eggerP: null,
	threshold: 0.8
};

// One case per rule: the input that makes exactly that rule the first to apply in its domain, and its change.
const CASES: ReadonlyArray<[rule: string, domain: Domain, patch: Partial<GradeInput>, change: number]> = [
	['rob-very-serious', 'rob', { biasWeight: 60 }, -2],
	['rob-serious', 'rob', { biasWeight: 20 }, -1],
	['rob-none', 'rob', { biasWeight: 19.9 }, 0],
	['inconsistency-single', 'inconsistency', { k: 1, i2: null, piLow: null, piHigh: null }, 0],
	[
		'inconsistency-very-serious',
		'inconsistency',
		{ i2: 80, i2Low: 55, i2High: 92, piLow: 0.3, piHigh: 1.3 },
		-2
	],
	['inconsistency-serious-i2', 'inconsistency', { i2: 80, i2Low: 20, i2High: 95 }, -1],
	[
		'inconsistency-serious-uncertain-i2',
		'inconsistency',
		{ i2: 62, i2Low: 0, i2High: 88, piLow: 0.4, piHigh: 1.1 },
		-1
	],
	['inconsistency-serious-pi', 'inconsistency', { i2: 30, piLow: 0.4, piHigh: 1.1 }, -1],
	['inconsistency-uncertain', 'inconsistency', { i2: 62, i2Low: 0, i2High: 88 }, 0],
	['inconsistency-none', 'inconsistency', {}, 0],
	['indirectness-not-assessed', 'indirectness', {}, 0],
	['imprecision-very-serious', 'imprecision', { estimate: 1, ciLow: 0.7, ciHigh: 1.4 }, -2],
	['imprecision-serious-null', 'imprecision', { estimate: 0.89, ciLow: 0.73, ciHigh: 1.1 }, -1],
	['imprecision-serious-threshold', 'imprecision', { estimate: 0.85, ciLow: 0.75, ciHigh: 0.95 }, -1],
	['imprecision-none', 'imprecision', {}, 0],
	['publication-not-assessable', 'publication', { k: 9, eggerP: 0.01 }, 0],
	['publication-suspected', 'publication', { k: 12, eggerP: 0.05 }, -1],
	['publication-undetected', 'publication', { k: 12, eggerP: 0.4 }, 0],
	['large-not-observational', 'large', { group: 'randomised', estimate: 0.1, ciLow: 0.05, ciHigh: 0.15 }, 0],
	['large-very-large', 'large', { estimate: 0.1, ciLow: 0.05, ciHigh: 0.15 }, 2],
	['large-large', 'large', { estimate: 0.35, ciLow: 0.25, ciHigh: 0.45 }, 1],
	['large-none', 'large', {}, 0]
];

describe('GRADE rules', () => {
	it('every rule has a case below', () => {
		expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(RULES.map((r) => r.id)));
	});

	it.each(CASES)('%s', (rule, domain, patch, change) => {
		const j = judge(domain, { ...base, ...patch });
		expect(j.rule).toBe(rule);
		expect(j.change).toBe(change);
		expect(j.reason.length).toBeGreaterThan(10);
	});
});

describe('inconsistency reads the Q-profile interval of I² (confint) with I² and the prediction interval', () => {
	const wide = { piLow: 0.3, piHigh: 1.3 };
	// [what the case shows, input, rule, change, words the reason must hold]
	const CI_CASES: ReadonlyArray<[string, Partial<GradeInput>, string, number, string]> = [
		[
			'I² ≥ 75% with a wide PI but a lower limit under 50%: serious, not very serious',
			{ i2: 80, i2Low: 30, i2High: 95, ...wide },
			'inconsistency-serious-i2',
			-1,
			'I² 80% (95% CI 30–95%)'
		],
		[
			'I² ≥ 75% with a wide PI and a lower limit of 50% or more: very serious',
			{ i2: 80, i2Low: 50, i2High: 95, ...wide },
			'inconsistency-very-serious',
			-2,
			'I² 80% (95% CI 50–95%)'
		],
		[
			'I² ≥ 50% whose interval reaches 0% and a PI on one side of no effect: not downgraded',
			{ i2: 62, i2Low: 0, i2High: 88 },
			'inconsistency-uncertain',
			0,
			'I² 62% (95% CI 0–88%)'
		],
		[
			'I² ≥ 50% whose interval reaches 0% but a PI across no effect: serious',
			{ i2: 62, i2Low: 0, i2High: 88, piLow: 0.4, piHigh: 1.2 },
			'inconsistency-serious-uncertain-i2',
			-1,
			'I² 62% (95% CI 0–88%); its interval reaches no heterogeneity, but the prediction interval (0.40–1.20)'
		],
		[
			'I² ≥ 50% whose interval excludes 0%: serious',
			{ i2: 62, i2Low: 20, i2High: 88 },
			'inconsistency-serious-i2',
			-1,
			'I² 62% (95% CI 20–88%)'
		],
		[
			'no interval (common-effect model): the point estimate decides',
			{ i2: 62, i2Low: null, i2High: null },
			'inconsistency-serious-i2',
			-1,
			'I² 62% (50%'
		],
		[
			'a low I² with an upper limit of 75% or more says so',
			{ i2: 20, i2Low: 0, i2High: 80 },
			'inconsistency-none',
			0,
			'I² 20% (95% CI 0–80%), prediction interval 0.55–0.70; but I² up to 80% cannot be excluded'
		]
	];
	it.each(CI_CASES)('%s', (_, patch, rule, change, words) => {
		const j = judge('inconsistency', { ...base, ...patch });
		expect(j.rule).toBe(rule);
		expect(j.change).toBe(change);
		expect(j.reason).toContain(words);
	});
});

describe('certainty', () => {
	it('starts high for randomised and low for observational evidence', () => {
		expect(certainty(base).level).toBe(2);
		expect(certainty({ ...base, group: 'randomised' }).level).toBe(4);
	});

	it('sums the changes, clamped to 1–4', () => {
		const c = certainty({ ...base, group: 'randomised', estimate: 0.89, ciLow: 0.73, ciHigh: 1.1 });
		expect(c.level).toBe(3);
		expect(certainty({ ...base, biasWeight: 90, i2: 90, piLow: 0.2, piHigh: 2 }).level).toBe(1);
	});

	it('a large effect upgrades observational evidence only without serious risk of bias', () => {
		const large = { ...base, estimate: 0.35, ciLow: 0.25, ciHigh: 0.45 };
		expect(certainty(large).level).toBe(3);
		const flagged = certainty({ ...large, biasWeight: 30 });
		expect(flagged.judgements.find((j) => j.domain === 'large')?.change).toBe(0);
		expect(flagged.level).toBe(1);
	});

	it('a user’s override replaces the computed judgement and keeps its reason; an invalid change is ignored', () => {
		const c = certainty(base, { indirectness: { change: -1, reason: 'Older systemic therapy' } });
		const j = c.judgements.find((x) => x.domain === 'indirectness');
		expect(j).toMatchObject({ change: -1, reason: 'Older systemic therapy', overridden: true });
		expect(c.level).toBe(1);
		expect(certainty(base, { rob: { change: 1, reason: 'x' } }).level).toBe(2);
	});

	it('symbols and words', () => {
		expect(certaintySymbols(3)).toBe('⊕⊕⊕◯');
		expect(certaintySymbols(1)).toBe('⊕◯◯◯');
		expect(certaintyWord(4)).toBe('High');
		expect(certaintyWord(1)).toBe('Very low');
	});
});
