import { beforeEach, describe, expect, it } from 'vitest';
import { dropDamagedTable, readHead, readSaved, saveTable, saveView } from '$lib/io/persist';
import { tableRecord, type SavedTable } from '$lib/io/record';
import { readTable, STAMP, TABLE, writeTable } from '$lib/io/table-store';
import { installFakeIndexedDB } from './fake-idb';

const records = installFakeIndexedDB();
const state = () => {
	const store = records.get('state');
	if (!store) throw new Error('the store was not created');
	return store;
};

const table: SavedTable = {
	text: 'Study,HR\nA,0.8\n',
	name: 'mine.csv',
	mapping: { label: 0, effect: 1 },
	read: { delimiter: ',', decimalComma: false },
	arms: { treated: 'Surgery', control: 'No surgery' }
};

beforeEach(async () => {
	// The first call creates the store; then every test starts from an empty one.
	await readHead();
	state().clear();
});

describe('the table record and its stamp record', () => {
	it('are written together; the stamp record names the table, so a restore learns it without the text', async () => {
		expect(await saveTable(table, 10)).toEqual({ outcome: 'saved', stamp: 10 });
		expect(state().get(STAMP)).toEqual({ version: 2, stamp: 10, name: 'mine.csv' });
		expect(await readHead()).toEqual({ stamp: 10, name: 'mine.csv', view: null });
		expect(await readTable()).toEqual({ kind: 'table', record: tableRecord(table, 10) });
		expect(await saveView('design=rct', 10)).toBe('saved');
		expect((await readHead())?.view?.query).toBe('design=rct');
	});

	it('the bundled data, chosen, is a stamp record named null and nothing for the worker to read', async () => {
		await saveTable(null, 3);
		expect(await readHead()).toEqual({ stamp: 3, name: null, view: null });
		expect(await readTable()).toEqual({ kind: 'none' });
	});

	it('an older table never replaces a newer one; the writer learns the newer one’s name from the stamp record', async () => {
		await saveTable(table, 10);
		const older = tableRecord({ ...table, name: 'older.csv' }, 9);
		if (!older) throw new Error('not savable');
		expect(await writeTable(older)).toEqual({ outcome: 'newer', name: 'mine.csv' });
		expect(await readTable()).toEqual({ kind: 'table', record: tableRecord(table, 10) });
		// Nor does a view for another table's stamp.
		expect(await saveView('design=rct', 9)).toBe('stale');
	});

	it('a stamp record of an earlier version (no name) sends the restore back to reading the records on the page', async () => {
		await saveTable(table, 10);
		state().set(STAMP, { version: 2, stamp: 10 });
		expect(await readHead()).toBeNull();
		expect((await readSaved()).table).toEqual(tableRecord(table, 10));
		// …and a save still checks that stamp.
		const older = tableRecord(table, 7);
		if (!older) throw new Error('not savable');
		expect(await writeTable(older)).toEqual({ outcome: 'newer', name: 'mine.csv' });
	});

	it('a damaged table record is reported, and dropping it removes it and its stamp, saying so', async () => {
		await saveTable(table, 10);
		state().set(TABLE, { version: 2, stamp: 10, table: { text: 5 } });
		expect(await readTable()).toEqual({ kind: 'damaged' });
		const said: string[] = [];
		await dropDamagedTable((m) => said.push(m));
		expect(said).toHaveLength(1);
		expect(state().has(TABLE)).toBe(false);
		expect(state().has(STAMP)).toBe(false);
	});

	it('a record of a newer version of the page is left alone: nothing to restore, and never overwritten', async () => {
		state().set(TABLE, { version: 3, stamp: 99, whatever: true });
		expect(await readTable()).toEqual({ kind: 'none' });
		expect(await saveTable(table, 10)).toMatchObject({ outcome: 'newer' });
		expect(state().get(TABLE)).toEqual({ version: 3, stamp: 99, whatever: true });
	});
});
