import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cohortLayout } from '$lib/charts/cohort/layout';
import { loadTable } from '$lib/data/load';
import type { Study } from '$lib/types';
import { makeStudy } from '../study';
import { screenFrame } from '$lib/charts/shared/spec';

// Width 800: margin left 128, right 16 → x range [128, 784]. Counts up to 1000 → domain [10, 1000],
// two decades of 328 px: x(v) = 128 + 328·(log10 v − 1).
const studies = [
	makeStudy({ id: 'a', label: 'A 2010', year: 2010, nTotal: 1000, nTreated: 400, nControl: 600 }),
	makeStudy({ id: 'b', label: 'B 2005', year: 2005, nTotal: 100 }),
	makeStudy({ id: 'c', label: 'C 2012', year: 2012, nTreated: 0, nControl: 50 }),
	makeStudy({ id: 'd', label: 'D 2008', year: 2008 })
];

describe('cohortLayout', () => {
	const layout = cohortLayout({ studies }, {}, screenFrame(800));

	it('has the margins and height of an 800 px chart with three rows', () => {
		expect(layout.margin).toEqual({ top: 8, right: 16, bottom: 36, left: 128 });
		expect(layout.width).toBe(800);
		expect(layout.height).toBe(8 + 3 * 18 + 36);
	});

	it('lists the study with no count at all as missing', () => {
		expect(layout.missing.map((s) => s.id)).toEqual(['d']);
	});

	it.each([
		// id, y, total, treated, control, xTotal, xTreated, xControl
		['b', 17, 100, null, null, 456, null, null],
		['a', 35, 1000, 400, 600, 784, 653.4757, 711.2336],
		// a count of 0 sits at the axis start
		['c', 53, null, 0, 50, null, 128, 357.2622]
	] as const)('row %s at y %i', (id, y, total, treated, control, xTotal, xTreated, xControl) => {
		const index = layout.rows.findIndex((r) => r.id === id);
		const row = layout.rows[index];
		expect(index).toBe((y - 17) / 18);
		expect(row).toMatchObject({ id, y, total, treated, control });
		const check = (actual: number | null | undefined, expected: number | null) => {
			if (expected === null) expect(actual).toBeNull();
			else expect(actual).toBeCloseTo(expected, 3);
		};
		check(row?.xTotal, xTotal);
		check(row?.xTreated, xTreated);
		check(row?.xControl, xControl);
	});

	it('ticks at 1–3 steps across the domain when the plot is at least 300 px wide', () => {
		expect(layout.ticks.map((t) => t.value)).toEqual([10, 30, 100, 300, 1000]);
		const expected = [128, 284.4958, 456, 612.4958, 784];
		layout.ticks.forEach((t, i) => expect(t.x).toBeCloseTo(expected[i] ?? NaN, 3));
	});

	it('ticks at powers of ten only on a narrow plot', () => {
		// Width 400: margin left 92, plot 292 px → range [92, 384], 146 px per decade.
		const narrow = cohortLayout({ studies }, {}, screenFrame(400));
		expect(narrow.ticks.map((t) => t.value)).toEqual([10, 100, 1000]);
		const expected = [92, 238, 384];
		narrow.ticks.forEach((t, i) => expect(t.x).toBeCloseTo(expected[i] ?? NaN, 9));
	});

	const withCounts = (...counts: number[]): Study[] =>
		counts.map((n, i) => makeStudy({ id: `s${i}`, year: 2000 + i, nTotal: n }));

	it.each<[string, Study[], number, number]>([
		['no studies: the default 10–100', [], 10, 100],
		['small cohorts stay within 10–100', withCounts(20, 90), 10, 100],
		['an exact power of ten ends the domain', withCounts(1000), 10, 1000],
		['one more reaches the next decade', withCounts(1001), 10, 10000],
		['the bundled extremes', withCounts(20, 24015), 10, 100000],
		['a cohort under 10 opens the first decade', withCounts(5, 50), 1, 100]
	])('domain for %s: %i to %i, drawn edge to edge', (_, input, d0, d1) => {
		const { ticks } = cohortLayout({ studies: input }, {}, screenFrame(800));
		expect(ticks.at(0)).toEqual({ value: d0, x: 128 });
		expect(ticks.at(-1)?.value).toBe(d1);
		expect(ticks.at(-1)?.x).toBeCloseTo(784, 9);
	});
});

describe('cohortLayout on the bundled dataset', () => {
	const { studies: bundled } = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled');
	const layout = cohortLayout({ studies: bundled }, {}, screenFrame(800));

	it('spans 10 to 100 000 patients, covering Carmichael 2003 (20) to Lane 2017 (24 015)', () => {
		expect(layout.ticks.at(0)).toEqual({ value: 10, x: 128 });
		expect(layout.ticks.at(-1)?.value).toBe(100000);
		expect(layout.ticks.at(-1)?.x).toBeCloseTo(784, 9);
		// Four decades of 164 px: x(v) = 128 + 164·(log10 v − 1).
		expect(layout.rows.find((r) => r.id === 'carmichael-2003')?.xTotal).toBeCloseTo(177.369, 3);
		expect(layout.rows.find((r) => r.id === 'lane-2017')?.xTotal).toBeCloseTo(682.399, 3);
	});

	it('lists the studies without any count as missing', () => {
		const none = bundled.filter((s) => s.nTotal === null && s.nTreated === null && s.nControl === null);
		expect(none.map((s) => s.id)).toEqual(['rao-2008', 'nguyen-2012']);
		expect(layout.missing.map((s) => s.id)).toEqual(none.map((s) => s.id));
		expect(layout.rows).toHaveLength(bundled.length - none.length);
	});

	it('draws every count inside the axis', () => {
		const xs = layout.rows.flatMap((r) => [r.xTotal, r.xTreated, r.xControl]).filter((x) => x !== null);
		expect(Math.min(...xs)).toBeGreaterThan(128);
		expect(Math.max(...xs)).toBeLessThan(784);
	});
});

describe('cohortLayout lists only the studies in its view as missing', () => {
	const csv = readFileSync('data/studies.csv', 'utf8');
	const { studies: bundled } = loadTable(csv, 'bundled');
	const reference = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
	const designs = [...new Set(reference.map((r) => r.design ?? ''))];

	it.each(designs)('with only design "%s" active', (design) => {
		const rows = reference.filter((r) => (r.design ?? '') === design);
		const active = new Set(rows.map((r) => r.id ?? ''));
		const none = (v: string | undefined) => (v ?? '') === '';
		const expected = rows
			.filter((r) => none(r.n_total) && none(r.n_surgery) && none(r.n_no_surgery))
			.map((r) => r.id);
		expect(cohortLayout({ studies: bundled, active }, {}, screenFrame(800)).missing.map((s) => s.id)).toEqual(
			expected
		);
	});
});
