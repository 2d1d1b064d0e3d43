/**
 * A table of studies as transferable columns: typed arrays and UTF-16 code units packed in one buffer per text
 * column, so that a worker hands a dataset over by transferring a few buffers (no structured clone of every study
 * object), and the receiver rebuilds the studies in row ranges (a few thousand at a time, between which the page
 * can answer input). Every study round-trips exactly: nulls, absent optional fields, any text (lone surrogates
 * included), flags and extra columns.
 */
import type { EffectMeasure, Study } from '$lib/types';

/** Texts of one column: their UTF-16 code units end to end, where each ends, and whether it is text, null or absent. */
export interface TextColumn {
	chars: Uint16Array;
	/** ends[i]: the index in `chars` after the i-th text. */
	ends: Uint32Array;
	/** 0 text, 1 null, 2 absent (the key is not set). */
	state: Uint8Array;
}

/** Numbers of one column; state 0 number, 1 null, 2 absent. */
export interface NumberColumn {
	values: Float64Array;
	state: Uint8Array;
}

/** A list of texts per row: how many each row has, and the texts end to end. */
export interface ListColumn {
	counts: Uint32Array;
	items: TextColumn;
}

export const TEXT_KEYS = [
	'id',
	'label',
	'design',
	'dataSource',
	'country',
	'effectMeasure',
	'pmid',
	'doi',
	'notes',
	'supersedes'
] as const;
export const NUMBER_KEYS = [
	'row',
	'year',
	'accrualStart',
	'accrualEnd',
	'nTotal',
	'nTreated',
	'nControl',
	'medianTreated',
	'medianControl',
	'eventsTreated',
	'eventsControl',
	'logEffect',
	'se',
	'effect',
	'ciLow',
	'ciHigh',
	'ciLevel'
] as const;
export type TextKey = (typeof TEXT_KEYS)[number];
export type NumberKey = (typeof NUMBER_KEYS)[number];

/** Studies as columns (see the module note). */
export interface PackedStudies {
	length: number;
	text: Record<TextKey, TextColumn>;
	numbers: Record<NumberKey, NumberColumn>;
	/** 0 false, 1 true, 2 null. */
	adjusted: Uint8Array;
	flags: ListColumn;
	/** Two items per pair: header, value. */
	extra: ListColumn;
}

export const NULL = 1;
export const ABSENT = 2;

/** Pack texts (null and undefined kept apart) into one column. */
export function packTexts(values: ReadonlyArray<string | null | undefined>): TextColumn {
	const n = values.length;
	const state = new Uint8Array(n);
	const ends = new Uint32Array(n);
	let total = 0;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (typeof v === 'string') total += v.length;
		else state[i] = v === null ? NULL : ABSENT;
		ends[i] = total;
	}
	const chars = new Uint16Array(total);
	// A column without a character (every row null, absent or empty) needs no ends: each reads as 0.
	if (total === 0) return { chars, ends: new Uint32Array(0), state };
	let at = 0;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (typeof v !== 'string') continue;
		for (let c = 0; c < v.length; c++) chars[at++] = v.charCodeAt(c);
	}
	return { chars, ends, state };
}

/** The platform's decoder of UTF-16 code units (little-endian platforms only), keeping a leading U+FEFF. */
const utf16 =
	typeof TextDecoder === 'function' && new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
		? new TextDecoder('utf-16le', { ignoreBOM: true })
		: null;

/** Whether code units include a surrogate (which the decoder would replace when unpaired). */
function hasSurrogate(chars: Uint16Array): boolean {
	for (let i = 0; i < chars.length; i++) if (((chars[i] ?? 0) & 0xf800) === 0xd800) return true;
	return false;
}

