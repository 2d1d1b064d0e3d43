import { afterAll, describe, expect, it } from 'vitest';
import { decodeBytes } from '$lib/data/decode';
import { loadTable } from '$lib/data/load';
import { parseTable } from '$lib/data/parse';
import type { LoadResult } from '$lib/types';
import {
	CASES,
	CP1252_NAMES,
	LONG_ROWS,
	UTF16_TEXT,
	WIDE_COLUMNS,
	type HostileCase
} from '../../fixtures/hostile/corpus';
import { NUMERIC } from './numeric';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function load(c: HostileCase): { result: LoadResult; text: string; encoding: string } {
	const { text, encoding } = decodeBytes(new Uint8Array(c.bytes()));
	return { result: loadTable(text, c.name), text, encoding };
}

const issuesAt = (r: LoadResult, row: number, column?: string) =>
	r.issues.filter((i) => i.row === row && (column === undefined || i.column === column));
const studyAt = (r: LoadResult, row: number) => r.studies.find((s) => s.row === row);
const labels = (r: LoadResult) => r.studies.map((s) => s.label);

/** Expectations beyond status and counts, each stating what the case is for. */
const DETAILS: Record<string, (r: LoadResult, text: string, encoding: string) => void> = {
	'empty.csv': (r) => expect(r.issues[0]?.message).toMatch(/empty/),
	'whitespace-only.csv': (r) => expect(r.issues[0]?.message).toMatch(/empty/),
	'header-only.csv': (r) => {
		expect(r.issues[0]?.message).toMatch(/header row but no data rows/);
		expect(r.headers).toEqual(['Study', 'Year', 'N', 'HR', 'Lower 95% CI', 'Upper 95% CI']);
	},
	'image.png.csv': (r) => expect(r.issues[0]?.message).toMatch(/binary/),
	'workbook.xlsx.csv': (r) => expect(r.issues[0]?.message).toMatch(/binary/),
	'paper.pdf.csv': (r) => expect(r.issues[0]?.message).toMatch(/binary/),
	'nul-in-cell.csv': (r) => expect(r.issues[0]?.message).toMatch(/binary/),
	'ragged-rows.csv': (r) => {
		expect(issuesAt(r, 2)).toMatchObject([
			{
				severity: 'warning',
				column: '',
				value: 'extra,cells,here',
				message: expect.stringMatching(/9 cells/)
			}
		]);
		expect(issuesAt(r, 3)).toMatchObject([
			{ severity: 'warning', message: expect.stringMatching(/3 cells/) }
		]);
		// Trailing empty cells (as Excel writes them) are not a problem.
		expect(issuesAt(r, 4)).toEqual([]);
		expect(studyAt(r, 2)).toMatchObject({ nTotal: 300, effect: 0.6, ciLow: 0.4, ciHigh: 0.8 });
		expect(studyAt(r, 3)).toMatchObject({ nTotal: 224, effect: null, ciLow: null, ciHigh: null });
	},
	'unclosed-quote.csv': (r) => {
		// Papaparse reads to the end of the file inside the quote; the row that swallowed the rest is reported.
		expect(issuesAt(r, 2).map((i) => i.message)).toContainEqual(
			expect.stringMatching(/could not be read cleanly/)
		);
		expect(studyAt(r, 1)).toMatchObject({ label: 'Khan 2002', nTotal: 16023 });
	},
	'quoted-newlines.csv': (r) => {
		expect(r.issues).toEqual([]);
		expect(labels(r)).toEqual(['Khan, S. A. 2002', 'Rapiti "Geneva" 2006', 'Gnerlich 2007']);
		expect(studyAt(r, 1)?.notes).toBe('Line one\nline two, with a comma; a semicolon\tand a tab');
		expect(studyAt(r, 2)).toMatchObject({ country: 'Switzerland\r\nGeneva', nTotal: 300, notes: 'plain' });
		expect(studyAt(r, 3)?.notes).toBe('a | pipe');
	},
	'duplicate-headers.csv': (r) => {
		expect(issuesAt(r, 0)).toMatchObject([
			{ column: 'Study', severity: 'warning', message: expect.stringMatching(/more than once/) },
			{ column: 'HR', severity: 'warning', message: expect.stringMatching(/more than once/) }
		]);
		// The first of each pair is used; the second stays visible as an extra column.
		expect(studyAt(r, 1)).toMatchObject({ label: 'Khan 2002', effect: 0.61, notes: 'first' });
		expect(studyAt(r, 1)?.extra).toEqual([
			['HR', '0.99'],
			['Study', 'Other name'],
			['Journal', 'Surgery'],
			['Journal', 'Again']
		]);
	},
	'duplicate-ids.csv': (r) => {
		expect(r.studies.map((s) => s.id)).toEqual(['khan-2002', 'khan-2002-2', 'khan-2002-3', 'khan-2002-2-2']);
		for (const row of [2, 3, 4])
			expect(issuesAt(r, row, 'id')).toMatchObject([
				{ severity: 'warning', message: expect.stringMatching(/already used/) }
			]);
	},
	'absurd-values.csv': (r) => {
		const warns = (row: number, column: string, message: RegExp) =>
			expect(issuesAt(r, row, column).map((i) => i.message)).toContainEqual(expect.stringMatching(message));
		expect(studyAt(r, 1)).toMatchObject({ nTotal: null, effect: 0.7 });
		warns(1, 'N', /negative/);
		expect(studyAt(r, 2)).toMatchObject({ effect: null, ciLow: null, ciHigh: null });
		warns(2, 'HR', /cannot be a ratio/);
		expect(studyAt(r, 3)).toMatchObject({ effect: null });
		warns(3, 'HR', /cannot be a ratio/);
		expect(studyAt(r, 4)).toMatchObject({ effect: 0.8, ciLow: null, ciHigh: null });
		warns(4, 'Lower 95% CI', /lower bound above its upper bound/);
		expect(studyAt(r, 5)).toMatchObject({ label: 'Norman', year: null });
		warns(5, 'Year', /“1066” is not a year/);
		expect(studyAt(r, 6)).toMatchObject({ label: 'Future', year: null });
		warns(6, 'Year', /“2099” is not a year/);
		// Row 7 (N = 1e12) is loaded without its impossible size.
		expect(studyAt(r, 7)).toMatchObject({ nTotal: null, effect: 0.8, ciLow: 0.7, ciHigh: 0.9 });
		warns(7, 'N', /more than any study could have/);
		expect(studyAt(r, 8)).toMatchObject({ nTotal: null, effect: null, ciLow: null });
		warns(8, 'N', /“NaN”/);
		expect(studyAt(r, 9)).toMatchObject({ nTotal: null, effect: null, ciLow: null, ciHigh: null });
		warns(9, 'N', /“Infinity” is not a number/);
		warns(9, 'Lower 95% CI', /“-Infinity” is not a number/);
		expect(studyAt(r, 10)).toMatchObject({ nTotal: null, effect: null, ciLow: null, ciHigh: null });
		warns(10, 'N', /not a whole number/);
		warns(10, 'Lower 95% CI', /“1e400” is not a number/);
	},
	'markup.csv': (r) => {
		expect(labels(r)).toEqual([
			'<script>window.__pwned=1</script> 2001',
			'<img src=x onerror="window.__pwned=1"> 2002',
			'&amp;lt;Smith&amp;gt; &#60;i&#62; 2003'
		]);
		expect(studyAt(r, 1)).toMatchObject({ country: '<b>bold</b>', pmid: null, doi: null });
		expect(issuesAt(r, 1, 'PMID')).toMatchObject([{ value: 'javascript:window.__pwned=1' }]);
		expect(issuesAt(r, 1, 'DOI')).toMatchObject([{ value: 'javascript:window.__pwned=1' }]);
		expect(studyAt(r, 2)).toMatchObject({
			country: '<svg onload="window.__pwned=1"><circle r=9/></svg>',
			pmid: null
		});
		expect(issuesAt(r, 2, 'PMID')).toMatchObject([{ value: '123<script>' }]);
		// Entities stay as typed: nothing decodes them into markup.
		expect(studyAt(r, 2)?.notes).toBe('&lt;script&gt;');
		expect(studyAt(r, 3)).toMatchObject({
			country: '&eacute;&nbsp;&#x27;',
			pmid: '12345678',
			doi: '10.1000/ok'
		});
	},
	'formulas.csv': (r) => {
		expect(labels(r)).toEqual([
			'=HYPERLINK("http://evil.example/","Click") 2001',
			'+cmd 2002',
			'-2+3 2003',
			'@SUM(A1) 2004'
		]);
		expect(studyAt(r, 1)).toMatchObject({ country: '=1+1', notes: "=cmd|' /C calc'!A0" });
		expect(studyAt(r, 2)).toMatchObject({ nTotal: null, effect: 0.8, country: '@SUM(A1)', notes: '-2+3' });
		expect(issuesAt(r, 2, 'N')).toMatchObject([
			{ value: '=200', message: expect.stringMatching(/not a number/) }
		]);
		expect(studyAt(r, 3)).toMatchObject({ effect: null, country: '+thing' });
	},
	'unicode-scripts.csv': (r) => {
		expect(labels(r)).toEqual(['王 2015', '田中 2016', 'العلي 2017', 'כהן 2018', 'Smith 🧬🎗️ 2019']);
		expect(r.studies.map((s) => s.country)).toEqual(['中国', '日本', 'مصر', 'ישראל', '🇬🇧 UK']);
		expect(studyAt(r, 2)?.notes).toBe('前向き, コホート');
		expect(studyAt(r, 4)?.notes).toBe('מחקר\u200f');
		expect(studyAt(r, 5)?.notes).toBe('👩‍⚕️ notes');
	},
	'european-semicolon.csv': (r) => {
		expect(r.delimiter).toBe(';');
		expect(r.studies.map((s) => [s.label, s.nTotal, s.effect, s.ciLow, s.ciHigh])).toEqual([
			['Müller 2011', 1234, 0.71, 0.52, 0.97],
			['Dupont 2012', 850, 0.85, 0.7, 1.03],
			['Rossi 2013', 2100, 1.1, 0.9, 1.35]
		]);
	},
	'tab-separated.tsv': (r) => {
		expect(r.delimiter).toBe('\t');
		expect(studyAt(r, 1)).toMatchObject({ label: 'Khan 2002', country: 'USA, North America', nTotal: 16023 });
	},
	'pipe-separated.txt': (r) => {
		expect(r.delimiter).toBe('|');
		expect(r.studies.map((s) => [s.label, s.design, s.effect])).toEqual([
			['Khan 2002', 'registry', 0.61],
			['Badwe 2015', 'rct', 1.04],
			['Soran 2018', 'rct', 0.66]
		]);
	},
	'utf8-bom.csv': (r, _, encoding) => {
		expect(encoding).toBe('utf-8');
		expect(r.headers[0]).toBe('Study');
		expect(r.mapping.label).toBe(0);
		expect(labels(r)).toEqual(['Pérez 2010', 'Ødegård 2011']);
	},
	'utf16le-bom.csv': (r, text, encoding) => {
		expect(encoding).toBe('utf-16le');
		expect(text).toBe(UTF16_TEXT);
		expect(labels(r)).toEqual(['Pérez 2010', '王 2015', 'Smith 🧬 2019']);
		expect(studyAt(r, 1)?.country).toBe('España');
	},
	'utf16be-bom.csv': (r, text, encoding) => {
		expect(encoding).toBe('utf-16be');
		expect(text).toBe(UTF16_TEXT);
		expect(labels(r)).toEqual(['Pérez 2010', '王 2015', 'Smith 🧬 2019']);
	},
	'windows-1252.csv': (r, _, encoding) => {
		expect(encoding).toBe('windows-1252');
		// The single-byte letters é ö ñ ü survive exactly. (The last name also holds 0x96, an en dash in
		// Windows-1252, which Node 20's TextDecoder maps to U+0096; the browser test checks that name.)
		expect(labels(r).slice(0, 4)).toEqual(CP1252_NAMES.slice(0, 4).map((name, i) => `${name} ${2001 + i}`));
		expect(r.studies.every((s) => s.country === 'España')).toBe(true);
	},
	'crlf.csv': (r) => {
		expect(labels(r)).toEqual(['Khan 2002', 'Rapiti 2006', 'Gnerlich 2007']);
		expect(r.studies.map((s) => s.effect)).toEqual([0.61, 0.6, 0.62]);
		expect(r.headers).toEqual(['Study', 'Year', 'N', 'HR']);
	},
	'cr-only.csv': (r) => {
		expect(labels(r)).toEqual(['Khan 2002', 'Rapiti 2006', 'Gnerlich 2007']);
		expect(r.studies.map((s) => s.effect)).toEqual([0.61, 0.6, 0.62]);
		expect(r.headers).toEqual(['Study', 'Year', 'N', 'HR']);
	},
	'comments-blank-lines.csv': (r) => {
		expect(r.headers).toEqual(['Study', 'Year', 'N', 'HR']);
		expect(r.studies.map((s) => [s.row, s.label, s.nTotal])).toEqual([
			[1, 'Badwe 2015', 350],
			[2, 'Soran 2018', 274]
		]);
		// Comments after the header are named (file-level warnings); the ones above it are skipped quietly.
		expect(r.issues.map((i) => [i.row, i.severity, i.value])).toEqual([
			[0, 'warning', '# the next study is a trial'],
			[0, 'warning', '# end']
		]);
	},
	'thousands-separators.csv': (r) => {
		expect(studyAt(r, 1)).toMatchObject({ nTotal: 16023, nTreated: 9162, nControl: 6861 });
		expect(studyAt(r, 2)?.nTotal).toBe(1234567);
		expect(studyAt(r, 3)?.nTotal).toBeNull();
		expect(issuesAt(r, 3, 'N')).toMatchObject([
			{ value: '16,02', message: expect.stringMatching(/not a number/) }
		]);
		expect(studyAt(r, 4)?.nTotal).toBe(16023);
	},
	'effect-in-one-cell.csv': (r) => {
		expect(r.studies.slice(0, 4).map((s) => [s.effect, s.ciLow, s.ciHigh, s.ciLevel])).toEqual(
			Array.from({ length: 4 }, () => [0.63, 0.55, 0.72, 0.95])
		);
		expect(studyAt(r, 5)).toMatchObject({ effect: 0.95, ciLow: null, ciHigh: null });
		expect(issuesAt(r, 5, 'HR (95% CI)')).toMatchObject([
			{ message: expect.stringMatching(/outside its own interval/) }
		]);
		expect(studyAt(r, 6)).toMatchObject({ effect: null, ciLow: null, ciHigh: null });
		expect(issuesAt(r, 6, 'HR (95% CI)')).toMatchObject([{ value: '0.63 (abc)' }]);
	},
	'accrual-range.csv': (r) => {
		expect(r.studies.map((s) => [s.accrualStart, s.accrualEnd])).toEqual([
			[2004, 2008],
			[2001, 2005],
			[1999, 2003],
			[null, null],
			[2010, null],
			[2000, 2004]
		]);
		expect(issuesAt(r, 4, 'Accrual start')).toMatchObject([
			{ message: expect.stringMatching(/starts in 2008 but ends in 2004/) }
		]);
		// Row 5's end year (2016, after publication) is reported against the column the range was typed in.
		expect(issuesAt(r, 5).map((i) => i.message)).toContainEqual(
			expect.stringMatching(/2016 is after the publication year 2014/)
		);
		expect(issuesAt(r, 5).map((i) => i.column)).not.toContain('Accrual end');
	},
	'not-reported-tokens.csv': (r) => {
		expect(studyAt(r, 1)).toMatchObject({
			nTotal: null,
			medianTreated: null,
			medianControl: null,
			effect: null,
			ciLow: null
		});
		expect(issuesAt(r, 1).map((i) => [i.column, i.value])).toEqual([
			['N', 'NR'],
			['HR', 'n/a'],
			['Lower 95% CI', 'NR'],
			['Upper 95% CI', 'NR'],
			['median_os_surgery_months', 'not reached'],
			['median_os_no_surgery_months', '—']
		]);
		expect(studyAt(r, 2)).toMatchObject({ nTotal: null, effect: 0.8, ciLow: 0.7, ciHigh: 0.9 });
		expect(studyAt(r, 3)).toMatchObject({ nTotal: 200, medianTreated: 25, medianControl: 19, effect: null });
		expect(r.issues.every((i) => i.severity === 'warning' && /read as not reported/.test(i.message))).toBe(
			true
		);
	},
	'prototype-headers.csv': (r) => {
		expect(r.headers.slice(3)).toEqual([
			'__proto__',
			'constructor',
			'prototype',
			'hasOwnProperty',
			'toString',
			'polluted'
		]);
		expect(labels(r)).toEqual(['__proto__ 2001', 'constructor 2002', 'hasOwnProperty 2003']);
		expect(studyAt(r, 1)?.extra).toEqual([
			['__proto__', '{"polluted":1}'],
			['constructor', 'function(){}'],
			['prototype', 'x'],
			['hasOwnProperty', 'yes'],
			['toString', '1'],
			['polluted', '1']
		]);
		expect(Object.getPrototypeOf(r.mapping)).toBe(Object.prototype);
	},
	'no-known-columns.csv': (r) =>
		expect(r.issues[0]?.message).toMatch(/None of the columns \(“Colour”, “Flavour”/),
	'names-only.csv': (r) => expect(r.issues[0]?.message).toMatch(/None of the columns \(“Study”\)/),
	'bundled-names.csv': (r) => {
		expect(r.issues).toEqual([]);
		expect(r.studies[0]).toMatchObject({
			id: 'badwe-2015',
			label: 'Badwe 2015',
			year: 2015,
			design: 'rct',
			country: 'India',
			accrualStart: 2005,
			accrualEnd: 2013,
			nTotal: 350,
			nTreated: 173,
			nControl: 177,
			medianTreated: 19.2,
			medianControl: 20.5,
			effect: 1.04,
			ciLow: 0.81,
			ciHigh: 1.34,
			ciLevel: 0.95,
			pmid: '26363985',
			doi: '10.1016/S1470-2045(15)00135-7',
			extra: []
		});
		expect(r.studies[1]?.id).toBe('soran-2018');
	},
	'unnamed-rows.csv': (r) => {
		for (const row of [1, 2, 3])
			expect(issuesAt(r, row)).toMatchObject([
				{ column: 'Study', severity: 'error', message: expect.stringMatching(/no study name/) }
			]);
	},
	'blank-headers.csv': (r) => {
		expect(r.headers).toEqual(['Column 1', 'Study', 'Column 3', 'Year', 'N']);
		expect(studyAt(r, 1)?.extra).toEqual([
			['Column 1', '1'],
			['Column 3', 'x']
		]);
	},
	'padded-cells.csv': (r) => {
		expect(r.headers).toEqual(['Study', 'Year', 'N', 'HR']);
		expect(r.studies.map((s) => [s.label, s.year, s.nTotal, s.effect])).toEqual([
			['Khan 2002', 2002, 16023, 0.61],
			['Rapiti 2006', 2006, 300, 0.6]
		]);
	},
	'long.csv': (r) => {
		// Every 7th row has a negative N (714 rows), each named by one warning in column N.
		const negatives = r.issues.filter((i) => i.severity === 'warning');
		expect(negatives).toHaveLength(Math.floor(LONG_ROWS / 7));
		expect(negatives.every((i) => i.column === 'N' && i.row % 7 === 0 && i.value === `-${i.row}`)).toBe(true);
		expect(studyAt(r, 7)?.nTotal).toBeNull();
		expect(studyAt(r, 4999)).toMatchObject({ label: 'Study 4999 2009', nTotal: 4999, effect: 0.8 });
	},
	'wide.csv': (r) => {
		expect(r.headers).toHaveLength(WIDE_COLUMNS);
		expect(r.issues).toEqual([]);
		for (const s of r.studies) expect(s.extra).toHaveLength(WIDE_COLUMNS - 8);
		expect(studyAt(r, 3)?.extra.at(-1)).toEqual([`Extra ${WIDE_COLUMNS - 8}`, String(WIDE_COLUMNS - 9)]);
	},
	'wide-row.csv': (r) => {
		expect(r.headers).toEqual(['Study', 'Year', 'N']);
		const [issue, ...rest] = r.issues;
		expect(rest).toEqual([]);
		expect(issue).toMatchObject({
			row: 2,
			severity: 'warning',
			message: expect.stringMatching(/2000 cells/)
		});
		expect(issue?.value).toHaveLength(80);
		expect(studyAt(r, 2)).toMatchObject({ label: 'Beta 2002', nTotal: 200 });
	}
};

describe('the hostile corpus', () => {
	afterAll(() => {
		expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
	});

	it('has at least 34 cases, each with its own checks', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(34);
		expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
		expect(Object.keys(DETAILS).sort()).toEqual(CASES.map((c) => c.name).sort());
	});

	it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
		let loaded: ReturnType<typeof load> | undefined;
		expect(() => (loaded = load(c))).not.toThrow();
		if (!loaded) return;
		const { result: r, text, encoding } = loaded;

		expect({ status: r.status, rowsLoaded: r.rowsLoaded, rowsSkipped: r.rowsSkipped }).toEqual({
			status: c.status,
			rowsLoaded: c.rowsLoaded,
			rowsSkipped: c.rowsSkipped
		});
		expect(r.name).toBe(c.name);
		expect(r.studies).toHaveLength(r.rowsLoaded);
		expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.row)).toEqual(c.errorRows);

		// Every row the parser saw is either a study or named by an error; a whole-file rejection names row 0.
		const seen = parseTable(text).rows.length;
		expect(r.rowsLoaded + r.rowsSkipped).toBe(seen);
		const loadedRows = new Set(r.studies.map((s) => s.row));
		const errorRows = new Set(c.errorRows);
		const unaccounted = Array.from({ length: seen }, (_, i) => i + 1).filter(
			(row) => loadedRows.has(row) === (errorRows.has(row) || errorRows.has(0))
		);
		expect(unaccounted, 'rows both loaded and rejected, or neither').toEqual([]);

		const badIssues = r.issues.filter(
			(i) =>
				!Number.isInteger(i.row) ||
				i.row < 0 ||
				i.row > seen ||
				i.message === '' ||
				(i.row > 0 && !i.message.includes(`Row ${i.row}`))
		);
		expect(badIssues).toEqual([]);
		const ids = r.studies.map((s) => s.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.filter((id) => !/^[a-z0-9-]+$/.test(id))).toEqual([]);
		const notFinite = r.studies.flatMap((s) =>
			NUMERIC.filter((key) => s[key] !== null && !Number.isFinite(s[key])).map((key) => `${s.id}.${key}`)
		);
		expect(notFinite).toEqual([]);

		DETAILS[c.name]?.(r, text, encoding);

		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
	});

	it('reads 5,000 rows or 2,000 columns in under two seconds each', () => {
		for (const name of ['long.csv', 'wide.csv', 'wide-row.csv']) {
			const c = CASES.find((x) => x.name === name);
			if (!c) throw new Error(name);
			const start = performance.now();
			load(c);
			expect(performance.now() - start, name).toBeLessThan(2000);
		}
	});
});

