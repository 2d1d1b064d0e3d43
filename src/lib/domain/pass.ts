/**
 * One pass over every study of a dataset (its design list, its later reports, a chart's rows…), worked out once per
 * array (a WeakMap on the array), and, for a large table, in slices between which the page paints and answers input.
 * Both ways run the same `step` over the same items in the same order, so a result worked out in slices is the result
 * worked out in one go; whichever runs first fills the cache the other reads. Pure: no DOM, no timers of its own (the
 * caller says how to wait for the next task).
 */

export interface Pass<T, A, R> {
	/** What the pass works out, in a few words (tests and profiles name it). */
	readonly name: string;
	/** A fresh accumulator (the items are there for passes that read another pass's result first). */
	start(items: readonly T[]): A;
	/** Take one item into the accumulator. */
	step(acc: A, item: T, index: number): void;
	/** The result, from the accumulator (and the items, for a pass that looks some of them up again). */
	finish(acc: A, items: readonly T[]): R;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one cache holds every pass's own result type
type AnyPass = Pass<any, any, any>;
const done = new WeakMap<ReadonlyArray<unknown>, Map<AnyPass, unknown>>();

function cacheOf(items: ReadonlyArray<unknown>): Map<AnyPass, unknown> {
	let cache = done.get(items);
	if (!cache) {
		cache = new Map();
		done.set(items, cache);
	}
	return cache;
}

/** The pass's result for these items: worked out now, or the one worked out before for this very array. */
export function runPass<T, A, R>(items: readonly T[], pass: Pass<T, A, R>): R {
	const cache = cacheOf(items);
	if (cache.has(pass)) return cache.get(pass) as R;
	const acc = pass.start(items);
	for (let i = 0; i < items.length; i++) pass.step(acc, items[i]!, i);
	const result = pass.finish(acc, items);
	cache.set(pass, result);
	return result;
}

/** Whether the pass's result for this array is already known (a later `runPass` costs nothing). */
export function passDone<T>(items: readonly T[], pass: Pass<T, unknown, unknown>): boolean {
	return done.get(items)?.has(pass) ?? false;
}

/** Items per slice: a slice of a million-study pass takes a few milliseconds. */
export const SLICE = 50_000;
/**
 * A slice also ends once it has run this long (the clock read every 1,024 items): on a busy machine, or with a
 * slow step, 50,000 items can take over 100 ms, and a garbage collection inside would make it a long task.
 */
export const SLICE_MS = 20;

const now = () => performance.now();

/**
 * The pass's result, worked out `slice` items at a time (or fewer, when a slice passes `sliceMs` on `clock`) with
 * `pause()` (the next task) between slices; `live()` false stops it (a newer dataset came), leaving the cache as it
 * was. Resolves to null when stopped.
 */
export async function runPassInSlices<T, A, R>(
	items: readonly T[],
	pass: Pass<T, A, R>,
	pause: () => Promise<void>,
	live: () => boolean = () => true,
	slice = SLICE,
	clock: () => number = now,
	sliceMs = SLICE_MS
): Promise<R | null> {
	const cache = cacheOf(items);
	if (cache.has(pass)) return cache.get(pass) as R;
	const acc = pass.start(items);
	for (let i = 0; i < items.length;) {
		if (i > 0) {
			await pause();
			if (!live()) return null;
			// Worked out meanwhile (a chart drawn early asked for it): take that one.
			if (cache.has(pass)) return cache.get(pass) as R;
		}
		const to = Math.min(items.length, i + slice);
		const began = clock();
		// The clock is read every 1,024 items.
		while (i < to) {
			pass.step(acc, items[i]!, i);
			if (++i % 1024 === 0 && i < to && clock() - began > sliceMs) break;
		}
	}
	if (cache.has(pass)) return cache.get(pass) as R;
	const result = pass.finish(acc, items);
	cache.set(pass, result);
	return result;
}
