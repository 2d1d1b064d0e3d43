import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '$lib/export/csv';
import { loadTable } from '$lib/data/load';

describe('neutralise', () => {
	it.each([
		['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
		['+cmd|/c calc', `'+cmd|/c calc`],
		['-2+3', `'-2+3`],
		['@SUM(A1)', `'@SUM(A1)`],
		['\tTAB', `'\tTAB`],
		['\rCR', `'\rCR`],
		['-0.25', '-0.25'],
		['-12', '-12'],
		['0.61', '0.61'],
		['Khan', 'Khan'],
		['', '']
	])('%j → %j', (cell, expected) => expect(neutralise(cell)).toBe(expected));
});

describe('toCsv', () => {
	it('starts with a BOM, quotes what needs quoting and ends lines with CRLF', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,y', 'say "hi"'],
					['line\nbreak', '=1+1']
				]
			)
		).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\'=1+1\r\n');
	});

	it('round-trips through the load pipeline with numbers intact', () => {
		const text = toCsv(
			['Study', 'Year', 'HR', 'Lower 95% CI', 'Upper 95% CI', 'Note'],
			[
				['Müller, Jörg', '2011', '0.71', '0.52', '0.97', '+1 formula?'],
				['李', '2012', '1.1', '0.8', '1.5', '-']
			]
		);
		const r = loadTable(text.replace(/^\uFEFF/, ''), 'x.csv');
		expect(r.studies.map((s) => [s.label, s.effect, s.ciLow, s.ciHigh])).toEqual([
			['Müller, Jörg 2011', 0.71, 0.52, 0.97],
			['李 2012', 1.1, 0.8, 1.5]
		]);
		expect(r.raw[0]?.[5]).toBe("'+1 formula?");
	});
});
