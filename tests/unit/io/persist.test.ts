import { describe, expect, it } from 'vitest';
import { parseSession } from '$lib/io/persist';

const good = {
	version: 1,
	table: {
		text: 'Study,HR\nA,0.8\n',
		name: 'a.csv',
		mapping: { label: 0, effect: 1 },
		read: { delimiter: ',', decimalComma: false, measure: 'OR' },
		arms: { treated: 'Surgery', control: 'No surgery' }
	},
	query: 'design=rct',
	savedAt: 1
};

describe('parseSession checks a saved record field by field', () => {
	it('reads back what the page writes', () => {
		expect(parseSession(good)).toEqual(good);
		expect(parseSession({ version: 1, table: null, query: '', savedAt: 2 })).toEqual({
			version: 1,
			table: null,
			query: '',
			savedAt: 2
		});
	});

	it.each([
		['no record', null],
		['the issue’s record', { version: 1, table: {} }],
		['another version', { ...good, version: 2 }],
		['a query that is not text', { ...good, query: 5 }],
		['text that is not text', { ...good, table: { ...good.table, text: ['a'] } }],
		[
			'a mapping to a role this page does not know',
			{ ...good, table: { ...good.table, mapping: { evil: 1 } } }
		],
		[
			'a column index that is not a whole number',
			{ ...good, table: { ...good.table, mapping: { label: '0' } } }
		],
		[
			'a delimiter of many characters',
			{ ...good, table: { ...good.table, read: { delimiter: ';;', decimalComma: false } } }
		],
		[
			'decimal comma not a boolean',
			{ ...good, table: { ...good.table, read: { delimiter: ',', decimalComma: 'yes' } } }
		],
		['arms missing', { ...good, table: { ...good.table, arms: null } }],
		['an array', [good]]
	])('drops %s', (_name, value) => expect(parseSession(value)).toBeNull());
});
