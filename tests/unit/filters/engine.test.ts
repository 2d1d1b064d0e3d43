/**
 * The crossfilter engine, tested the way Mosaic tests its clients: a view is never filtered by its own clause,
 * every other clause filters it, and work follows change (an unchanged clause or view is not recomputed).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTable } from '$lib/data/load';
import { activeIds, type Clause, type Clauses } from '$lib/filters/clauses';
import { Bitset, clauseBits, Crossfilter, toColumns } from '$lib/filters/engine';
import type { ChartId } from '$lib/types';

const studies = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled').studies;
const VIEWS: (ChartId | null)[] = [
	null,
	'survival',
	'cohort',
	'years',
	'forest',
	'trend',
	'funnel',
	'influence'
];
const sorted = (ids: ReadonlySet<string>) => [...ids].sort();

const rct: Clause = { kind: 'oneOf', field: 'design', values: ['rct', 'registry'] };
const years: Clause = { kind: 'range', field: 'year', min: 2010, max: 2020 };
const size: Clause = { kind: 'range', field: 'nTotal', min: 100, max: 5000 };
const search: Clause = { kind: 'text', text: 'seer' };
const select: Clause = { kind: 'ids', ids: studies.slice(0, 5).map((s) => s.id), origin: null };

/** The indices a bitset holds, ascending (as `fill` writes them). */
function indicesOf(bits: Bitset): number[] {
	const out = new Uint32Array(bits.count());
	bits.fill(out);
	return [...out];
}

describe('Bitset', () => {
	it.each([0, 1, 31, 32, 33, 64, 100])('full(%i) holds exactly %i indices', (n) => {
		expect(indicesOf(Bitset.full(n))).toEqual(Array.from({ length: n }, (_, i) => i));
	});

	it('and() keeps the indices in both', () => {
		const a = new Bitset(70);
		const b = new Bitset(70);
		for (const i of [0, 5, 31, 32, 69]) a.set(i);
		for (const i of [5, 32, 40, 69]) b.set(i);
		expect(indicesOf(a.copy().and(b))).toEqual([5, 32, 69]);
		expect(a.has(0) && !b.has(0)).toBe(true);
	});

	it('fill() writes exactly the indices set, ascending, for any set of any size', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 200 }), fc.array(fc.nat(199)), (size, picks) => {
				const bits = new Bitset(size);
				for (const i of picks) if (i < size) bits.set(i);
				const out = new Uint32Array(bits.count());
				expect(bits.fill(out)).toBe(out.length);
				const expected = [...new Set(picks.filter((i) => i < size))].sort((x, y) => x - y);
				expect([...out]).toEqual(expected);
			})
		);
	});
});

describe('clauseBits matches the clause predicate on the bundled studies', () => {
	const columns = toColumns(studies);
	it.each<[string, Clause]>([
		['design', rct],
		['years (not reported never passes)', years],
		['patients', size],
		['search', search],
		['empty search keeps all', { kind: 'text', text: '  ' }],
		['ids', select]
	])('%s', (_, clause) => {
		const ids = indicesOf(clauseBits(columns, clause)).map((i) => columns.ids[i]);
		expect(ids).toEqual([...activeIds(studies, { design: clause })]);
	});
});

