/// <reference lib="webworker" />
/** The pipeline off the main thread: bytes → text → table → studies, with progress messages. */
import './sandbox';
import { decodeBytes } from '$lib/data/decode';
import { loadTable, type LoadOptions } from '$lib/data/load';
import type { LoadRequest, LoadResponse } from './client';

const post = (message: LoadResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);

self.onmessage = (event: MessageEvent<LoadRequest>) => {
	const { source, name, options } = event.data;
	try {
		post({ type: 'progress', stage: 'decode', share: 0 });
		const decoded =
			typeof source === 'string' ? { text: source, encoding: 'text' } : decodeBytes(new Uint8Array(source));
		const { text, encoding } = decoded;
		const opts: LoadOptions = {
			...options,
			onProgress: (share) => post({ type: 'progress', stage: 'parse', share })
		};
		const result = loadTable(text, name, opts);
		post({ type: 'done', result, text, encoding });
	} catch (error) {
		post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
	}
};
