/**
 * Data in and out of the browser for one dashboard: every way in (file, paste, `?data=`, a saved session) goes
 * through the worker pipeline, and a rejected or cancelled load changes nothing; the user's table, its mapping and
 * the view are kept in IndexedDB.
 */
import { fromQuery } from '$lib/filters/clauses';
import { currentQuery, followQuery, navigate } from '$lib/io/url';
import { DEFAULT_ARMS, type ArmLabels, type ColumnMapping as Mapping, type ReadSettings } from '$lib/types';
import { Dashboard, type DashboardInit } from './dashboard.svelte';

/** The worker client and IndexedDB load on first use (a load, a save or a restore), not with the first paint. */
const client = () => import('$lib/io/client');
const storage = () => import('$lib/io/persist');

/** A table as read, kept to re-read it with other settings and to save it. */
export interface SourceText {
	text: string;
	name: string;
	encoding: string;
}

interface LoadSettings {
	mapping?: Mapping;
	read?: ReadSettings;
	arms?: ArmLabels;
	/** Keep the current view (filters) instead of clearing it: a reload, or new reading settings. */
	keepView?: boolean;
}

export class DataSession {
	readonly #dash: Dashboard;
	/** The user's table as text; null for the bundled data. */
	source = $state.raw<SourceText | null>(null);
	/** A rejected table kept so its columns can be mapped by hand. */
	rejectedSource = $state.raw<SourceText | null>(null);
	loading = $state.raw<{ name: string; share: number; cancel: () => void } | null>(null);
	/** What happened to the latest load, when it did not end in a load report. */
	status = $state('');
	/** Set when this browser does not keep the session. */
	storageNotice = $state('');
	#viewTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(dash: Dashboard) {
		this.#dash = dash;
	}

	/** The table the column mapping applies to: the rejected one, else the user's own; null for the bundled data. */
	readonly mappable = $derived.by(
		() => this.rejectedSource ?? (this.source && !this.#dash.isBundled ? this.source : null)
	);

	/** Start: follow the URL, then load `?data=` or the saved session. Returns the clean-up. */
	start(): () => void {
		const stop = followQuery((params) => {
			this.#dash.filters.view = fromQuery(params);
			this.saveViewSoon();
		});
		const dataParam = currentQuery().get('data');
		if (dataParam) void this.loadFromUrl(dataParam);
		else void this.restore();
		return () => {
			stop();
			clearTimeout(this.#viewTimer);
		};
	}

	/** Persist the view soon (debounced), so a closed tab comes back to it. */
	saveViewSoon(): void {
		clearTimeout(this.#viewTimer);
		this.#viewTimer = setTimeout(() => void this.persist(), 400);
	}

	async load(input: ArrayBuffer | string, name: string, settings: LoadSettings = {}): Promise<void> {
		this.loading?.cancel();
		const { loadInWorker } = await client();
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
		this.loading = { name, share: 0, cancel: job.cancel };
		this.status = '';
		let out: Awaited<typeof job.promise>;
		try {
			out = await job.promise;
		} catch (e) {
			if (this.loading?.cancel === job.cancel) this.loading = null;
			this.status = `${name} could not be read: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`;
			return;
		}
		if (this.loading?.cancel !== job.cancel) return; // a newer load took over
		this.loading = null;
		if (!out) {
			this.status = `Loading ${name} was cancelled; the dashboard is as it was.`;
			return;
		}
		const dash = this.#dash;
		if (out.result.status === 'rejected') {
			dash.report = out.result;
			// Keep the text so the user can map columns by hand when that was the problem.
			this.rejectedSource =
				out.result.headers.length > 0 ? { text: out.text, name, encoding: out.encoding } : null;
			return;
		}
		this.rejectedSource = null;
		// A new table's arms come from its column headers ("n_BCG"), else neutral words; never this dataset's.
		dash.setDataset(
			out.result,
			settings.arms ??
				(await import('$lib/data/arms')).armsFromColumns(out.result.headers, out.result.mapping),
			settings.keepView === true
		);
		this.source = { text: out.text, name, encoding: out.encoding };
		if (!settings.keepView) dash.filters.clear();
		void this.persist();
	}

	async loadFile(file: File): Promise<void> {
		const { MAX_BYTES, tooLarge } = await client();
		if (file.size > MAX_BYTES) {
			this.#dash.report = await tooLarge(file.name, file.size); // refused before reading a byte
			return;
		}
		await this.load(await file.arrayBuffer(), file.name);
	}

	loadText(text: string, name: string): void {
		void this.load(text, name);
	}

	/** Back to the bundled dataset. */
	reset(): void {
		this.loading?.cancel();
		this.loading = null;
		this.source = null;
		this.rejectedSource = null;
		this.#dash.setDataset(this.#dash.bundled, DEFAULT_ARMS);
		this.#dash.filters.clear();
		void this.persist();
	}

	/** Re-read the current (or rejected) table with the user's column mapping and settings. */
	remap(mapping: Mapping, read: ReadSettings, arms: ArmLabels): void {
		const from = this.rejectedSource ?? this.source;
		if (!from) return;
		void this.load(from.text, from.name, {
			mapping,
			read,
			arms,
			keepView: this.rejectedSource === null
		});
	}

	/** Save the user's table with its mapping, and the view, in IndexedDB. */
	async persist(): Promise<void> {
		const { dataset, arms } = this.#dash;
		const ok = await (
			await storage()
		).saveSession({
			table: this.source
				? {
						text: this.source.text,
						name: this.source.name,
						mapping: dataset.mapping,
						read: {
							delimiter: dataset.delimiter,
							decimalComma: dataset.decimalComma,
							measure: dataset.measure
						},
						arms,
						...(this.#dash.titleEdit !== null ? { title: this.#dash.titleEdit.slice(0, 1000) } : {})
					}
				: null,
			query: window.location.search.replace(/^\?/, '')
		});
		this.storageNotice = ok
			? ''
			: 'This browser is not saving data for this page (private window or storage full): your table will be gone after a reload.';
	}

	async restore(): Promise<void> {
		const saved = await (await storage()).loadSession((message) => (this.status = message));
		if (!saved) return;
		if (window.location.search === '' && saved.query !== '') {
			navigate(saved.query, 'replace');
			this.#dash.filters.view = fromQuery(new URLSearchParams(saved.query));
		}
		if (saved.table) {
			await this.load(saved.table.text, saved.table.name, {
				mapping: saved.table.mapping,
				read: saved.table.read,
				arms: saved.table.arms,
				keepView: true
			});
			if (saved.table.title !== undefined && this.source?.name === saved.table.name)
				this.#dash.titleEdit = saved.table.title;
		}
	}

	/** `?data=/path/file.csv`: a table on this same site, loaded through the same pipeline. */
	async loadFromUrl(path: string): Promise<void> {
		let url: URL;
		try {
			url = new URL(path, window.location.href);
		} catch {
			this.status = `The data address “${path.slice(0, 80)}” is not a valid address.`;
			return;
		}
		if (url.origin !== window.location.origin) {
			this.status = `Only tables on this site can be loaded from the address bar; “${url.href.slice(0, 80)}” is elsewhere, so it was not fetched.`;
			return;
		}
		try {
			await this.load(
				await (await client()).fetchLimited(url),
				url.pathname.split('/').pop() || 'table.csv',
				{
					keepView: true
				}
			);
		} catch (e) {
			this.status = `${url.pathname} could not be loaded: ${e instanceof Error ? e.message : String(e)}.`;
		}
	}
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
			navigate(query, mode);
			holder.session?.saveViewSoon();
		}
	});
	holder.session = new DataSession(dash);
	return { dash, session: holder.session };
}
