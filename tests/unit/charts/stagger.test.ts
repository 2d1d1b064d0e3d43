import { describe, expect, it, vi } from 'vitest';
import {
	afterAnswer,
	drawWhenPassed,
	holdLive,
	hydrated,
	hydration,
	inTurn,
	turnLive
} from '$lib/charts/stagger';
import { SLICE, type Pass } from '$lib/domain/pass';

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

describe('drawWhenPassed: each chart works out its passes in slices, then draws, one chart after another', () => {
	const rows = (name: string, log: string[]): Pass<number, number, number> => ({
		name,
		start: () => 0,
		step: (acc, _item, i) => void (i % SLICE === 0 && log.push(`${name} slice`)),
		finish: (acc) => acc
	});
	it('no pass or draw in the asking task; charts in the order asked, each pass before its draw', async () => {
		const log: string[] = [];
		const items = Array.from({ length: SLICE * 2 + 1 }, (_, i) => i);
		drawWhenPassed(items, [rows('forest', log)], () => log.push('forest drawn'));
		drawWhenPassed(items, [rows('trend', log)], () => log.push('trend drawn'));
		expect(log).toEqual([]);
		await vi.waitFor(() => expect(log).toContain('trend drawn'));
		expect(log).toEqual([
			'forest slice',
			'forest slice',
			'forest slice',
			'forest drawn',
			'trend slice',
			'trend slice',
			'trend slice',
			'trend drawn'
		]);
	});
	it('a cancelled chart stops between slices and never draws; the next still does', async () => {
		const log: string[] = [];
		const items = Array.from({ length: SLICE * 3 }, (_, i) => i);
		// Cancelled during its first slice (a newer table came): the next slices are skipped.
		const cancelling: Pass<number, number, number> = {
			...rows('cohort', log),
			step: (acc, _item, i) => {
				if (i % SLICE === 0) log.push('cohort slice');
				if (i === 0) cancel();
			}
		};
		const cancel = drawWhenPassed(items, [cancelling], () => log.push('cohort drawn'));
		drawWhenPassed([1, 2], [], () => log.push('years drawn'));
		await vi.waitFor(() => expect(log).toContain('years drawn'));
		expect(log).toEqual(['cohort slice', 'years drawn']);
	});
});

describe('hydrated and afterAnswer: the charts that came as HTML turn live first, then the page answers input', () => {
	it("runs the page's answer after the turns asked before it, and the late charts after the answer", async () => {
		const log: string[] = [];
		afterAnswer(() => log.push('funnel live'));
		const cancelled = afterAnswer(() => log.push('influence live'));
		inTurn(() => log.push('forest live'));
		inTurn(() => log.push('trend live'));
		hydrated(() => log.push('answers input'));
		cancelled();
		expect(hydration.done).toBe(true);
		expect(log).toEqual([]);
		await vi.waitFor(() => expect(log).toContain('funnel live'));
		expect(log).toEqual(['forest live', 'trend live', 'answers input', 'funnel live']);
		// Once the page answers, a late chart turns live in a turn of its own at once.
		afterAnswer(() => log.push('cumulative live'));
		await vi.waitFor(() => expect(log.at(-1)).toBe('cumulative live'));
	});
});

describe('holdLive: while a saved table is read back, the parts that came as HTML stay as they are', () => {
	it('no held part turns live; released, each turns live in a task of its own, in order, a cancelled one never', async () => {
		const log: string[] = [];
		const seen: number[] = [];
		const part = (name: string) => () => {
			log.push(name);
			queueMicrotask(() => seen.push(log.length));
		};
		const release = holdLive();
		turnLive(false, part('forest'));
		const cancelled = turnLive(false, part('trend'));
		turnLive(false, part('table'));
		inTurn(() => log.push('restore starts'));
		await tasks(10);
		expect(log).toEqual(['restore starts']);
		cancelled();
		release(true);
		await vi.waitFor(() => expect(log).toContain('table'));
		expect(log).toEqual(['restore starts', 'forest', 'table']);
		expect(seen).toEqual([2, 3]);
	});

	it('a part asked once released turns live in its turn; a release given twice, or after a newer hold, does nothing', async () => {
		const log: string[] = [];
		const first = holdLive();
		first();
		turnLive(false, () => log.push('forest'));
		await vi.waitFor(() => expect(log).toEqual(['forest']));
		const second = holdLive();
		first(); // the old release leaves the newer hold in place
		turnLive(false, () => log.push('years'));
		await tasks(10);
		expect(log).toEqual(['forest']);
		second();
		second();
		await vi.waitFor(() => expect(log).toEqual(['forest', 'years']));
	});
});
