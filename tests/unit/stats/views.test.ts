/** The statistics the funnel, leave-one-out and evidence-over-time charts draw, computed once per pooled view. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTable } from '$lib/data/load';
import { egger, funnelData } from '$lib/stats/bias';
import { leaveOneOut } from '$lib/stats/meta';
import { summarise, type SummariseOptions } from '$lib/stats/summary';
import { cumulativeStats, funnelStats, influenceStats } from '$lib/stats/views';

const studies = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled').studies;
const options: SummariseOptions = { method: 'REML', hk: false, overlaps: [] };
const summary = summarise(studies, options);
const yi = summary.effects.map((e) => e.yi);
const vi = summary.effects.map((e) => e.vi);

describe('statistics of the sensitivity and time views', () => {
	it('funnel: the data and Egger test of exactly the pooled studies, computed once per summary', () => {
		const stats = funnelStats(summary);
		expect(stats.data).toEqual(funnelData(yi, vi, { method: 'REML', center: summary.overall?.estimate }));
		expect(stats.test).toEqual(egger(yi, vi, { method: 'REML' }));
		expect(funnelStats(summary)).toBe(stats);
	});

	it('leave-one-out: one refit per pooled study, computed once per summary; none below three studies', () => {
		const loo = influenceStats(summary);
		expect(loo).toEqual(leaveOneOut(yi, vi, { method: 'REML', hk: false }));
		expect(loo?.rows).toHaveLength(summary.effects.length);
		expect(influenceStats(summary)).toBe(loo);
		expect(influenceStats(summarise(studies.slice(0, 2), options))).toBeNull();
	});

	it('evidence over time: the last overall point is the pooled estimate of the same studies', () => {
		const points = cumulativeStats(studies, options).points.filter((p) => p.group === 'all');
		const last = points.at(-1);
		expect(last?.k).toBe(summary.overall?.k);
		expect(last?.estimate).toBeCloseTo(summary.overall?.estimate ?? NaN, 10);
	});
});