/** The code units chars[from, to) as a string (exact: lone surrogates are kept). */
export function decode(chars: Uint16Array, from: number, to: number): string {
	const part = chars.subarray(from, to);
	// For a long stretch the native decoder is several times faster, unless it holds a surrogate (rare in tables); a
	// short text (one cell read on its own) is quicker unit by unit, twice as quick as the decoder for an id.
	if (utf16 && to - from > 64 && !hasSurrogate(part)) return utf16.decode(part);
	const parts: string[] = [];
	for (let at = from; at < to; at += 8192)
		parts.push(String.fromCharCode.apply(null, chars.subarray(at, Math.min(to, at + 8192)) as never));
	return parts.join('');
}

/** A text as its UTF-16 code units (exact, lone surrogates included), to transfer it as a buffer. */
export function unitsOf(text: string): Uint16Array {
	const units = new Uint16Array(text.length);
	for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
	return units;
}

/** The text of `unitsOf`, exactly. */
export const textOf = (units: Uint16Array): string => decode(units, 0, units.length);

/**
 * A reader of texts `from` to `to` of a column: decodes that stretch once, then slices it per text. With `shared`, each
 * distinct text is one string for every row that has it (a design, a measure: a few values over a million rows, so
 * a million fewer strings for the garbage collector to copy); the slice it is looked up by dies at once.
 */
function textReader(
	column: TextColumn,
	from: number,
	to: number,
	shared: Map<string, string> | null = null
): (i: number) => string | null | undefined {
	const base = from > 0 ? (column.ends[from - 1] ?? 0) : 0;
	const text = to > from ? decode(column.chars, base, column.ends[to - 1] ?? base) : '';
	return (i) => {
		const s = column.state[i];
		if (s === NULL) return null;
		if (s === ABSENT) return undefined;
		const start = (i > 0 ? (column.ends[i - 1] ?? 0) : 0) - base;
		const value = text.slice(start, (column.ends[i] ?? 0) - base);
		return shared === null ? value : shareText(shared, value);
	};
}

/** The one string of a column of few values equal to `value` (kept as that one while there are few). */
export function shareText(shared: Map<string, string>, value: string): string {
	const known = shared.get(value);
	if (known !== undefined) return known;
	if (shared.size < SHARED_MAX) shared.set(value, value);
	return value;
}

/** A row's extra columns, packed as header, value, header, value…, as pairs (the shared empty list for none). */
export function pairsOf(flat: readonly string[]): ReadonlyArray<readonly [string, string]> {
	if (flat.length === 0) return NO_ITEMS as unknown as ReadonlyArray<readonly [string, string]>;
	const list: (readonly [string, string])[] = [];
	for (let k = 0; k + 1 < flat.length; k += 2) list.push([flat[k] ?? '', flat[k + 1] ?? '']);
	return list;
}

/** Columns whose texts are few and repeated: one string per distinct text (see `textReader`). */
export const SHARED_KEYS: ReadonlySet<TextKey> = new Set([
	'design',
	'dataSource',
	'country',
	'effectMeasure'
]);
/** Past this many distinct texts a column's texts are no longer shared (it is not a column of few values). */
export const SHARED_MAX = 256;
/** The shared texts of each packed table's columns, kept while the table is. */
const sharedTexts = new WeakMap<PackedStudies, Map<TextKey, Map<string, string>>>();
function sharedOf(packed: PackedStudies, key: TextKey): Map<string, string> | null {
	if (!SHARED_KEYS.has(key)) return null;
	let columns = sharedTexts.get(packed);
	if (!columns) sharedTexts.set(packed, (columns = new Map()));
	let shared = columns.get(key);
	if (!shared) columns.set(key, (shared = new Map()));
	return shared;
}

/** Pack one list of texts per row. */
export function packLists(lists: ReadonlyArray<readonly string[]>): ListColumn {
	const counts = new Uint32Array(lists.length);
	const flat: string[] = [];
	lists.forEach((list, i) => {
		counts[i] = list.length;
		for (const item of list) flat.push(item);
	});
	return { counts, items: packTexts(flat) };
}

