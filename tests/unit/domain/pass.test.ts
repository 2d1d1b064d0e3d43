import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { passDone, runPass, runPassInSlices, type Pass } from '$lib/domain/pass';
import { DESIGNS, designCounts, designsOf } from '$lib/domain/design';
import { countPatients, supersededBy } from '$lib/domain/reports';
import { makeStudy } from '../study';

/** A pass that records every item it steps over (so a test sees each item is taken once, in order). */
function recorder(): Pass<number, number[], number[]> & { starts: number } {
	const pass = {
		name: 'record',
		starts: 0,
		start() {
			pass.starts++;
			return [] as number[];
		},
		step: (acc: number[], item: number) => void acc.push(item),
		finish: (acc: number[]) => acc
	};
	return pass;
}

describe('runPass: one pass per array', () => {
	it('works a result out once per array, and again for another array with the same items', () => {
		const pass = recorder();
		const items = [3, 1, 2];
		expect(runPass(items, pass)).toEqual([3, 1, 2]);
		expect(runPass(items, pass)).toBe(runPass(items, pass));
		expect(pass.starts).toBe(1);
		expect(passDone(items, pass)).toBe(true);
		expect(passDone([...items], pass)).toBe(false);
		runPass([...items], pass);
		expect(pass.starts).toBe(2);
	});
});

describe('runPassInSlices: the same result, a slice per task', () => {
	it('gives what one go gives, for any items and slice size, and fills the cache one go reads', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.integer(), { maxLength: 40 }),
				fc.integer({ min: 1, max: 9 }),
				async (items, slice) => {
					const pass = recorder();
					let pauses = 0;
					const pause = async () => void pauses++;
					const sliced = await runPassInSlices(items, pass, pause, () => true, slice);
					expect(sliced).toEqual(items);
					expect(pauses).toBe(Math.max(0, Math.ceil(items.length / slice) - 1));
					expect(runPass(items, pass)).toBe(sliced);
					expect(pass.starts).toBe(1);
				}
			)
		);
	});

	it('ends a slice early once it has run its time (a slow step), and still gives what one go gives', async () => {
		const items = Array.from({ length: 12_000 }, (_, i) => i);
		let stepped = 0;
		const pass: Pass<number, number[], number[]> = {
			name: 'record',
			start: () => [],
			step: (acc, item) => void (acc.push(item), stepped++),
			finish: (acc) => acc
		};
		// A clock that moves 5 ms each time it is read: at a slice's start, then after every 1,024 items.
		let t = 0;
		const clock = () => (t += 5);
		const slices: number[] = [];
		const pause = async () => void slices.push(stepped - slices.reduce((a, b) => a + b, 0));
		const sliced = await runPassInSlices(items, pass, pause, () => true, 50_000, clock, 20);
		expect(sliced).toEqual(items);
		// Over 20 ms after the fifth reading past the start: 5 × 1,024 items a slice, the rest in the last.
		expect(slices).toEqual([5 * 1024, 5 * 1024]);
		expect(runPass(items, pass)).toBe(sliced);
	});

	it('stops between slices when no longer live, and leaves nothing in the cache', async () => {
		const pass = recorder();
		const items = [1, 2, 3, 4, 5, 6];
		let live = true;
		const pause = async () => {
			live = false; // a newer table came during the first pause
		};
		expect(await runPassInSlices(items, pass, pause, () => live, 2)).toBeNull();
		expect(passDone(items, pass)).toBe(false);
	});

	it('takes the result worked out in one go meanwhile (a chart drawn early asked for it)', async () => {
		const pass = recorder();
		const items = [1, 2, 3, 4];
		const pause = async () => void runPass(items, pass);
		const sliced = await runPassInSlices(items, pass, pause, () => true, 2);
		expect(sliced).toBe(runPass(items, pass));
		expect(sliced).toEqual(items);
	});
});

describe('the dataset passes read in slices are those read in one go', () => {
	const studies = [
		makeStudy({ id: 'a', design: 'rct', nTotal: 100 }),
		makeStudy({ id: 'b', design: null, nTotal: 50 }),
		makeStudy({ id: 'c', design: 'registry', nTotal: 30, supersedes: 'e' }),
		makeStudy({ id: 'd', design: 'rct', nTotal: null }),
		makeStudy({ id: 'e', design: 'registry', nTotal: 20 }),
		makeStudy({ id: 'f', design: 'registry', nTotal: 7, supersedes: 'zz' })
	];
	it('designs and their counts', async () => {
		const copy = [...studies];
		const sliced = await runPassInSlices(
			copy,
			DESIGNS,
			async () => {},
			() => true,
			2
		);
		expect(sliced?.list).toEqual(designsOf([...studies]));
		expect(designCounts(copy)).toEqual({ rct: 2, 'not-reported': 1, registry: 3 });
	});
	it('later reports (a name of no loaded row is ignored) and patients counted once', () => {
		expect([...supersededBy(studies)].map(([id, by]) => [id, by.id])).toEqual([['e', 'c']]);
		expect(countPatients(studies)).toEqual({
			reports: 6,
			studies: 5,
			patients: 187,
			anyReported: true,
			overlapping: []
		});
		expect(countPatients(studies, [{ name: 'Registry X', ids: ['c', 'e', 'f'] }]).overlapping).toEqual([
			'Registry X'
		]);
		expect(countPatients(studies, [{ name: 'Registry Y', ids: ['e', 'd'] }]).overlapping).toEqual([]);
	});
});
