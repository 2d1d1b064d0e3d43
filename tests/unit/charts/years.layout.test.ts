import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brushToYears, yearsLayout, yearsToBrush } from '$lib/charts/years/layout';
import { makeStudy } from '../study';
import { screenFrame } from '$lib/charts/shared/spec';

// Width 720: margin left 128, right 16 → x range [128, 704]. Years 2003–2008 → domain [2002, 2010]:
// 8 years of 72 px, x(y) = 128 + 72·(y − 2002).
const studies = [
	makeStudy({ id: 'a', label: 'A 2005', year: 2005, accrualStart: 2003, accrualEnd: 2004 }),
	makeStudy({ id: 'b', label: 'B 2008', year: 2008, accrualStart: 2006 }),
	makeStudy({ id: 'c', label: 'C 2004', year: 2004, accrualEnd: 2003 }),
	makeStudy({ id: 'd', label: 'D' })
];
const layout = yearsLayout({ studies }, {}, screenFrame(720));

describe('yearsLayout', () => {
	it('has one row per study, unknown years included, and the matching height', () => {
		expect(layout.margin).toEqual({ top: 8, right: 16, bottom: 36, left: 128 });
		expect(layout.height).toBe(8 + 4 * 18 + 36);
		expect(layout.x.domain()).toEqual([2002, 2010]);
		expect(layout.x.range()).toEqual([128, 704]);
	});

	it.each([
		// id, y, bar [x0, x1], xPublished
		['c', 17, [200, 272], 308],
		['a', 35, [200, 344], 380],
		['b', 53, [416, 488], 596],
		['d', 71, null, null]
	] as const)('row %s at y %i: accrual bar %j, publication mark at %s', (id, y, bar, xPublished) => {
		const index = layout.rows.findIndex((r) => r.id === id);
		const row = layout.rows[index];
		expect(index).toBe((y - 17) / 18);
		expect(row?.y).toBe(y);
		if (bar === null) expect(row?.bar).toBeNull();
		else {
			expect(row?.bar?.x0).toBeCloseTo(bar[0], 9);
			expect(row?.bar?.x1).toBeCloseTo(bar[1], 9);
		}
		if (xPublished === null) expect(row?.xPublished).toBeNull();
		else expect(row?.xPublished).toBeCloseTo(xPublished, 9);
	});

	it('keeps the reported years as they are', () => {
		expect(layout.rows.map((r) => [r.id, r.year, r.accrualStart, r.accrualEnd])).toEqual([
			['c', 2004, null, 2003],
			['a', 2005, 2003, 2004],
			['b', 2008, 2006, null],
			['d', null, null, null]
		]);
	});

	it.each([
		// width, tick values, tick x
		[720, [2002, 2004, 2006, 2008, 2010], [128, 272, 416, 560, 704]],
		// plot 292 px → every 5 years on [92, 384], 36.5 px a year
		[400, [2005, 2010], [201.5, 384]],
		// plot 192 px → every 10 years on [92, 284]
		[300, [2010], [284]]
	])('width %i: ticks %j', (width, values, xs) => {
		const { ticks } = yearsLayout({ studies }, {}, screenFrame(width));
		expect(ticks.map((t) => t.value)).toEqual(values);
		ticks.forEach((t, i) => expect(t.x).toBeCloseTo(xs[i] ?? NaN, 9));
	});

	it('falls back to 1999–2002 with no years at all', () => {
		const empty = yearsLayout({ studies: [makeStudy({ id: 'x' })] }, {}, screenFrame(720));
		expect(empty.x.domain()).toEqual([1999, 2002]);
		expect(empty.rows.map((r) => [r.id, r.bar, r.xPublished])).toEqual([['x', null, null]]);
		expect(yearsLayout({ studies: [] }, {}, screenFrame(720)).height).toBe(44);
	});
});

describe('brushToYears', () => {
	const { x } = layout;
	it.each<[string, number, number, [number, number] | null]>([
		['whole columns 2003–2005', 200, 416, [2003, 2005]],
		['the same, dragged right to left', 416, 200, [2003, 2005]],
		['from the middle of 2003 to the middle of 2005', 236, 380, [2003, 2005]],
		['just past the middle of 2003 to just short of the middle of 2005', 243.2, 372.8, [2004, 2004]],
		['the whole axis', 128, 704, [2002, 2009]],
		['a tenth to four tenths of 2004', 279.2, 300.8, null],
		['0.6 of 2004 to 0.4 of 2005: no middle covered', 315.2, 372.8, null],
		['the first 45% of 2004', 272, 304.4, null],
		['the last 45% of 2004', 311.6, 344, null]
	])('%s → %j', (_, px0, px1, expected) => {
		expect(brushToYears(x, px0, px1)).toEqual(expected);
	});
});

describe('yearsToBrush', () => {
	it.each<[number, number, [number, number]]>([
		[2003, 2005, [200, 416]],
		[2004, 2004, [272, 344]],
		[2002, 2009, [128, 704]]
	])('%i–%i → %j px', (first, last, expected) => {
		const [px0, px1] = yearsToBrush(layout.x, first, last);
		expect(px0).toBeCloseTo(expected[0], 9);
		expect(px1).toBeCloseTo(expected[1], 9);
	});

	it.each([
		[2003, 2003],
		[2002, 2009],
		[2004, 2007],
		[2008, 2008]
	])('%i–%i survives yearsToBrush then brushToYears', (first, last) => {
		const [px0, px1] = yearsToBrush(layout.x, first, last);
		expect(brushToYears(layout.x, px0, px1)).toEqual([first, last]);
	});

	it('round-trips every inclusive range at any width', () => {
		const bundledLike = [
			makeStudy({ id: 'a', year: 2002, accrualStart: 1962 }),
			makeStudy({ id: 'b', year: 2025 })
		];
		fc.assert(
			fc.property(
				fc.integer({ min: 200, max: 2000 }),
				fc.integer({ min: 1961, max: 2026 }),
				fc.integer({ min: 0, max: 65 }),
				(width, first, span) => {
					const last = Math.min(first + span, 2026);
					const { x } = yearsLayout({ studies: bundledLike }, {}, screenFrame(width));
					const [px0, px1] = yearsToBrush(x, first, last);
					expect(brushToYears(x, px0, px1)).toEqual([first, last]);
				}
			)
		);
	});
});
