/**
 * One definition per concept (issue 17): the design class of a study, one report per study, flag kinds and the
 * patient count are each decided in src/lib/domain, and every analysis that uses them agrees — the summary's k per
 * design class, the subgroup test's groups and evidence over time's last point — for the bundled data and two user
 * tables.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { loadTable } from '$lib/data/load';
import { parseOverlaps } from '$lib/data/overlaps';
import { FLAGS } from '$lib/data/flags';
import { designClass, type UnreportedDesign } from '$lib/domain/design';
import { BIAS_FLAGS, chosenFlags, flagKind, REPORTING_FLAGS } from '$lib/domain/flags';
import { countPatients, latestReports, supersededBy } from '$lib/domain/reports';
import { cumulative } from '$lib/stats/cumulative';
import { summarySentences } from '$lib/stats/sentences';
import { summarise, type SummariseOptions } from '$lib/stats/summary';
import type { Study } from '$lib/types';

const csv = readFileSync('data/studies.csv', 'utf8');
const bundled = loadTable(csv, 'bundled').studies;
const table = (name: string) =>
	loadTable(readFileSync(`tests/fixtures/tables/${name}.csv`, 'utf8'), `${name}.csv`, { maxYear: 2026 })
		.studies;

/** The bundled CSV's rows as text (papaparse, not the app's reader), to derive expected numbers independently. */
function rows(): Record<string, string>[] {
	return Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
}

const cases: [string, Study[], UnreportedDesign][] = [
	['the bundled data', bundled, 'observational'],
	['metafor’s BCG yi, vi (allocation as design)', table('bcg-escalc'), 'unknown'],
	[
		'a table of hazard ratios, some designs not reported',
		loadTable(
			'Study,Year,Design,HR,Lower,Upper\nA,2001,RCT,0.8,0.6,1.0\nB,2003,,0.9,0.7,1.2\nC,2005,registry,0.6,0.5,0.7\nD,2007,,0.7,0.5,0.95\nE,2009,RCT,1.0,0.8,1.25\n',
			'mixed.csv',
			{ maxYear: 2026 }
		).studies,
		'unknown'
	]
];

describe('design classes: one definition for the summary, the subgroup test and evidence over time', () => {
	it.each(cases)('%s', (_, studies, unreportedDesign) => {
		const options: SummariseOptions = { method: 'REML', hk: false, unreportedDesign };
		const summary = summarise(studies, options);
		const { points } = cumulative(studies, options);
		expect(summary.groups.length).toBeGreaterThan(0);
		for (const g of summary.groups) {
			const last = points.filter((p) => p.group === g.key).at(-1);
			expect(last?.k).toBe(g.k);
			expect(last?.estimate).toBe(g.result?.estimate);
		}
		// Every group the summary pools is a class of the one rule.
		const classes = new Set(studies.map((s) => designClass(s.design, unreportedDesign)));
		for (const g of summary.groups) expect(classes.has(g.key)).toBe(true);
		// The sentences state each class's k as pooled.
		const text = summarySentences(summary, studies.length, {
			measure: studies[0]?.effectMeasure ?? 'effect',
			arms: { treated: 'Treated', control: 'Control' },
			outcome: null
		}).join(' ');
		if (summary.groups.length > 1)
			for (const g of summary.groups)
				expect(text).toMatch(new RegExp(`(In|Only) ${g.k === 1 ? 'one' : g.k} `));
	});

	it('the bundled rows of unreported design are observational; a user table’s are unknown', () => {
		const unreported = bundled.filter((s) => s.design === null);
		expect(unreported.length).toBe(rows().filter((r) => r.design === '').length);
		for (const s of unreported) expect(designClass(s.design, 'observational')).toBe('observational');
		expect(designClass(null, 'unknown')).toBe('not-reported');
		expect(designClass('random', 'unknown')).toBe('random');
		expect(designClass('rct', 'unknown')).toBe('randomised');
		const summary = summarise(bundled, { method: 'REML', hk: false, unreportedDesign: 'observational' });
		expect(summary.groups.map((g) => g.key).sort()).toEqual(['observational', 'randomised']);
	});

	it('an allocation column keeps the user’s words: never “observational”', () => {
		const bcg = table('bcg-escalc');
		const { points } = cumulative(bcg, { method: 'REML', hk: false, unreportedDesign: 'unknown' });
		const groups = new Set(points.map((p) => p.group));
		expect(groups).toEqual(new Set(['all', 'random', 'alternate', 'systematic']));
	});
});

describe('one report per study', () => {
	it('the pooled set and the forest’s “superseded” marks come from the same rule', () => {
		const marked = supersededBy(bundled);
		const pooled = summarise(bundled, { method: 'REML', hk: false }).superseded;
		expect([...pooled.keys()].sort()).toEqual([...marked.keys()].sort());
		const expected = rows()
			.map((r) => r.supersedes)
			.filter(Boolean)
			.sort();
		expect([...marked.keys()].sort()).toEqual(expected);
		expect(marked.get('shien-2023')?.id).toBe('shien-2025');
		expect(latestReports(bundled).map((s) => s.id)).not.toContain('shien-2023');
	});
});

describe('patients counted once', () => {
	const overlaps = parseOverlaps(readFileSync('data/overlaps.csv', 'utf8'));

	it('the randomised trials: 7 reports of 5 trials, superseded reports add no patients', () => {
		const trials = bundled.filter((s) => s.design === 'rct');
		const superseded = new Set(rows().map((r) => r.supersedes));
		const expected = rows()
			.filter((r) => r.design === 'rct' && !superseded.has(r.id) && r.n_total !== '')
			.reduce((sum, r) => sum + Number(r.n_total), 0);
		const count = countPatients(trials, overlaps);
		expect(count).toMatchObject({ reports: 7, studies: 5, patients: expected, overlapping: [] });
		expect(count.patients).toBe(1368);
	});

	it('says so when overlapping cohorts are in view', () => {
		const count = countPatients(bundled, overlaps);
		expect(count.overlapping).toContain('SEER, diagnosis years 1988–2011');
		expect(count.overlapping.some((name) => name.includes('JCOG1017'))).toBe(false);
		expect(count.patients).toBe(
			bundled.filter((s) => !supersededBy(bundled).has(s.id)).reduce((sum, s) => sum + (s.nTotal ?? 0), 0)
		);
	});
});

describe('flags in two kinds', () => {
	it('every code on file is of exactly one kind', () => {
		for (const { code } of FLAGS)
			expect(BIAS_FLAGS.includes(code) !== REPORTING_FLAGS.includes(code)).toBe(true);
		expect(flagKind('ci-90')).toBe('reporting');
		expect(flagKind('immortal-time')).toBe('bias');
		expect(flagKind('someones-own-code')).toBe('bias');
	});

	it('leaving out bias-flagged studies keeps the trials flagged only for how they were reported', () => {
		const trials = bundled.filter((s) => s.design === 'rct');
		const plain = summarise(trials, { method: 'REML', hk: false });
		const bias = summarise(trials, { method: 'REML', hk: false, leaveOutFlags: 'bias' });
		expect(plain.overall?.k).toBe(4);
		expect(bias.overall?.k).toBe(4);
		expect(summarise(trials, { method: 'REML', hk: false, leaveOutFlags: 'all' }).overall?.k).toBeLessThan(4);
		expect(chosenFlags(['ci-90', 'landmark'], 'bias')).toEqual(['landmark']);
		expect(chosenFlags(['ci-90', 'landmark'], ['ci-90'])).toEqual(['ci-90']);
	});
});
