import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cleanQuery,
	LIMITS,
	parseSession,
	parseStampRecord,
	parseTableRecord,
	parseViewRecord,
	stampRecord,
	tableRecord,
	viewRecord,
	type SavedTable
} from '$lib/io/record';
import { ROLES } from '$lib/types';

/** Any text, including long, astral (surrogate pairs) and control characters. */
const anyText = (maxLength: number) =>
	fc.oneof(
		fc.string({ maxLength, unit: 'binary' }),
		fc.string({ maxLength, unit: 'grapheme' }),
		fc.string({ maxLength: 12 }).map((s) => s.repeat(Math.ceil(maxLength / Math.max(1, s.length))))
	);

/** Every table a load can produce: any text and name, a mapping of known roles, any arm labels. */
const tables: fc.Arbitrary<SavedTable> = fc.record({
	text: anyText(2_000),
	name: anyText(1_500),
	mapping: fc.dictionary(fc.constantFrom(...ROLES), fc.nat({ max: 500 }), { maxKeys: ROLES.length }),
	read: fc.record(
		{
			delimiter: fc.constantFrom(',', ';', '\t', '|', ' '),
			decimalComma: fc.boolean(),
			measure: fc.constantFrom('HR' as const, 'OR' as const, 'RR' as const)
		},
		{ requiredKeys: ['delimiter', 'decimalComma'] }
	),
	arms: fc.record({ treated: anyText(120), control: anyText(120) })
});

