/** Run the load pipeline in a Web Worker so that large files never freeze the page; cancel at any time. */
import type { LoadResult } from '$lib/types';
import type { LoadOptions } from '$lib/data/load';
import { columnStudiesInSlices } from './column-studies';
import { lazyRows, textOf, unpackStudiesInSlices, type ListColumn, type PackedStudies } from './columns';
import type { SavedTable } from './record';
import type { TableSave } from './table-store';

/**
 * What the page sends the worker: file bytes (transferred), a large file itself (read in the worker: reading tens of
 * megabytes into the page is a long task of its own), pasted text, a table's text as UTF-16 code units (a
 * table re-read with new settings), or null: the table saved in IndexedDB, which the worker reads back itself.
 */
export interface LoadRequest {
	source: ArrayBuffer | string | Uint16Array | Blob | null;
	name: string;
	options: Omit<LoadOptions, 'onProgress'>;
}

/** A table as saved, without its text (which the worker keeps). */
export type TableMeta = Omit<SavedTable, 'text'>;

/** After a load: save the table the worker read (it is in use), with `stamp`. */
export interface SaveRequest {
	save: TableMeta;
	stamp: number;
}

export type WorkerRequest = LoadRequest | SaveRequest;

export type LoadResponse =
	| { type: 'progress'; stage: 'decode' | 'parse'; share: number }
	| {
			type: 'done';
			/** The result without its studies and rows, which come as transferred columns (`studies`, `rows`). */
			result: LoadResult;
			/** The text as read, as UTF-16 code units (a transferred buffer: no string clone on the page). */
			units: Uint16Array;
			encoding: string;
			studies?: PackedStudies;
			/** The same columns again, for the stats worker (transferred on to it once). */
			forStats?: PackedStudies;
			rows?: ListColumn;
			/** A restore: the saved table's stamp and how it was read. */
			restored?: TableMeta & { stamp: number };
	  }
	/** A restore found no table to read back (`damaged`: a record of the wrong shape, to be dropped). */
	| { type: 'missing'; damaged: boolean }
	/** The answer to a `SaveRequest`. */
	| { type: 'saved'; save: TableSave }
	/** `unreadable`: the file itself could not be read (moved, deleted, a folder). */
	| { type: 'failed'; message: string; unreadable?: boolean };

/** Files above this size are read in the worker (the File itself is sent), smaller ones on the page. */
export const READ_IN_WORKER = 1024 * 1024;

/** Files above this size are refused before reading: a browser tab cannot hold much more safely. */
export const MAX_BYTES = 100 * 1024 * 1024;
export { MAX_ROWS } from './limits';

/**
 * The report for a file refused for its size, before a byte is read. The message table loads on demand: the page
 * needs no message text until something goes wrong.
 */
export async function tooLarge(name: string, bytes: number): Promise<LoadResult> {
	const { messages } = await import('$lib/data/messages');
	return {
		name,
		status: 'rejected',
		studies: [],
		issues: [
			{
				row: 0,
				column: '',
				value: '',
				severity: 'error',
				message: messages.tooLarge(bytes / 2 ** 20, MAX_BYTES / 2 ** 20)
			}
		],
		rowsLoaded: 0,
		rowsSkipped: 0,
		headers: [],
		raw: [],
		mapping: {},
		delimiter: ',',
		decimalComma: false
	};
}

/** How a download is watched: progress, the user's Cancel, and how long a silent server is waited for. */
export interface FetchWatch {
	/** Bytes received so far, and the total when the server says it (else null). */
	onProgress?: (received: number, total: number | null) => void;
	/** Aborted by the user's Cancel (or by a newer choice of table). */
	signal?: AbortSignal;
	/** Stop when the server sends nothing for this long (ms); the error then says so. */
	idleMs?: number;
}

/** Seconds a download may stay silent (no answer, or no new bytes) before it is stopped. */
export const IDLE_SECONDS = 30;

