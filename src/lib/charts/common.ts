/** Pieces every chart layout shares: margins, row bands, tick helpers. Pure, no DOM. */
import type { Pass } from '$lib/domain/pass';
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
	const top = new TopRows<T>(max);
	for (let index = 0; index < items.length; index++) {
		const item = items[index]!;
		top.offer(item, index, score(item), prefer?.has(item.id) === true);
	}
	return top.result();
}

/**
 * The `max` best items offered, as they come (capRows, and a chart's rows pass over a dataset in slices): a bounded
 * heap whose root is the worst kept item (lowest preference, then lowest score, then latest index).
 */
export class TopRows<T> {
	readonly #max: number;
	readonly #heap: Int32Array;
	readonly #pref: Uint8Array;
	readonly #val: Float64Array;
	readonly #items = new Map<number, T>();
	#size = 0;
	#offered = 0;
	constructor(max: number) {
		this.#max = Math.max(0, max);
		this.#heap = new Int32Array(this.#max);
		this.#pref = new Uint8Array(this.#max);
		this.#val = new Float64Array(this.#max);
	}

	/** Offer an item; `index` orders ties (the earlier kept), and must grow with each offer. */
	offer(item: T, index: number, score: number, preferred = false): void {
		this.#offered++;
		if (this.#max === 0) return;
		const p = preferred ? 1 : 0;
		const v = Number.isNaN(score) ? -Infinity : score; // an unknown score ranks last
		const heap = this.#heap;
		if (this.#size < this.#max) {
			const at = this.#size++;
			this.#set(at, index, p, v);
			this.#items.set(index, item);
			let c = at;
			while (c > 0) {
				const parent = (c - 1) >> 1;
				if (!this.#less(c, parent)) break;
				this.#swap(c, parent);
				c = parent;
			}
			return;
		}
		// Better than the worst kept? Replace the root and sift down.
		if (!worse(this.#pref[0]!, this.#val[0]!, heap[0]!, p, v, index)) return;
		this.#items.delete(heap[0]!);
		this.#items.set(index, item);
		this.#set(0, index, p, v);
		let c = 0;
		for (;;) {
			const l = 2 * c + 1;
			const r = l + 1;
			let m = c;
			if (l < this.#size && this.#less(l, m)) m = l;
			if (r < this.#size && this.#less(r, m)) m = r;
			if (m === c) break;
			this.#swap(c, m);
			c = m;
		}
	}

	/** The kept items in the order offered, and how many offered were left out. */
	result(): { kept: T[]; hidden: number } {
		const order = Array.from(this.#heap.subarray(0, this.#size)).sort((a, b) => a - b);
		return { kept: order.map((i) => this.#items.get(i)!), hidden: this.#offered - this.#size };
	}

	#set(at: number, index: number, p: number, v: number): void {
		this.#heap[at] = index;
		this.#pref[at] = p;
		this.#val[at] = v;
	}
	#less(a: number, b: number): boolean {
		return worse(
			this.#pref[a]!,
			this.#val[a]!,
			this.#heap[a]!,
			this.#pref[b]!,
			this.#val[b]!,
			this.#heap[b]!
		);
	}
	#swap(a: number, b: number): void {
		const h = this.#heap[a]!,
			p = this.#pref[a]!,
			v = this.#val[a]!;
		this.#set(a, this.#heap[b]!, this.#pref[b]!, this.#val[b]!);
		this.#set(b, h, p, v);
	}
}

/** Whether (pa, sa, ia) ranks below (pb, sb, ib): it would be dropped first. */
function worse(pa: number, sa: number, ia: number, pb: number, sb: number, ib: number): boolean {
	return pa !== pb ? pa < pb : sa !== sb ? sa < sb : ia > ib;
}

/** A chart's rows of a dataset: the best `max` of those it can draw, how many more it could, and those it cannot. */
export interface RowSplit<T> {
	kept: T[];
	hidden: number;
	/** Every study lacking the chart's values, in table order (the page lists those in view as "not reported"). */
	lacking: T[];
}

/**
 * One pass (domain/pass.ts) that splits a dataset's studies into those a chart can draw (`has`), capped at `max` by
 * `score`, and those it cannot: worked out once per array, in slices for a large table (charts/ChartSlot.svelte).
 */
export function rowsPass<T>(
	name: string,
	has: (s: T) => boolean,
	max: number,
	score: (s: T) => number
): Pass<T, { top: TopRows<T>; lacking: T[]; n: number }, RowSplit<T>> {
	return {
		name,
		start: () => ({ top: new TopRows<T>(max), lacking: [], n: 0 }),
		step(acc, s) {
			if (has(s)) acc.top.offer(s, acc.n++, score(s));
			else acc.lacking.push(s);
		},
		finish: ({ top, lacking }) => ({ ...top.result(), lacking })
	};
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
