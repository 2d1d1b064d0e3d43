import { describe, expect, it } from 'vitest';
import { setKey, StudySetCache } from '$lib/stats/memo';
import { makeStudy } from '../study';

const studies = Array.from({ length: 50 }, (_, i) => makeStudy({ id: `study-${i}` }));

describe('setKey', () => {
	it('is the same for a set in any order', () => {
		expect(setKey([...studies].reverse())).toBe(setKey(studies));
		expect(setKey([studies[3]!, studies[1]!])).toBe(setKey([studies[1]!, studies[3]!]));
	});
	it('differs when a study is added, left out or swapped for another', () => {
		const keys = new Set([
			setKey(studies),
			setKey(studies.slice(1)),
			setKey([...studies.slice(1), makeStudy({ id: 'other' })]),
			setKey([]),
			setKey([studies[0]!]),
			setKey([studies[1]!])
		]);
		expect(keys.size).toBe(6);
	});
});

describe('StudySetCache', () => {
	it('computes once for the same studies in another order, and again for other Study objects', () => {
		const cache = new StudySetCache<number>();
		let runs = 0;
		const compute = () => ++runs;
		expect(cache.get(studies, { m: 'REML' }, compute)).toBe(1);
		expect(cache.get([...studies].reverse(), { m: 'REML' }, compute)).toBe(1);
		expect(cache.get(studies, { m: 'DL' }, compute)).toBe(2);
		// A reloaded table reusing the ids: new objects, computed afresh.
		const reloaded = studies.map((s) => ({ ...s }));
		expect(cache.get(reloaded, { m: 'REML' }, compute)).toBe(3);
	});
});
