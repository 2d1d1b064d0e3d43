/**
 * The user's table and the view, kept in IndexedDB as two records so that a view change can never erase a table:
 * `table` is written once per load (after the load succeeds, in one transaction that checks no newer table was
 * saved meanwhile), `view` on each view change (only while the table it belongs to is the saved one). Reading
 * never writes, except to drop a damaged record. Tabs hear of each other's tables over a BroadcastChannel. Every
 * call reports failure instead of throwing: private windows and full disks must not break the session.
 */
import { createStore, type UseStore } from 'idb-keyval';
import {
	isNewer,
	parseSession,
	parseTableRecord,
	parseViewRecord,
	tableRecord,
	viewRecord,
	type SavedTable,
	type TableRecord,
	type ViewRecord
} from './record';

export { parseSession, type SavedTable };

const TABLE = 'table';
const VIEW = 'view';
/**
 * The saved table's stamp on its own (written with the table, in the same transaction), so that a save checks it
 * without reading a large table back into the page; without it (records of earlier versions) the table is read.
 */
const STAMP = 'tableStamp';
/** The single record of earlier versions: read when there is no table record yet, deleted by the next table save. */
const LEGACY = 'session';

let store: UseStore | null = null;
const db = () => (store ??= createStore('evidence-dashboard', 'state'));
/** The stamp an earlier version's record is read with (it had none: the time it was saved). */
const legacyStamp = (savedAt: number) => Math.max(savedAt, 1);

const request = <T>(req: IDBRequest<T>): Promise<T> =>
	new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
const done = (tx: IDBTransaction): Promise<void> =>
	new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = tx.onabort = () => reject(tx.error);
	});

/** What was saved: the table record (legacy records read as one) and the view that belongs to it. */
export interface Saved {
	table: TableRecord | null;
	view: ViewRecord | null;
}

/** Read both records in one transaction; a damaged record is dropped and `onDropped` told (message on demand). */
export async function readSaved(onDropped?: (message: string) => void): Promise<Saved> {
	let raw: [unknown, unknown, unknown];
	try {
		raw = await db()('readonly', (s) =>
			Promise.all([request(s.get(TABLE)), request(s.get(VIEW)), request(s.get(LEGACY))])
		);
	} catch {
		return { table: null, view: null };
	}
	const [rawTable, rawView, rawLegacy] = raw;
	const damaged: string[] = [];
	let table: TableRecord | null = null;
	let view: ViewRecord | null = parseViewRecord(rawView);
	if (rawTable !== undefined) {
		table = parseTableRecord(rawTable);
		if (table === null && !isNewer(rawTable)) damaged.push(TABLE);
	} else if (rawLegacy !== undefined) {
		const legacy = parseSession(rawLegacy);
		if (legacy) {
			const stamp = legacyStamp(legacy.savedAt);
			table = { version: 2, stamp, table: legacy.table };
			if (view?.tableStamp !== stamp)
				view = { version: 2, query: legacy.query, tableStamp: stamp, savedAt: 0 };
		} else if (!isNewer(rawLegacy)) damaged.push(LEGACY);
	}
	if (damaged.length > 0) {
		// A record of the wrong shape would fail on every visit: forget it, and say so.
		const { ioMessages } = await import('./messages');
		onDropped?.(ioMessages.savedTableDropped());
		try {
			await db()('readwrite', async (s) => {
				for (const key of damaged) s.delete(key);
				if (damaged.includes(TABLE)) s.delete(STAMP);
				await done(s.transaction);
			});
		} catch {
			// Nothing more to do: the record is read as absent on every visit.
		}
	}
	return { table, view };
}

/** The outcome of a table save. */
export type TableSave =
	| { outcome: 'saved'; stamp: number }
	/** Another tab saved a table at or after `stamp`: it wins, and this one is not written. */
	| { outcome: 'newer'; current: TableRecord }
	/** The table cannot be kept (over the size the reader accepts). */
	| { outcome: 'unsavable' }
	/** Storage refused (private window, full disk, no IndexedDB). */
	| { outcome: 'failed' };

const channel = (): BroadcastChannel | null =>
	typeof BroadcastChannel === 'function' ? new BroadcastChannel('evidence-dashboard') : null;