/**
 * Fetch a table from this site, refusing one over `limit` bytes without downloading it: from its Content-Length
 * when the server sends one, else while streaming (the download stops at the limit). Reports progress, stops on
 * `signal` (rejecting with an AbortError) and when the server stays silent for `idleMs`. Throws an Error whose
 * message is a sentence for the page (this is the browser's edge: the caller shows it as the reason nothing was
 * loaded).
 */
export async function fetchLimited(
	url: URL,
	limit = MAX_BYTES,
	fetcher: typeof fetch = fetch,
	watch: FetchWatch = {}
): Promise<ArrayBuffer> {
	const controller = new AbortController();
	const idleMs = watch.idleMs ?? IDLE_SECONDS * 1000;
	let timedOut = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const wake = () => {
		clearTimeout(timer);
		timer = setTimeout(() => {
			timedOut = true;
			controller.abort();
		}, idleMs);
	};
	const onAbort = () => controller.abort();
	watch.signal?.addEventListener('abort', onAbort);
	if (watch.signal?.aborted) controller.abort();
	const failure = async (error: unknown): Promise<Error> => {
		if (timedOut) {
			const { ioMessages } = await import('./messages');
			return new Error(ioMessages.linkTimedOut(Math.round(idleMs / 1000)));
		}
		if (watch.signal?.aborted) return new DOMException('The download was cancelled.', 'AbortError');
		return error instanceof Error ? error : new Error(String(error));
	};
	wake();
	try {
		let response: Response;
		try {
			response = await fetcher(url, { credentials: 'same-origin', signal: controller.signal });
		} catch (e) {
			throw await failure(e);
		}
		if (!response.ok) throw new Error(`the server answered ${response.status}`);
		const tooBig = async (bytes: number) => {
			controller.abort();
			const { messages } = await import('$lib/data/messages');
			return new Error(messages.tooLarge(bytes / 2 ** 20, limit / 2 ** 20));
		};
		const declared = Number(response.headers.get('content-length') ?? NaN);
		if (Number.isFinite(declared) && declared > limit) throw await tooBig(declared);
		const total = Number.isFinite(declared) && declared > 0 ? declared : null;
		if (!response.body) return await response.arrayBuffer();
		const reader = response.body.getReader();
		const chunks: Uint8Array[] = [];
		let received = 0;
		watch.onProgress?.(0, total);
		for (;;) {
			let next: ReadableStreamReadResult<Uint8Array>;
			try {
				next = await reader.read();
			} catch (e) {
				throw await failure(e);
			}
			if (next.done) break;
			wake();
			received += next.value.byteLength;
			if (received > limit) {
				await reader.cancel().catch(() => undefined);
				throw await tooBig(received);
			}
			chunks.push(next.value);
			watch.onProgress?.(received, total);
		}
		const out = new Uint8Array(received);
		let at = 0;
		for (const chunk of chunks) {
			out.set(chunk, at);
			at += chunk.byteLength;
		}
		return out.buffer;
	} finally {
		clearTimeout(timer);
		watch.signal?.removeEventListener('abort', onAbort);
	}
}

/** Above this many rows, a table's studies are read from its columns instead of unpacked (see column-studies.ts). */
const COLUMN_STUDIES_ABOVE = 20_000;

/** The packed columns of each dataset a load produced, to hand on to the stats worker once (then forgotten). */
export const packedOf = new WeakMap<readonly unknown[], PackedStudies>();

/**
 * A table's text kept as its UTF-16 code units (as the worker transferred them): decoded to a string only when
 * something asks for it (a share link, a download), never while loading; re-read with new settings from the units.
 */
export function sourceText(
	units: Uint16Array,
	name: string,
	encoding: string
): { readonly text: string; name: string; encoding: string; units: Uint16Array } {
	let text: string | undefined;
	return {
		name,
		encoding,
		units,
		get text() {
			return (text ??= textOf(units));
		}
	};
}

/** A load's outcome on the page: the result with its studies and rows, the text's code units, and for a restore the saved table. */
export interface Loaded {
	result: LoadResult;
	units: Uint16Array;
	encoding: string;
	restored?: TableMeta & { stamp: number };
}

/** A restore that found nothing to read back (`damaged`: the record was of the wrong shape). */
export interface Missing {
	missing: true;
	damaged: boolean;
}

