/** Pieces every chart layout shares: margins, row bands, tick helpers. Pure, no DOM. */
import type { Study } from '$lib/types';

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

/** Pixel height of one study row, readable at every width. */
export const ROW_HEIGHT = 18;

/** Left margin for study labels: narrower on phones. */
export function labelMargin(width: number): number {
	return width < 480 ? 92 : width < 900 ? 128 : 150;
}

/** Studies in reading order: by publication year, then label; unknown years last. */
export function byYear(a: Study, b: Study): number {
	return (a.year ?? 9999) - (b.year ?? 9999) || a.label.localeCompare(b.label);
}

/** Shorten a label only when it does not fit `px` (measured with the metrics table below), keeping its year. */
export function fitLabel(label: string, px: number, fontSize = LABEL_FONT_SIZE): string {
	if (textWidth(label, fontSize) <= px) return label;
	// "Diaz de la Noval 2018" → "Diaz de la No… 2018": the year tells studies of one author apart, so it stays.
	const year = /\s(\d{4}[a-z]?)$/.exec(label)?.[1];
	const tail = year ? `… ${year}` : '…';
	const head = year ? label.slice(0, label.length - year.length - 1) : label;
	let end = head.length;
	while (end > 0 && textWidth(`${head.slice(0, end).trimEnd()}${tail}`, fontSize) > px) end--;
	if (year && end < 3) return fitLabel(head, px, fontSize);
	return end === 0 ? label.slice(0, 1) + '…' : `${head.slice(0, end).trimEnd()}${tail}`;
}

/** Chart labels' font size (px), as the charts' CSS sets it. */
export const LABEL_FONT_SIZE = 11;

/**
 * Advance widths of the sans-serif the charts use (Liberation Sans / Arial metrics, per 1,000 em); characters not
 * listed count as wide (600). Measured, so a label is shortened only when it does not fit.
 */
const WIDTHS: Readonly<Record<string, number>> = Object.fromEntries([
	...[...'ijl'].map((c) => [c, 222]),
	...[...'ft .,:;!|I[]()/'].map((c) => [c, 278]),
	...[...'r-'].map((c) => [c, 333]),
	...[...'ckszvxyJ'].map((c) => [c, 500]),
	...[...'abdeghnopqu0123456789L$'].map((c) => [c, 556]),
	...[...'FTZ'].map((c) => [c, 611]),
	...[...'ABEKPSVXY&'].map((c) => [c, 667]),
	...[...'CDHNRUw'].map((c) => [c, 722]),
	...[...'GOQ'].map((c) => [c, 778]),
	...[...'mM'].map((c) => [c, 833]),
	['W', 944],
	['…', 1000]
]);

/** The drawn width (px) of a text at a font size, from the metrics table (5% margin for other fonts). */
export function textWidth(text: string, fontSize = LABEL_FONT_SIZE): number {
	let units = 0;
	for (const c of text) units += WIDTHS[c] ?? 600;
	return (units * fontSize * 1.05) / 1000;
}

/**
 * Ticks of a log axis at 1–2–5 steps (or the steps given) within a domain, plain numbers only; a narrow domain
 * that would get fewer than three ticks falls back to finer steps.
 */
