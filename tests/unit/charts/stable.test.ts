/**
 * Work proportional to change: a filter toggle must not move, re-rank or re-create the marks of a chart. The
 * layouts take no active set (a study out of view is drawn muted, per mark), capped charts keep their rows by
 * their own score, and the forest's rows equal to the last layout's are the very same objects (a keyed
 * `{#each}` then leaves their marks alone).
 */
import { describe, expect, it } from 'vitest';
import { MAX_ROWS, reuseSame } from '$lib/charts/common';
import { cohortLayout } from '$lib/charts/cohort/layout';
import { forestLayout, forestSizes, type ForestRow, type PooledEstimate } from '$lib/charts/forest/layout';
import { survivalLayout } from '$lib/charts/survival/layout';
import { trendLayout } from '$lib/charts/trend/layout';
import { yearsLayout } from '$lib/charts/years/layout';
import type { Study } from '$lib/types';
import { makeStudy } from '../study';
import { screenFrame } from '$lib/charts/shared/spec';

/** More studies than a capped chart draws, half of them randomised, with sizes and effects in no particular order. */
const N = MAX_ROWS + 90;
const studies: Study[] = Array.from({ length: N }, (_, i) =>
	makeStudy({
		id: `s${i}`,
		label: `Study ${i} ${2000 + (i % 20)}`,
		year: 2000 + (i % 20),
		design: i % 2 === 0 ? 'rct' : 'registry',
		nTotal: 50 + ((i * 37) % 400),
		medianTreated: 20 + (i % 7),
		medianControl: 18 + (i % 5),
		effect: 0.5 + ((i * 13) % 50) / 50,
		ciLow: 0.3 + ((i * 13) % 50) / 100,
		ciHigh: 1.2 + ((i * 7) % 40) / 20
	})
);
const rct = new Set(studies.filter((s) => s.design === 'rct').map((s) => s.id));
const registry = new Set(studies.filter((s) => s.design === 'registry').map((s) => s.id));
const ids = (rows: readonly { id?: string; kind?: string }[]) =>
	rows.flatMap((r) => (r.id !== undefined && (r.kind === undefined || r.kind === 'study') ? [r.id] : []));

describe('capped charts keep their rows across a toggle', () => {
	it.each([
		['cohort', (a?: ReadonlySet<string>) => cohortLayout({ studies, active: a }, {}, screenFrame(800)).rows],
		[
			'survival',
			(a?: ReadonlySet<string>) =>
				survivalLayout({ studies, active: a }, { order: 'year' }, screenFrame(800)).rows
		],
		['years', () => yearsLayout({ studies }, {}, screenFrame(800)).rows],
		[
			'trend',
			(a?: ReadonlySet<string>) =>
				trendLayout({ studies, active: a }, { measure: 'effect' }, screenFrame(800)).points
		]
	] as const)('%s: the same studies in the same places whatever is active', (_name, rows) => {
		const all = rows();
		expect(all.length).toBeLessThanOrEqual(Math.max(MAX_ROWS, 2000));
		for (const active of [rct, registry, new Set<string>()]) expect(rows(active)).toEqual(all);
	});

	it('a capped chart draws its rows by its own score, not the filters first', () => {
		const rows = cohortLayout({ studies }, {}, screenFrame(800)).rows;
		expect(rows).toHaveLength(MAX_ROWS);
		const drawn = new Set(rows.map((r) => r.id));
		const smallestDrawn = Math.min(...studies.filter((s) => drawn.has(s.id)).map((s) => s.nTotal ?? 0));
		const largestLeft = Math.max(...studies.filter((s) => !drawn.has(s.id)).map((s) => s.nTotal ?? 0));
		expect(smallestDrawn).toBeGreaterThanOrEqual(largestLeft);
	});
});

describe('the forest across a toggle', () => {
	const pooled = (estimate: number): PooledEstimate[] => [
		{
			group: 'all',
			label: 'Overall',
			k: 10,
			estimate,
			ciLow: estimate * 0.9,
			ciHigh: estimate * 1.1,
			piLow: null,
			piHigh: null
		}
	];
	const none = new Map<string, number>();
	const before = forestLayout(
		{ studies, weights: none, pooled: pooled(0.8), superseded: new Map() },
		{
			reserve: true
		},
		screenFrame(800)
	);
	// A toggle: the pooled estimate moves (inside the axis), the weights change; the studies drawn do not.
	const after = forestLayout(
		{ studies, weights: none, pooled: pooled(0.7), superseded: new Map() },
		{
			reserve: true
		},
		screenFrame(800)
	);
	const key = (r: ForestRow) => (r.kind === 'study' ? r.id : `${r.kind}:${r.key}`);

	it('draws the same capped studies, ranked once, at the same places', () => {
		expect(ids(after.rows)).toEqual(ids(before.rows));
		expect(ids(before.rows)).toHaveLength(MAX_ROWS);
		expect(after.rows.filter((r) => r.kind === 'study')).toEqual(
			before.rows.filter((r) => r.kind === 'study')
		);
	});

	it('keeps every study row object when only the diamonds change (reference-equal geometry)', () => {
		const reused = reuseSame(before.rows, after.rows, key);
		const old = new Map(before.rows.map((r) => [key(r), r]));
		for (const r of reused) {
			if (r.kind === 'study') expect(r).toBe(old.get(r.id));
			if (r.kind === 'pooled') expect(r).not.toBe(old.get(key(r)));
		}
	});

	it('reserves the subgroup and overall diamond rows, so a view without them moves no row', () => {
		const bare = forestLayout(
			{ studies, weights: none, pooled: [], superseded: new Map() },
			{ reserve: true },
			screenFrame(800)
		);
		expect(bare.rows.filter((r) => r.kind !== 'pooled')).toEqual(
			before.rows.filter((r) => r.kind !== 'pooled')
		);
		expect(bare.height).toBe(before.height);
		// An export draws what it has: no empty rows.
		const exported = forestLayout({ studies, weights: none, pooled: [] }, {}, screenFrame(800));
		expect(exported.height).toBeLessThan(bare.height);
	});

	it('sizes markers from the weights per study, without a layout', () => {
		const size = forestSizes(
			new Map([
				['s1', 4],
				['s2', 1]
			])
		);
		expect(size('s1')).toBeCloseTo(7.5, 9);
		expect(size('s2')).toBeCloseTo(2.5 + 5 * Math.sqrt(1 / 4), 9);
		expect(size('s3')).toBe(3);
	});
});

describe('reuseSame', () => {
	const a = { id: 'a', x: 1, tags: ['t'] };
	const b = { id: 'b', x: 2, tags: [] as string[] };
	it('returns the previous array when nothing changed', () => {
		const prev = [a, b];
		expect(reuseSame(prev, [{ ...a, tags: [...a.tags] }, { ...b }], (r) => r.id)).toBe(prev);
	});
	it('keeps unchanged items and takes changed or new ones', () => {
		const c = { id: 'c', x: 3, tags: [] as string[] };
		const moved = { ...b, x: 5 };
		const next = reuseSame([a, b], [{ ...a }, moved, c], (r) => r.id);
		expect(next[0]).toBe(a);
		expect(next[1]).toBe(moved);
		expect(next[2]).toBe(c);
	});
	it('takes the new array when there was none', () => {
		const next = [a];
		expect(reuseSame(undefined, next, (r) => r.id)).toBe(next);
	});
});