/** Where each row's items start in a list column, computed once per column. */
const listStarts = new WeakMap<ListColumn, Uint32Array>();
export function startsOf(column: ListColumn): Uint32Array {
	let starts = listStarts.get(column);
	if (!starts) {
		starts = new Uint32Array(column.counts.length + 1);
		for (let i = 0; i < column.counts.length; i++) starts[i + 1] = (starts[i] ?? 0) + (column.counts[i] ?? 0);
		listStarts.set(column, starts);
	}
	return starts;
}

/** Reads rows `from` to `to` of a list column (call in row order). */
/**
 * The one empty list every row without items shares (frozen: nothing may add to it): most rows have no flags and no
 * extra columns, and a million of them would otherwise be two million empty arrays for the garbage collector to copy.
 */
export const NO_ITEMS = Object.freeze([]) as unknown as string[];

function listReader(column: ListColumn, from: number, to: number): (i: number) => string[] {
	const starts = startsOf(column);
	const first = starts[from] ?? 0;
	const read = textReader(column.items, first, starts[to] ?? first);
	return (i) => {
		const n = column.counts[i] ?? 0;
		if (n === 0) return NO_ITEMS;
		let at = starts[i] ?? 0;
		const out: string[] = new Array<string>(n);
		for (let k = 0; k < n; k++) out[k] = read(at++) ?? '';
		return out;
	};
}

/** Studies → columns. */
export function packStudies(studies: readonly Study[]): PackedStudies {
	const n = studies.length;
	const text = {} as Record<TextKey, TextColumn>;
	for (const key of TEXT_KEYS)
		text[key] = packTexts(studies.map((s) => (key in s ? (s[key] as string | null) : undefined)));
	const numbers = {} as Record<NumberKey, NumberColumn>;
	for (const key of NUMBER_KEYS) {
		const state = new Uint8Array(n);
		// A column with no number (a short table's unused roles) carries no values: 8 bytes a row saved per column.
		let values: Float64Array | null = null;
		for (let i = 0; i < n; i++) {
			const v = (studies[i] as Study)[key];
			if (typeof v === 'number') (values ??= new Float64Array(n))[i] = v;
			else state[i] = v === null ? NULL : ABSENT;
		}
		numbers[key] = { values: values ?? new Float64Array(0), state };
	}
	const adjusted = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const a = (studies[i] as Study).adjusted;
		adjusted[i] = a === null ? 2 : a ? 1 : 0;
	}
	return {
		length: n,
		text,
		numbers,
		adjusted,
		flags: packLists(studies.map((s) => s.flags)),
		extra: packLists(studies.map((s) => s.extra.flatMap(([h, v]) => [h, v])))
	};
}

/** Columns → the studies of rows `from` (inclusive) to `to` (exclusive), appended to `out`. */
export function unpackStudies(
	packed: PackedStudies,
	from = 0,
	to = packed.length,
	out: Study[] = []
): Study[] {
	const texts = TEXT_KEYS.map(
		(key) => [key, textReader(packed.text[key], from, to, sharedOf(packed, key))] as const
	);
	const numbers = NUMBER_KEYS.map((key) => [key, packed.numbers[key]] as const);
	const flags = listReader(packed.flags, from, to);
	const extra = listReader(packed.extra, from, to);
	if (!anyAbsent(packed, from, to)) return unpackWhole(packed, from, to, out, texts, flags, extra);
	for (let i = from; i < to; i++) {
		const s: Record<string, unknown> = {};
		for (const [key, read] of texts) {
			const v = read(i);
			if (v !== undefined) s[key] = v;
		}
		for (const [key, column] of numbers) {
			const state = column.state[i];
			if (state === 0) s[key] = column.values[i];
			else if (state === NULL) s[key] = null;
		}
		const a = packed.adjusted[i];
		s.adjusted = a === 2 ? null : a === 1;
		s.flags = flags(i);
		s.extra = pairsOf(extra(i));
		s.effectMeasure = (s.effectMeasure ?? 'HR') as EffectMeasure;
		out.push(s as unknown as Study);
	}
	return out;
}