describe('Crossfilter: each view is the AND of the clauses it does not own', () => {
	it.each<[string, Clauses]>([
		['no clauses', {}],
		['design only', { design: rct }],
		['years only', { years }],
		['every clause', { design: rct, years, n: size, search }],
		['with the selection as a filter', { design: rct, years, select }]
	])('%s: every view equals the reference activeIds', (_, clauses) => {
		const engine = new Crossfilter(studies);
		engine.update(clauses);
		for (const view of VIEWS)
			expect(sorted(engine.active(view)), String(view)).toEqual(sorted(activeIds(studies, clauses, view)));
	});

	it('a view is never filtered by its own clause: the years chart ignores the years brush', () => {
		const engine = new Crossfilter(studies);
		engine.update({ years });
		expect(engine.active('years').size).toBe(studies.length);
		expect(engine.active('cohort').size).toBeLessThan(studies.length);
	});

	it('every other clause filters the owning view', () => {
		const engine = new Crossfilter(studies);
		engine.update({ years, design: rct });
		const expected = studies.filter((s) => s.design === 'rct' || s.design === 'registry').map((s) => s.id);
		expect(sorted(engine.active('years'))).toEqual(expected.sort());
	});

	it('matches the reference for any combination of clauses (property)', () => {
		const clause = fc.record({
			design: fc.option(
				fc
					.subarray(['rct', 'registry', 'single-institution', 'not-reported'])
					.map((values): Clause => ({ kind: 'oneOf', field: 'design', values }))
			),
			years: fc.option(
				fc
					.tuple(fc.integer({ min: 1995, max: 2025 }), fc.integer({ min: 0, max: 15 }))
					.map(([min, span]): Clause => ({ kind: 'range', field: 'year', min, max: min + span }))
			),
			n: fc.option(
				fc
					.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 50000 }))
					.map(([min, span]): Clause => ({ kind: 'range', field: 'nTotal', min, max: min + span }))
			),
			search: fc.option(
				fc.constantFrom('seer', 'usa', 'khan', 'x', '').map((text): Clause => ({ kind: 'text', text }))
			)
		});
		const engine = new Crossfilter(studies);
		fc.assert(
			fc.property(clause, (c) => {
				const clauses = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null)) as Clauses;
				engine.update(clauses);
				for (const view of VIEWS)
					expect(sorted(engine.active(view))).toEqual(sorted(activeIds(studies, clauses, view)));
			}),
			{ numRuns: 150 }
		);
	});
});

describe('Crossfilter: work follows change', () => {
	it('an unchanged clause is not recomputed (no-op guard), a changed one is', () => {
		const engine = new Crossfilter(studies);
		expect(engine.update({ design: rct, years })).toEqual(['design', 'years']);
		expect(engine.update({ design: { ...rct }, years })).toEqual([]);
		expect(engine.update({ design: rct, years: { ...years, max: 2021 } })).toEqual(['years']);
		expect(engine.update({ years: { ...years, max: 2021 } })).toEqual(['design']);
		expect(engine.bitsetsBuilt).toBe(3);
	});

	it('brushing the years keeps the years view’s set (the same object); the others get new sets', () => {
		const engine = new Crossfilter(studies);
		engine.update({ design: rct });
		const before = Object.fromEntries(VIEWS.map((v) => [String(v), engine.active(v)]));
		engine.update({ design: rct, years });
		expect(engine.active('years')).toBe(before.years);
		expect(engine.active('cohort')).not.toBe(before.cohort);
		expect(engine.active(null)).not.toBe(before.null);
	});

	it('asking twice without a change returns the same set', () => {
		const engine = new Crossfilter(studies);
		engine.update({ search });
		expect(engine.active('forest')).toBe(engine.active('forest'));
	});
});

describe('ActiveSet: a view’s set over bit words, without a Set of ids', () => {
	it('answers like the Set of its ids: size, has, iteration, rows, set algebra', () => {
		const engine = new Crossfilter(studies);
		engine.update({ design: rct, years });
		const active = engine.active(null);
		const reference = activeIds(studies, { design: rct, years });
		expect(active.size).toBe(reference.size);
		expect(new Set(active)).toEqual(reference);
		for (const s of studies) expect(active.has(s.id), s.id).toBe(reference.has(s.id));
		expect([...active.rowArray()].map((i) => studies[i]?.id)).toEqual(
			studies.filter((s) => reference.has(s.id)).map((s) => s.id)
		);
		expect(active.all).toBe(false);
		expect(active.intersection(new Set([studies[0]?.id ?? '']))).toEqual(
			new Set([...reference].filter((id) => id === studies[0]?.id))
		);
	});

	it('with no clause every study is in, and neither a bitset nor the id index is built', () => {
		const engine = new Crossfilter(studies);
		engine.update({});
		const all = engine.active('forest');
		expect(all.all).toBe(true);
		expect(all.size).toBe(studies.length);
		expect([...all.rowArray()]).toEqual(studies.map((_, i) => i));
		expect(studies.every((s) => all.has(s.id))).toBe(true);
		expect(engine.bitsetsBuilt).toBe(0);
	});

	it('counts the bits of a set of any size (popcount)', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 999 })), (indices) => {
				const b = new Bitset(1000);
				for (const i of indices) b.set(i);
				expect(b.count()).toBe(indices.length);
			})
		);
	});
});
