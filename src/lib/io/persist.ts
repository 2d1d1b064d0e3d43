/**
 * The user's own table, its mapping and reading settings, and the last view, kept in IndexedDB (idb-keyval) so they
 * survive a reload and a closed tab. Every call reports failure instead of throwing: private windows and full
 * disks must not break the session.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { isMeasure } from '$lib/domain/measure';
import { ROLES, type ArmLabels, type ColumnMapping, type ReadSettings } from '$lib/types';

export interface SavedTable {
	text: string;
	name: string;
	mapping: ColumnMapping;
	read: ReadSettings;
	arms: ArmLabels;
	/** The title the user gave the table (absent: its file name). */
	title?: string;
}

export interface SavedSession {
	version: 1;
	/** Null when the bundled dataset is in use. */
	table: SavedTable | null;
	/** The view's query string (without "?"). */
	query: string;
	savedAt: number;
}

const KEY = 'session';
let store: UseStore | null = null;
const db = () => (store ??= createStore('evidence-dashboard', 'state'));

/** The saved session, or null when there is none, storage cannot be read, or the record is not one this page wrote. */
export async function loadSession(onDropped?: (message: string) => void): Promise<SavedSession | null> {
	let value: unknown;
	try {
		value = await get(KEY, db());
	} catch {
		return null;
	}
	if (value === undefined) return null;
	const session = parseSession(value);
	if (session === null) {
		// A record of the wrong shape would fail on every visit: forget it, and say so (message text loads on demand).
		const { messages } = await import('$lib/data/messages');
		onDropped?.(messages.savedSessionDropped());
		await clearSession();
	}
	return session;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max = Infinity): v is string => typeof v === 'string' && v.length <= max;

/** The largest saved table this page reads back (the load limit, as UTF-16 characters of at most 2 bytes each). */
const MAX_TEXT = 100 * 1024 * 1024;

/** Check a stored value field by field; null when any field is missing or of the wrong type. Pure. */
export function parseSession(value: unknown): SavedSession | null {
	if (!isRecord(value) || value.version !== 1) return null;
	if (!isString(value.query, 10_000)) return null;
	const savedAt = typeof value.savedAt === 'number' && Number.isFinite(value.savedAt) ? value.savedAt : 0;
	if (value.table === null) return { version: 1, table: null, query: value.query, savedAt };
	const t = value.table;
	if (!isRecord(t) || !isString(t.text, MAX_TEXT) || !isString(t.name, 1000)) return null;
	if (!isRecord(t.mapping) || !isRecord(t.read) || !isRecord(t.arms)) return null;
	const mapping: ColumnMapping = {};
	for (const [role, index] of Object.entries(t.mapping)) {
		if (!(ROLES as readonly string[]).includes(role)) return null;
		if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return null;
		mapping[role as (typeof ROLES)[number]] = index;
	}
	const { delimiter, decimalComma, measure } = t.read;
	if (!isString(delimiter, 1) || typeof decimalComma !== 'boolean') return null;
	if (measure !== undefined && !isMeasure(measure)) return null;
	const read: ReadSettings = { delimiter, decimalComma, ...(measure ? { measure } : {}) };
	if (!isString(t.arms.treated, 40) || !isString(t.arms.control, 40)) return null;
	const arms: ArmLabels = { treated: t.arms.treated, control: t.arms.control };
	if (t.title !== undefined && !isString(t.title, 1000)) return null;
	return {
		version: 1,
		table: {
			text: t.text,
			name: t.name,
			mapping,
			read,
			arms,
			...(t.title !== undefined ? { title: t.title } : {})
		},
		query: value.query,
		savedAt
	};
}

/** Save the whole session in one write (a second tab's write replaces it whole, never half). */
export async function saveSession(session: Omit<SavedSession, 'version' | 'savedAt'>): Promise<boolean> {
	try {
		await set(KEY, { ...session, version: 1, savedAt: Date.now() } satisfies SavedSession, db());
		return true;
	} catch {
		return false;
	}
}

/** Forget everything saved. */
export async function clearSession(): Promise<boolean> {
	try {
		await del(KEY, db());
		return true;
	} catch {
		return false;
	}
}
