/// <reference lib="webworker" />
/** The pipeline off the main thread: bytes → text → table → studies, with progress messages. */
import './sandbox';
import { decodeBytes } from '$lib/data/decode';
import { loadTable, type LoadOptions } from '$lib/data/load';
import type { LoadRequest, LoadResponse } from './client';
import { copyPacked, packRows, packStudies, transferables } from './columns';
import { MAX_ROWS } from './limits';
import { ioMessages } from './messages';

const post = (message: LoadResponse, transfer: Transferable[] = []) =>
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);

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
		// Count lines first (a quoted cell may hold a newline, so this can only over-count; checked again below).
		const lines = countLines(text);
		if (lines - 1 > MAX_ROWS) return post(tooMany(name, lines - 1, encoding));
		const result = loadTable(text, name, opts);
		const rows = result.rowsLoaded + result.rowsSkipped;
		if (rows > MAX_ROWS) return post(tooMany(name, rows, encoding));
		try {
			// Studies and rows go as transferred columns: the page never receives one clone of every object.
			// A second copy of the studies' columns is for the stats worker (copied here, not on the page).
			const studies = packStudies(result.studies);
			const forStats = copyPacked(studies);
			const cells = packRows(result.raw);
			const done: LoadResponse = {
				type: 'done',
				result: { ...result, studies: [], raw: [] },
				text,
				encoding,
				studies,
				forStats,
				rows: cells
			};
			post(done, [...transferables(studies), ...transferables(forStats), ...transferables(cells)]);
		} catch {
			// The browser could not copy the result to the page (out of memory): say how much it holds.
			post(tooMany(name, rows, encoding));
		}
	} catch (error) {
		post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
	}
};

/** Lines in `text` (a last line without a newline counts; an empty end after the last newline does not). */
function countLines(text: string): number {
	let n = text === '' || text.endsWith('\n') ? 0 : 1;
	for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
	return n;
}

/** A rejected load for a table with more rows than a tab can hold; nothing large is sent back. */
function tooMany(name: string, rows: number, encoding: string): LoadResponse {
	return {
		type: 'done',
		text: '',
		encoding,
		result: {
			name,
			status: 'rejected',
			studies: [],
			issues: [
				{ row: 0, column: '', value: '', severity: 'error', message: ioMessages.tooManyRows(rows, MAX_ROWS) }
			],
			rowsLoaded: 0,
			rowsSkipped: rows,
			headers: [],
			raw: [],
			mapping: {},
			delimiter: ',',
			decimalComma: false
		}
	};
}
