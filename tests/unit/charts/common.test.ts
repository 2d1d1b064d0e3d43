import { describe, expect, it } from 'vitest';
import { byYear, fitLabel, labelMargin, logTicks } from '$lib/charts/common';
import { makeStudy } from './study';

describe('labelMargin', () => {
	it.each([
		[320, 92],
		[479, 92],
		[480, 128],
		[899, 128],
		[900, 150],
		[1600, 150]
	])('width %i → %i px', (width, expected) => {
		expect(labelMargin(width)).toBe(expected);
	});
});

describe('byYear', () => {
	it('orders by year, then label, unknown years last', () => {
		const studies = [
			makeStudy({ id: 'u', label: 'Aardvark', year: null }),
			makeStudy({ id: 'b', label: 'Beta 2010', year: 2010 }),
			makeStudy({ id: 'z', label: 'Zed 2002', year: 2002 }),
			makeStudy({ id: 'v', label: 'Vole', year: null }),
			makeStudy({ id: 'a', label: 'Alpha 2010', year: 2010 })
		];
		expect(studies.sort(byYear).map((s) => s.id)).toEqual(['z', 'a', 'b', 'u', 'v']);
	});

	it.each([
		[2002, 2010, -8],
		[2010, 2002, 8],
		[2010, null, -7989]
	])('%s vs %s → %i', (a, b, expected) => {
		expect(
			byYear(makeStudy({ id: 'a', label: 'Same', year: a }), makeStudy({ id: 'b', label: 'Same', year: b }))
		).toBe(expected);
	});

	it('is 0 for the same year and label', () => {
		expect(byYear(makeStudy({ id: 'a', year: 2002 }), makeStudy({ id: 'a', year: 2002 }))).toBe(0);
	});
});

describe('fitLabel', () => {
	it.each([
		['Khan 2002', 150, 'Khan 2002'],
		['Diaz de la Noval 2018', 62, 'Diaz de l…'],
		['abcdefghij', 62, 'abcdefghij'],
		['abcdefghijk', 62, 'abcdefghi…'],
		['abcdefghij', 61.9, 'abcdefgh…'],
		['Pons-Tostivint 2019', 10, 'Pon…'],
		['abcd', 0, 'abcd'],
		['', 62, '']
	])('%s in %f px → %s', (label, px, expected) => {
		expect(fitLabel(label, px)).toBe(expected);
	});
});

describe('logTicks', () => {
	it.each<[number, number, number[] | undefined, number[]]>([
		[0.1, 10, undefined, [0.1, 0.2, 0.5, 1, 2, 5, 10]],
		[0.1001, 9.99, undefined, [0.1, 0.2, 0.5, 1, 2, 5]],
		[0.0999, 10.01, undefined, [0.1, 0.2, 0.5, 1, 2, 5, 10]],
		// Fewer than three 1–2–5 ticks: finer steps are used.
		[0.36, 1.76, undefined, [0.5, 0.7, 1]],
		[0.45, 2.2, [1, 2, 5], [0.5, 1, 2]],
		[0.018, 55, [1, 2, 5], [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]],
		[10, 100000, [1, 3], [10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000]],
		[10, 100000, [1], [10, 100, 1000, 10000, 100000]],
		[0.1, 10, [1], [0.1, 1, 10]],
		[3, 4, undefined, [3, 4]],
		[0, 10, undefined, []],
		[-1, 10, undefined, []]
	])('[%f, %f] steps %j → %j', (min, max, steps, expected) => {
		expect(logTicks(min, max, steps)).toEqual(expected);
	});
});
