import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { forestLayout, type ForestRow, type PooledEstimate } from '$lib/charts/forest/layout';
import { loadTable } from '$lib/data/load';
import type { Study } from '$lib/types';
import { makeStudy } from '../study';
import { screenFrame } from '$lib/charts/shared/spec';

// Width 800: text shown, margin left 128, right 150 → x range [128, 650]. The smallest bound 1/9 and the
// largest 100/11 give the domain [1/9 · 0.9, 100/11 · 1.1] = [0.1, 10], so x(v) = 128 + 261·(log10 v + 1).
const studies = [
	makeStudy({
		id: 'r1',
		label: 'Reg 2010',
		year: 2010,
		design: 'registry',
		effect: 0.5,
		ciLow: 1 / 9,
		ciHigh: 1
	}),
	makeStudy({
		id: 't1',
		label: 'Trial 2015',
		year: 2015,
		design: 'rct',
		effect: 2,
		ciLow: 1,
		ciHigh: 100 / 11
	}),
	makeStudy({ id: 'n1', label: 'Unknown 2012', year: 2012, effect: 0.8 }),
	makeStudy({ id: 'm', label: 'No effect', year: 2011, design: 'registry' }),
	makeStudy({
		id: 'r2',
		label: 'Reg 2005',
		year: 2005,
		design: 'registry',
		effect: 1,
		ciLow: 0.5,
		ciHigh: 2,
		ciLevel: 0.95
	})
];
const weights = new Map([
	['r1', 1],
	['r2', 4],
	['t1', 1]
]);
const estimate = (
	group: string,
	k: number,
	est: number,
	lo: number,
	hi: number,
	pi: [number, number] | null = null
) =>
	({
		group,
		label: `Pooled (k=${k})`,
		k,
		estimate: est,
		ciLow: lo,
		ciHigh: hi,
		piLow: pi?.[0] ?? null,
		piHigh: pi?.[1] ?? null
	}) satisfies PooledEstimate;
const registry = estimate('registry', 2, 0.7, 0.5, 1);
const overall = estimate('all', 3, 0.8, 0.5, 1.25, [0.2, 5]);

const kinds = (rows: ForestRow[]) =>
	rows.map((r) => [r.kind, r.kind === 'study' ? r.id : r.key, r.y] as const);