// Bugs the corpus exposed, now fixed: each test states the behaviour the contract asks for.
describe('bugs the corpus found', () => {
	// Was a bug (validate.ts): a one-cell interval that cannot be read names the role "ci_low"/"ci_high" as its
	// column, a column this file does not have (headerOf falls back to the role name).
	it('a bad interval inside an effect cell is reported against that cell’s column', () => {
		const r = loadTable(
			'Study,Year,HR (95% CI)\nBackwards,2008,0.63 (0.72-0.55)\nComma,2009,"0.63 (0,55-0,72)"\n',
			'x.csv'
		);
		const foreign = r.issues.map((i) => i.column).filter((column) => !r.headers.includes(column));
		expect(foreign).toEqual([]);
	});

	// Was a bug (validate.ts): an accrual range in the start column ("2010-2016") whose end is after publication is
	// reported against "Accrual end", a cell that is empty in that row, with the value the user did not type there.
	it('an accrual end read from a range in the start column is reported against the start column', () => {
		const r = loadTable('Study,Year,Accrual start,Accrual end\nAfter,2014,2010-2016,\n', 'x.csv');
		expect(r.issues).toMatchObject([{ row: 1, column: 'Accrual start' }]);
	});

	// Was a bug (parse.ts, `comments: '#'`): a data row whose first cell starts with "#" (a trial called "#MBC-1",
	// a numbered reference "#12") vanishes: neither a study nor an issue, and the counts do not show it.
	it('a data row starting with "#" is loaded or reported, never dropped silently', () => {
		const r = loadTable('Study,Year,N\n#12 Khan,2002,16023\nRapiti,2006,300\n', 'x.csv');
		expect(r.rowsLoaded).toBe(1);
		expect(r.issues).toMatchObject([{ row: 0, severity: 'warning', value: '#12 Khan,2002,16023' }]);
	});

	// Was a bug (validate.ts): no upper bound on patient counts: 1e12 patients is kept without a word.
	it('an impossible cohort size (1e12) is reported', () => {
		const r = loadTable('Study,Year,N\nHuge,2005,1e12\n', 'x.csv');
		expect(r.issues.filter((i) => i.row === 1 && i.column === 'N')).toHaveLength(1);
		expect(r.studies[0]?.nTotal).toBeNull();
	});
});
