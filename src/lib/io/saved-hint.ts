/**
 * A hint, readable at once as the page starts (IndexedDB answers only later), that a table of the user's is saved:
 * the page then keeps the bundled data's charts as the server drew them while it reads that table back, instead of
 * turning them live only to replace them (charts/stagger.ts `holdLive`). Only a hint, never the record: a wrong one
 * costs a short wait, never a table. Written where the saved table's news is told (persist.ts `announce`).
 */
const KEY = 'evidence-dashboard:saved-table';

/** Note that the table of `stamp` is saved, or (null) that none is. */
export function hintSaved(stamp: number | null): void {
	try {
		if (stamp === null) localStorage.removeItem(KEY);
		else localStorage.setItem(KEY, String(stamp));
	} catch {
		// No storage (a private window, a sandbox): the page turns the bundled charts live as before.
	}
}

/** Whether a saved table is hinted. */
export function savedHinted(): boolean {
	try {
		return localStorage.getItem(KEY) !== null;
	} catch {
		return false;
	}
}
