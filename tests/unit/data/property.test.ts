import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '$lib/data/decode';
import { loadTable } from '$lib/data/load';
import { parseTable, type ParseOptions } from '$lib/data/parse';
import type { LoadResult, Study } from '$lib/types';
import { NUMERIC } from './numeric';

/** Properties of the whole pipeline (bytes → text → table → studies + report) over generated input. */

const MAX_YEAR = 2030;
const RUNS = 300;
const STATUSES = ['ok', 'partial', 'rejected'];

const KNOWN_HEADERS = [
	'Study',
	'Year',
	'N',
	'HR',
	'Lower 95% CI',
	'Upper 95% CI',
	'Design',
	'Country',
	'HR (95% CI)',
	'id',
	'first_author',
	'year',
	'n_total',
	'n_surgery',
	'n_no_surgery',
	'median_os_surgery_months',
	'hr_os',
	'hr_ci_low',
	'hr_ci_high',
	'ci_level',
	'Accrual start',
	'accrual_end',
	'effect_measure',
	'adjusted',
	'PMID',
	'DOI',
	'Notes'
];
const UNKNOWN_HEADERS = [
	'Colour',
	'Weight (g)',
	'Journal',
	'__proto__',
	'constructor',
	'prototype',
	'hasOwnProperty',
	'',
	' ',
	'a,b',
	'x;y',
	'p|q',
	'say "hi"',
	'#hash',
	'名前'
];

const header = fc
	.array(fc.oneof(fc.constantFrom(...KNOWN_HEADERS), fc.constantFrom(...UNKNOWN_HEADERS)), {
		minLength: 1,
		maxLength: 10
	})
	.filter((names) => names.some((n) => n.trim() !== ''));

const TOKENS = [
	'',
	' ',
	'NR',
	'n/a',
	'—',
	'-',
	'not reached',
	'NaN',
	'Infinity',
	'-Infinity',
	'1e400',
	'1e-400',
	'1e12',
	'16,023',
	'1.234,5',
	'0,63',
	'0.63 (0.55-0.72)',
	'0.63 [0.55, 0.72]',
	'0.63 (0.55 to 0.72)',
	'0.63 (0.72-0.55)',
	'2004-2008',
	'2008-2004',
	'95%',
	'0.9',
	'yes',
	'no',
	'RCT',
	'Registry',
	'10.1000/x',
	'https://doi.org/10.1000/y',
	'12345678',
	'javascript:alert(1)',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'=HYPERLINK("http://x","y")',
	'+cmd',
	'-2+3',
	'@SUM(A1)',
	'__proto__',
	'constructor',
	'王',
	'العلي',
	'🧬',
	'é'
];
const SPECIAL = ['"', '""', ',', ';', '\t', '|', '\n', '\r\n', '\r', '#', '#x', ' #', 'a"b', '"q"', '\u00a0'];

const cell = fc.oneof(
	fc.integer({ min: -100_000, max: 20_000_000 }).map(String),
	fc.integer({ min: 1000, max: 3000 }).map(String),
	fc.double().map(String),
	fc.double({ min: 0, max: 5, noNaN: true }).map((x) => x.toFixed(2)),
	fc.double({ min: 0, max: 5, noNaN: true }).map((x) => x.toFixed(2).replace('.', ',')),
	fc.constantFrom(...TOKENS),
	fc.constantFrom(...SPECIAL),
	fc.string({ maxLength: 12 }),
	fc.string({ unit: 'grapheme', maxLength: 6 })
);

interface Generated {
	header: string[];
	rows: string[][];
	delimiter: string;
	newline: string;
	quoteAll: boolean;
}

const table: fc.Arbitrary<Generated> = header.chain((names) =>
	fc.record({
		header: fc.constant(names),
		rows: fc.array(fc.array(cell, { maxLength: names.length + 2 }), { maxLength: 12 }),
		delimiter: fc.constantFrom(',', ';', '\t', '|'),
		newline: fc.constantFrom('\n', '\r\n', '\r'),
		quoteAll: fc.boolean()
	})
);

