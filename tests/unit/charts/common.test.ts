import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	byYear,
	capRows,
	keepInView,
	fitLabel,
	textWidth,
	labelMargin,
	listLabels,
	logTicks,
	maxOf,
	minOf,
	rowsPass
} from '$lib/charts/common';
import { runPass, runPassInSlices } from '$lib/domain/pass';
import { makeStudy } from '../study';
import { Crossfilter } from '$lib/filters/engine';

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
		// Measured: a label that fits is never cut, however many characters it has.
		['Diaz de la Noval 2018', 124, 'Diaz de la Noval 2018'],
		['Hart & Sutherland 1977', 138, 'Hart & Sutherland 1977'],
		['abcdefghijk', 62, 'abcdefghijk'],
		// Too wide: cut, keeping the year.
		['Diaz de la Noval 2018', 62, 'Dia… 2018'],
		['Lopez-Tarruella 2019', 93, 'Lopez-Ta… 2019'],
		['Hart & Sutherland 1977', 116, 'Hart & Sutherl… 1977'],
		['Pons-Tostivint 2019', 10, 'P…'],
		['', 62, '']
	])('%s in %f px → %s', (label, px, expected) => {
		expect(fitLabel(label, px)).toBe(expected);
	});
	it('what it draws fits, and narrow letters fit more than wide ones', () => {
		for (const px of [40, 62, 93, 116, 138]) {
			const shown = fitLabel('Ruiterkamp Wolf Mannheim 2011', px);
			if (shown !== 'Ruiterkamp Wolf Mannheim 2011') expect(textWidth(shown)).toBeLessThanOrEqual(px);
		}
		expect(fitLabel('illi'.repeat(5), 60)).toBe('illi'.repeat(5));
		expect(fitLabel('WMWM'.repeat(2), 60)).not.toBe('WMWM'.repeat(2));
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

describe('capRows', () => {
	const items = [
		{ id: 'a', n: 5 },
		{ id: 'b', n: 50 },
		{ id: 'c', n: 500 },
		{ id: 'd', n: 1 },
		{ id: 'e', n: 20 }
	];
	it.each([
		[10, undefined, ['a', 'b', 'c', 'd', 'e'], 0],
		[2, undefined, ['b', 'c'], 3],
		[3, undefined, ['b', 'c', 'e'], 2],
		// Preferred (e.g. passing the filters) come first, then by score; kept in original order.
		[2, new Set(['d']), ['c', 'd'], 3],
		[2, new Set(['d', 'a']), ['a', 'd'], 3]
	] as const)('max %i, prefer %o → %o, %i hidden', (max, prefer, ids, hidden) => {
		const r = capRows(items, max, (i) => i.n, prefer);
		expect(r.kept.map((i) => i.id)).toEqual(ids);
		expect(r.hidden).toBe(hidden);
	});
	it('keeps exactly what a full sort would (preferred, then score, then the earlier item), in original order', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({ n: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(NaN)), p: fc.boolean() }),
					{
						maxLength: 60
					}
				),
				fc.integer({ min: 0, max: 20 }),
				(rows, max) => {
					const items = rows.map((r, i) => ({ id: `s${i}`, ...r }));
					const prefer = new Set(items.filter((i) => i.p).map((i) => i.id));
					const val = (n: number) => (Number.isNaN(n) ? -Infinity : n);
					const expected =
						items.length <= max
							? items
							: items
									.map((item, index) => ({ item, index }))
									.sort(
										(a, b) =>
											Number(b.item.p) - Number(a.item.p) ||
											(val(b.item.n) > val(a.item.n) ? 1 : val(b.item.n) < val(a.item.n) ? -1 : 0) ||
											a.index - b.index
									)
									.slice(0, max)
									.sort((a, b) => a.index - b.index)
									.map((r) => r.item);
					const r = capRows(items, max, (i) => i.n, prefer);
					expect(r.kept.map((i) => i.id)).toEqual(expected.map((i) => i.id));
					expect(r.hidden).toBe(items.length - expected.length);
				}
			)
		);
	});
});

describe('maxOf and minOf', () => {
	it('handle 200,000 values (a spread would overflow the stack)', () => {
		const values = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 100_003);
		expect(maxOf(values)).toBe(100_002);
		expect(minOf(values)).toBe(0);
	});
	it.each([
		[[], 5, 5],
		[[1, 2], 5, 5],
		[[1, 9], 5, 9]
	])('maxOf(%o, %i) = %i', (values, floor, expected) => expect(maxOf(values, floor)).toBe(expected));
	it.each([
		[[], 5, 5],
		[[7, 8], 5, 5],
		[[1, 9], 5, 1]
	])('minOf(%o, %i) = %i', (values, ceiling, expected) => expect(minOf(values, ceiling)).toBe(expected));
});

describe('listLabels', () => {
	const studies = Array.from({ length: 15 }, (_, i) => ({ label: `S${i + 1}` }));
	it.each([
		[studies.slice(0, 2), 12, 'S1, S2'],
		[studies, 3, 'S1, S2, S3 and 12 more'],
		[[], 12, '']
	])('%#', (list, max, expected) => expect(listLabels(list, max)).toBe(expected));
});

describe('keepInView', () => {
	const studies = [makeStudy({ id: 'a', design: 'rct' }), makeStudy({ id: 'b', design: 'registry' })];
	it('hands back the very array when the view admits every study (no pass over a million rows)', () => {
		const engine = new Crossfilter(studies);
		engine.update({});
		expect(keepInView(studies, engine.active('forest'))).toBe(studies);
	});
	it('keeps only the studies in a filtered view, or in a plain set', () => {
		const engine = new Crossfilter(studies);
		engine.update({ design: { kind: 'oneOf', field: 'design', values: ['rct'] } });
		expect(keepInView(studies, engine.active('forest')).map((s) => s.id)).toEqual(['a']);
		expect(keepInView(studies, new Set(['b'])).map((s) => s.id)).toEqual(['b']);
	});
});

describe("rowsPass: a chart's rows of a dataset in one pass, in slices or in one go", () => {
	it('keeps what filter + capRows keep, lists what the filter leaves, and slices change nothing', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						n: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant(null)),
						effect: fc.oneof(fc.constant(null), fc.double({ min: 0.1, max: 3, noNaN: true }))
					}),
					{ maxLength: 50 }
				),
				fc.integer({ min: 0, max: 8 }),
				fc.integer({ min: 1, max: 7 }),
				async (cells, max, slice) => {
					const studies = cells.map((c, i) => makeStudy({ id: `s${i}`, nTotal: c.n, effect: c.effect }));
					const has = (s: (typeof studies)[number]) => s.effect !== null;
					const score = (s: (typeof studies)[number]) => s.nTotal ?? 0;
					const pass = rowsPass('test rows', has, max, score);
					const sliced = await runPassInSlices(
						[...studies],
						pass,
						async () => {},
						() => true,
						slice
					);
					const whole = runPass(studies, pass);
					const expected = capRows(studies.filter(has), max, score);
					for (const got of [sliced!, whole]) {
						expect(got.kept.map((s) => s.id)).toEqual(expected.kept.map((s) => s.id));
						expect(got.hidden).toBe(expected.hidden);
						expect(got.lacking.map((s) => s.id)).toEqual(studies.filter((s) => !has(s)).map((s) => s.id));
					}
				}
			)
		);
	});
});