export function logTicks(min: number, max: number, steps: readonly number[] = [1, 2, 5]): number[] {
	if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
	const at = (s: readonly number[]) => {
		const ticks: number[] = [];
		for (let p = Math.floor(Math.log10(min)); p <= Math.ceil(Math.log10(max)); p++) {
			for (const step of s) {
				const v = Number((step * 10 ** p).toPrecision(6));
				if (v >= min * 0.999 && v <= max * 1.001) ticks.push(v);
			}
		}
		return ticks;
	};
	for (const candidate of [steps, [1, 2, 3, 5, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
		const ticks = at(candidate);
		if (ticks.length >= 3) return ticks;
	}
	return at([1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

/** Above this many studies a one-row-per-study chart shows only the most informative ones, and says so. */
export const MAX_ROWS = 150;

/** Above this many points a scatter chart draws the largest ones (SVG stays responsive), and says so. */
export const MAX_POINTS = 2000;

/**
 * Keep at most `max` items: those in `prefer` (e.g. passing the filters) first, then by `score`, highest first (ties:
 * the earlier item). Returns the kept items in their original order and how many were left out.
 *
 * A bounded heap of the `max` best seen so far, not a sort of every item: O(n log max) comparisons and no object per
 * item, so a chart over a million studies picks its 150 rows in a few milliseconds.
 */
export function capRows<T extends { id: string }>(
	items: readonly T[],
	max: number,
	score: (item: T) => number,
	prefer?: ReadonlySet<string>
): { kept: T[]; hidden: number } {
	if (items.length <= max) return { kept: [...items], hidden: 0 };
	if (max <= 0) return { kept: [], hidden: items.length };
	// The heap's root is the worst kept item: lowest preference, then lowest score, then latest index.
	const heap = new Int32Array(max);
	const pref = new Uint8Array(max);
	const val = new Float64Array(max);
	let size = 0;
	// Whether slot a ranks below slot b (a would be dropped first).
	const worse = (pa: number, sa: number, ia: number, pb: number, sb: number, ib: number) =>
		pa !== pb ? pa < pb : sa !== sb ? sa < sb : ia > ib;
	const swap = (a: number, b: number) => {
		const h = heap[a]!,
			p = pref[a]!,
			v = val[a]!;
		heap[a] = heap[b]!;
		pref[a] = pref[b]!;
		val[a] = val[b]!;
		heap[b] = h;
		pref[b] = p;
		val[b] = v;
	};
	const less = (a: number, b: number) => worse(pref[a]!, val[a]!, heap[a]!, pref[b]!, val[b]!, heap[b]!);
	for (let index = 0; index < items.length; index++) {
		const item = items[index]!;
		const p = prefer?.has(item.id) ? 1 : 0;
		const raw = score(item);
		const v = Number.isNaN(raw) ? -Infinity : raw; // an unknown score ranks last
		if (size < max) {
			heap[size] = index;
			pref[size] = p;
			val[size] = v;
			let c = size++;
			while (c > 0) {
				const parent = (c - 1) >> 1;
				if (!less(c, parent)) break;
				swap(c, parent);
				c = parent;
			}
			continue;
		}
		// Better than the worst kept? Replace the root and sift down.
		if (!worse(pref[0]!, val[0]!, heap[0]!, p, v, index)) continue;
		heap[0] = index;
		pref[0] = p;
		val[0] = v;
		let c = 0;
		for (;;) {
			const l = 2 * c + 1;
			const r = l + 1;
			let m = c;
			if (l < size && less(l, m)) m = l;
			if (r < size && less(r, m)) m = r;
			if (m === c) break;
			swap(c, m);
			c = m;
		}
	}
	const kept = Array.from(heap.subarray(0, size)).sort((a, b) => a - b);
	return { kept: kept.map((i) => items[i]!), hidden: items.length - size };
}

/** "A, B, C and 40 more": a readable list of study labels for a caption. */
export function listLabels(studies: readonly { label: string }[], max = 12): string {
	const shown = studies.slice(0, max).map((s) => s.label);
	const rest = studies.length - shown.length;
	return rest > 0 ? `${shown.join(', ')} and ${rest.toLocaleString('en')} more` : shown.join(', ');
}

/** The largest of `values` and `floor`, without spreading (a spread of 100,000 values overflows the stack). */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
	let m = floor;
	for (const v of values) if (v > m) m = v;
	return m;
}

/** The smallest of `values` and `ceiling`, without spreading. */
export function minOf(values: Iterable<number>, ceiling = Infinity): number {
	let m = ceiling;
	for (const v of values) if (v < m) m = v;
	return m;
}

/**
 * The items in a chart's view: all of them (the same array) when the view admits every study (a dataset's set with
 * no clause says so through `all`), else those in the set.
 */
export function keepInView<T extends { id: string }>(
	items: readonly T[],
	active: ReadonlySet<string>
): readonly T[] {
	if ((active as { all?: boolean }).all === true) return items;
	return items.filter((s) => active.has(s.id));
}

/** Whether a study is in a chart's view: every study when no active set is given, else those in the set. */
export function inView(study: { id: string }, active?: ReadonlySet<string>): boolean {
	return active === undefined || active.has(study.id);
}

/** Whether two values are the same, or plain arrays/objects whose entries are (one level deep). */
function shallowSame(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a);
	if (ka.length !== Object.keys(b).length) return false;
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	return ka.every((k) => ra[k] === rb[k]);
}

/**
 * `next`, with every item equal field by field to the item of the same key in `prev` replaced by that earlier
 * object, and `prev` itself when nothing differs: a keyed `{#each}` then leaves unchanged marks alone (their
 * item is the same object), so a filter that moves nothing rewrites nothing.
 */
export function reuseSame<T extends object>(
	prev: readonly T[] | undefined,
	next: readonly T[],
	key: (item: T) => string
): readonly T[] {
	if (!prev || prev.length === 0) return next;
	const before = new Map(prev.map((item) => [key(item), item]));
	let same = prev.length === next.length;
	const out = next.map((item, i) => {
		const old = before.get(key(item));
		const keep =
			old !== undefined &&
			Object.keys(item).every((k) =>
				shallowSame((item as Record<string, unknown>)[k], (old as Record<string, unknown>)[k])
			) &&
			Object.keys(old).length === Object.keys(item).length;
		if (!keep || prev[i] !== old) same = false;
		return keep ? old : item;
	});
	return same ? prev : out;
}
