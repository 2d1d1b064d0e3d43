/**
 * Data in and out of the browser for one dashboard: every way in (file, paste, `?data=`, a saved session) goes
 * through the worker pipeline, and a rejected or cancelled load changes nothing; the user's table, its mapping and
 * the view are kept in IndexedDB.
 */
import { fromQuery } from '$lib/filters/clauses';
import { cleanQuery, MAX_QUERY } from '$lib/io/query';
import { hintSaved, savedHinted } from '$lib/io/saved-hint';
import { currentQuery, followQuery, navigate, navigateAfterPaint } from '$lib/io/url';
import { DEFAULT_ARMS, type ArmLabels, type ColumnMapping as Mapping, type ReadSettings } from '$lib/types';
import { Dashboard, type DashboardInit } from './dashboard.svelte';

/** The worker client, IndexedDB and the messages load on first use (a load, a save or a restore), not with the first paint. */
const client = () => import('$lib/io/client');
const storage = () => import('$lib/io/persist');
const words = async () => (await import('$lib/io/messages')).ioMessages;

/** A table as read, kept to re-read it with other settings and to save it. */
export interface SourceText {
	readonly text: string;
	name: string;
	encoding: string;
	/** The text as UTF-16 code units, when it came from the worker (`text` is then decoded on first use). */
	units?: Uint16Array;
}

/** Where a load comes from: a choice of the user's (kept as the saved table), a link, or the saved table read back. */
type Origin = 'choice' | 'link' | 'restore';

interface LoadSettings {
	mapping?: Mapping;
	read?: ReadSettings;
	arms?: ArmLabels;
	/** Keep the current view (filters) instead of clearing it: a reload, or new reading settings. */
	keepView?: boolean;
	origin?: Origin;
	/** The choice this load answers (see `#choice`); a load whose choice is no longer the latest is dropped. */
	choice?: number;
	/** For a restore: the stamp of the saved table being read back. */
	stamp?: number;
}

/** A table being read in the worker: a new table, or the saved one read back (`restoring`). */
export interface Loading {
	name: string;
	share: number;
	cancel: () => void;
	restoring: boolean;
}

/** A `?data=` link's table being downloaded: bytes so far, the total when the server says it, and Cancel. */
export interface Download {
	name: string;
	received: number;
	total: number | null;
	cancel: () => void;
}

export class DataSession {
	readonly #dash: Dashboard;
	/** The user's table as text; null for the bundled data. */
	source = $state.raw<SourceText | null>(null);
	/** A rejected table kept so its columns can be mapped by hand. */
	rejectedSource = $state.raw<SourceText | null>(null);
	loading = $state.raw<Loading | null>(null);
	downloading = $state.raw<Download | null>(null);
	/** What happened to the latest load, when it did not end in a load report. */
	status = $state('');
	/** Set when this browser does not keep the session. */
	storageNotice = $state('');
	/** Set when another tab has saved a newer table than the one this tab shows. */
	tabNotice = $state('');
	#viewTimer: ReturnType<typeof setTimeout> | undefined;
	/** The stamp of the saved table this tab shows (0: none saved, the bundled data by default). */
	#stamp = 0;
	/**
	 * One number per choice of table (a file, a paste, new settings, the bundled data, a link that arrived, the
	 * saved table at start): a load or download begun for an earlier choice is dropped when it ends.
	 */
	#choice = 0;
	/** Views are saved only once the saved view has been read back (the start's empty address must not erase it). */
	#viewsReady = false;
	/** The running download of a `?data=` link. */
	#download: { controller: AbortController; name: string } | null = null;

	constructor(dash: Dashboard) {
		this.#dash = dash;
	}

