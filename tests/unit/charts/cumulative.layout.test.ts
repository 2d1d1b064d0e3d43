import { describe, expect, it } from 'vitest';
import { cumulativeLayout } from '$lib/charts/cumulative/layout';
import type { CumulativePoint } from '$lib/stats/cumulative';
import { screenFrame } from '$lib/charts/shared/spec';

const point = (
	group: string,
	year: number,
	k: number,
	hr: number,
	lo: number,
	hi: number
): CumulativePoint => ({
	group,
	year,
	k,
	estimate: Math.log(hr),
	se: 0.1,
	ciLow: Math.log(lo),
	ciHigh: Math.log(hi),
	tau2: 0,
	added: ['x'],
	converged: true,
	safeguard: null
});
const points = [
	point('all', 2002, 1, 0.6, 0.5, 0.7),
	point('all', 2010, 3, 0.7, 0.6, 0.8),
	point('observational', 2002, 1, 0.6, 0.5, 0.7),
	point('randomised', 2010, 2, 0.9, 0.7, 1.2),
	point('other', 2010, 2, 5, 4, 6)
];
const groups = [
	{ key: 'all', label: 'All studies' },
	{ key: 'observational', label: 'Observational' },
	{ key: 'randomised', label: 'Randomised' }
];

describe('cumulativeLayout', () => {
	const layout = cumulativeLayout(
		{ points, groups, years: [2000, 2020], range: [2005, 2012] },
		{},
		screenFrame(800)
	);

	it('draws one series per group, in the order given, and nothing of other groups', () => {
		expect(layout.series.map((s) => [s.group, s.marks.map((m) => m.year)])).toEqual([
			['all', [2002, 2010]],
			['observational', [2002]],
			['randomised', [2010]]
		]);
	});

	it('gives each mark its ratio, interval and k, and places it by year and ratio', () => {
		const last = layout.series[0]?.marks[1];
		expect(last).toMatchObject({ group: 'all', year: 2010, k: 3 });
		expect(last?.estimate).toBeCloseTo(0.7, 12);
		expect(last?.ciLow).toBeCloseTo(0.6, 12);
		expect(last?.ciHigh).toBeCloseTo(0.8, 12);
		// Higher ratio → higher on the page (smaller y); the null line sits above every ratio below 1.
		const rct = layout.series[2]?.marks[0];
		expect(rct && last && rct.cy < last.cy).toBe(true);
		expect(last && layout.yNull < last.cy).toBe(true);
	});

	it('keeps the years axis of every loaded study and shades the brush range', () => {
		const x2000 =
			layout.margin.left + ((2000 - 1999) / (2021 - 1999)) * (800 - layout.margin.left - layout.margin.right);
		expect(layout.xTicks.find((t) => t.value === 2000)?.x).toBeCloseTo(x2000, 9);
		expect(layout.highlight?.years).toEqual([2005, 2012]);
		expect(layout.highlight && layout.highlight.x1 > layout.highlight.x0).toBe(true);
		expect(cumulativeLayout({ points, groups }, {}, screenFrame(800)).highlight).toBeNull();
	});

	it('lines and bands are paths, empty when a group has no point', () => {
		expect(layout.series[0]?.line).toMatch(/^M/);
		expect(layout.series[0]?.band).toMatch(/^M.*Z$/);
		const none = cumulativeLayout({ points: [], groups }, {}, screenFrame(400));
		expect(none.series.map((s) => s.marks.length)).toEqual([0, 0, 0]);
	});
});
