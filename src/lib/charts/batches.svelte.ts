/**
 * Marks drawn a batch per task: a chart with thousands of hit targets (its dots are on a canvas, its SVG keeps one
 * focusable target per study) builds the first batch with the chart and the rest in the tasks after (stagger.ts
 * `inTurn`), so no one task builds thousands of elements. A list of at most one batch is drawn whole, at once; a new
 * list (another dataset) starts again from its first batch, and the same list is never rebuilt.
 */
import { inTurn } from './stagger';

/** Marks built per task. */
export const MARK_BATCH = 400;

export class Batched<T> {
	#drawn = $state.raw<{ of: readonly T[] | null; count: number }>({ of: null, count: 0 });
	readonly #items: () => readonly T[];

	/** `items`: the full list (read in the component's context, so the batches follow it). */
	constructor(items: () => readonly T[]) {
		this.#items = items;
		$effect(() => {
			const all = this.#items();
			const count = this.#countFor(all);
			if (count >= all.length) return;
			return inTurn(() => (this.#drawn = { of: all, count: Math.min(all.length, count + MARK_BATCH) }));
		});
	}

	/** The marks to draw now: every item once its batches have all come. */
	readonly shown: readonly T[] = $derived.by(() => {
		const all = this.#items();
		const count = this.#countFor(all);
		return count >= all.length ? all : all.slice(0, count);
	});

	#countFor(all: readonly T[]): number {
		const drawn = this.#drawn;
		return drawn.of === all ? drawn.count : MARK_BATCH;
	}
}