	/** The table the column mapping applies to: the rejected one, else the user's own; null for the bundled data. */
	readonly mappable = $derived.by(
		() => this.rejectedSource ?? (this.source && !this.#dash.isBundled ? this.source : null)
	);

	/** Settles when the saved table has been read back (or found absent, or failed) after `start`. */
	restored: Promise<void> = Promise.resolve();

	/**
	 * Whether the start will likely read a saved table back over the bundled data (a hint, read at once: see
	 * saved-hint.ts), with no `?data=` link to load instead.
	 */
	restoreLikely(): boolean {
		return savedHinted() && currentQuery().get('data') === null;
	}

	/** Start: follow the URL, read the saved table and view back, and fetch `?data=`. Returns the clean-up. */
	start(): () => void {
		let started = false;
		const stop = followQuery((params) => {
			this.#dash.filters.view = fromQuery(params);
			if (started) this.saveViewSoon();
		});
		started = true;
		let unlisten = () => undefined as void;
		let stopped = false;
		void storage().then(({ onOtherTabTable }) => {
			if (stopped) return;
			unlisten = onOtherTabTable((news) => void this.#otherTab(news.stamp, news.name));
		});
		const long = window.location.search.length;
		if (long > MAX_QUERY) void words().then((say) => (this.status = say.addressTooLong(long, MAX_QUERY)));
		const dataParam = currentQuery().get('data');
		this.restored = this.restore(dataParam !== null).catch(() => undefined);
		if (dataParam) void this.loadFromUrl(dataParam);
		return () => {
			stopped = true;
			stop();
			unlisten();
			clearTimeout(this.#viewTimer);
		};
	}

	/** Persist the view soon (debounced), so a closed tab comes back to it. */
	saveViewSoon(): void {
		clearTimeout(this.#viewTimer);
		this.#viewTimer = setTimeout(() => void this.#saveView(), 400);
	}

	async #saveView(): Promise<void> {
		if (!this.#viewsReady) return;
		const outcome = await (
			await storage()
		).saveView(window.location.search, this.#stamp, this.#dash.titleEdit);
		if (outcome === 'stale' && !this.tabNotice) this.tabNotice = (await words()).otherTab(undefined);
	}

	/** Another tab saved a table: when it is newer than this tab's, say so (a reload shows that one). */
	async #otherTab(stamp: number, name: string | null): Promise<void> {
		if (stamp > this.#stamp) this.tabNotice = (await words()).otherTab(name);
	}

	/**
	 * Load a table: bytes, a large file (read in the worker), text, a table's text as code units (new settings), or
	 * null: the saved table (a restore).
	 */
	async load(
		input: ArrayBuffer | string | Uint16Array | Blob | null,
		name: string,
		settings: LoadSettings = {}
	): Promise<void> {
		const origin = settings.origin ?? 'choice';
		if (origin !== 'restore') this.status = ''; // a restore keeps what the start said (a link that failed)
		const choice = settings.choice ?? this.#choose();
		this.loading?.cancel();
		const { loadInWorker } = await client();
		if (choice !== this.#choice) return; // a newer choice was made while the client was loading
		this.loading?.cancel(); // a load started while the client was loading gives way to this one
		const job = loadInWorker(
			input,
			name,
			{
				mapping: settings.mapping,
				delimiter: settings.read?.delimiter,
				decimalComma: settings.read?.decimalComma,
				measure: settings.read?.measure
			},
			(share) => {
				if (this.loading?.cancel === job.cancel) this.loading = { ...this.loading, share };
			}
		);
		this.loading = { name, share: 0, cancel: job.cancel, restoring: origin === 'restore' };
		try {
			await this.#finish(job, name, origin, choice, settings);
		} finally {
			job.close(); // the worker has saved the table, or is not asked to
		}
	}

	/** The rest of a load once its worker answers: save the table (from the worker), then put it in use. */
	async #finish(
		job: LoadJob,
		name: string,
		origin: Origin,
		choice: number,
		settings: LoadSettings
	): Promise<void> {
		let out: Awaited<LoadJob['promise']>;
		try {
			out = await job.promise;
		} catch (e) {
			if (this.loading?.cancel === job.cancel) this.loading = null;
			if (choice !== this.#choice) return;
			const say = await words();
			// A large file read in the worker that could not be read says so as a file read on the page does.
			if (e instanceof DOMException && e.name === 'NotReadableError') this.status = say.dropUnreadable(name);
			else this.status = say.readFailed(name, e instanceof Error ? e.message : String(e));
			return;
		}
		if (this.loading?.cancel === job.cancel) this.loading = null;
		if (choice !== this.#choice) return; // a newer choice took over
		if (!out) {
			const say = await words();
			this.status = origin === 'restore' ? say.restoreCancelled(name) : say.cancelled(name);
			return;
		}
		if ('missing' in out) {
			// The saved table was gone (another tab went back to the bundled data) or damaged: nothing to restore.
			if (out.damaged) await (await storage()).dropDamagedTable((message) => (this.status = message));
			return;
		}
		const dash = this.#dash;
		const { sourceText } = await client();
		const tableName = out.restored?.name ?? name;
		if (out.result.status === 'rejected') {
			dash.report = out.result;
			// Keep the text so the user can map columns by hand when that was the problem.
			this.rejectedSource =
				out.result.headers.length > 0 ? sourceText(out.units, tableName, out.encoding) : null;
			return;
		}
		// A new table's arms come from its column headers ("n_BCG"), else neutral words; never this dataset's.
		const arms =
			out.restored?.arms ??
			settings.arms ??
			(await import('$lib/data/arms')).armsFromColumns(out.result.headers, out.result.mapping);
		if (choice !== this.#choice) return;
		let stamp = out.restored?.stamp ?? settings.stamp ?? 0;
		if (origin !== 'restore') {
			// Saved (by the worker, which holds the text) before the report says the table is in use: a reload from
			// then on brings this table back.
			const { result } = out;
			stamp = await this.#saveTable(
				{
					name,
					mapping: result.mapping,
					read: { delimiter: result.delimiter, decimalComma: result.decimalComma, measure: result.measure },
					arms
				},
				name,
				job
			);
			if (choice !== this.#choice) return;
		}
		// A large table's passes over every study, in slices, before the update that shows it.
		await dash.prepare(out.result.studies, () => choice === this.#choice);
		if (choice !== this.#choice) return;
		this.rejectedSource = null;
		performance.mark('evidence:set-dataset'); // the bench splits the load's tasks here (before: io, after: views)
		dash.setDataset(out.result, arms, settings.keepView === true);
		this.source = sourceText(out.units, tableName, out.encoding);
		this.#stamp = stamp;
		if (origin !== 'restore') {
			this.tabNotice = '';
			// The link is consumed: its table is now the user's (saved), and a reload must not fetch it again.
			dropDataParam();
			if (!settings.keepView) dash.filters.clear();
			this.saveViewSoon();
		}
	}

	/** A new choice of table: every load, download or restore begun before it is dropped when it ends. */
	#choose(): number {
		this.#download?.controller.abort();
		return ++this.#choice;
	}

	/**
	 * Save a table (null: the bundled data) now, the user's table by its load worker; returns the stamp this tab
	 * then shows, and says what went wrong.
	 */
	async #saveTable(table: TableMeta | null, name: string | null, job?: LoadJob): Promise<number> {
		const stamp = Math.max(Date.now(), this.#stamp + 1);
		const store = await storage();
		let saved: TableSave;
		if (table && job) {
			saved = await job.save(table, stamp);
			if (saved.outcome === 'saved') store.announce(stamp, table.name);
		} else saved = await store.saveTable(null, stamp);
		const say = await words();
		this.storageNotice = saved.outcome === 'failed' ? say.notSaving() : '';
		if (saved.outcome === 'unsavable' && name !== null) this.storageNotice = say.tooLargeToKeep(name);
		if (saved.outcome === 'newer') {
			this.tabNotice = say.otherTab(saved.name);
			return this.#stamp;
		}
		return saved.outcome === 'saved' ? saved.stamp : this.#stamp;
	}

	async loadFile(file: File): Promise<void> {
		const { MAX_BYTES, READ_IN_WORKER, tooLarge } = await client();
		if (file.size > MAX_BYTES) {
			this.#dash.report = await tooLarge(file.name, file.size); // refused before reading a byte
			return;
		}
		// A large file is read by the worker (reading it here would hold the page for a long task).
		if (file.size > READ_IN_WORKER) return this.load(file, file.name);
		let bytes: ArrayBuffer;
		try {
			bytes = await file.arrayBuffer();
		} catch {
			// A folder, or a file moved, deleted or locked since it was chosen (NotFoundError, NotReadableError).
			this.status = (await words()).dropUnreadable(file.name);
			return;
		}
		await this.load(bytes, file.name);
	}

	/** What was dropped on the page: the first file is loaded; folders, links and the other files get a message. */
	async drop(transfer: DataTransfer): Promise<void> {
		const { readDrop } = await import('$lib/io/drop');
		const dropped = readDrop(transfer);
		const say = await words();
		if (dropped.files.length === 0) {
			this.status = dropped.folders[0] ? say.dropFolder(dropped.folders[0]) : say.dropLink();
			return;
		}
		const [first] = dropped.files;
		if (!first) return;
		await this.loadFile(first);
		const ignored = dropped.files.length - 1 + dropped.folders.length;
		if (ignored > 0 && !this.status) this.status = say.dropMany(first.name, ignored);
	}

	loadText(text: string, name: string): void {
		void this.load(text, name);
	}

	/** Back to the bundled dataset (saved as the user's choice before it shows). */
	async reset(): Promise<void> {
		this.#choose();
		this.loading?.cancel();
		this.loading = null;
		const stamp = await this.#saveTable(null, null);
		this.source = null;
		this.rejectedSource = null;
		this.#stamp = stamp;
		this.tabNotice = '';
		dropDataParam();
		this.#dash.setDataset(this.#dash.bundled, DEFAULT_ARMS);
		this.#dash.filters.clear();
		this.saveViewSoon();
	}

	/** Re-read the current (or rejected) table with the user's column mapping and settings. */
	remap(mapping: Mapping, read: ReadSettings, arms: ArmLabels): void {
		const from = this.rejectedSource ?? this.source;
		if (!from) return;
		void this.load(from.units ?? from.text, from.name, {
			mapping,
			read,
			arms,
			keepView: this.rejectedSource === null
		});
	}

	/**
	 * Read the saved table and view back (never writing them). With `linked` (a `?data=` link in the address) the
	 * saved view is not applied: the link's table is about to replace the table, and the address is the link's.
	 */
	async restore(linked = false): Promise<void> {
		const choice = this.#choose();
		const store = await storage();
		// The stamp record names the saved table: the worker then reads the table itself (its text never crosses
		// to this thread). Records of earlier versions are read here, once.
		const head = await store.readHead();
		const saved = head ? null : await store.readSaved((message) => (this.status = message));
		this.#viewsReady = true;
		if (choice !== this.#choice) return;
		const view = head ? head.view : (saved?.view ?? null);
		const table = saved?.table ?? null;
		if (!(head ? head.name : table?.table)) hintSaved(null); // nothing to read back: the next start need not wait
		this.#stamp = head ? head.stamp : (table?.stamp ?? 0);
		const here = cleanAddress();
		const savedView = view && view.tableStamp === this.#stamp ? view.query : '';
		if (!linked && here === '' && savedView !== '') {
			navigate(savedView, 'replace');
			this.#dash.filters.view = fromQuery(new URLSearchParams(savedView));
		} else if (!linked && here !== savedView) {
			// The address's view (a reload right after a change, or a link) is the view now: keep it.
			this.saveViewSoon();
		}
		const restoring = { keepView: true, origin: 'restore', choice, stamp: this.#stamp } as const;
		let name: string | null = null;
		if (head?.name) {
			name = head.name;
			await this.load(null, name, restoring);
		} else if (table?.table) {
			name = table.table.name;
			await this.load(table.table.text, name, {
				...restoring,
				mapping: table.table.mapping,
				read: table.table.read,
				arms: table.table.arms
			});
		}
		// The title the user gave this table, kept with its view.
		if (
			name !== null &&
			view?.title !== undefined &&
			view.tableStamp === this.#stamp &&
			this.source?.name === name
		)
			this.#dash.titleEdit = view.title;
	}

	/**
	 * `?data=/path/file.csv`: a table on this same site, downloaded (progress, Cancel, a timeout) and loaded through
	 * the same pipeline. It replaces the table only when no other table was chosen while it downloaded.
	 */
	async loadFromUrl(path: string): Promise<void> {
		const say = await words();
		let url: URL;
		try {
			url = new URL(path, window.location.href);
		} catch {
			this.status = say.badAddress(path);
			return;
		}
		if (url.origin !== window.location.origin) {
			this.status = say.otherSite(url.href);
			return;
		}
		const name = url.pathname.split('/').pop() || 'table.csv';
		const since = this.#choice;
		const controller = new AbortController();
		const download = { controller, name };
		this.#download = download;
		const cancel = () => controller.abort();
		this.downloading = { name, received: 0, total: null, cancel };
		let bytes: ArrayBuffer;
		try {
			bytes = await (
				await client()
			).fetchLimited(url, undefined, fetch, {
				signal: controller.signal,
				onProgress: (received, total) => {
					if (this.downloading?.cancel === cancel) this.downloading = { name, received, total, cancel };
				}
			});
		} catch (e) {
			const aborted = e instanceof DOMException && e.name === 'AbortError';
			if (aborted && this.#choice !== since) this.status = say.linkStoppedByChoice(url.pathname);
			else if (aborted) this.status = say.linkCancelled(url.pathname);
			else this.status = say.linkFailed(url.pathname, e instanceof Error ? e.message : String(e));
			return;
		} finally {
			if (this.#download === download) this.#download = null;
			if (this.downloading?.cancel === cancel) this.downloading = null;
		}
		if (this.#choice !== since) {
			this.status = say.linkTooLate(url.pathname);
			return;
		}
		await this.load(bytes, name, { keepView: true, origin: 'link' });
	}
}

type TableMeta = import('$lib/io/client').TableMeta;
type LoadJob = import('$lib/io/client').LoadJob;
type TableSave = import('$lib/io/persist').TableSave;

/** The address's view without `data=` (and without "?"). */
const cleanAddress = () =>
	window.location.search.length > MAX_QUERY ? '' : cleanQuery(window.location.search);

/** Take `data=` out of the address (history replace): a loaded link is consumed. */
function dropDataParam(): void {
	if (currentQuery().has('data')) navigate(cleanAddress(), 'replace');
}

/** The page's state and its data session, wired so that every committed view change reaches the URL and storage. */
export function createDashboard(init: Omit<DashboardInit, 'navigate'>): {
	dash: Dashboard;
	session: DataSession;
} {
	const holder: { session: DataSession | null } = { session: null };
	const dash = new Dashboard({
		...init,
		navigate: (query, mode) => {
			navigateAfterPaint(query, mode);
			holder.session?.saveViewSoon();
		}
	});
	holder.session = new DataSession(dash);
	return { dash, session: holder.session };
}
