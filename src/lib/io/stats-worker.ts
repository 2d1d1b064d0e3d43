/// <reference lib="webworker" />
/**
 * The statistics of a large view, off the main thread: the page sends the dataset once (transferred columns, see
 * columns.ts), then index lists; the answer is the summary (with its sentences' regressions on publication year), the
 * funnel with Egger's test and the evidence over time.
 */
import { classesOf, summarise } from '$lib/stats/summary';
import { groupYearRegressions } from '$lib/stats/appraisal/year';
import { cumulativeStats, funnelStats } from '$lib/stats/views';
import type { Study } from '$lib/types';
import { unpackStudies } from './columns';
import type { StatsRequest, StatsResponse } from './stats-client';

let studies: readonly Study[] = [];

self.onmessage = (event: MessageEvent<StatsRequest>) => {
	const m = event.data;
	if (m.type === 'dataset') {
		studies = unpackStudies(m.columns);
		return;
	}
	const chosen: Study[] = [];
	for (const i of m.indices) {
		const s = studies[i];
		if (s) chosen.push(s);
	}
	const summary = summarise(chosen, m.options);
	// The summary's sentence on publication year, fitted here too: a few thousand studies take ~0.1 s.
	const trends = groupYearRegressions(chosen, summary.effects, classesOf(m.options), m.options);
	const response: StatsResponse = {
		seq: m.seq,
		summary: { ...summary, trends },
		funnel: funnelStats(summary),
		cumulative: cumulativeStats(chosen, m.options)
	};
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(response);
};
