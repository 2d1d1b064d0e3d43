/** CSV/TSV text → header + rows of strings. The only module that knows papaparse. */
import Papa from 'papaparse';
import type { LoadIssue } from '$lib/types';
import { messages } from './messages';

export interface RawTable {
	headers: string[];
	/** Data rows, each padded or cut to the header's width. */
	rows: string[][];
	delimiter: string;
	issues: LoadIssue[];
	/** Set when the text cannot be a table at all; the table is then empty. */
	fatal: string | null;
}

export interface ParseOptions {
	/** Force a delimiter; otherwise comma, semicolon, tab and pipe are tried. */
	delimiter?: string;
	/** Called with the share of the text read so far (0–1), once per chunk of about 1 MB. */
	onProgress?: (share: number) => void;
}

const CHUNK = 1 << 20;

/** True when the text holds bytes that no text table has (NULs, many control characters). */
export function looksBinary(text: string): boolean {
	const sample = text.slice(0, 4096);
	if (sample.includes('\u0000')) return true;
	let control = 0;
	for (let i = 0; i < sample.length; i++) {
		const c = sample.charCodeAt(i);
		if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 27) control++;
	}
	return sample.length > 0 && control / sample.length > 0.05;
}

/** Split text into a header and rows. Never throws on user input. */
export function parseTable(text: string, options: ParseOptions = {}): RawTable {
	const empty = (fatal: string): RawTable => ({
		headers: [],
		rows: [],
		delimiter: ',',
		issues: [],
		fatal
	});
	const body = text.replace(/^\uFEFF/, '');
	if (body.trim() === '') return empty(messages.emptyFile());
	if (looksBinary(body)) return empty(messages.binaryFile());

	// Parsed in chunks so that a long file reports progress; errors get rows counted from the file's start.
	const data: string[][] = [];
	const errors: { row: number; message: string; code: string }[] = [];
	let delimiter = options.delimiter ?? ',';
	Papa.parse<string[]>(body, {
		header: false,
		delimiter: options.delimiter ?? '',
		delimitersToGuess: [',', ';', '\t', '|'],
		skipEmptyLines: 'greedy',
		comments: '#',
		chunkSize: CHUNK,
		chunk: (chunk: Papa.ParseResult<string[]>) => {
			for (const e of chunk.errors)
				errors.push({
					row: (typeof e.row === 'number' ? e.row : 0) + data.length,
					message: e.message,
					code: e.code
				});
			for (const row of chunk.data) data.push(row);
			delimiter = chunk.meta.delimiter;
			options.onProgress?.(Math.min(1, chunk.meta.cursor / body.length));
		},
		complete: () => undefined
	});
	const result = { data, errors, meta: { delimiter } };
	const [first, ...rest] = result.data;
	if (!first) return empty(messages.emptyFile());
	const headers = first.map((h, i) => (h.trim() === '' ? `Column ${i + 1}` : h.trim()));
	if (rest.length === 0) return { ...empty(messages.headerOnly()), headers };

	const issues: LoadIssue[] = commentLines(body).map((text) => ({
		row: 0,
		column: '',
		value: text.slice(0, 80),
		severity: 'warning',
		message: messages.commentLine(text)
	}));
	for (const error of result.errors) {
		if (error.code === 'UndetectableDelimiter') continue; // one-column tables are fine
		const row = typeof error.row === 'number' ? error.row : 0;
		issues.push({
			row,
			column: '',
			value: '',
			severity: 'warning',
			message: messages.parseProblem(row, error.message)
		});
	}
	// RevMan's two-line header ("Experimental" over "Events, Total"): read both lines as one header.
	const second = rest[0];
	if (second && isSecondHeaderLine(first, second)) {
		let group = '';
		first.forEach((h, i) => {
			if (h.trim() !== '') group = h.trim();
			const sub = (second[i] ?? '').trim();
			headers[i] =
				sub === ''
					? h.trim() === ''
						? headers[i]!
						: h.trim()
					: `${h.trim() === '' ? group : h.trim()} ${sub}`;
		});
		rest.shift();
	}
	const width = headers.length;
	const rows = rest.map((cells, i) => {
		const row = i + 1;
		if (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')) {
			issues.push({
				row,
				column: '',
				value: cells.slice(width).join(result.meta.delimiter).slice(0, 80),
				severity: 'warning',
				message: messages.tooManyFields(row, cells.length, width)
			});
		} else if (cells.length < width) {
			issues.push({
				row,
				column: '',
				value: '',
				severity: 'warning',
				message: messages.tooFewFields(row, cells.length, width)
			});
		}
		return Array.from({ length: width }, (_, c) => cells[c] ?? '');
	});
	return { headers, rows, delimiter: result.meta.delimiter, issues, fatal: null };
}

/**
 * Whether the first data line is the second line of a two-line header, as RevMan writes for arm columns: the header
 * leaves cells blank under a spanning group name ("Experimental", "", "Control", ""), and the next line names every
 * one of them with RevMan's column words ("Events", "Total", "Mean", "SD"), its first (study name) cell empty.
 */
function isSecondHeaderLine(header: readonly string[], line: readonly string[]): boolean {
	if ((line[0] ?? '').trim() !== '') return false;
	const blanksUnderGroup = header.some(
		(h, i) => i > 0 && h.trim() === '' && (header[i - 1] ?? '').trim() !== ''
	);
	if (!blanksUnderGroup) return false;
	const words = line.map((c) => c.trim()).filter((c) => c !== '');
	return (
		words.length >= 2 &&
		words.every((c) => /^(?:events?|total|n|no\.?|mean|sd|deaths?|patients|cases)$/i.test(c))
	);
}

/**
 * Lines starting with # after the header: the parser skips them as comments, and the report names each (a study
 * whose name starts with # would otherwise vanish without a word). Comment lines above the header pass quietly.
 */
function commentLines(text: string): string[] {
	const found: string[] = [];
	const line = /[^\r\n]*/y;
	let seenHeader = false;
	let at = 0;
	while (at <= text.length) {
		line.lastIndex = at;
		const current = line.exec(text)?.[0] ?? '';
		if (current.startsWith('#')) {
			if (seenHeader) found.push(current);
		} else if (current.trim() !== '') seenHeader = true;
		at += current.length;
		if (text[at] === '\r' && text[at + 1] === '\n') at += 2;
		else at += 1;
		if (found.length >= 1000) break;
	}
	return found;
}

/**
 * Whether numbers in this table use a decimal comma ("0,63"), also inside combined cells ("0,63 (0,55–0,72)"):
 * only plausible with a non-comma delimiter. "1.234" and "1,234" say nothing (thousands in one convention or the
 * other) and are not counted.
 */
export function detectDecimalComma(table: RawTable): boolean {
	if (table.delimiter === ',') return false;
	let comma = 0;
	let dot = 0;
	const number = /(\d+)([.,])(\d+)/g;
	for (const row of table.rows.slice(0, 200)) {
		for (const cell of row) {
			const text = cell.length > 200 ? cell.slice(0, 200) : cell;
			for (const m of text.matchAll(number)) {
				const [, before = '', sep, after = ''] = m;
				if (after.length === 3 && before.length <= 3 && before !== '0') continue;
				if (sep === ',') comma++;
				else dot++;
			}
		}
	}
	return comma > dot;
}
