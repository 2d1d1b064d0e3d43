import { describe, expect, it } from 'vitest';
import type { LoadResponse, WorkerRequest } from '$lib/io/client';
import { textOf } from '$lib/io/columns';
import { STAMP, TABLE } from '$lib/io/table-store';
import { installFakeIndexedDB } from './fake-idb';

describe('the table-reading worker keeps the table in IndexedDB itself', () => {
	it('saves the table it read when the page asks, and reads it back on a restore; the page gets only buffers', async () => {
		const records = installFakeIndexedDB();
		// This test file runs in its own process: the worker's global scope is played by Node's.
		const scope = globalThis as unknown as Record<string, unknown>;
		const sent: LoadResponse[] = [];
		let wake: () => void = () => undefined;
		scope.self = globalThis;
		scope.postMessage = (m: LoadResponse) => {
			sent.push(m);
			wake();
		};
		await import('$lib/io/worker');
		const handler = scope.onmessage as (e: { data: WorkerRequest }) => void;
		const answer = async <T extends LoadResponse['type']>(type: T) => {
			for (;;) {
				const at = sent.findIndex((m) => m.type === type);
				if (at !== -1) return sent.splice(0, at + 1).pop() as Extract<LoadResponse, { type: T }>;
				await new Promise<void>((resolve) => (wake = resolve));
			}
		};

		const text = 'Study,Year,HR,Lower,Upper\nA,2001,0.8,0.6,1.0\nB\uD800,2003,0.7,0.5,0.9\n';
		handler({ data: { source: text, name: 'mine.csv', options: {} } });
		const done = await answer('done');
		// The text comes back as transferable code units, exact (a lone surrogate included), never as a string.
		expect(textOf(done.units)).toBe(text);
		expect('text' in done).toBe(false);
		expect(records.get('state')?.size ?? 0).toBe(0); // nothing is saved before the page says the table is in use

		const meta = {
			name: 'mine.csv',
			mapping: done.result.mapping,
			read: { delimiter: ',', decimalComma: false },
			arms: { treated: 'Surgery', control: 'No surgery' }
		};
		handler({ data: { save: meta, stamp: 100 } });
		expect((await answer('saved')).save).toEqual({ outcome: 'saved', stamp: 100 });
		const state = records.get('state');
		expect(state?.get(STAMP)).toEqual({ version: 2, stamp: 100, name: 'mine.csv' });
		expect(state?.get(TABLE)).toEqual({ version: 2, stamp: 100, table: { ...meta, text } });

		// A restore: the worker reads the record and the table's settings itself.
		handler({ data: { source: null, name: 'mine.csv', options: {} } });
		const back = await answer('done');
		expect(back.restored).toEqual({ ...meta, stamp: 100 });
		expect(back.studies?.length).toBe(2);
		expect(back.result.rowsLoaded).toBe(2);
		expect(textOf(back.units)).toBe(text);

		// An older save (another tab saved a newer table meanwhile) is not written.
		handler({ data: { source: text, name: 'other.csv', options: {} } });
		await answer('done');
		handler({ data: { save: { ...meta, name: 'other.csv' }, stamp: 50 } });
		expect((await answer('saved')).save).toEqual({ outcome: 'newer', name: 'mine.csv' });

		// A large file is sent as the File itself and read here; one that cannot be read is said so.
		const file = 'Study,Year,HR,Lower,Upper\nA,2001,0.8,0.6,1.0\nBé,2003,0.7,0.5,0.9\n';
		handler({ data: { source: new Blob([file]), name: 'big.csv', options: {} } });
		const big = await answer('done');
		expect(textOf(big.units)).toBe(file);
		expect(big.result.rowsLoaded).toBe(2);
		const gone = new Blob([text]);
		Object.defineProperty(gone, 'arrayBuffer', {
			value: () => Promise.reject(new DOMException('A requested file could not be found.', 'NotFoundError'))
		});
		handler({ data: { source: gone, name: 'gone.csv', options: {} } });
		expect(await answer('failed')).toMatchObject({ unreadable: true });

		// A damaged record: nothing to restore, reported as damaged; no record: nothing, not damaged.
		state?.set(TABLE, { version: 2, stamp: 100, table: { text: 1 } });
		handler({ data: { source: null, name: 'mine.csv', options: {} } });
		expect(await answer('missing')).toEqual({ type: 'missing', damaged: true });
		state?.clear();
		handler({ data: { source: null, name: 'mine.csv', options: {} } });
		expect(await answer('missing')).toEqual({ type: 'missing', damaged: false });
	});
});
