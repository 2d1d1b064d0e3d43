/**
 * Every sentence the page says about keeping, restoring, downloading and dropping tables (the browser's edges),
 * in one place so the wording stays consistent. Loaded on demand: nothing here is needed for the first paint.
 */

const q = (value: string): string => `“${value.length > 60 ? value.slice(0, 57) + '…' : value}”`;

export const ioMessages = {
	savedTableDropped: () =>
		'The table saved in this browser could not be read back (its record was damaged or written by another version); it was discarded and the bundled data is shown.',
	notSaving: () =>
		'This browser is not saving data for this page (private window or storage full): your table will be gone after a reload.',
	tooLargeToKeep: (name: string) =>
		`${q(name)} is in use but too large to keep in this browser: after a reload the previously saved table comes back.`,
	readFailed: (name: string, detail: string) =>
		`${q(name)} could not be read: ${detail}. Nothing was changed.`,
	cancelled: (name: string) => `Loading ${q(name)} was cancelled; the dashboard is as it was.`,
	restoreCancelled: (name: string) =>
		`Restoring ${q(name)} was stopped; it is still saved in this browser and comes back on the next visit.`,
	/** Another tab saved a newer table (null: went back to the bundled data); this tab's view is no longer kept. */
	otherTab: (theirs: string | null | undefined) =>
		`Another tab has since ${theirs === undefined ? 'saved another table' : theirs === null ? 'gone back to the bundled studies' : `loaded ${q(theirs)}`}, and that is what a reload shows; changes made in this tab are no longer saved. Reload this tab to follow it, or load a table here to make it the saved one.`,
	badAddress: (address: string) =>
		`The data address ${q(address)} is not a valid address; nothing was loaded.`,
	otherSite: (address: string) =>
		`Only tables on this site can be loaded from the address bar; ${q(address)} is elsewhere, so it was not fetched.`,
	linkFailed: (path: string, detail: string) =>
		`${q(path)} could not be loaded: ${detail}. The table in use (and the one saved in this browser) is unchanged.`,
	linkCancelled: (path: string) =>
		`The download of ${q(path)} was cancelled; the table in use (and the one saved in this browser) is unchanged.`,
	linkTimedOut: (seconds: number) =>
		`the server sent nothing for ${seconds} seconds, so the download was stopped`,
	linkTooLate: (path: string) =>
		`${q(path)} arrived after you chose another table, so it was not used; your choice stays.`,
	linkStoppedByChoice: (path: string) =>
		`The download of ${q(path)} was stopped because you chose another table.`,
	dropFolder: (name: string) =>
		`${q(name)} is a folder: drop a CSV or TSV file (or choose one with “Load your own table”). Nothing was changed.`,
	dropUnreadable: (name: string) =>
		`${q(name)} could not be read (it may have been moved, deleted, or be a folder); nothing was changed.`,
	dropMany: (used: string, ignored: number) =>
		`${ignored + 1} files were dropped; only the first, ${q(used)}, is loaded (this page holds one table at a time), and the other ${ignored === 1 ? 'one was' : `${ignored} were`} ignored.`,
	dropLink: () =>
		'A link or text was dropped, not a file: download the table first, then drop the file here. Nothing was changed.',
	tooManyRows: (rows: number, max: number) =>
		`The table has about ${rows.toLocaleString('en')} rows; this page can hold up to ${max.toLocaleString('en')} rows in a browser tab. Split the table, or keep only the rows you need, and load it again. Nothing was changed.`,
	addressTooLong: (chars: number, max: number) =>
		`The address’s view (${chars.toLocaleString('en')} characters) is longer than the ${max.toLocaleString('en')} this page reads; it was ignored and the default view is shown.`
};
