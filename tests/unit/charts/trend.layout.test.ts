import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { trendFitPaths, trendLayout, trendPlaced, type TrendFit } from '$lib/charts/trend/layout';
import { loadTable } from '$lib/data/load';
import { makeStudy } from '../study';
import { screenFrame } from '$lib/charts/shared/spec';

// Width 792: height 420, margin {16, 20, 40, 52}. Years within 2000–2010 → x domain [1999, 2011] on
// [52, 772], 60 px a year. Effects 1/9 and 100/11 → y domain [0.1, 10] on [380, 16]:
// y(v) = 380 − 182·(log10 v + 1). Cohorts up to 10 000 → radius 26·√(n / 10 000), at least 3.
const studies = [
	makeStudy({ id: 'p4', year: 2008, effect: 0.5, nTotal: 100, medianTreated: 30, medianControl: 27 }),
	makeStudy({ id: 'p3', year: 2008, effect: 100 / 11, medianTreated: 20, medianControl: 23 }),
	makeStudy({ id: 'p2', year: 2002, design: 'rct', effect: 1 / 9, nTotal: 2500, medianTreated: 40 }),
	makeStudy({ id: 'p5', year: null, effect: 0.7, nTotal: 300, medianTreated: 40, medianControl: 34 }),
	makeStudy({ id: 'p1', label: 'P one', year: 2005, design: 'registry', effect: 1, nTotal: 10000 }),
	makeStudy({ id: 'p6', year: 2006, medianTreated: 40, medianControl: 34 })
];

describe('trendLayout, effect against year', () => {
	const layout = trendLayout({ studies }, {}, screenFrame(792));

	it('has the fixed margins and a height of 0.55 × width within 260–420', () => {
		expect(layout.margin).toEqual({ top: 16, right: 20, bottom: 40, left: 52 });
		expect(layout.height).toBe(420);
	});

	it('places studies with a year and an effect, bigger bubbles first', () => {
		const expected = [
			// id, year, value, n, cx, cy, r
			['p1', 2005, 1, 10000, 412, 198, 26],
			['p2', 2002, 1 / 9, 2500, 232, 371.6722, 13],
			['p4', 2008, 0.5, 100, 592, 252.7875, 3],
			['p3', 2008, 100 / 11, null, 592, 23.5336, 3]
		] as const;
		expect(layout.points.map((p) => p.id)).toEqual(expected.map((e) => e[0]));
		layout.points.forEach((p, i) => {
			const [id, year, value, n, cx, cy, r] = expected[i] ?? [];
			expect(p).toMatchObject({ id, year, value, n });
			expect(p.cx).toBeCloseTo(cx ?? NaN, 9);
			expect(p.cy).toBeCloseTo(cy ?? NaN, 3);
			expect(p.r).toBeCloseTo(r ?? NaN, 9);
		});
		expect(layout.points[0]).toMatchObject({ label: 'P one', design: 'registry' });
	});

	it('lists studies without a year or an effect as missing, in table order', () => {
		expect(layout.missing.map((s) => s.id)).toEqual(['p5', 'p6']);
	});

	it('ticks the ratio axis at 1–2–5 steps plus 0.7 and 1.5, and draws the null line at 1', () => {
		expect(layout.yTicks.map((t) => t.value)).toEqual([0.1, 0.2, 0.5, 0.7, 1, 1.5, 2, 5, 10]);
		const expected = [380, 325.2125, 252.7875, 226.1922, 198, 165.9514, 143.2125, 70.7875, 16];
		layout.yTicks.forEach((t, i) => expect(t.y).toBeCloseTo(expected[i] ?? NaN, 3));
		expect(layout.yNull).toBeCloseTo(198, 9);
	});

	it('ticks the years every 5 years', () => {
		expect(layout.xTicks.map((t) => t.value)).toEqual([2000, 2005, 2010]);
		const expected = [112, 412, 712];
		layout.xTicks.forEach((t, i) => expect(t.x).toBeCloseTo(expected[i] ?? NaN, 9));
	});

	it('keeps the ratio axis at least 0.36–1.76 for effects near 1', () => {
		const near = trendLayout(
			{ studies: [makeStudy({ id: 'x', year: 2005, effect: 1 })] },
			{},
			screenFrame(792)
		);
		expect(near.yTicks.map((t) => t.value)).toEqual([0.5, 0.7, 1, 1.5]);
		expect(near.yTicks.at(0)?.y).toBeCloseTo(380 - (364 * Math.log(0.5 / 0.36)) / Math.log(1.76 / 0.36), 9);
	});
});

describe('trendLayout, survival gain against year', () => {
	// Gains 3, −3 and 6 months → y domain [−6, 6] on [380, 16], 30⅓ px a month, 0 at 198.
	// Only placed studies size the bubbles: the largest placed cohort is 100, so p4 gets the full 26 px.
	const layout = trendLayout({ studies }, { measure: 'gain' }, screenFrame(792));

	it('places studies with a year and both medians, bigger bubbles first', () => {
		expect(layout.points.map((p) => [p.id, p.value, p.n, p.r])).toEqual([
			['p4', 3, 100, 26],
			['p3', -3, null, 3],
			['p6', 6, null, 3]
		]);
		// Placed years 2006–2008, widened to a decade (2002–2012) and padded: x domain [2001, 2013], 60 px a year.
		const expected = [
			[472, 107],
			[472, 289],
			[352, 16]
		];
		layout.points.forEach((p, i) => {
			expect(p.cx).toBeCloseTo(expected[i]?.[0] ?? NaN, 9);
			expect(p.cy).toBeCloseTo(expected[i]?.[1] ?? NaN, 9);
		});
	});

	it('lists the rest as missing: no year, no median, one median', () => {
		expect(layout.missing.map((s) => s.id)).toEqual(['p2', 'p5', 'p1']);
	});

	it('ticks every 2 months with the null line at 0', () => {
		expect(layout.yTicks.map((t) => t.value)).toEqual([-6, -4, -2, 0, 2, 4, 6]);
		const expected = [380, 319.3333, 258.6667, 198, 137.3333, 76.6667, 16];
		layout.yTicks.forEach((t, i) => expect(t.y).toBeCloseTo(expected[i] ?? NaN, 3));
		expect(layout.yNull).toBe(198);
	});

	it('widens a nice domain for larger gains', () => {
		const big = trendLayout(
			{ studies: [makeStudy({ id: 'x', year: 2005, medianTreated: 30.3, medianControl: 20 })] },
			{ measure: 'gain' },
			screenFrame(792)
		);
		expect(big.yTicks.at(0)).toEqual({ value: -6, y: 380 });
		expect(big.yTicks.at(-1)).toEqual({ value: 12, y: 16 });
	});
});

