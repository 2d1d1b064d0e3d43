/** Run the load pipeline in a Web Worker so that large files never freeze the page; cancel at any time. */
import type { LoadResult, Study } from '$lib/types';
import type { LoadOptions } from '$lib/data/load';
import type { ListColumn, PackedStudies } from './columns';

/** What the page sends the worker: file bytes (transferred) or pasted text. */
export interface LoadRequest {
	source: ArrayBuffer | string;
	name: string;
	options: Omit<LoadOptions, 'onProgress'>;
}

export type LoadResponse =
	| { type: 'progress'; stage: 'decode' | 'parse'; share: number }
	| {
			type: 'done';
			/** The result without its studies and rows, which come as transferred columns (`studies`, `rows`). */
			result: LoadResult;
			text: string;
			encoding: string;
			studies?: PackedStudies;
			/** The same columns again, for the stats worker (transferred on to it once). */
			forStats?: PackedStudies;
			rows?: ListColumn;
	  }
	| { type: 'failed'; message: string };

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

/** The packed columns of each dataset a load produced, to hand on to the stats worker once (then forgotten). */
export const packedOf = new WeakMap<readonly unknown[], PackedStudies>();
/** Each study's row position in its dataset (built while unpacking, in slices). */
export const positionsOf = new WeakMap<readonly unknown[], Map<Study, number>>();

/** The load result with its studies and rows rebuilt from the transferred columns, in slices (never one long task). */
async function received(
	m: Extract<LoadResponse, { type: 'done' }>
): Promise<{ result: LoadResult; text: string; encoding: string }> {
	const result = m.result;
	if (m.studies || m.rows) {
		const { unpackStudiesInSlices, unpackRowsInSlices } = await import('./columns');
		const positions = new Map<Study, number>();
		if (m.studies) {
			result.studies = await unpackStudiesInSlices(m.studies, positions);
			if (m.forStats) packedOf.set(result.studies, m.forStats);
			positionsOf.set(result.studies, positions);
		}
		if (m.rows) result.raw = await unpackRowsInSlices(m.rows);
	}
	return { result, text: m.text, encoding: m.encoding };
}

export interface LoadJob {
	promise: Promise<{ result: LoadResult; text: string; encoding: string } | null>;
	/** Stop the work; the promise then resolves to null. */
	cancel: () => void;
}

/** Start loading `source` in a worker, reporting progress (0–1). */
export function loadInWorker(
	source: ArrayBuffer | string,
	name: string,
	options: LoadRequest['options'],
	onProgress: (share: number) => void
): LoadJob {
	const bytes = typeof source === 'string' ? source.length : source.byteLength;
	if (bytes > MAX_BYTES)
		return {
			promise: tooLarge(name, bytes).then((result) => ({ result, text: '', encoding: '' })),
			cancel: () => undefined
		};
	const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
	let settle: (value: { result: LoadResult; text: string; encoding: string } | null) => void = () =>
		undefined;
	const promise = new Promise<{ result: LoadResult; text: string; encoding: string } | null>(
		(resolve, reject) => {
			settle = resolve;
			worker.onmessage = (event: MessageEvent<LoadResponse>) => {
				const m = event.data;
				if (m.type === 'progress') onProgress(m.stage === 'decode' ? 0.02 : 0.02 + m.share * 0.9);
				else {
					worker.terminate();
					if (m.type === 'done') void received(m).then(resolve, reject);
					else reject(new Error(m.message));
				}
			};
			worker.onerror = (event) => {
				worker.terminate();
				reject(new Error(event.message || 'The file could not be read.'));
			};
		}
	);
	const request: LoadRequest = { source, name, options };
	worker.postMessage(request, typeof source === 'string' ? [] : [source]);
	return {
		promise,
		cancel: () => {
			worker.terminate();
			settle(null);
		}
	};
}
