import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseOverlaps } from '$lib/data/overlaps';

describe('parseOverlaps', () => {
	it.each([
		[
			'two groups, a quoted name with a comma',
			'group,studies\n"SEER, 1988–2011",a;b;c\nNCDB,d;e\n',
			[
				{ name: 'SEER, 1988–2011', ids: ['a', 'b', 'c'] },
				{ name: 'NCDB', ids: ['d', 'e'] }
			]
		],
		[
			'columns in another order, an extra column ignored',
			'source,studies,group\nx,a;b,One\n',
			[{ name: 'One', ids: ['a', 'b'] }]
		],
		[
			'spaces around names and ids, empty ids dropped',
			'group,studies\n  Padded  , a ; ;b ;\n',
			[{ name: 'Padded', ids: ['a', 'b'] }]
		],
		['a group of one study is no overlap', 'group,studies\nAlone,a\nAlso alone,a;\n', []],
		[
			'a row without a name is ignored',
			'group,studies\n,a;b\n" ",c;d\nNamed,e;f\n',
			[{ name: 'Named', ids: ['e', 'f'] }]
		],
		['no "group" column', 'name,studies\nX,a;b\n', []],
		['no "studies" column', 'group,ids\nX,a;b\n', []],
		['an empty text', '', []],
		[
			'a byte-order mark and CRLF line ends',
			'\uFEFFgroup,studies\r\nX,a;b\r\n',
			[{ name: 'X', ids: ['a', 'b'] }]
		]
	])('%s', (_, text, expected) => {
		expect(parseOverlaps(text)).toEqual(expected);
	});
});

describe('the bundled overlap table', () => {
	const text = readFileSync('data/overlaps.csv', 'utf8');
	const reference = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
	const studyIds = new Set(
		Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
			header: true,
			skipEmptyLines: true
		}).data.map((r) => r.id)
	);
	const groups = parseOverlaps(text);

	it('keeps every row of data/overlaps.csv, each with its ids', () => {
		expect(groups.map((g) => g.name)).toEqual(reference.map((r) => r.group));
		expect(groups.map((g) => g.ids.join(';'))).toEqual(reference.map((r) => r.studies));
	});

	it('names only studies of the bundled dataset', () => {
		const unknown = groups.flatMap((g) => g.ids.filter((id) => !studyIds.has(id)));
		expect(unknown).toEqual([]);
	});
});
