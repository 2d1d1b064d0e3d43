import { describe, expect, it } from 'vitest';
import { ALL_GROUP, cumulative, type CumulativePoint } from '$lib/stats/cumulative';
import { logEffect } from '$lib/stats/effects';
import { pool, type PoolMethod } from '$lib/stats/meta';
import { classesOf, summarise } from '$lib/stats/summary';
import type { Study } from '$lib/types';
import { bcgStudies } from './bcg';
import { bundledStudies } from './bundled';
import { num, readFixture } from './helpers';
import { makeStudy } from './study';

// Reference: tests/fixtures/stats/bcg-cumul.csv, written by tests/fixtures/stats/reference.R (section 4):
// metafor 3.8-1 cumul(rma(yi, vi, method, test), order = year) on dat.bcg, overall and per allocation, read at
// each year's last study.
const reference = readFixture('bcg-cumul.csv');
const bcg = bcgStudies();
const bundled = bundledStudies();

const at = (points: CumulativePoint[], group: string, year: number) =>
	points.find((p) => p.group === group && p.year === year);

describe('cumulative: dat.bcg against metafor cumul()', () => {
	it('has reference rows for every group, method and test', () => {
		expect(reference.length).toBeGreaterThan(100);
	});

	it.each(reference.map((row) => [row.group, row.method, row.hk, row.year, row] as const))(
		'%s, %s, hk %s, year %s: k, estimate and interval to 1e-6',
		(group, method, hk, year, row) => {
			const { points } = cumulative(bcg, { method: method as PoolMethod, hk: hk === '1' });
			const p = at(points, group ?? '', Number(year));
			expect(p?.k).toBe(num(row, 'k'));
			expect(p?.estimate).toBeCloseTo(num(row, 'estimate'), 6);
			expect(p?.ciLow).toBeCloseTo(num(row, 'ci_low'), 6);
			expect(p?.ciHigh).toBeCloseTo(num(row, 'ci_high'), 6);
		}
	);

	it('has a point per group and year with a new study, and no other', () => {
		const { points, undated } = cumulative(bcg, { method: 'REML', hk: false });
		const expected = reference.filter((r) => r.method === 'REML' && r.hk === '0');
		expect(points.map((p) => [p.group, p.year])).toEqual(expected.map((r) => [r.group, num(r, 'year')]));
		expect(undated).toEqual([]);
	});

	it('names the studies each year adds', () => {
		const { points } = cumulative(bcg, { method: 'REML', hk: false });
		for (const p of points.filter((x) => x.group === ALL_GROUP))
			expect(p.added).toEqual(bcg.filter((s) => s.year === p.year).map((s) => s.id));
	});
});

describe('cumulative: its last overall point is the pooled estimate', () => {
	const cases: [string, Study[]][] = [
		['dat.bcg', bcg],
		['bundled data', bundled],
		['bundled trials', bundled.filter((s) => s.design === 'rct')],
		['bundled observational', bundled.filter((s) => s.design !== 'rct')]
	];
	it.each(
		cases.flatMap(([name, studies]) =>
			(['FE', 'DL', 'REML'] as const).flatMap((method) =>
				[false, true].map((hk) => [name, method, hk, studies] as const)
			)
		)
	)('%s, %s, hk %s', (_, method, hk, studies) => {
		const overall = summarise(studies, { method, hk }).overall;
		const last = cumulative(studies, { method, hk })
			.points.filter((p) => p.group === ALL_GROUP)
			.at(-1);
		expect(last?.k).toBe(overall?.k);
		expect(last?.estimate).toBe(overall?.estimate);
		expect(last?.ciLow).toBe(overall?.ciLow);
		expect(last?.ciHigh).toBe(overall?.ciHigh);
	});

	it('ends each group at that subgroup’s pooled estimate', () => {
		const s = summarise(bundled, { method: 'REML', hk: false });
		const { points } = cumulative(bundled, { method: 'REML', hk: false });
		for (const g of s.groups) {
			const last = points.filter((p) => p.group === g.key).at(-1);
			expect(last?.estimate).toBe(g.result?.estimate);
			expect(last?.k).toBe(g.k);
		}
	});

	it('groups by design class (the bundled rule: unreported design is observational), ending at those subgroups', () => {
		const byClass = classesOf({ unreportedDesign: 'observational' });
		const options = { method: 'REML', hk: false, unreportedDesign: 'observational' } as const;
		const s = summarise(bundled, options, byClass);
		const { points } = cumulative(bundled, options);
		expect(new Set(points.map((p) => p.group))).toEqual(new Set([ALL_GROUP, 'observational', 'randomised']));
		for (const g of s.groups)
			expect(points.filter((p) => p.group === g.key).at(-1)?.estimate).toBe(g.result?.estimate);
	});
});

