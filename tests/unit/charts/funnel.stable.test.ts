/**
 * The funnel across a toggle: its points are placed from the table, once per table and width, so a new view (a
 * new set of pooled studies) moves, re-ranks and re-creates none of them; only the region and the pooled line
 * follow the view, and Egger's test stays that of the studies pooled in view.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_POINTS } from '$lib/charts/common';
import { funnelLayout, funnelLines, funnelPlaced } from '$lib/charts/funnel/layout';
import { screenFrame } from '$lib/charts/shared/spec';
import { loadTable } from '$lib/data/load';
import { egger } from '$lib/stats/bias';
import { logEffect } from '$lib/stats/effects';
import { summarise, type SummariseOptions } from '$lib/stats/summary';
import { funnelStats } from '$lib/stats/views';
import type { Study } from '$lib/types';
import { makeStudy } from '../study';

const studies = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled').studies;
const options: SummariseOptions = { method: 'REML', hk: false, overlaps: [] };
/** Two views of the bundled table: every study, and the randomised trials only (a design toggle). */
const all = summarise(studies, options);
const rct = summarise(
	studies.filter((s) => s.design === 'rct'),
	options
);

describe('the funnel across a toggle', () => {
	const frame = screenFrame(560);
	const before = funnelLayout({ studies, data: funnelStats(all).data }, {}, frame);
	const after = funnelLayout({ studies, data: funnelStats(rct).data }, {}, frame);

	it('the two views pool different studies', () => {
		expect(rct.effects.length).toBeGreaterThanOrEqual(2);
		expect(rct.effects.length).toBeLessThan(all.effects.length);
	});

	it('keeps the very same points and axes (reference-equal geometry); only the region and the centre move', () => {
		expect(after.points).toBe(before.points);
		expect(after.xTicks).toBe(before.xTicks);
		expect(after.yTicks).toBe(before.yTicks);
		expect(after.xNull).toBe(before.xNull);
		expect(funnelPlaced(studies, 560)).toBe(funnelPlaced(studies, 560));
		expect(after.centre).not.toBe(before.centre);
		expect(after.region).not.toBe(before.region);
	});

	it('places every study of the table with an estimate and a standard error, pooled in view or not', () => {
		const usable = studies.filter((s) => logEffect(s).ok).map((s) => s.id);
		expect(before.points.map((p) => p.id)).toEqual(usable);
		const pooled = new Set(rct.effects.map((e) => e.id));
		expect(before.points.filter((p) => pooled.has(p.id))).toHaveLength(pooled.size);
		expect(before.points.length).toBeGreaterThan(pooled.size);
	});

	it('the region and the test follow the studies pooled in view only', () => {
		const stats = funnelStats(rct);
		expect(stats.data?.center).toBe(rct.overall?.estimate);
		expect(stats.test).toEqual(
			egger(
				rct.effects.map((e) => e.yi),
				rct.effects.map((e) => e.vi),
				{ method: 'REML' }
			)
		);
		const data = stats.data;
		expect(data).not.toBeNull();
		if (data)
			expect(funnelLines(funnelPlaced(studies, 560), data)).toEqual({
				region: after.region,
				centre: after.centre
			});
	});
});

describe('a capped funnel keeps its points across a toggle', () => {
	/** More studies than the funnel draws, with precisions in no particular order. */
	const n = MAX_POINTS + 50;
	const many: Study[] = Array.from({ length: n }, (_, i) =>
		makeStudy({
			id: `s${i}`,
			label: `Study ${i}`,
			design: i % 2 === 0 ? 'rct' : 'registry',
			logEffect: ((i * 13) % 50) / 50 - 0.5,
			se: 0.05 + ((i * 37) % 101) / 100
		})
	);

	it('draws the most precise studies of the table, chosen once, whatever is pooled in view', () => {
		const placed = funnelPlaced(many, 800);
		expect(placed.points).toHaveLength(MAX_POINTS);
		expect([placed.total, placed.hidden]).toEqual([n, 50]);
		const drawn = new Set(placed.points.map((p) => p.id));
		const se = (s: Study) => s.se ?? Infinity;
		const leastPreciseDrawn = Math.max(...many.filter((s) => drawn.has(s.id)).map(se));
		const mostPreciseLeft = Math.min(...many.filter((s) => !drawn.has(s.id)).map(se));
		expect(leastPreciseDrawn).toBeLessThanOrEqual(mostPreciseLeft);
		// Two views (each design alone): the same placement object, so the same points in the same places.
		for (const design of ['rct', 'registry']) {
			const view = summarise(
				many.filter((s) => s.design === design),
				options
			);
			const layout = funnelLayout({ studies: many, data: funnelStats(view).data }, {}, screenFrame(800));
			expect(layout.points).toBe(placed.points);
		}
	});
});
