/**
 * The one schema of what this page keeps in IndexedDB, shared by the writer and the reader: the writer shapes a
 * record with `tableRecord` / `viewRecord` (shortening what is too long) and the reader checks it with
 * `parseTableRecord` / `parseViewRecord` against the same limits, so the page never writes a record it would
 * refuse on the next visit. Pure: no IndexedDB, no DOM.
 */
import { isMeasure } from '$lib/domain/measure';
import { ROLES, type ArmLabels, type ColumnMapping, type ReadSettings } from '$lib/types';
import { cleanQuery, MAX_QUERY } from './query';

export { cleanQuery };

/** The record format; a record of a higher version (a newer deployment) is left alone, never overwritten by reading. */
export const RECORD_VERSION = 2;

/** Limits both sides apply. Text: the load limit (a table decoded from N bytes has at most N characters). */
export const LIMITS = {
	text: 100 * 1024 * 1024,
	name: 1000,
	arm: 40,
	/** A saved view's query; a longer one is not saved (the table still is). URL parameters use the same bound. */
	query: MAX_QUERY
} as const;

/** A user's table as it is saved: the text as read, its name, and how to read it again. */
export interface SavedTable {
	text: string;
	name: string;
	mapping: ColumnMapping;
	read: ReadSettings;
	arms: ArmLabels;
}

/**
 * The table record: which table is in use (null: the bundled data, chosen by the user) and when it was put in use.
 * `stamp` orders tables across tabs: a record is only replaced by one with a larger stamp.
 */
export interface TableRecord {
	version: typeof RECORD_VERSION;
	stamp: number;
	table: SavedTable | null;
}

