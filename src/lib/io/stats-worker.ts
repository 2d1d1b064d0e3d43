/// <reference lib="webworker" />
/** The pooled statistics of a large view, off the main thread: the page sends the dataset once, then index lists. */
import { summarise } from '$lib/stats/summary';
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
	const response: StatsResponse = { seq: m.seq, summary: summarise(chosen, m.options) };
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(response);
};