/** Whether any field of rows `from` to `to` is absent (a key not set), which the fixed-shape path cannot write. */
function anyAbsent(packed: PackedStudies, from: number, to: number): boolean {
	for (const column of [...Object.values(packed.text), ...Object.values(packed.numbers)])
		for (let i = from; i < to; i++) if (column.state[i] === ABSENT) return true;
	return false;
}

/**
 * The studies of rows with every field present, each built as one object literal of a fixed shape (the same keys
 * in the same order as the general path): one allocation per study, no property store grown key by key, so less
 * for the garbage collector to copy while a large table is unpacked.
 */
function unpackWhole(
	packed: PackedStudies,
	from: number,
	to: number,
	out: Study[],
	texts: readonly (readonly [TextKey, (i: number) => string | null | undefined])[],
	flags: (i: number) => string[],
	extra: (i: number) => string[]
): Study[] {
	const t = Object.fromEntries(texts) as Record<TextKey, (i: number) => string | null>;
	const n = packed.numbers;
	const num = (column: NumberColumn, i: number): number | null =>
		column.state[i] === 0 ? (column.values[i] as number) : null;
	for (let i = from; i < to; i++) {
		const list = pairsOf(extra(i));
		const a = packed.adjusted[i];
		const study = {
			id: t.id(i),
			label: t.label(i),
			design: t.design(i),
			dataSource: t.dataSource(i),
			country: t.country(i),
			effectMeasure: (t.effectMeasure(i) ?? 'HR') as EffectMeasure,
			pmid: t.pmid(i),
			doi: t.doi(i),
			notes: t.notes(i),
			supersedes: t.supersedes(i),
			row: num(n.row, i),
			year: num(n.year, i),
			accrualStart: num(n.accrualStart, i),
			accrualEnd: num(n.accrualEnd, i),
			nTotal: num(n.nTotal, i),
			nTreated: num(n.nTreated, i),
			nControl: num(n.nControl, i),
			medianTreated: num(n.medianTreated, i),
			medianControl: num(n.medianControl, i),
			eventsTreated: num(n.eventsTreated, i),
			eventsControl: num(n.eventsControl, i),
			logEffect: num(n.logEffect, i),
			se: num(n.se, i),
			effect: num(n.effect, i),
			ciLow: num(n.ciLow, i),
			ciHigh: num(n.ciHigh, i),
			ciLevel: num(n.ciLevel, i),
			adjusted: a === 2 ? null : a === 1,
			flags: flags(i),
			extra: list
		};
		out.push(study as unknown as Study);
	}
	return out;
}

/** Rows (cells as text) → one list column. */
export const packRows = (rows: readonly (readonly string[])[]): ListColumn => packLists(rows);

/** Rows `from` to `to` of a packed table of cells, appended to `out`. */
export function unpackRows(
	column: ListColumn,
	from = 0,
	to = column.counts.length,
	out: string[][] = []
): string[][] {
	const read = listReader(column, from, to);
	for (let i = from; i < to; i++) out.push(read(i));
	return out;
}

/**
 * Rows of cells read on demand: an array (to every reader) whose row `i` is unpacked the first time it is read.
 * The page reads rows as loaded only to export them, so a load builds none of the millions of cell strings.
 */
export function lazyRows(column: ListColumn): string[][] {
	const n = column.counts.length;
	const rows: string[][] = new Array<string[]>(n);
	const read = new Uint8Array(n);
	return new Proxy(rows, {
		get(target, key, receiver) {
			if (typeof key === 'string') {
				const i = key.length <= 10 && /^(0|[1-9]\d*)$/.test(key) ? Number(key) : -1;
				if (i >= 0 && i < n && read[i] === 0) {
					read[i] = 1;
					target[i] = unpackRows(column, i, i + 1)[0] ?? [];
				}
			}
			return Reflect.get(target, key, receiver) as unknown;
		},
		has(target, key) {
			if (typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key)) return Number(key) < n;
			return Reflect.has(target, key);
		}
	});
}