describe('forestLayout', () => {
	const layout = forestLayout({ studies, weights, pooled: [overall, registry] }, {}, screenFrame(800));

	it('groups rows by design in designInfo order, a diamond per group when there are several, the overall last', () => {
		expect(kinds(layout.rows)).toEqual([
			['header', 'registry', 17],
			['study', 'r2', 35],
			['study', 'r1', 53],
			['pooled', 'registry', 71],
			['header', 'rct', 95],
			['study', 't1', 113],
			['header', 'not-reported', 137],
			['study', 'n1', 155],
			['pooled', 'all', 185]
		]);
		expect(layout.rows.filter((r) => r.kind === 'header').map((r) => r.label)).toEqual([
			'Registry',
			'Randomised trial',
			'Design not reported'
		]);
		expect(layout.height).toBe(203 - 9 + 52);
	});

	it('has the margins of a wide chart with text, and lists studies without an effect as missing', () => {
		expect(layout.showText).toBe(true);
		expect(layout.margin).toEqual({ top: 8, right: 150, bottom: 52, left: 128 });
		expect(layout.missing.map((s) => s.id)).toEqual(['m']);
		expect(layout.xNull).toBeCloseTo(389, 9);
	});

	it.each([
		// id, x, x0, x1, size, pooled
		['r2', 389, 310.431, 467.569, 7.5, true],
		['r1', 310.431, 139.9427, 389, 5, true],
		['t1', 467.569, 389, 639.1964, 5, true],
		// no weight: small and hollow; no interval: no whiskers
		['n1', 363.7065, null, null, 3, false]
	] as const)('study %s: x %f, interval %s–%s, size %f, pooled %s', (id, x, x0, x1, size, pooled) => {
		const row = layout.rows.find((r) => r.kind === 'study' && r.id === id);
		if (row?.kind !== 'study') throw new Error(`no row for ${id}`);
		expect(row.x).toBeCloseTo(x, 3);
		if (x0 === null) expect(row.x0).toBeNull();
		else expect(row.x0).toBeCloseTo(x0, 3);
		if (x1 === null) expect(row.x1).toBeNull();
		else expect(row.x1).toBeCloseTo(x1, 3);
		expect(row.size).toBeCloseTo(size, 9);
		expect(row.pooled).toBe(pooled);
		expect([row.clippedLow, row.clippedHigh]).toEqual([false, false]);
	});

	it('carries the study’s own numbers', () => {
		expect(layout.rows[1]).toMatchObject({
			label: 'Reg 2005',
			effect: 1,
			ciLow: 0.5,
			ciHigh: 2,
			ciLevel: 0.95
		});
	});

	it.each([
		['registry', registry, 348.5706, 310.431, 389, null],
		['all', overall, 363.7065, 310.431, 414.2935, [206.569, 571.431]]
	] as const)('diamond %s', (key, est, x, x0, x1, pi) => {
		const row = layout.rows.find((r) => r.kind === 'pooled' && r.key === key);
		if (row?.kind !== 'pooled') throw new Error(`no diamond for ${key}`);
		expect(row.estimate).toBe(est);
		expect(row.label).toBe(est.label);
		expect(row.x).toBeCloseTo(x, 3);
		expect(row.x0).toBeCloseTo(x0, 3);
		expect(row.x1).toBeCloseTo(x1, 3);
		if (pi === null) expect(row.pi).toBeNull();
		else {
			expect(row.pi?.x0).toBeCloseTo(pi[0], 3);
			expect(row.pi?.x1).toBeCloseTo(pi[1], 3);
		}
	});

	it('ticks at 1–2–5 steps over [0.1, 10]', () => {
		expect(layout.ticks.map((t) => t.value)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
		const expected = [128, 206.569, 310.431, 389, 467.569, 571.431, 650];
		layout.ticks.forEach((t, i) => expect(t.x).toBeCloseTo(expected[i] ?? NaN, 3));
	});

	it.each([
		// width, showText, margin right, ticks
		[560, true, 150, [0.1, 0.2, 0.5, 1, 2, 5, 10]],
		[559, false, 12, [0.1, 0.2, 0.5, 1, 2, 5, 10]],
		// margin left 92, right 12: a plot of 196 px keeps powers of ten only
		[300, false, 12, [0.1, 1, 10]]
	] as const)('width %i: text %s, right margin %i, ticks %j', (width, showText, right, ticks) => {
		const narrow = forestLayout({ studies, weights, pooled: [overall, registry] }, {}, screenFrame(width));
		expect(narrow.showText).toBe(showText);
		expect(narrow.margin.right).toBe(right);
		expect(narrow.ticks.map((t) => t.value)).toEqual(ticks);
	});

	it('draws no subgroup diamond when there is only one group', () => {
		const registryOnly = studies.filter((s) => s.design === 'registry');
		const single = forestLayout(
			{ studies: registryOnly, weights, pooled: [overall, registry] },
			{},
			screenFrame(800)
		);
		expect(kinds(single.rows)).toEqual([
			['header', 'registry', 17],
			['study', 'r2', 35],
			['study', 'r1', 53],
			['pooled', 'all', 83]
		]);
		expect(single.height).toBe(101 - 9 + 52);
	});

	it('draws no overall diamond when none is given', () => {
		const bare = forestLayout({ studies, weights, pooled: [registry] }, {}, screenFrame(800));
		expect(bare.rows.at(-1)).toMatchObject({ kind: 'study', id: 'n1', y: 155 });
		expect(
			bare.rows.filter((r) => r.kind === 'pooled').map((r) => (r.kind === 'pooled' ? r.key : ''))
		).toEqual(['registry']);
		expect(bare.height).toBe(179 - 9 + 52);
	});

	it('draws every study hollow and small without weights', () => {
		const hollow = forestLayout({ studies, weights: new Map(), pooled: [] }, {}, screenFrame(800));
		const marks = hollow.rows.flatMap((r) => (r.kind === 'study' ? [[r.id, r.size, r.pooled]] : []));
		expect(marks).toEqual([
			['r2', 3, false],
			['r1', 3, false],
			['t1', 3, false],
			['n1', 3, false]
		]);
	});

	it('orders design groups as designInfo does, custom designs between trials and not reported', () => {
		const designs = [
			null,
			'phase-2',
			'rct',
			'prospective',
			'multi-institution',
			'single-institution',
			'registry'
		];
		const mixed = designs.map((design, i) =>
			makeStudy({ id: `s${i}`, year: 2000 + i, design, effect: 0.8, ciLow: 0.6, ciHigh: 1.1 })
		);
		const headers = forestLayout(
			{ studies: mixed, weights: new Map(), pooled: [] },
			{},
			screenFrame(800)
		).rows.flatMap((r) => (r.kind === 'header' ? [[r.key, r.label]] : []));
		expect(headers).toEqual([
			['registry', 'Registry'],
			['single-institution', 'Single institution'],
			['multi-institution', 'Multi-institution'],
			['prospective', 'Prospective cohort'],
			['rct', 'Randomised trial'],
			['phase-2', 'phase 2'],
			['not-reported', 'Design not reported']
		]);
	});
});

describe('forestLayout clipping', () => {
	// Bounds beyond [0.02, 50] widen the domain only to [0.018, 55]; wider intervals are clipped.
	const clip = (ciLow: number, ciHigh: number): Study =>
		makeStudy({ id: 'c', year: 2010, design: 'rct', effect: 0.9, ciLow, ciHigh });

	it.each([
		// ciLow, ciHigh, clippedLow, clippedHigh
		[0.01, 60, true, true],
		[0.017, 56, true, true],
		[0.02, 50, false, false],
		[0.01, 2, true, false],
		[0.5, 60, false, true]
	])('interval %f–%f: clipped low %s, high %s', (ciLow, ciHigh, low, high) => {
		const layout = forestLayout(
			{ studies: [clip(ciLow, ciHigh)], weights: new Map(), pooled: [] },
			{},
			screenFrame(800)
		);
		const row = layout.rows.find((r) => r.kind === 'study');
		if (row?.kind !== 'study') throw new Error('no study row');
		expect([row.clippedLow, row.clippedHigh]).toEqual([low, high]);
		if (low) expect(row.x0).toBe(128);
		if (high) expect(row.x1).toBe(650);
	});

	it('keeps the domain within [0.018, 55] so the ticks run from 0.02 to 50', () => {
		const layout = forestLayout(
			{ studies: [clip(0.001, 1000)], weights: new Map(), pooled: [] },
			{},
			screenFrame(800)
		);
		expect(layout.ticks.map((t) => t.value)).toEqual([0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]);
	});
});

describe('forestLayout on the bundled dataset', () => {
	const csv = readFileSync('data/studies.csv', 'utf8');
	const { studies: bundled } = loadTable(csv, 'bundled');
	const reference = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
	const layout = forestLayout({ studies: bundled, weights: new Map(), pooled: [] }, {}, screenFrame(800));
	const withoutHr = reference.filter((r) => (r.hr_os ?? '') === '').map((r) => r.id);

	it('lists the studies without a hazard ratio as missing, in file order', () => {
		expect(withoutHr.length).toBeGreaterThan(0);
		expect(layout.missing.map((s) => s.id)).toEqual(withoutHr);
	});

	it('groups the rest by design, randomised trials after observational designs', () => {
		const groups = layout.rows.flatMap((r) => (r.kind === 'header' ? [r.key] : []));
		const order = [
			'registry',
			'single-institution',
			'multi-institution',
			'prospective',
			'rct',
			'not-reported'
		];
		const present = new Set(
			reference
				.filter((r) => (r.hr_os ?? '') !== '')
				.map((r) => (r.design === '' ? 'not-reported' : r.design))
		);
		expect(groups).toEqual(order.filter((d) => present.has(d)));
		expect(layout.rows.filter((r) => r.kind === 'study')).toHaveLength(bundled.length - withoutHr.length);
	});
});

describe('forestLayout lists only the studies in its view as missing', () => {
	const csv = readFileSync('data/studies.csv', 'utf8');
	const { studies: bundled } = loadTable(csv, 'bundled');
	const reference = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
	const designs = [...new Set(reference.map((r) => r.design ?? ''))];

	it.each(designs)('with only design "%s" active', (design) => {
		const rows = reference.filter((r) => (r.design ?? '') === design);
		const active = new Set(rows.map((r) => r.id ?? ''));
		const expected = rows.filter((r) => (r.hr_os ?? '') === '').map((r) => r.id);
		const layout = forestLayout(
			{ studies: bundled, weights: new Map(), pooled: [], active },
			{},
			screenFrame(800)
		);
		expect(layout.missing.map((s) => s.id)).toEqual(expected);
	});

	it('lists nothing when no study is active', () => {
		expect(
			forestLayout(
				{ studies: bundled, weights: new Map(), pooled: [], active: new Set() },
				{},
				screenFrame(800)
			).missing
		).toEqual([]);
	});
});