describe('cumulative: one report per study and flags, as of each year', () => {
	const trials = bundled.filter((s) => s.design === 'rct');
	const { points } = cumulative(trials, { method: 'REML', hk: false });
	const superseding = trials.find((s) => s.supersedes !== null);
	const earlier = trials.find((s) => s.id === superseding?.supersedes);

	it('pools an earlier report until the year its update appears', () => {
		expect(superseding && earlier).toBeTruthy();
		const before = at(points, 'randomised', earlier?.year ?? NaN);
		const expected = trials.filter((s) => (s.year ?? Infinity) <= (earlier?.year ?? NaN) && logEffect(s).ok);
		expect(before?.k).toBe(expected.length);
		expect(expected.map((s) => s.id)).toContain(earlier?.id);
		const effects = expected.flatMap((s) => {
			const r = logEffect(s);
			return r.ok ? [r.value] : [];
		});
		const direct = pool(
			effects.map((e) => e.yi),
			effects.map((e) => e.vi),
			{ method: 'REML' }
		);
		expect(before?.estimate).toBe(direct?.estimate);
		const after = at(points, 'randomised', superseding?.year ?? NaN);
		expect(after?.added).toContain(superseding?.id);
		expect(after?.k).toBe(before?.k);
	});

	it('leaves out studies with a chosen flag at every year', () => {
		const flagged = new Set(bundled.filter((s) => s.flags.length > 0).map((s) => s.id));
		const all = cumulative(bundled, { method: 'REML', hk: false, leaveOutFlags: 'all' });
		const added = all.points.flatMap((p) => p.added);
		expect(added.length).toBeGreaterThan(0);
		expect(added.filter((id) => flagged.has(id))).toEqual([]);
		const last = all.points.filter((p) => p.group === ALL_GROUP).at(-1);
		expect(last?.estimate).toBe(
			summarise(bundled, { method: 'REML', hk: false, leaveOutFlags: 'all' }).overall?.estimate
		);
	});
});

describe('cumulative: edge cases and memoisation', () => {
	it('lists poolable studies without a year and places them in no point', () => {
		const studies = [
			makeStudy({ id: 'a', year: 2001, effect: 0.7, ciLow: 0.5, ciHigh: 0.98, ciLevel: 0.95 }),
			makeStudy({ id: 'b', year: null, effect: 0.8, ciLow: 0.6, ciHigh: 1.1, ciLevel: 0.95 }),
			makeStudy({ id: 'c', year: null, effect: null })
		];
		const r = cumulative(studies, { method: 'REML', hk: false });
		expect(r.undated).toEqual(['b']);
		expect(r.points.map((p) => [p.group, p.year, p.k])).toEqual([
			[ALL_GROUP, 2001, 1],
			['not-reported', 2001, 1]
		]);
	});

	it('is empty with nothing to pool', () => {
		expect(cumulative([], { method: 'DL', hk: false })).toEqual({ points: [], undated: [] });
	});

	it('returns the identical object for the same studies and options, in any order', () => {
		const options = { method: 'REML', hk: false } as const;
		const first = cumulative(bcg, options);
		expect(cumulative(bcg, { ...options })).toBe(first);
		expect(cumulative([...bcg].reverse(), options)).toBe(first);
		expect(cumulative(bcg, { ...options, hk: true })).not.toBe(first);
		expect(cumulative(bcg.slice(1), options)).not.toBe(first);
	});

	it('recomputes when a study with the same id changed', () => {
		const options = { method: 'DL', hk: false } as const;
		const first = cumulative(bcg, options);
		const edited = bcg.map((s, i) => (i === 0 ? { ...s, effect: 0.5 } : s));
		const second = cumulative(edited, options);
		expect(second).not.toBe(first);
		expect(second.points[0]?.estimate).toBeCloseTo(Math.log(0.5), 12);
	});
});
