import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countsEffect } from '$lib/data/inputs';
import { loadTable } from '$lib/data/load';
import { summarise } from '$lib/stats/summary';

/** metafor's REML fits of each fixture, written by tests/fixtures/tables/make.R. */
const expected = JSON.parse(readFileSync('tests/fixtures/tables/expected.json', 'utf8')) as Record<
	string,
	{ k: number; estimate: number; ci_low: number; ci_high: number; tau2: number }
>;
const load = (name: string) =>
	loadTable(readFileSync(`tests/fixtures/tables/${name}.csv`, 'utf8'), `${name}.csv`, { maxYear: 2026 });
/** Relative difference, for "within 0.2%". */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('each kind of table loads with no hand mapping and pools to metafor’s REML', () => {
	it.each(Object.keys(expected))('%s', (name) => {
		const ref = expected[name]!;
		const result = load(name);
		expect(result.status).toBe('ok');
		expect(result.issues.filter((i) => /not a number/.test(i.message))).toEqual([]);
		const overall = summarise(result.studies, { method: 'REML', hk: false }).overall;
		expect(overall?.k).toBe(ref.k);
		expect(rel(Math.exp(overall!.estimate), ref.estimate)).toBeLessThan(0.002);
		expect(rel(Math.exp(overall!.ciLow), ref.ci_low)).toBeLessThan(0.002);
		expect(rel(Math.exp(overall!.ciHigh), ref.ci_high)).toBeLessThan(0.002);
		expect(rel(overall!.tau2, ref.tau2)).toBeLessThan(0.002);
	});

	it('reads the counts as risk ratios with arm sizes, events and a total from the arms', () => {
		const aronson = load('bcg-counts').studies[0]!;
		expect(aronson).toMatchObject({
			label: 'Aronson 1948',
			effectMeasure: 'RR',
			eventsTreated: 4,
			eventsControl: 11,
			nTreated: 4 + 119,
			nControl: 11 + 128,
			nTotal: 4 + 119 + 11 + 128,
			design: 'random'
		});
		expect(aronson.logEffect).toBeCloseTo(Math.log(4 / 123 / (11 / 139)), 12);
	});

	it('shows a log effect as a ratio with its 95% interval', () => {
		const s = load('bcg-escalc').studies[0]!;
		expect(s.effect).toBeCloseTo(Math.exp(s.logEffect!), 12);
		expect(s.ciLow).toBeCloseTo(Math.exp(s.logEffect! - 1.959963984540054 * s.se!), 12);
		expect(s.ciLevel).toBe(0.95);
	});

	it('takes the odds ratio from the RevMan header, and leaves out its Total and summary lines in one report line', () => {
		const result = load('hackshaw-revman');
		expect(result.studies.every((s) => s.effectMeasure === 'OR')).toBe(true);
		expect(result.studies.some((s) => /total|heterogeneity|test for/i.test(s.label))).toBe(false);
		const lines = result.issues.filter((i) => /summary rows? (was|were) left out/.test(i.message));
		expect(lines).toHaveLength(1);
		expect(lines[0]!.message).toMatch(
			/3 summary rows.*“Total \(95% CI\)”.*“Heterogeneity:.*“Test for overall effect/
		);
	});

	it('reads a European file: decimal comma inside combined cells, dots as thousands separators', () => {
		const result = load('bcg-european');
		expect(result.decimalComma).toBe(true);
		expect(result.issues.filter((i) => i.severity === 'warning' && i.row > 0)).toEqual([]);
		// Hart & Sutherland 1977, the one trial with more than 9,999 patients, read from the file by plain string means.
		const line = readFileSync('tests/fixtures/tables/bcg-european.csv', 'utf8')
			.split('\n')
			.find((l) => l.startsWith('Hart'))!;
		const [, patients = '', cell = ''] = line.split(';');
		const [effect, ciLow, ciHigh] = (cell.match(/\d+,\d+/g) ?? []).map((x) => Number(x.replace(',', '.')));
		expect(patients).toMatch(/^\d+\.\d{3}$/);
		const hart = result.studies.find((s) => s.label.startsWith('Hart'))!;
		expect(hart).toMatchObject({ nTotal: Number(patients.replace('.', '')), effect, ciLow, ciHigh });
	});
});

