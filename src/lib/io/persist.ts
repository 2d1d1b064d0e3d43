/**
 * The user's own table, its mapping and reading settings, and the last view, kept in IndexedDB (idb-keyval) so they
 * survive a reload and a closed tab. Every call reports failure instead of throwing: private windows and full
 * disks must not break the session.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { ArmLabels, ColumnMapping, ReadSettings } from '$lib/types';

export interface SavedTable {
	text: string;
	name: string;
	mapping: ColumnMapping;
	read: ReadSettings;
	arms: ArmLabels;
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

/** The saved session, or null when there is none or storage cannot be read. */
export async function loadSession(): Promise<SavedSession | null> {
	try {
		const value: unknown = await get(KEY, db());
		if (!value || typeof value !== 'object' || (value as SavedSession).version !== 1) return null;
		return value as SavedSession;
	} catch {
		return null;
	}
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