/** RFC 4180 quoting: a cell is quoted when it holds the delimiter, a quote or a line break (or always). */
function quote(value: string, g: Generated, isHeader: boolean): string {
	const needs =
		g.quoteAll ||
		value.includes(g.delimiter) ||
		/["\r\n]/.test(value) ||
		// A header starting with "#" would be a comment line; data rows may be, on purpose.
		(isHeader && value.startsWith('#'));
	return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

function line(cells: string[], g: Generated, isHeader = false): string {
	const quoted = cells.map((c) => quote(c, g, isHeader));
	// A comment runs to the first line break, even one inside quotes; keep generated comments on one line.
	if (quoted[0]?.startsWith('#') && cells.some((c) => /[\r\n]/.test(c))) quoted[0] = `"${quoted[0]}"`;
	return quoted.join(g.delimiter);
}

function serialise(g: Generated): string {
	return [line(g.header, g, true), ...g.rows.map((r) => line(r, g))].join(g.newline) + g.newline;
}

/** The data rows a CSV reader must see: all but blank rows and unquoted "#" comment lines. */
function expectedRows(g: Generated): string[][] {
	return g.rows.filter((r) => !line(r, g).startsWith('#') && r.join('').trim() !== '');
}

/** Every row the parser saw is a study or is named by an error issue (row 0: the whole file was rejected). */
function expectAccounted(r: LoadResult, text: string, options: ParseOptions = {}) {
	const seen = parseTable(text, options).rows.length;
	expect(STATUSES).toContain(r.status);
	expect(r.studies).toHaveLength(r.rowsLoaded);
	expect(r.rowsLoaded + r.rowsSkipped).toBe(seen);
	const loaded = new Set(r.studies.map((s) => s.row));
	expect(loaded.size).toBe(r.studies.length);
	const errorRows = new Set(r.issues.filter((i) => i.severity === 'error').map((i) => i.row));
	const wholeFile = errorRows.has(0);
	if (wholeFile) expect(r.studies).toEqual([]);
	const skipped: number[] = [];
	for (let row = 1; row <= seen; row++) {
		if (loaded.has(row)) expect(errorRows.has(row), `row ${row} loaded and in error`).toBe(false);
		else {
			skipped.push(row);
			expect(wholeFile || errorRows.has(row), `row ${row} neither loaded nor reported`).toBe(true);
		}
	}
	if (!wholeFile) expect(skipped).toHaveLength(r.rowsSkipped);
	expect(r.status).toBe(r.rowsLoaded === 0 ? 'rejected' : r.rowsSkipped > 0 ? 'partial' : 'ok');
}

/** Every number is finite or null, and keeps the promises validation makes about it. */
function expectSaneNumbers(s: Study) {
	for (const key of NUMERIC) {
		const v = s[key];
		expect(v === null || Number.isFinite(v), `${s.id}.${key} = ${v}`).toBe(true);
	}
	for (const v of [s.nTotal, s.nTreated, s.nControl])
		if (v !== null) expect(Number.isInteger(v) && v >= 0).toBe(true);
	for (const v of [s.effect, s.ciLow, s.ciHigh]) if (v !== null) expect(v).toBeGreaterThan(0);
	for (const v of [s.medianTreated, s.medianControl]) if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
	for (const v of [s.year, s.accrualStart, s.accrualEnd])
		if (v !== null) expect(Number.isInteger(v) && v >= 1900 && v <= MAX_YEAR).toBe(true);
	if (s.accrualStart !== null && s.accrualEnd !== null)
		expect(s.accrualStart).toBeLessThanOrEqual(s.accrualEnd);
	expect(s.ciLow === null).toBe(s.ciHigh === null);
	if (s.ciLow !== null && s.ciHigh !== null) {
		expect(s.effect).not.toBeNull();
		expect(s.ciLow).toBeLessThanOrEqual(s.effect ?? NaN);
		expect(s.effect ?? NaN).toBeLessThanOrEqual(s.ciHigh);
	}
	if (s.ciLevel !== null) expect(s.ciLevel > 0.5 && s.ciLevel < 1).toBe(true);
}

function expectIds(r: LoadResult) {
	const ids = r.studies.map((s) => s.id);
	expect(new Set(ids).size).toBe(ids.length);
	for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
}

describe('the pipeline on arbitrary bytes', () => {
	const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
	const bytes = fc.oneof(
		fc.uint8Array({ maxLength: 4096 }),
		fc.tuple(bom, fc.uint8Array({ maxLength: 2048 })).map(([b, rest]) => Uint8Array.from([...b, ...rest])),
		// Mostly text, so the table reader (not only the binary check) sees it.
		fc
			.tuple(bom, fc.string({ unit: 'binary', maxLength: 1000 }))
			.map(([b, s]) => Uint8Array.from([...b, ...new TextEncoder().encode(s)]))
	);

	it('(a) never throws, always reports a status, and accounts for every row', () => {
		fc.assert(
			fc.property(bytes, (input) => {
				const { text } = decodeBytes(input);
				const r = loadTable(text, 'bytes.csv', { maxYear: MAX_YEAR });
				expectAccounted(r, text);
				r.studies.forEach(expectSaneNumbers);
				expectIds(r);
			}),
			{ numRuns: RUNS }
		);
	});
});

describe('the pipeline on generated study tables', () => {
	it('(b) reads exactly the rows written, when told the delimiter', () => {
		fc.assert(
			fc.property(table, (g) => {
				const text = serialise(g);
				const parsed = parseTable(text, { delimiter: g.delimiter });
				const expected = expectedRows(g);
				if (expected.length === 0) expect(parsed.fatal).toMatch(/no data rows/);
				else {
					expect(parsed.fatal).toBeNull();
					expect(parsed.rows).toEqual(expected.map((r) => g.header.map((_, c) => r[c] ?? '')));
				}
			}),
			{ numRuns: RUNS }
		);
	});

	it('(b) puts every data row in the studies or names it in an error, with any delimiter guess', () => {
		fc.assert(
			fc.property(table, fc.boolean(), (g, tellDelimiter) => {
				const text = serialise(g);
				const options = tellDelimiter ? { delimiter: g.delimiter, maxYear: MAX_YEAR } : { maxYear: MAX_YEAR };
				const r = loadTable(text, 'generated.csv', options);
				expectAccounted(r, text, options);
				if (tellDelimiter) expect(r.rowsLoaded + r.rowsSkipped).toBe(expectedRows(g).length);
			}),
			{ numRuns: RUNS }
		);
	});

	it('(c) gives every number finite or null, within what validation promises', () => {
		fc.assert(
			fc.property(table, (g) => {
				const r = loadTable(serialise(g), 'generated.csv', { maxYear: MAX_YEAR });
				r.studies.forEach(expectSaneNumbers);
			}),
			{ numRuns: RUNS }
		);
	});

	it('(d) gives unique ids of lower-case letters, digits and dashes', () => {
		fc.assert(
			fc.property(table, (g) => {
				expectIds(loadTable(serialise(g), 'generated.csv', { maxYear: MAX_YEAR }));
			}),
			{ numRuns: RUNS }
		);
	});

	it('(d) keeps ids unique when every row has the same name or id', () => {
		const name = fc.oneof(
			fc.constantFrom('Khan', 'khan-2', 'KHAN', '王', '🧬', '-', '__proto__'),
			fc.string({ maxLength: 8 })
		);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(name, fc.constantFrom('', '2002', '2002-2')), { maxLength: 30 }),
				(rows) => {
					const text = [
						'id,Study,Year',
						...rows.map(([n, y]) => `"${n.replace(/"/g, '""')}","${n.replace(/"/g, '""')}",${y}`)
					].join('\n');
					expectIds(loadTable(text, 'same.csv', { maxYear: MAX_YEAR }));
				}
			),
			{ numRuns: 200 }
		);
	});
});
