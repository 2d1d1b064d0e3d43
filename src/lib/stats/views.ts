/**
 * The statistics the funnel, leave-one-out and evidence-over-time charts draw, from the studies and the pooled
 * summary of a view. Pure; the state loads it after first paint and the charts only draw what it returns. Each
 * result is memoised on the (memoised) summary, so a selection or hover never computes anything again.
 */
import { egger, eggerWarnings, funnelData, type EggerResult, type FunnelData } from './bias';
import { cumulative, type Cumulative } from './cumulative';
import { leaveOneOut, type LeaveOneOut } from './meta';
import type { SummariseOptions, Summary } from './summary';
import type { PoolingWarning } from './warnings';
import type { Study } from '$lib/types';

/** Above this many pooled studies, k refits are too slow to run on every filter change. */
export const MAX_LOO_K = 400;

export interface FunnelStats {
	/** The funnel's points and pseudo-confidence region; null with fewer than two pooled studies. */
	data: FunnelData | null;
	/** Egger's regression test; null with fewer than three. */
	test: EggerResult | null;
	/** Cautions about the mixed-effects variant's τ² (a safeguard, or no convergence). */
	cautions: PoolingWarning[];
}

const funnels = new WeakMap<Summary, FunnelStats>();
const refits = new WeakMap<Summary, LeaveOneOut | null>();

/** The funnel plot's data and Egger's test for the studies a summary pooled. */
export function funnelStats(summary: Summary): FunnelStats {
	let out = funnels.get(summary);
	if (!out) {
		const yi = summary.effects.map((e) => e.yi);
		const vi = summary.effects.map((e) => e.vi);
		const test = yi.length >= 3 ? egger(yi, vi, { method: summary.method }) : null;
		out = {
			data:
				yi.length >= 2
					? funnelData(yi, vi, { method: summary.method, center: summary.overall?.estimate })
					: null,
			test,
			cautions: eggerWarnings(test)
		};
		funnels.set(summary, out);
	}
	return out;
}

/** Each pooled study left out in turn (rows in the order of `summary.effects`); null below 3 or above MAX_LOO_K. */
export function influenceStats(summary: Summary): LeaveOneOut | null {
	if (refits.has(summary)) return refits.get(summary) ?? null;
	const k = summary.effects.length;
	const out =
		k >= 3 && k <= MAX_LOO_K
			? leaveOneOut(
					summary.effects.map((e) => e.yi),
					summary.effects.map((e) => e.vi),
					{ method: summary.method, hk: summary.hk }
				)
			: null;
	refits.set(summary, out);
	return out;
}

/** The pooled estimate as studies accumulate by year, overall and per design class, as the summary groups (memoised). */
export function cumulativeStats(studies: readonly Study[], options: SummariseOptions): Cumulative {
	return cumulative(studies, options);
}