describe('trendLayout sizes', () => {
	it.each([
		[300, 260],
		[600, 330],
		[700, 385],
		[764, 420],
		[1200, 420]
	])('width %i → height %i', (width, height) => {
		expect(trendLayout({ studies }, {}, screenFrame(width)).height).toBe(height);
	});

	it('on a narrow chart ticks every 10 years and caps bubbles at width / 28', () => {
		// Width 400: x range [52, 380], 27⅓ px a year.
		const narrow = trendLayout({ studies }, {}, screenFrame(400));
		expect(narrow.xTicks.map((t) => t.value)).toEqual([2000, 2010]);
		expect(narrow.xTicks[0]?.x).toBeCloseTo(79.3333, 3);
		expect(narrow.xTicks[1]?.x).toBeCloseTo(352.6667, 3);
		expect(narrow.points[0]?.r).toBeCloseTo(400 / 28, 9);
	});

	it('widens the year axis to the studies’ years', () => {
		const wide = trendLayout(
			{
				studies: [
					makeStudy({ id: 'a', year: 1995, effect: 1 }),
					makeStudy({ id: 'b', year: 2023, effect: 1 })
				]
			},
			{},
			screenFrame(792)
		);
		expect(wide.xTicks.map((t) => t.value)).toEqual([1995, 2000, 2005, 2010, 2015, 2020]);
		expect(wide.xTicks[0]?.x).toBeCloseTo(52 + 720 / 30, 9);
	});
});

describe('trendLayout lists only the studies in its view as missing', () => {
	const csv = readFileSync('data/studies.csv', 'utf8');
	const { studies: bundled } = loadTable(csv, 'bundled');
	const reference = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
	const designs = [...new Set(reference.map((r) => r.design ?? ''))];
	const none = (v: string | undefined) => (v ?? '') === '';

	it.each(designs)('with only design "%s" active', (design) => {
		const rows = reference.filter((r) => (r.design ?? '') === design);
		const active = new Set(rows.map((r) => r.id ?? ''));
		const noEffect = rows.filter((r) => none(r.year) || none(r.hr_os)).map((r) => r.id);
		const noGain = rows
			.filter((r) => none(r.year) || none(r.median_os_surgery_months) || none(r.median_os_no_surgery_months))
			.map((r) => r.id);
		expect(
			trendLayout({ studies: bundled, active }, { measure: 'effect' }, screenFrame(792)).missing.map(
				(s) => s.id
			)
		).toEqual(noEffect);
		expect(
			trendLayout({ studies: bundled, active }, { measure: 'gain' }, screenFrame(792)).missing.map(
				(s) => s.id
			)
		).toEqual(noGain);
	});
});

describe('trendLayout, meta-regression lines', () => {
	// Same scales as above: x(year) = 52 + 60·(year − 1999); y(v) = 380 − 182·(log10 v + 1), clamped to [16, 380].
	const fits = [
		{
			group: 'all',
			label: 'All',
			points: [
				{ year: 2002, estimate: 1, low: 0.1, high: 10 },
				{ year: 2008, estimate: 0.1, low: 0.01, high: 1 }
			]
		}
	];

	it('draws the fitted line and its band in pixels, clamped to the plot, with its label at the end', () => {
		const [f] = trendLayout({ studies, fits }, { measure: 'effect' }, screenFrame(792)).fits;
		expect(f?.line).toBe('M232.0,198.0L592.0,380.0');
		expect(f?.band).toBe('M232.0,16.0L592.0,198.0L592.0,380.0L232.0,380.0Z');
		expect(f?.label?.text).toBe('All');
		expect(f?.label?.x).toBeCloseTo(592, 9);
		expect(f?.label?.y).toBeCloseTo(374, 9);
	});

	it('draws none on the survival-gain axis', () => {
		expect(trendLayout({ studies, fits }, { measure: 'gain' }, screenFrame(792)).fits).toEqual([]);
	});

	it('a view change redraws the lines only: the points are placed once, the lines over the same scales', () => {
		const placed = trendPlaced(studies, 792, 'effect');
		const points = placed.layout.points;
		const other: TrendFit[] = [{ group: 'randomised', points: fits[0]?.points ?? [] }];
		// The fits of two views over one placement: the placed points are the very same objects.
		expect(trendFitPaths(placed, fits)).toEqual(
			trendLayout({ studies, fits }, { measure: 'effect' }, screenFrame(792)).fits
		);
		expect(trendFitPaths(placed, other)[0]?.line).toBe('M232.0,198.0L592.0,380.0');
		expect(placed.layout.points).toBe(points);
		expect(placed.layout.fits).toEqual([]);
	});
});