/** The load result with its studies and rows rebuilt from the transferred columns, in slices (never one long task). */
async function received(m: Extract<LoadResponse, { type: 'done' }>): Promise<Loaded> {
	const result = m.result;
	if (m.studies || m.rows) {
		if (m.studies) {
			// A large table's studies are read from its columns (column-studies.ts): a small object each.
			result.studies =
				m.studies.length > COLUMN_STUDIES_ABOVE
					? await columnStudiesInSlices(m.studies)
					: await unpackStudiesInSlices(m.studies);
			if (m.forStats) packedOf.set(result.studies, m.forStats);
		}
		// Rows as loaded are read only to export them: each is unpacked when first read, none while loading.
		if (m.rows) result.raw = lazyRows(m.rows);
	}
	return { result, units: m.units, encoding: m.encoding, ...(m.restored ? { restored: m.restored } : {}) };
}

export interface LoadJob {
	promise: Promise<Loaded | Missing | null>;
	/** Stop the work; the promise then resolves to null. */
	cancel: () => void;
	/**
	 * Once the load is done and its table is in use: the worker writes it to IndexedDB (it holds the text), then
	 * ends. Without a worker (a table refused before reading), 'unsavable'.
	 */
	save: (table: TableMeta, stamp: number) => Promise<TableSave>;
	/** End the worker without saving (idempotent; every load ends with `save` or `close`). */
	close: () => void;
}

/** Start loading `source` in a worker (null: the saved table, read back there), reporting progress (0–1). */
export function loadInWorker(
	source: LoadRequest['source'],
	name: string,
	options: LoadRequest['options'],
	onProgress: (share: number) => void
): LoadJob {
	const bytes =
		source === null
			? 0
			: typeof source === 'string'
				? source.length
				: source instanceof Blob
					? source.size
					: source.byteLength;
	if (bytes > MAX_BYTES)
		return {
			promise: tooLarge(name, bytes).then((result) => ({ result, units: new Uint16Array(0), encoding: '' })),
			cancel: () => undefined,
			save: () => Promise.resolve({ outcome: 'unsavable' }),
			close: () => undefined
		};
	const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
	let settle: (value: Loaded | Missing | null) => void = () => undefined;
	let saved: (save: TableSave) => void = () => undefined;
	let ended = false;
	const end = () => {
		ended = true;
		worker.terminate();
		saved({ outcome: 'failed' });
	};
	const promise = new Promise<Loaded | Missing | null>((resolve, reject) => {
		settle = resolve;
		worker.onmessage = (event: MessageEvent<LoadResponse>) => {
			const m = event.data;
			if (m.type === 'progress') onProgress(m.stage === 'decode' ? 0.02 : 0.02 + m.share * 0.9);
			else if (m.type === 'saved') {
				saved(m.save);
				end();
			} else if (m.type === 'done') {
				// The worker stays until the page says whether to save its table (`save` or `close`).
				void received(m).then(resolve, (e: unknown) => {
					end();
					reject(e instanceof Error ? e : new Error(String(e)));
				});
			} else {
				end();
				if (m.type === 'missing') resolve({ missing: true, damaged: m.damaged });
				else reject(m.unreadable ? new DOMException(m.message, 'NotReadableError') : new Error(m.message));
			}
		};
		worker.onerror = (event) => {
			end();
			reject(new Error(event.message || 'The file could not be read.'));
		};
	});
	const request: LoadRequest = { source, name, options };
	worker.postMessage(request, source instanceof ArrayBuffer ? [source] : []);
	return {
		promise,
		cancel: () => {
			end();
			settle(null);
		},
		save: (table, stamp) => {
			// Without the page's own IndexedDB the table could not be found again (the page reads the stamp record).
			if (ended || typeof indexedDB === 'undefined') return Promise.resolve({ outcome: 'failed' });
			const answer = new Promise<TableSave>((resolve) => (saved = resolve));
			const message: SaveRequest = { save: table, stamp };
			worker.postMessage(message);
			return answer;
		},
		close: () => {
			if (!ended) end();
		}
	};
}
