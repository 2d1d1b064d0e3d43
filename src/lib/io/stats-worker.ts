/// <reference lib="webworker" />
/** The pooled statistics of a large view, off the main thread: the page sends the dataset once, then index lists. */
import { classesOf, summarise } from '$lib/stats/summary';
import { groupYearRegressions } from '$lib/stats/appraisal/year';
import type { Study } from '$lib/types';
import type { StatsRequest, StatsResponse } from './stats-client';

let studies: readonly Study[] = [];

self.onmessage = (event: MessageEvent<StatsRequest>) => {
	const m = event.data;
	if (m.type === 'dataset') {
		studies = m.studies;
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
	const response: StatsResponse = { seq: m.seq, summary: { ...summary, trends } };
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(response);
};
