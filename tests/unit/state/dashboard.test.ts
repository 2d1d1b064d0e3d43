/**
 * The dashboard's one state, without a page: statistics follow the filters and never the selection (Mosaic's
 * rule that a selection resolves to a predicate only where a client asks for it), and the selection is emphasis.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { loadTable } from '$lib/data/load';
import { Dashboard } from '$lib/state/dashboard.svelte';
import type { Navigate } from '$lib/state/filters.svelte';

const bundled = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled');
const withEstimate = bundled.studies.filter(
	(s) => s.effect !== null && s.ciLow !== null && s.ciHigh !== null
);

function setup() {
	const navigate = vi.fn<Navigate>();
	return new Dashboard({ bundled, overlaps: [], navigate });
}

/** What the selection must leave alone. */
const analysis = (d: Dashboard) => ({
	shown: d.shownStudies.length,
	overall: d.summary.overall && [d.summary.overall.k, d.summary.overall.estimate, d.summary.overall.tau2],
	groups: d.summary.groups.map((g) => [g.key, g.result?.k, g.result?.estimate]),
	active: Object.fromEntries(Object.entries(d.links).map(([id, link]) => [id, link.active.size]))
});

describe('Dashboard: statistics follow filters, never the selection', () => {
	it('selecting studies changes no count, no pooled estimate and no view', () => {
		const d = setup();
		const before = analysis(d);
		for (const s of withEstimate.slice(0, 3)) d.select(s.id);
		expect(d.selected.size).toBe(3);
		expect(analysis(d)).toEqual(before);
	});

	it('two or more selected studies are pooled on their own line, beside the overall one', () => {
		const d = setup();
		const [a, b] = withEstimate.filter((s) => s.supersedes === null);
		d.select(a?.id ?? '');
		expect(d.pooled.some((p) => p.group === 'selected')).toBe(false);
		d.select(b?.id ?? '');
		expect(d.selectedPool?.k).toBe(2);
		expect(d.pooled.filter((p) => p.group === 'selected')).toHaveLength(1);
		// Designs are pooled apart; every design together only on request (URL overall=1).
		expect(d.pooled.some((p) => p.group === 'all')).toBe(false);
		expect(d.pooled.map((p) => p.group)).toEqual(['observational', 'randomised', 'selected']);
		d.filters.setOption({ overall: true });
		expect(d.pooled.some((p) => p.group === 'all')).toBe(true);
	});

	it('a filter changes the statistics: they are computed from the studies in view', () => {
		const d = setup();
		const k = d.summary.overall?.k ?? 0;
		d.filters.set('design', { kind: 'oneOf', field: 'design', values: ['rct'] });
		const rct = withEstimate.filter((s) => s.design === 'rct');
		expect(d.shownStudies.every((s) => s.design === 'rct')).toBe(true);
		expect(d.summary.overall?.k).toBeLessThan(k);
		expect(d.summary.overall?.k).toBeLessThanOrEqual(rct.length);
	});

	it('only=1 turns the selection into a filter, statistics included', () => {
		const d = setup();
		const [a, b] = withEstimate.filter((s) => s.supersedes === null);
		d.select(a?.id ?? '');
		d.select(b?.id ?? '');
		d.filters.setOnly(true);
		expect(d.shownStudies.map((s) => s.id).sort()).toEqual([a?.id, b?.id].sort());
		expect(d.summary.overall?.k).toBe(2);
	});

	it('a study the filters hide cannot be selected', () => {
		const d = setup();
		d.filters.set('design', { kind: 'oneOf', field: 'design', values: ['rct'] });
		const hidden = bundled.studies.find((s) => s.design !== 'rct');
		d.select(hidden?.id ?? '');
		expect(d.selected.size).toBe(0);
	});

	it('each chart keeps its own set object while only its own clause changes (crossfilter)', () => {
		const d = setup();
		const years = d.links.years.active;
		const cohort = d.links.cohort.active;
		d.filters.set('years', { kind: 'range', field: 'year', min: 2010, max: 2020 });
		expect(d.links.years.active).toBe(years);
		expect(d.links.cohort.active).not.toBe(cohort);
		expect(d.links.cohort.active.size).toBeLessThan(cohort.size);
	});
});
