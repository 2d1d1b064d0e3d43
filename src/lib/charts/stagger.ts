/**
 * A large dataset reaches the charts one per task: each chart lays itself out in a task of its own, between which the
 * page paints and answers input, instead of every chart in the one task that set the dataset. Small datasets are drawn
 * at once (nothing waits). Browser or Node: a message channel where there is one, else a timer.
 */

/** Above this many studies a new dataset is drawn chart by chart. */
export const STAGGER_ABOVE = 20_000;

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
