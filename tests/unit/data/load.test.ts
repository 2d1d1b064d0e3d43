import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTable } from '$lib/data/load';

const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`, 'utf8');
const MAX_YEAR = 2026;

describe('loadTable on a malformed table', () => {
	const result = loadTable(fixture('malformed.csv'), 'malformed.csv', { maxYear: MAX_YEAR });
	const issue = (row: number, column: string) =>
		result.issues.filter((i) => i.row === row && i.column === column);

	it('keeps every row it can name and skips only the unnamed one', () => {
		expect(result.status).toBe('partial');
		expect(result.rowsLoaded).toBe(7);
		expect(result.rowsSkipped).toBe(1);
		expect(result.studies.map((s) => s.label)).toEqual([
			'Alpha 2010',
			'Gamma',
			'Delta 2012',
			'Epsilon 2013',
			'Zeta 2014',
			'Eta 2015',
			'Theta 2016'
		]);
	});

	it.each([
		[2, 'Study', 'error', /no study name/],
		[3, 'Year', 'warning', /“2031” is not a year between 1900 and 2026/],
		[4, 'No. of patients', 'warning', /“NR” is read as not reported/],
		[4, 'HR', 'warning', /“abc” is not a number/],
		[5, 'Surgery n', 'warning', /150 patients in one arm is more than the 100/],
		[5, 'HR', 'warning', /estimate 0.5 lies outside its own interval 0.7–0.9/],
		[6, 'No. of patients', 'warning', /“-5” is negative/],
		[6, 'HR', 'warning', /cannot be a ratio/],
		[6, 'PMID', 'warning', /not a PubMed id/],
		[6, 'DOI', 'warning', /not a DOI/],
		[7, 'Lower 95% CI', 'warning', /lower bound above its upper bound/],
		[8, 'Upper 95% CI', 'warning', /only one bound/]
	] as const)('row %i, %s: %s %s', (row, column, severity, message) => {
		const found = issue(row, column);
		expect(found).toHaveLength(1);
		expect(found[0]?.severity).toBe(severity);
		expect(found[0]?.message).toMatch(message);
		expect(found[0]?.message).toContain(`Row ${row}`);
	});

	it('drops exactly the bad fields and keeps the rest of each row', () => {
		const byLabel = Object.fromEntries(result.studies.map((s) => [s.label, s]));
		expect(byLabel['Alpha 2010']).toMatchObject({
			year: 2010,
			design: 'registry',
			nTotal: 500,
			nTreated: 200,
			nControl: 300,
			effect: 0.7,
			ciLow: 0.6,
			ciHigh: 0.82,
			ciLevel: 0.95,
			pmid: '12345678',
			doi: '10.1000/alpha'
		});
		expect(byLabel['Gamma']).toMatchObject({ year: null, design: 'rct', nTotal: 300, effect: 0.9 });
		expect(byLabel['Delta 2012']).toMatchObject({ nTotal: null, nTreated: 40, effect: null });
		expect(byLabel['Epsilon 2013']).toMatchObject({ nTreated: null, nControl: 20, effect: 0.5, ciLow: null });
		expect(byLabel['Zeta 2014']).toMatchObject({ nTotal: null, effect: null, pmid: null, doi: null });
		expect(byLabel['Eta 2015']).toMatchObject({ nTotal: 1200, effect: 0.95, ciLow: null, ciHigh: null });
		expect(byLabel['Theta 2016']).toMatchObject({ effect: 0.85, ciLow: null, ciHigh: null });
	});
});

describe('loadTable on what is not a table', () => {
	it.each([
		['', /empty/],
		['   \n\n ', /empty/],
		['study,year,hr\n', /header row but no data rows/],
		['\u0000\u0001\u0002PK\u0003\u0004binary', /binary/],
		['colour,flavour\nred,sweet\n', /None of the columns/]
	])('%j is rejected with one clear sentence', (text, message) => {
		const result = loadTable(text, 'x.csv');
		expect(result.status).toBe('rejected');
		expect(result.studies).toEqual([]);
		expect(result.issues).toHaveLength(1);
		expect(result.issues[0]).toMatchObject({ row: 0, severity: 'error' });
		expect(result.issues[0]?.message).toMatch(message);
	});
});

describe('loadTable reading variants', () => {
	it('reads semicolons with decimal commas, as European spreadsheets export', () => {
		const r = loadTable('Study;Year;HR;Lower 95% CI;Upper 95% CI\nSmith;2012;0,71;0,52;0,97\n', 'eu.csv');
		expect(r.delimiter).toBe(';');
		expect(r.studies[0]).toMatchObject({ effect: 0.71, ciLow: 0.52, ciHigh: 0.97, ciLevel: 0.95 });
	});

	it('reads tab-separated text and an effect with its interval in one cell', () => {
		const r = loadTable(
			'Study\tYear\tHR (95% CI)\nA\t2001\t0.63 (0.55–0.72)\nB\t2002\t0.8 [0.6, 1.1]\n',
			't.tsv'
		);
		expect(r.studies.map((s) => [s.effect, s.ciLow, s.ciHigh])).toEqual([
			[0.63, 0.55, 0.72],
			[0.8, 0.6, 1.1]
		]);
	});

	it('reads an accrual period written as a range in one cell', () => {
		const r = loadTable('Study,Year,Accrual start\nA,2010,2004-2008\n', 'a.csv');
		expect(r.studies[0]).toMatchObject({ accrualStart: 2004, accrualEnd: 2008 });
	});

	it('takes a 90% level from a header when there is no level column', () => {
		const r = loadTable('Study,Year,HR,Lower 90% CI,Upper 90% CI\nA,2010,1.1,0.8,1.5\n', 'a.csv');
		expect(r.studies[0]?.ciLevel).toBe(0.9);
	});

	it('gives duplicate ids a suffix and says so', () => {
		const r = loadTable('id,Study,Year\nx,A,2001\nx,B,2002\n', 'd.csv');
		expect(r.studies.map((s) => s.id)).toEqual(['x', 'x-2']);
		expect(r.issues.some((i) => i.row === 2 && /already used/.test(i.message))).toBe(true);
	});

	it('keeps text from cells as text, markup included', () => {
		const r = loadTable('Study,Year,Country\n"<img src=x onerror=alert(1)>",2001,"<b>x</b>"\n', 'x.csv');
		expect(r.studies[0]?.label).toBe('<img src=x onerror=alert(1)> 2001');
		expect(r.studies[0]?.country).toBe('<b>x</b>');
	});
});

describe('progress while reading', () => {
	it('reports rising shares that end at 1 and keeps every row across chunk boundaries', () => {
		const header = 'Study,Year,N,Notes\n';
		// About 3 MB, so the parser reads it in several chunks; quoted newlines may straddle a boundary.
		const row = (i: number) => `S${i},2010,${i},"note with, comma\nand a newline ${'x'.repeat(40)}"\n`;
		const text = header + Array.from({ length: 40000 }, (_, i) => row(i)).join('');
		const shares: number[] = [];
		const r = loadTable(text, 'big.csv', { onProgress: (s) => shares.push(s) });
		expect(shares.length).toBeGreaterThan(2);
		expect(shares).toEqual([...shares].sort((a, b) => a - b));
		expect(shares.at(-1)).toBe(1);
		expect(r.rowsLoaded).toBe(40000);
		expect(r.studies[39999]?.nTotal).toBe(39999);
		expect(r.issues).toEqual([]);
	});
});
