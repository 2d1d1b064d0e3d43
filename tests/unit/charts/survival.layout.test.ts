import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { survivalLayout } from '$lib/charts/survival/layout';
import { loadTable } from '$lib/data/load';
import { makeStudy } from '../study';
import { screenFrame } from '$lib/charts/shared/spec';

// Width 720: margin left 128 (labelMargin), right 64 → x range [128, 656].
// Largest median 76 → domain [0, 76].nice() = [0, 80], so x(v) = 128 + 6.6·v.
const studies = [
	makeStudy({ id: 'late', label: 'Late 2012', year: 2012, medianTreated: 76, medianControl: 70 }),
	makeStudy({ id: 'single', label: 'Single arm', year: 2008, medianTreated: 30 }),
	makeStudy({ id: 'none', label: 'None 2010', year: 2010 }),
	makeStudy({ id: 'early', label: 'Early 2005', year: 2005, medianTreated: 40, medianControl: 20 }),
	makeStudy({ id: 'control', label: 'Control arm', year: 2008, medianControl: 16 }),
	makeStudy({ id: 'worse', label: 'Worse 2003', year: 2003, medianTreated: 10, medianControl: 16 })
];

describe('survivalLayout', () => {
	const layout = survivalLayout({ studies }, {}, screenFrame(720));

	it('has the margins, height and zero line of a 720 px chart with five rows', () => {
		expect(layout.width).toBe(720);
		expect(layout.margin).toEqual({ top: 8, right: 64, bottom: 36, left: 128 });
		expect(layout.height).toBe(8 + 5 * 18 + 36);
		expect(layout.x0).toBe(128);
	});

	it('lists only the study with no median in either arm as missing', () => {
		expect(layout.missing.map((s) => s.id)).toEqual(['none']);
	});

	it.each([
		// id, y, treated, control, xTreated, xControl, gain
		['worse', 17, 10, 16, 194, 233.6, -6],
		['early', 35, 40, 20, 392, 260, 20],
		['control', 53, null, 16, null, 233.6, null],
		['single', 71, 30, null, 326, null, null],
		['late', 89, 76, 70, 629.6, 590, 6]
	] as const)('by year: %s at y %i', (id, y, treated, control, xTreated, xControl, gain) => {
		const index = layout.rows.findIndex((r) => r.id === id);
		const row = layout.rows[index];
		expect(index).toBe((y - 17) / 18);
		expect(row).toMatchObject({ id, y, treated, control, gain });
		if (xTreated === null) expect(row?.xTreated).toBeNull();
		else expect(row?.xTreated).toBeCloseTo(xTreated, 9);
		if (xControl === null) expect(row?.xControl).toBeNull();
		else expect(row?.xControl).toBeCloseTo(xControl, 9);
	});

	it('keeps labels with the rows', () => {
		expect(layout.rows.map((r) => r.label)).toEqual([
			'Worse 2003',
			'Early 2005',
			'Control arm',
			'Single arm',
			'Late 2012'
		]);
	});

	it('orders by gain, largest first, then studies without a gain by year and label', () => {
		const byGain = survivalLayout({ studies }, { order: 'gain' }, screenFrame(720));
		expect(byGain.rows.map((r) => [r.id, r.y, r.gain])).toEqual([
			['early', 17, 20],
			['late', 35, 6],
			['worse', 53, -6],
			['control', 71, null],
			['single', 89, null]
		]);
	});

	it('puts a tick every 10 months from 0 to 80 at 7 ticks’ worth of width', () => {
		expect(layout.ticks.map((t) => t.value)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
		const expected = [128, 194, 260, 326, 392, 458, 524, 590, 656];
		layout.ticks.forEach((t, i) => expect(t.x).toBeCloseTo(expected[i] ?? NaN, 9));
	});

	it.each([
		// width, left margin, ticks [value, x]
		[
			300,
			92,
			[
				[0, 92],
				[50, 182]
			]
		],
		[
			100,
			92,
			[
				[0, 92],
				[50, 117]
			]
		]
	] as const)('at width %i the label margin is %i and ticks are %j', (width, left, ticks) => {
		const narrow = survivalLayout({ studies }, {}, screenFrame(width));
		expect(narrow.margin.left).toBe(left);
		expect(narrow.x0).toBe(left);
		expect(narrow.ticks.map((t) => [t.value, t.x])).toEqual(ticks);
	});

	it('keeps a 12-month axis and no rows for no studies', () => {
		const empty = survivalLayout({ studies: [] }, {}, screenFrame(720));
		expect(empty.rows).toEqual([]);
		expect(empty.missing).toEqual([]);
		expect(empty.height).toBe(44);
		expect(empty.ticks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8, 10, 12]);
		const expected = [128, 216, 304, 392, 480, 568, 656];
		empty.ticks.forEach((t, i) => expect(t.x).toBeCloseTo(expected[i] ?? NaN, 9));
	});
});

describe('survivalLayout on the bundled dataset', () => {
	const csv = readFileSync('data/studies.csv', 'utf8');
	const { studies: bundled } = loadTable(csv, 'bundled');
	const reference = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
	const layout = survivalLayout({ studies: bundled }, {}, screenFrame(720));
	const hasMedian = (r: Record<string, string>) =>
		(r.median_os_surgery_months ?? '') !== '' || (r.median_os_no_surgery_months ?? '') !== '';
	// The bundled labels are "first_author year" (the validator appends the year).
	const labelOf = (r: Record<string, string>) => `${r.first_author} ${r.year}`;

	it('lists exactly the studies with no median in either arm as missing, in file order', () => {
		const expected = reference.filter((r) => !hasMedian(r)).map((r) => r.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(layout.missing.map((s) => s.id)).toEqual(expected);
		expect(layout.rows).toHaveLength(bundled.length - expected.length);
	});

	it('draws one row per other study, in publication order (year, then label)', () => {
		const expected = reference
			.filter(hasMedian)
			.sort((a, b) => Number(a.year) - Number(b.year) || labelOf(a).localeCompare(labelOf(b)))
			.map((r) => r.id);
		expect(layout.rows.map((r) => r.id)).toEqual(expected);
	});

	it('scales to the longest median, 78 months (Xiong 2018), on a 0–80 axis', () => {
		const xiong = layout.rows.find((r) => r.id === 'xiong-2018');
		expect(xiong?.xTreated).toBeCloseTo(642.8, 9);
		expect(xiong?.xControl).toBeCloseTo(372.2, 9);
		expect(xiong?.gain).toBe(41);
		expect(layout.ticks.at(-1)).toEqual({ value: 80, x: 656 });
	});
});

describe('survivalLayout lists only the studies in its view as missing', () => {
	const csv = readFileSync('data/studies.csv', 'utf8');
	const { studies: bundled } = loadTable(csv, 'bundled');
	const reference = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
	const designs = [...new Set(reference.map((r) => r.design ?? ''))];

	it.each(designs)('with only design "%s" active', (design) => {
		const rows = reference.filter((r) => (r.design ?? '') === design);
		const active = new Set(rows.map((r) => r.id ?? ''));
		const expected = rows
			.filter(
				(r) => (r.median_os_surgery_months ?? '') === '' && (r.median_os_no_surgery_months ?? '') === ''
			)
			.map((r) => r.id);
		expect(
			survivalLayout({ studies: bundled, active }, { order: 'year' }, screenFrame(720)).missing.map(
				(s) => s.id
			)
		).toEqual(expected);
	});
});
