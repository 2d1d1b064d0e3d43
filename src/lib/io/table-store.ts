/**
 * The table record's side of IndexedDB, shared by the page (persist.ts) and the table-reading worker, which writes
 * a loaded table and reads the saved one back itself: the table's text never crosses to the page's thread as one
 * structured clone. No BroadcastChannel and no messages here (the page tells the other tabs); nothing throws
 * except what IndexedDB throws (callers turn that into an outcome).
 */
import { createStore, type UseStore } from 'idb-keyval';
import {
	isNewer,
	parseSession,
	parseStampRecord,
	parseTableRecord,
	stampRecord,
	type TableRecord
} from './record';

export const TABLE = 'table';
export const VIEW = 'view';
/**
 * The saved table's stamp and name on their own (written with the table, in the same transaction), so that a save
 * checks the stamp and a restore learns the name without reading a large table; without it (records of earlier
 * versions) the table is read.
 */
export const STAMP = 'tableStamp';
/** The single record of earlier versions: read when there is no table record yet, deleted by the next table save. */
export const LEGACY = 'session';

let store: UseStore | null = null;
export const db = (): UseStore => (store ??= createStore('evidence-dashboard', 'state'));
/** The stamp an earlier version's record is read with (it had none: the time it was saved). */
export const legacyStamp = (savedAt: number): number => Math.max(savedAt, 1);

export const request = <T>(req: IDBRequest<T>): Promise<T> =>
	new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
export const done = (tx: IDBTransaction): Promise<void> =>
	new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = tx.onabort = () => reject(tx.error);
	});

/** The outcome of a table save. */
export type TableSave =
	| { outcome: 'saved'; stamp: number }
	/** Another tab saved a table at or after `stamp` (named `name`; null: the bundled data): it wins, unwritten. */
	| { outcome: 'newer'; name: string | null }
	/** The table cannot be kept (over the size the reader accepts). */
	| { outcome: 'unsavable' }
	/** Storage refused (private window, full disk, no IndexedDB). */
	| { outcome: 'failed' };

/**
 * Write a table record (shaped by `tableRecord`) in one transaction that reads the saved table's stamp and writes
 * only when this one is newer, with its stamp record, and drops the earlier version's record.
 */
export async function writeTable(record: TableRecord): Promise<TableSave> {
	try {
		return await db()('readwrite', async (s) => {
			const current = await savedStamp(s);
			if (current !== undefined && current.stamp >= record.stamp) {
				// Another tab's newer table: its name from the stamp record, else (earlier records) from the table.
				let name = current.name;
				if (name === undefined) name = parseTableRecord(await request(s.get(TABLE)))?.table?.name ?? null;
				return { outcome: 'newer', name } as const;
			}
			s.put(record, TABLE);
			s.put(stampRecord(record), STAMP);
			s.delete(LEGACY);
			await done(s.transaction);
			return { outcome: 'saved', stamp: record.stamp } as const;
		});
	} catch {
		return { outcome: 'failed' };
	}
}

/**
 * The stamp of the saved table (Infinity: one of a newer version of the page; undefined: none) and its name when
 * the stamp record keeps it, from the stamp record when there is one, else from the table record (or the earlier
 * versions' single record).
 */
export async function savedStamp(
	s: IDBObjectStore
): Promise<{ stamp: number; name?: string | null } | undefined> {
	const own = await request(s.get(STAMP));
	if (isNewer(own)) return { stamp: Infinity };
	const parsedOwn = parseStampRecord(own);
	if (parsedOwn) return parsedOwn;
	const current = await request(s.get(TABLE));
	const parsed = parseTableRecord(current);
	if (parsed) return { stamp: parsed.stamp, name: parsed.table?.name ?? null };
	if (isNewer(current)) return { stamp: Infinity };
	if (current !== undefined) return undefined;
	const legacy = parseSession(await request(s.get(LEGACY)));
	return legacy ? { stamp: legacyStamp(legacy.savedAt), name: legacy.table?.name ?? null } : undefined;
}

/** What the table record holds, as read by the worker: a table, nothing to restore, or a damaged record. */
export type TableRead =
	| { kind: 'table'; record: TableRecord }
	/** No record, the bundled data, or a record of a newer version of the page (left alone). */
	| { kind: 'none' }
	| { kind: 'damaged' }
	| { kind: 'failed' };

/** Read the table record (never writing). */
export async function readTable(): Promise<TableRead> {
	let raw: unknown;
	try {
		raw = await db()('readonly', (s) => request(s.get(TABLE)));
	} catch {
		return { kind: 'failed' };
	}
	if (raw === undefined || isNewer(raw)) return { kind: 'none' };
	const record = parseTableRecord(raw);
	if (!record) return { kind: 'damaged' };
	return record.table ? { kind: 'table', record } : { kind: 'none' };
}
