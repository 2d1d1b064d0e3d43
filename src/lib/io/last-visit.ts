/**
 * The version of the bundled data this browser last showed, and when, kept in localStorage (a few bytes; no table,
 * no view), so a returning visitor can be told what changed since. Every call tolerates storage being unavailable.
 */
import type { VersionName } from '$lib/data/versions';

/** The localStorage key (e2e tests write it to play a returning visitor). */
export const LAST_VISIT_KEY = 'evidence-dashboard-last-visit';

export interface LastVisit {
	/** The version's id ("2026-12-04-1a2b3c4d"). */
	version: string;
	/** Its content hash: what identifies the data. */
	hash: string;
	/** The visit's date (YYYY-MM-DD). */
	date: string;
}

/** A stored value as a LastVisit, or null. The hash is read from the id's end when only the id is stored. Pure. */
export function parseLastVisit(value: string | null): LastVisit | null {
	if (value === null || value.length > 500) return null;
	let v: unknown;
	try {
		v = JSON.parse(value);
	} catch {
		return null;
	}
	if (typeof v !== 'object' || v === null) return null;
	const { version, hash, date } = v as Record<string, unknown>;
	if (typeof version !== 'string' || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(date))
		return null;
	const h = typeof hash === 'string' ? hash : (/-([0-9a-f]{8})$/.exec(version)?.[1] ?? '');
	return /^[0-9a-f]{8}$/.test(h) ? { version, hash: h, date: date.slice(0, 10) } : null;
}

/** The last visit stored in this browser, or null (first visit, or storage unavailable). */
export function readLastVisit(): LastVisit | null {
	try {
		return parseLastVisit(localStorage.getItem(LAST_VISIT_KEY));
	} catch {
		return null;
	}
}

/** Remember that this browser showed `version` today. */
export function recordVisit(version: VersionName): void {
	const visit: LastVisit = {
		version: version.id,
		hash: version.hash,
		date: new Date().toISOString().slice(0, 10)
	};
	try {
		localStorage.setItem(LAST_VISIT_KEY, JSON.stringify(visit));
	} catch {
		// A private window: the note cannot be shown next time, and nothing else depends on it.
	}
}