const textBuffers = (c: TextColumn) => [c.chars.buffer, c.ends.buffer, c.state.buffer];
const listBuffers = (c: ListColumn) => [c.counts.buffer, ...textBuffers(c.items)];

/** The buffers to transfer with a packed table (each once). */
export function transferables(packed: PackedStudies | ListColumn): ArrayBuffer[] {
	const all =
		'counts' in packed
			? listBuffers(packed)
			: [
					...Object.values(packed.text).flatMap(textBuffers),
					...Object.values(packed.numbers).flatMap((c) => [c.values.buffer, c.state.buffer]),
					packed.adjusted.buffer,
					...listBuffers(packed.flags),
					...listBuffers(packed.extra)
				];
	return [...new Set(all as ArrayBuffer[])];
}

/** A copy whose buffers can be transferred while the original is kept (e.g. to the stats worker). */
export function copyPacked(packed: PackedStudies): PackedStudies {
	const text = (c: TextColumn): TextColumn => ({
		chars: c.chars.slice(),
		ends: c.ends.slice(),
		state: c.state.slice()
	});
	const list = (c: ListColumn): ListColumn => ({ counts: c.counts.slice(), items: text(c.items) });
	return {
		length: packed.length,
		text: Object.fromEntries(Object.entries(packed.text).map(([k, c]) => [k, text(c)])) as Record<
			TextKey,
			TextColumn
		>,
		numbers: Object.fromEntries(
			Object.entries(packed.numbers).map(([k, c]) => [
				k,
				{ values: c.values.slice(), state: c.state.slice() }
			])
		) as Record<NumberKey, NumberColumn>,
		adjusted: packed.adjusted.slice(),
		flags: list(packed.flags),
		extra: list(packed.extra)
	};
}

/** Rows unpacked per slice of the main thread's time: a few thousand, then the page may answer input. */
const SLICE_MS = 8;

/** The next slice's rows: aimed at SLICE_MS, at most doubling (a garbage collection can make one slice slow). */
const nextStep = (step: number, took: number): number =>
	Math.max(50, Math.min(step * 2, 4_000, Math.round((step * SLICE_MS) / Math.max(0.25, took))));

/** Give the page a turn (input, paint) before the next slice. */
export const yieldToPage = (): Promise<void> =>
	new Promise((resolve) => {
		const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
		if (s?.yield) void s.yield().then(resolve);
		else setTimeout(resolve, 0);
	});

/**
 * Rebuild every study in slices of about SLICE_MS, yielding to the page between them; also the position of each
 * study (so that index lists for the stats worker need no map built in one go).
 */
export async function unpackStudiesInSlices(packed: PackedStudies): Promise<Study[]> {
	const out: Study[] = [];
	let step = 500;
	for (let from = 0; from < packed.length;) {
		const t0 = performance.now();
		const to = Math.min(packed.length, from + step);
		unpackStudies(packed, from, to, out);
		const took = performance.now() - t0;
		step = nextStep(step, took);
		from = to;
		if (from < packed.length) await yieldToPage();
	}
	return out;
}

/** The same for rows of cells. */
export async function unpackRowsInSlices(column: ListColumn): Promise<string[][]> {
	const out: string[][] = [];
	let step = 500;
	const n = column.counts.length;
	for (let from = 0; from < n;) {
		const t0 = performance.now();
		const to = Math.min(n, from + step);
		unpackRows(column, from, to, out);
		const took = performance.now() - t0;
		step = nextStep(step, took);
		from = to;
		if (from < n) await yieldToPage();
	}
	return out;
}
