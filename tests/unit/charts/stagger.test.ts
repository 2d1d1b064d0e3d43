import { describe, expect, it } from 'vitest';
import { inTurn } from '$lib/charts/stagger';

/** Resolve after the queued draws have had `n` tasks to run in. */
const tasks = (n: number) =>
	new Promise<void>((resolve) => {
		let left = n;
		const step = () => (--left <= 0 ? resolve() : setTimeout(step, 0));
		setTimeout(step, 0);
	});

describe('inTurn: a large dataset reaches the charts one per task', () => {
	it('runs each draw in a task of its own, in the order asked, none in the asking task', async () => {
		const ran: string[] = [];
		const seen: number[] = [];
		for (const id of ['forest', 'trend', 'years'])
			inTurn(() => {
				ran.push(id);
				// Microtasks run at the end of a task: each sees only the draws done by then.
				queueMicrotask(() => seen.push(ran.length));
			});
		expect(ran).toEqual([]);
		await tasks(10);
		expect(ran).toEqual(['forest', 'trend', 'years']);
		expect(seen).toEqual([1, 2, 3]);
	});

	it('a cancelled draw never runs, and the others still do', async () => {
		const ran: string[] = [];
		inTurn(() => ran.push('one'));
		const cancel = inTurn(() => ran.push('two'));
		inTurn(() => ran.push('three'));
		cancel();
		await tasks(10);
		expect(ran).toEqual(['one', 'three']);
	});
});