/** Queries as addresses carry them: parameters, a leading "?", `data=`, and very long selections. */
const queries = fc.oneof(
	anyText(300),
	fc
		.array(fc.tuple(fc.constantFrom('design', 'studies', 'data', 'q', 'years', '?design', ''), anyText(40)), {
			maxLength: 6
		})
		.map((parts) => parts.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
	fc.nat({ max: 3 }).map((n) => `?design=rct&studies=${'a-study-id,'.repeat(n * 4_000)}`)
);

describe('the saved-record schema: what the writer writes, the reader reads back', () => {
	it('round-trips every table record the writer produces, shortening only what is too long', () => {
		fc.assert(
			fc.property(tables, fc.nat(), (table, stamp) => {
				const record = tableRecord(table, stamp);
				expect(record).not.toBeNull();
				expect(parseTableRecord(structuredClone(record))).toEqual(record);
				const saved = record?.table;
				if (!saved) throw new Error('a table was not kept');
				expect(saved.text).toBe(table.text);
				expect(saved.mapping).toEqual(table.mapping);
				expect(saved.name.length).toBeLessThanOrEqual(LIMITS.name);
				expect(saved.arms.treated.length).toBeLessThanOrEqual(LIMITS.arm);
				if (table.name.length <= LIMITS.name) expect(saved.name).toBe(table.name);
				else expect(saved.name.endsWith('…')).toBe(true);
				if (table.arms.treated.length <= LIMITS.arm) expect(saved.arms.treated).toBe(table.arms.treated);
			}),
			{ numRuns: 300 }
		);
	});

	it('round-trips every view record, without "?" or data=, and never over the limit', () => {
		fc.assert(
			fc.property(queries, fc.nat(), fc.nat(), (query, tableStamp, savedAt) => {
				const record = viewRecord(query, tableStamp, savedAt);
				expect(parseViewRecord(structuredClone(record))).toEqual(record);
				expect(record.query.startsWith('?')).toBe(false);
				expect(record.query.split('&').some((p) => /^data(=|$)/.test(p))).toBe(false);
				expect(record.query.length).toBeLessThanOrEqual(LIMITS.query);
				expect(cleanQuery(record.query)).toBe(record.query);
			}),
			{ numRuns: 300 }
		);
	});

	it('round-trips the stamp record of every table record, with the name the table record keeps', () => {
		fc.assert(
			fc.property(fc.option(tables), fc.integer({ min: 1, max: 2 ** 50 }), (table, stamp) => {
				const record = tableRecord(table, stamp);
				if (!record) throw new Error('a table was not kept');
				const stamped = stampRecord(record);
				expect(parseStampRecord(structuredClone(stamped))).toEqual(stamped);
				expect(stamped.name).toBe(record.table?.name ?? null);
			}),
			{ numRuns: 200 }
		);
		// An earlier version's stamp record (no name) is still read, as a stamp alone.
		expect(parseStampRecord({ version: 2, stamp: 4 })).toEqual({ version: 2, stamp: 4 });
		expect(parseStampRecord({ version: 2, stamp: 0, name: null })).toBeNull();
	});

	it('writes the bundled data as a table record of its own', () => {
		expect(parseTableRecord(tableRecord(null, 7))).toEqual({ version: 2, stamp: 7, table: null });
	});

	it('refuses to write a table over the text limit rather than a record the reader drops', () => {
		const table: SavedTable = {
			text: 'x'.repeat(LIMITS.text + 1),
			name: 'big.csv',
			mapping: {},
			read: { delimiter: ',', decimalComma: false },
			arms: { treated: 'A', control: 'B' }
		};
		expect(tableRecord(table, 1)).toBeNull();
	});

	it('restores an earlier record’s query that starts with "?" as the view, once', () => {
		const legacy = parseSession({ version: 1, table: null, query: '?design=rct', savedAt: 3 });
		expect(legacy?.query).toBe('design=rct');
		expect(cleanQuery('??&data=/x.csv&design=rct&&?q=a')).toBe('design=rct&?q=a');
		expect(cleanQuery('data=/x.csv&?design=rct')).toBe('design=rct');
	});
});

describe('the reader rejects only what the writer never writes', () => {
	const good = tableRecord(
		{
			text: 'Study,HR\nA,0.8\n',
			name: 'a.csv',
			mapping: { label: 0, effect: 1 },
			read: { delimiter: ',', decimalComma: false },
			arms: { treated: 'Surgery', control: 'No surgery' }
		},
		5
	);
	const table = good?.table as SavedTable;
	it.each([
		['a record of another version', { ...good, version: 1 }],
		['no stamp', { ...good, stamp: undefined }],
		['a negative stamp', { ...good, stamp: -1 }],
		[
			'an arm over the limit',
			{ ...good, table: { ...table, arms: { ...table.arms, treated: 'x'.repeat(41) } } }
		],
		['a name over the limit', { ...good, table: { ...table, name: 'x'.repeat(LIMITS.name + 1) } }],
		['a role this page does not know', { ...good, table: { ...table, mapping: { evil: 1 } } }],
		['a column that is not a whole number', { ...good, table: { ...table, mapping: { label: 0.5 } } }],
		[
			'a delimiter of two characters',
			{ ...good, table: { ...table, read: { delimiter: ';;', decimalComma: false } } }
		],
		[
			'an unknown measure',
			{ ...good, table: { ...table, read: { delimiter: ',', decimalComma: false, measure: 'XX' } } }
		],
		['text that is not text', { ...good, table: { ...table, text: ['a'] } }]
	])('a table record with %s', (_what, value) => {
		expect(parseTableRecord(value)).toBeNull();
		// …and no table the writer is given ever yields it: the writer's output always parses (property above).
	});
	it.each([
		['a leading "?"', { version: 2, query: '?design=rct', tableStamp: 1, savedAt: 1 }],
		['data=', { version: 2, query: 'data=/x.csv', tableStamp: 1, savedAt: 1 }],
		[
			'a query over the limit',
			{ version: 2, query: 'q='.padEnd(LIMITS.query + 1, 'x'), tableStamp: 1, savedAt: 1 }
		],
		['no table stamp', { version: 2, query: '', savedAt: 1 }]
	])('a view record with %s', (_what, value) => expect(parseViewRecord(value)).toBeNull());
});
