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
	['inconsistency-very-serious', 'inconsistency', { i2: 80, piLow: 0.3, piHigh: 1.3 }, -2],
	['inconsistency-serious-i2', 'inconsistency', { i2: 80 }, -1],
	['inconsistency-serious-pi', 'inconsistency', { i2: 30, piLow: 0.4, piHigh: 1.1 }, -1],
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