describe('countsEffect, as metafor’s escalc', () => {
	// Values from R 4.2, metafor 3.8-1: escalc("RR"/"OR", ai, bi, ci, di) with the default add = 1/2, to = "only0".
	it('adds 0.5 to every cell of a study with a zero cell', () => {
		// escalc(measure="RR", ai=0, bi=10, ci=3, di=7): yi = log((0.5/11)/(3.5/11)), vi = 1/0.5 - 1/11 + 1/3.5 - 1/11
		const rr = countsEffect(0, 10, 3, 10, 'RR');
		expect(rr).toMatchObject({ kind: 'ok', corrected: true });
		if (rr.kind === 'ok') {
			expect(rr.yi).toBeCloseTo(Math.log(0.5 / 11 / (3.5 / 11)), 12);
			expect(rr.vi).toBeCloseTo(1 / 0.5 - 1 / 11 + 1 / 3.5 - 1 / 11, 12);
		}
		const or = countsEffect(0, 10, 3, 10, 'OR');
		if (or.kind === 'ok') expect(or.vi).toBeCloseTo(1 / 0.5 + 1 / 10.5 + 1 / 3.5 + 1 / 7.5, 12);
		expect(or.kind).toBe('ok');
	});

	it.each([
		[0, 10, 0, 12, 'no-events'],
		[10, 10, 12, 12, 'all-events'],
		[11, 10, 1, 12, 'events-exceed'],
		[1, null, 1, 12, 'incomplete']
	] as const)('%s/%s vs %s/%s → %s', (e1, n1, e2, n2, kind) =>
		expect(countsEffect(e1, n1, e2, n2, 'RR').kind).toBe(kind)
	);

	it('leaves a study with no events in either arm out of the pooling, with a note naming the row', () => {
		const result = loadTable('study,tpos,tneg,cpos,cneg\nA,0,10,0,12\nB,3,7,5,5\nC,2,8,6,4\n', 't.csv');
		expect(result.issues).toContainEqual(
			expect.objectContaining({ row: 1, message: expect.stringMatching(/Row 1: no events in either arm/) })
		);
		expect(summarise(result.studies, { method: 'REML', hk: false }).overall?.k).toBe(2);
	});

	it('computes the odds ratio when asked', () => {
		const result = loadTable('study,tpos,tneg,cpos,cneg\nB,3,7,5,5\n', 't.csv', { measure: 'OR' });
		expect(result.studies[0]).toMatchObject({ effectMeasure: 'OR' });
		expect(result.studies[0]!.logEffect).toBeCloseTo(Math.log((3 * 5) / (7 * 5)), 12);
	});
});

describe('a RevMan table with its two-line header', () => {
	// The first three BCG trials (metafor's dat.bcg) as RevMan lays them out; written by tests/fixtures/tables/make.R.
	const text = readFileSync('tests/fixtures/tables/revman-two-line.csv', 'utf8');
	const result = loadTable(text, 'revman-two-line.csv');

	it('reads "Experimental" over "Events, Total" as the arms’ events and totals', () => {
		expect(result.headers.slice(0, 5)).toEqual([
			'Study or Subgroup',
			'Experimental Events',
			'Experimental Total',
			'Control Events',
			'Control Total'
		]);
		expect(
			result.studies.map((s) => [s.label, s.eventsTreated, s.nTreated, s.eventsControl, s.nControl])
		).toEqual([
			['Aronson 1948', 4, 123, 11, 139],
			['Ferguson & Simes 1949', 6, 306, 29, 303],
			['Rosenthal et al 1960', 3, 231, 11, 220]
		]);
	});

	it('pools the counts, not the rounded ratio cells, and leaves out both summary rows', () => {
		expect(result.studies[0]!.logEffect).toBeCloseTo(Math.log(4 / 123 / (11 / 139)), 12);
		expect(result.issues.find((i) => /summary rows were left out/.test(i.message))?.message).toMatch(
			/2 summary rows/
		);
		expect(summarise(result.studies, { method: 'REML', hk: false }).overall?.k).toBe(3);
	});
});

describe('the measure of counts and log effects', () => {
	it('is the one chosen in the mapping panel for a log effect whose header names none, and is reported', () => {
		const text = readFileSync('tests/fixtures/tables/bcg-escalc.csv', 'utf8');
		const chosen = loadTable(text, 'e.csv', { measure: 'RR' });
		expect(new Set(chosen.studies.map((s) => s.effectMeasure))).toEqual(new Set(['RR']));
		expect(chosen.measure).toBe('RR');
		// Unnamed, metafor's yi is an "effect": never labelled a hazard ratio.
		expect(loadTable(text, 'e.csv').measure).toBe('effect');
	});

	it('is reported for counts (RR unless OR is asked; HR cannot come from counts)', () => {
		const text = readFileSync('tests/fixtures/tables/bcg-counts.csv', 'utf8');
		expect(loadTable(text, 'c.csv').measure).toBe('RR');
		expect(loadTable(text, 'c.csv', { measure: 'OR' }).measure).toBe('OR');
		const hr = loadTable(text, 'c.csv', { measure: 'HR' });
		expect([hr.measure, hr.studies[0]?.effectMeasure]).toEqual(['RR', 'RR']);
	});

	it('is not set for a table of ratios, whose measure is its own', () => {
		expect(
			loadTable(readFileSync('tests/fixtures/tables/bcg-ratio-intervals.csv', 'utf8'), 'r.csv').measure
		).toBeUndefined();
	});
});
