/**
 * Marks drawn a batch per task: a chart with thousands of hit targets (its dots are on a canvas, its SVG keeps one
 * focusable target per study), or a forest of a hundred and fifty rows of text and lines, builds the first batch with
 * the chart and the rest in the tasks after (stagger.ts `inTurn`), so no one task builds them all. A list of at most
 * one batch is drawn whole, at once; a list of another basis (another dataset) starts again from its first batch, and
 * a list already drawn in full is never cut back.
 */
import { inTurn } from './stagger';

/** Marks built per task: a hit target is a group and a circle. */
export const MARK_BATCH = 100;
/** Rows built per task: a row is a group of a label, lines and dots. */
export const ROW_BATCH = 50;

export class Batched<T> {
	#drawn = $state.raw<{ of: unknown; count: number }>({ of: null, count: 0 });
	readonly #items: () => readonly T[];
	readonly #basis: () => unknown;
	readonly #size: number;

	/**
	 * `items`: the full list (read in the component's context, so the batches follow it); `size`: marks per task;
	 * `basis`: what starts the batches again when it changes (by default the list itself: a chart whose list changes
	 * with each filter passes the dataset, so a toggle keeps every row drawn).
	 */
	constructor(items: () => readonly T[], size = MARK_BATCH, basis: () => unknown = items) {
		this.#items = items;
		this.#size = size;
		this.#basis = basis;
		$effect(() => {
			const all = this.#items();
			const count = this.#countFor();
			if (count >= all.length) return;
			const of = this.#basis();
			return inTurn(() => (this.#drawn = { of, count: Math.min(all.length, count + this.#size) }));
		});
	}

	/** The marks to draw now: every item once its batches have all come. */
	readonly shown: readonly T[] = $derived.by(() => {
		const all = this.#items();
		const count = this.#countFor();
		return count >= all.length ? all : all.slice(0, count);
	});

	#countFor(): number {
		const drawn = this.#drawn;
		return drawn.of === this.#basis() ? drawn.count : this.#size;
	}
}
