/// <reference lib="webworker" />
/**
 * The statistics of a large view, off the main thread: the page sends the dataset once (transferred columns, see
 * columns.ts), then index lists; the answer is the summary, the funnel with Egger's test and the evidence over time.
 */
import { summarise } from '$lib/stats/summary';
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
	const response: StatsResponse = {
		seq: m.seq,
		summary,
		funnel: funnelStats(summary),
		cumulative: cumulativeStats(chosen, m.options)
	};
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(response);
};