/** The view record: the view's query (no "?", no `data=`) and the stamp of the table it belongs to (0: none). */
export interface ViewRecord {
	version: typeof RECORD_VERSION;
	query: string;
	tableStamp: number;
	savedAt: number;
	/** The title the user gave the table (absent: its file name). */
	title?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isStamp = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Cut text to `max` characters, ending with "…" when cut (never splitting a surrogate pair). */
export function shorten(text: string, max: number): string {
	if (text.length <= max) return text;
	let cut = text.slice(0, max - 1);
	const last = cut.charCodeAt(cut.length - 1);
	if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
	return `${cut}…`;
}

/** Read a mapping, reading settings and arms; null when any is of the wrong shape. */
function parseTable(t: unknown): SavedTable | null {
	if (!isRecord(t) || !isString(t.text, LIMITS.text) || !isString(t.name, LIMITS.name)) return null;
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
	if (!isString(t.arms.treated, LIMITS.arm) || !isString(t.arms.control, LIMITS.arm)) return null;
	const arms: ArmLabels = { treated: t.arms.treated, control: t.arms.control };
	return { text: t.text, name: t.name, mapping, read, arms };
}

/**
 * Shape a table for saving: names and arm labels shortened to what the reader accepts, the mapping and settings
 * copied field by field. Null only when the table cannot be saved at all (text over the limit, or a mapping or
 * setting no load produces); the caller then says the table is not kept.
 */
export function savableTable(table: SavedTable): SavedTable | null {
	const shaped = {
		text: table.text,
		name: shorten(table.name, LIMITS.name),
		mapping: { ...table.mapping },
		read: {
			delimiter: table.read.delimiter,
			decimalComma: table.read.decimalComma,
			...(table.read.measure ? { measure: table.read.measure } : {})
		},
		arms: {
			treated: shorten(table.arms.treated, LIMITS.arm),
			control: shorten(table.arms.control, LIMITS.arm)
		}
	};
	return parseTable(shaped);
}

/** The table record to write, or null when the table cannot be saved (see `savableTable`). */
export function tableRecord(table: SavedTable | null, stamp: number): TableRecord | null {
	if (table === null) return { version: RECORD_VERSION, stamp, table: null };
	const saved = savableTable(table);
	return saved ? { version: RECORD_VERSION, stamp, table: saved } : null;
}

/** The view record to write: the query cleaned, and left empty when over the limit (a view too long to keep). */
export function viewRecord(
	query: string,
	tableStamp: number,
	savedAt: number,
	title: string | null = null
): ViewRecord {
	const clean = cleanQuery(query);
	return {
		version: RECORD_VERSION,
		query: clean.length <= LIMITS.query ? clean : '',
		tableStamp,
		savedAt,
		...(title !== null ? { title: shorten(title, LIMITS.name) } : {})
	};
}

/** Check a stored table record field by field; null when it is not one this page writes. */
export function parseTableRecord(value: unknown): TableRecord | null {
	if (!isRecord(value) || value.version !== RECORD_VERSION || !isStamp(value.stamp)) return null;
	if (value.table === null) return { version: RECORD_VERSION, stamp: value.stamp, table: null };
	const table = parseTable(value.table);
	return table ? { version: RECORD_VERSION, stamp: value.stamp, table } : null;
}

/** Check a stored view record; null when it is not one this page writes. */
export function parseViewRecord(value: unknown): ViewRecord | null {
	if (!isRecord(value) || value.version !== RECORD_VERSION) return null;
	if (!isString(value.query, LIMITS.query) || value.query !== cleanQuery(value.query)) return null;
	if (!isStamp(value.tableStamp) || !isStamp(value.savedAt)) return null;
	if (value.title !== undefined && !isString(value.title, LIMITS.name)) return null;
	return {
		version: RECORD_VERSION,
		query: value.query,
		tableStamp: value.tableStamp,
		savedAt: value.savedAt,
		...(value.title !== undefined ? { title: value.title } : {})
	};
}

/** A record written by a newer deployment of the page: read it as absent, but never delete or overwrite it. */
export function isNewer(value: unknown): boolean {
	return isRecord(value) && typeof value.version === 'number' && value.version > RECORD_VERSION;
}

/** The single record of earlier versions (table and view together), read once when no table record exists yet. */
export interface LegacySession {
	version: 1;
	table: SavedTable | null;
	query: string;
	savedAt: number;
}

/** Check a record of the earlier format; null when any field is missing or of the wrong type. */
export function parseSession(value: unknown): LegacySession | null {
	if (!isRecord(value) || value.version !== 1) return null;
	if (!isString(value.query, LIMITS.query)) return null;
	const savedAt = isStamp(value.savedAt) ? value.savedAt : 0;
	const query = cleanQuery(value.query);
	if (value.table === null) return { version: 1, table: null, query, savedAt };
	const table = parseTable(value.table);
	return table ? { version: 1, table, query, savedAt } : null;
}

/**
 * The saved table's stamp record, written in the same transaction as the table record: its stamp and its name
 * (null: the bundled data), so that a save checks the stamp and a restore learns which table it is bringing back
 * without reading the whole table into the page.
 */
export interface StampRecord {
	version: typeof RECORD_VERSION;
	stamp: number;
	name: string | null;
}

/** The stamp record that goes with a table record (its name as the table record keeps it). */
export const stampRecord = (record: TableRecord): StampRecord => ({
	version: RECORD_VERSION,
	stamp: record.stamp,
	name: record.table?.name ?? null
});

/**
 * Check a stored stamp record; null when it is not one. `name` undefined: a record of an earlier version of this
 * page, which kept only the stamp (the table's name is then only in the table record).
 */
export function parseStampRecord(
	value: unknown
): { version: typeof RECORD_VERSION; stamp: number; name?: string | null } | null {
	if (!isRecord(value) || value.version !== RECORD_VERSION || !isStamp(value.stamp) || value.stamp <= 0)
		return null;
	if (value.name === null || isString(value.name, LIMITS.name))
		return { version: RECORD_VERSION, stamp: value.stamp, name: value.name };
	return { version: RECORD_VERSION, stamp: value.stamp };
}