/** This tab, among the tabs of the page (a channel also delivers to the other channel objects of the sender's tab). */
const TAB = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** What one tab tells the others after saving a table. */
export interface TableNews {
	tab: string;
	stamp: number;
	/** The table's name, or null for the bundled data. */
	name: string | null;
}

/**
 * Save the table now in use (null: the bundled data) with `stamp` (the time it came into use): one transaction
 * reads the saved table's stamp and writes only when this one is newer, and drops the earlier version's record.
 */
export async function saveTable(table: SavedTable | null, stamp: number): Promise<TableSave> {
	const record = tableRecord(table, stamp);
	if (record === null) return { outcome: 'unsavable' };
	let result: TableSave;
	try {
		result = await db()('readwrite', async (s) => {
			const currentStamp = await savedStamp(s);
			if (currentStamp !== undefined && currentStamp >= stamp) {
				// Another tab's newer table: read it (rare) to say which.
				const parsed = parseTableRecord(await request(s.get(TABLE)));
				const winner: TableRecord = parsed ?? { version: 2, stamp: currentStamp, table: null };
				return { outcome: 'newer', current: winner } as const;
			}
			s.put(record, TABLE);
			s.put({ version: record.version, stamp }, STAMP);
			s.delete(LEGACY);
			await done(s.transaction);
			return { outcome: 'saved', stamp } as const;
		});
	} catch {
		return { outcome: 'failed' };
	}
	if (result.outcome === 'saved') {
		const news: TableNews = { tab: TAB, stamp, name: record.table?.name ?? null };
		const bc = channel();
		bc?.postMessage(news);
		bc?.close();
	}
	return result;
}

/**
 * Save the view (its query) for the table of `tableStamp` (0: no saved table). Not written when another tab has
 * saved a newer table since ('stale'): that tab's view belongs to it.
 */
export async function saveView(
	query: string,
	tableStamp: number,
	title: string | null = null
): Promise<'saved' | 'stale' | 'failed'> {
	const record = viewRecord(query, tableStamp, Date.now(), title);
	try {
		return await db()('readwrite', async (s) => {
			const currentStamp = (await savedStamp(s)) ?? 0;
			if (currentStamp !== tableStamp) return 'stale' as const;
			s.put(record, VIEW);
			await done(s.transaction);
			return 'saved' as const;
		});
	} catch {
		return 'failed';
	}
}

/**
 * The stamp of the saved table (Infinity: one of a newer version of the page; undefined: none), from the stamp
 * record when there is one, else from the table record (or the earlier versions' single record).
 */
async function savedStamp(s: IDBObjectStore): Promise<number | undefined> {
	const own = await request(s.get(STAMP));
	if (isNewer(own)) return Infinity;
	if (isStampRecord(own)) return own.stamp;
	const current = await request(s.get(TABLE));
	const parsed = parseTableRecord(current);
	if (parsed) return parsed.stamp;
	if (isNewer(current)) return Infinity;
	if (current !== undefined) return undefined;
	const legacy = parseSession(await request(s.get(LEGACY)));
	return legacy ? legacyStamp(legacy.savedAt) : undefined;
}

const isStampRecord = (v: unknown): v is { version: 2; stamp: number } =>
	typeof v === 'object' &&
	v !== null &&
	(v as { version?: unknown }).version === 2 &&
	typeof (v as { stamp?: unknown }).stamp === 'number' &&
	Number.isFinite((v as { stamp: number }).stamp) &&
	(v as { stamp: number }).stamp > 0;

/** Hear of tables other tabs save; returns the unsubscribe function. */
export function onOtherTabTable(listener: (news: TableNews) => void): () => void {
	const bc = channel();
	if (!bc) return () => undefined;
	bc.onmessage = (event: MessageEvent<unknown>) => {
		const data = event.data as Partial<TableNews> | null;
		if (data?.tab === TAB || typeof data?.stamp !== 'number') return;
		if (typeof data.name === 'string' || data.name === null)
			listener({ tab: String(data.tab), stamp: data.stamp, name: data.name });
	};
	return () => bc.close();
}
