/**
 * The user's table and the view, kept in IndexedDB as two records so that a view change can never erase a table:
 * `table` is written once per load (after the load succeeds, in one transaction that checks no newer table was
 * saved meanwhile), `view` on each view change (only while the table it belongs to is the saved one). Reading
 * never writes, except to drop a damaged record. Tabs hear of each other's tables over a BroadcastChannel. Every
 * call reports failure instead of throwing: private windows and full disks must not break the session.
 */
import {
	isNewer,
	parseSession,
	parseStampRecord,
	parseTableRecord,
	parseViewRecord,
	tableRecord,
	viewRecord,
	type SavedTable,
	type TableRecord,
	type ViewRecord
} from './record';
import {
	db,
	done,
	LEGACY,
	legacyStamp,
	request,
	savedStamp,
	STAMP,
	TABLE,
	VIEW,
	writeTable,
	type TableSave
} from './table-store';
import { hintSaved } from './saved-hint';

export { parseSession, type SavedTable, type TableSave };

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

/** The saved table as the page first needs it: its stamp and name (null: the bundled data), and the view. */
export interface SavedHead {
	stamp: number;
	name: string | null;
	view: ViewRecord | null;
}

/**
 * Read the stamp record and the view (small records) without the table, whose text the table worker reads back
 * itself. Null when the stamp record does not name the table (none saved, or saved by an earlier version): then
 * `readSaved` reads the records as before.
 */
export async function readHead(): Promise<SavedHead | null> {
	try {
		const [rawStamp, rawView] = await db()('readonly', (s) =>
			Promise.all([request(s.get(STAMP)), request(s.get(VIEW))])
		);
		const head = parseStampRecord(rawStamp);
		if (!head || head.name === undefined) return null;
		return { stamp: head.stamp, name: head.name, view: parseViewRecord(rawView) };
	} catch {
		return null;
	}
}

/** Forget a table record the worker found damaged (and its stamp), and say so. */
export async function dropDamagedTable(onDropped?: (message: string) => void): Promise<void> {
	const { ioMessages } = await import('./messages');
	onDropped?.(ioMessages.savedTableDropped());
	hintSaved(null);
	try {
		await db()('readwrite', async (s) => {
			s.delete(TABLE);
			s.delete(STAMP);
			await done(s.transaction);
		});
	} catch {
		// Nothing more to do: the record is read as absent on every visit.
	}
}

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
	const result = await writeTable(record);
	if (result.outcome === 'saved') announce(stamp, record.table?.name ?? null);
	return result;
}

/**
 * Tell the other tabs that this tab saved a table (after a save here, or by this tab's table worker), and leave the
 * hint the next start reads (saved-hint.ts).
 */
export function announce(stamp: number, name: string | null): void {
	hintSaved(name === null ? null : stamp);
	const news: TableNews = { tab: TAB, stamp, name };
	const bc = channel();
	bc?.postMessage(news);
	bc?.close();
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
			const currentStamp = (await savedStamp(s))?.stamp ?? 0;
			if (currentStamp !== tableStamp) return 'stale' as const;
			s.put(record, VIEW);
			await done(s.transaction);
			return 'saved' as const;
		});
	} catch {
		return 'failed';
	}
}

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
