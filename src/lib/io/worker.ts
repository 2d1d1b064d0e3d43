/// <reference lib="webworker" />
/** The pipeline off the main thread: bytes → text → table → studies, with progress messages. */
import './sandbox';
import { decodeBytes } from '$lib/data/decode';
import { loadTable, type LoadOptions } from '$lib/data/load';
import type { LoadRequest, LoadResponse, WorkerRequest } from './client';
import { copyPacked, packRows, packStudies, textOf, transferables, unitsOf } from './columns';
import { MAX_ROWS } from './limits';
import { ioMessages } from './messages';
import { tableRecord, type TableRecord } from './record';
import { readTable, writeTable } from './table-store';

const post = (message: LoadResponse, transfer: Transferable[] = []) =>
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);

/** The text of the table this worker read, kept until the page says whether to save it. */
let kept: string | null = null;

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
	const m = event.data;
	if ('save' in m) {
		// The page decided the table is in use: write it from here (the page never clones its text for IndexedDB).
		const record = kept === null ? null : tableRecord({ ...m.save, text: kept }, m.stamp);
		kept = null;
		if (record === null) return post({ type: 'saved', save: { outcome: 'unsavable' } });
		void writeTable(record).then((save) => post({ type: 'saved', save }));
		return;
	}
	const { source } = m;
	if (source === null) void restore(m);
	else if (source instanceof Blob)
		// A large file is read here, not on the page; a file that cannot be read (moved, deleted) is said so.
		void source.arrayBuffer().then(
			(bytes) => read(m, bytes),
			(error: unknown) =>
				post({
					type: 'failed',
					message: error instanceof Error ? error.message : String(error),
					unreadable: true
				})
		);
	else read(m, source);
};

/** The saved table read back from IndexedDB here, then through the same pipeline with the settings it was saved with. */
async function restore(m: LoadRequest): Promise<void> {
	post({ type: 'progress', stage: 'decode', share: 0 });
	const found = await readTable();
	if (found.kind !== 'table') return post({ type: 'missing', damaged: found.kind === 'damaged' });
	const { record } = found;
	const table = record.table as NonNullable<TableRecord['table']>;
	read(
		{
			...m,
			name: table.name,
			options: {
				mapping: table.mapping,
				delimiter: table.read.delimiter,
				decimalComma: table.read.decimalComma,
				measure: table.read.measure
			}
		},
		table.text,
		{ stamp: record.stamp, name: table.name, mapping: table.mapping, read: table.read, arms: table.arms }
	);
}

/** Read a table: bytes (decoded here), text, or text as UTF-16 code units (a table re-read with new settings). */
function read(
	m: LoadRequest,
	source: ArrayBuffer | string | Uint16Array,
	restored?: Extract<LoadResponse, { type: 'done' }>['restored']
): void {
	const { name, options } = m;
	try {
		post({ type: 'progress', stage: 'decode', share: 0 });
		const decoded =
			typeof source === 'string'
				? { text: source, encoding: 'text' }
				: source instanceof Uint16Array
					? { text: textOf(source), encoding: 'text' }
					: decodeBytes(new Uint8Array(source));
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
			// The text too goes as a transferred buffer (receiving a string of tens of megabytes is a long task).
			const units = unitsOf(text);
			kept = text;
			const done: LoadResponse = {
				type: 'done',
				result: { ...result, studies: [], raw: [] },
				units,
				encoding,
				studies,
				forStats,
				rows: cells,
				...(restored ? { restored } : {})
			};
			post(done, [
				...transferables(studies),
				...transferables(forStats),
				...transferables(cells),
				units.buffer as ArrayBuffer
			]);
		} catch {
			// The browser could not copy the result to the page (out of memory): say how much it holds.
			post(tooMany(name, rows, encoding));
		}
	} catch (error) {
		post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
	}
}

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
		units: new Uint16Array(0),
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
