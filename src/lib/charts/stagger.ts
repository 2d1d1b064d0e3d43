/**
 * A large dataset reaches the charts one at a time: each chart first works out its passes over the whole dataset in
 * slices (domain/pass.ts), then lays itself out in a task of its own, between which the page paints and answers input,
 * instead of every chart in the one task that set the dataset. Small datasets are drawn at once (nothing waits).
 * Browser or Node: a message channel where there is one, else a timer.
 */
import { runPassInSlices, type Pass } from '$lib/domain/pass';

/** Above this many studies a new dataset is drawn chart by chart. */
export const STAGGER_ABOVE = 20_000;

/**
 * Whether the page has hydrated: charts mounted during hydration come as the server's HTML and turn live one per
 * task (ChartSlot.svelte); those mounted after are live at once. The page sets it when it mounts (after its
 * children: hydration is over).
 */
export const hydration = { done: false };

const queue: (() => void)[] = [];
let scheduled = false;

function next(): void {
	scheduled = false;
	queue.shift()?.();
	if (queue.length > 0) schedule();
}

let channel: MessageChannel | null = null;
function schedule(): void {
	if (scheduled) return;
	scheduled = true;
	if (typeof MessageChannel === 'function') {
		channel ??= new MessageChannel();
		channel.port1.onmessage = next;
		channel.port2.postMessage(null);
	} else setTimeout(next, 0);
}

/** Run `draw` in a task of its own, after those asked for earlier. Returns the cancel. */
export function inTurn(draw: () => void): () => void {
	let live = true;
	const run = () => {
		if (live) draw();
	};
	queue.push(run);
	schedule();
	return () => {
		live = false;
		const at = queue.indexOf(run);
		if (at >= 0) queue.splice(at, 1);
	};
}

/** A promise of the next task (after those asked for earlier). */
export function nextTask(): Promise<void> {
	return new Promise((resolve) => inTurn(resolve));
}

/** The charts' turns, one after another in the order asked (the grid's order). */
let turns: Promise<void> = Promise.resolve();

/**
 * Work out `passes` over `items` in slices, then `draw` in a task of its own, after every chart that asked earlier has
 * drawn. Returns the cancel (a newer dataset came: the rest of this chart's slices are skipped).
 */
export function drawWhenPassed<T>(
	items: readonly T[],
	passes: readonly Pass<T, unknown, unknown>[],
	draw: () => void
): () => void {
	let live = true;
	const isLive = () => live;
	turns = turns.then(async () => {
		try {
			for (const pass of passes) if (live) await runPassInSlices(items, pass, nextTask, isLive);
		} catch (error) {
			// The layout will meet the same error where the chart shows it; the charts after this one still draw.
			console.error(error);
		}
		if (!live) return;
		await nextTask();
		if (live) draw();
	});
	return () => {
		live = false;
	};
}

/** While set, the parts that came as HTML wait before turning live (see `holdLive`). */
let held: Promise<void> | null = null;
/** Parts waiting for a hold's release, or, released, for their turn. */
let waitingHeld = 0;

/** Mark the page's state for the stylesheet (app.css): reading a saved table back, or showing stale parts. */
function markRestoring(state: 'reading' | 'stale' | null): void {
	if (typeof document === 'undefined') return;
	if (state === null) delete document.documentElement.dataset.restoring;
	else document.documentElement.dataset.restoring = state;
}

/**
 * Hold the parts that came as the server's HTML (the bundled data's charts and table) as they are, until the returned
 * release is called: the page is reading a saved table back that will replace their data, so turning them live now
 * (a long task each on a busy machine) would only be undone. Released, the parts still waiting turn live one per task;
 * `replaced` (the saved table is now in use): until then they show faded, as stale.
 */
export function holdLive(): (replaced?: boolean) => void {
	let release = () => {};
	const hold = new Promise<void>((resolve) => (release = resolve));
	held = hold;
	markRestoring('reading');
	return (replaced = false) => {
		if (held !== hold) return;
		held = null;
		markRestoring(replaced && waitingHeld > 0 ? 'stale' : null);
		release();
	};
}

/**
 * Turn a part that came as HTML live: in a task of its own (`late`: once the page answers input, see `afterAnswer`),
 * and, while the parts are held, in a turn after the release. Returns the cancel.
 */
export function turnLive(late: boolean, live: () => void): () => void {
	let on = true;
	let waiting = false;
	let cancelHeld = () => {};
	const done = () => {
		if (!waiting) return;
		waiting = false;
		if (--waitingHeld === 0 && held === null) markRestoring(null);
	};
	const go = () => {
		const hold = held;
		if (!hold) return live();
		waiting = true;
		waitingHeld++;
		void hold.then(() => {
			if (!on) return;
			cancelHeld = inTurn(() => {
				done();
				live();
			});
		});
	};
	const cancel = (late ? afterAnswer : inTurn)(go);
	return () => {
		on = false;
		cancel();
		cancelHeld();
		done();
	};
}

/** Charts that wait for the page to answer input before they turn live (see `afterAnswer`). */
const waiting: (() => void)[] = [];
let answered = false;

/**
 * The page has hydrated (its onMount, which runs after its children's): charts mounted from now on are live at once,
 * and `then` runs after the charts that came as HTML have turned live; the charts that load their code after first
 * paint turn live after that. Returns the cancel.
 */
export function hydrated(then: () => void): () => void {
	hydration.done = true;
	return inTurn(() => {
		answered = true;
		then();
		for (const run of waiting.splice(0)) inTurn(run);
	});
}

/**
 * Run `live` in a task of its own once the page answers input (at once in turn if it already does): a chart whose
 * code loads after first paint starts loading it then, not while the page is still turning its charts live.
 */
export function afterAnswer(live: () => void): () => void {
	if (answered) return inTurn(live);
	let on = true;
	const run = () => {
		if (on) live();
	};
	waiting.push(run);
	return () => {
		on = false;
	};
}
