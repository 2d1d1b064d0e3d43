import { describe, expect, it } from 'vitest';
import { logEffects } from '$lib/stats/effects';
import { notPooledNote, overlapWarnings, poolingWarnings } from '$lib/stats/warnings';
import { makeStudy } from './study';

const three = [
	makeStudy({ id: 'a', label: 'Ruiterkamp 2009', adjusted: true }),
	makeStudy({ id: 'b', label: 'Badwe 2015', adjusted: true }),
	makeStudy({ id: 'c', label: 'Soran 2018', adjusted: true })
];

describe('poolingWarnings', () => {
	it('is silent for three homogeneous, fully reported studies', () => {
		expect(poolingWarnings(three)).toEqual([]);
	});

	it.each([
		[0, 'nothing is pooled'],
		[1, 'Only one study (Ruiterkamp 2009)'],
		[2, 'Only 2 studies']
	])('warns about k = %i', (k, phrase) => {
		const w = poolingWarnings(three.slice(0, k));
		expect(w).toHaveLength(1);
		expect(w[0]).toMatchObject({ kind: 'fewStudies', severity: 'warning', k });
		expect(w[0]?.message).toContain(phrase);
	});

	it('counts only the studies that can be pooled', () => {
		const w = poolingWarnings([...three.slice(0, 2), makeStudy({ id: 'd', ciLow: null, ciHigh: null })]);
		expect(w.map((x) => x.kind)).toEqual(['fewStudies']);
	});

	it('warns when adjusted and unadjusted estimates are mixed', () => {
		const w = poolingWarnings([
			...three,
			makeStudy({ id: 'd', label: 'King 2016', adjusted: false }),
			makeStudy({ id: 'e', adjusted: null })
		]);
		expect(w).toEqual([
			expect.objectContaining({
				kind: 'mixedAdjustment',
				adjustedIds: ['a', 'b', 'c'],
				unadjustedIds: ['d'],
				unknownIds: ['e']
			})
		]);
		expect(w[0]?.message).toContain('King 2016');
		expect(w[0]?.message).toContain('1 more do not say');
	});

	it('notes assumed and non-95% confidence levels', () => {
		const w = poolingWarnings([
			...three,
			makeStudy({ id: 'd', label: 'Khan 2022', ciLevel: 0.9 }),
			makeStudy({ id: 'e', label: 'Lane 2019', ciLevel: null })
		]);
		expect(w.map((x) => x.kind)).toEqual(['assumedCiLevel', 'otherCiLevel']);
		expect(w[0]).toMatchObject({ severity: 'info', studyIds: ['e'] });
		expect(w[0]?.message).toContain('Lane 2019');
		expect(w[0]?.message).toContain('95%');
		expect(w[1]?.message).toContain('90%');
	});

	it('warns when effect measures are mixed', () => {
		const w = poolingWarnings([...three, makeStudy({ id: 'd', effectMeasure: 'OR' })]);
		expect(w).toEqual([expect.objectContaining({ kind: 'mixedEffectMeasures', measures: ['HR', 'OR'] })]);
	});

	it('warns once per cohort holding two or more pooled studies', () => {
		const groups = [
			{ name: 'SEER', ids: ['a', 'b', 'zz'] },
			{ name: 'NCDB', ids: ['c', 'zz'] },
			{ name: 'MD Anderson', ids: ['c', 'd'] }
		];
		const w = poolingWarnings([...three, makeStudy({ id: 'd', ciLow: null, ciHigh: null })], groups);
		expect(w).toEqual([
			expect.objectContaining({ kind: 'overlappingCohort', group: 'SEER', studyIds: ['a', 'b'] })
		]);
		expect(w[0]?.message).toContain('Ruiterkamp 2009 and Badwe 2015');
		expect(overlapWarnings(three, [{ name: 'X', ids: ['a', 'a'] }])).toEqual([]);
	});
});

describe('the studies shown but not pooled, in a sentence', () => {
	it('lists every reason up to eight, then says how many more, whatever the table’s size', () => {
		const studies = Array.from({ length: 1555 }, (_, i) =>
			makeStudy({ id: `s${i}`, label: `Study ${i}`, effect: 0.8, ciLow: null, ciHigh: null })
		);
		const { excluded } = logEffects(studies);
		const reasons = excluded.map((e) => e.reason);
		const text = notPooledNote(excluded) ?? '';
		expect(
			text.startsWith('Shown but not pooled (1,555): Study 0: the estimate has no confidence interval')
		).toBe(true);
		expect(text).toContain('Study 7:');
		expect(text).not.toContain('Study 8:');
		expect(text.endsWith('And 1,547 more not pooled.')).toBe(true);
		// A few are all listed, with nothing after them.
		expect(notPooledNote(excluded.slice(0, 3))).toBe(
			`Shown but not pooled (3): ${reasons.slice(0, 3).join(' ')}`
		);
		// A study with no estimate at all is not drawn, so it is not named; with none left there is no line.
		const none = logEffects([makeStudy({ id: 'x', label: 'X', effect: null })]).excluded;
		expect(none).toHaveLength(1);
		expect(notPooledNote(none)).toBeNull();
	});
});
