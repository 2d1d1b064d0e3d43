/**
 * Cumulative meta-analysis by publication year (R metafor's `cumul()` ordered by year, read at each year's last
 * study): how the pooled estimate moved as the evidence accumulated, overall and per subgroup.
 */

import type { Study, StudyId } from '../types';
import { logEffects } from './effects';
import { inclusion, selectPooled } from './inclusion';
import { pool } from './meta';
import type { RemlSafeguard } from './regression';
import type { StudySetCache } from './memo';
import {
	cacheFor,
	classesOf,
	groupEffects,
	optionsKey,
	type GroupOf,
	type SummariseOptions
} from './summary';

/** The group key of the points that pool every study (a subgroup key equal to it would be merged with it). */
export const ALL_GROUP = 'all';

/**
 * One point: the pooled estimate of a group's studies published up to and including `year`. Estimate and
 * interval are on the log scale (log ratio), like PoolResult; exponentiate to draw ratios.
 */
export interface CumulativePoint {
	/** 'all', or the subgroup key from `groupOf` (design key by default). */
	group: string;
	year: number;
	/** Studies pooled in this point. */
	k: number;
	estimate: number;
	se: number;
	ciLow: number;
	ciHigh: number;
	/** τ² of this point's pool (log scale; 0 for FE). */
	tau2: number;
	/** The studies of this group first pooled in this year, in input order. */
	added: StudyId[];
	/** Whether this point's τ² was found, and the REML safeguard it needed (see PoolResult; pass to remlWarnings). */
	converged: boolean;
	safeguard: RemlSafeguard;
}

/** A cumulative meta-analysis: points by group then year, and the studies that could not be placed in time. */
export interface Cumulative {
	/** Group 'all' first, then the subgroups in order of first appearance; within a group by ascending year. */
	points: CumulativePoint[];
	/** Studies that would be pooled but have no publication year, so appear in no point. */
	undated: StudyId[];
}

/** Options of `cumulative`: those of `summarise` plus the subgroup function (design class by default). */
export interface CumulativeOptions extends SummariseOptions {
	groupOf?: GroupOf;
}

function computeCumulative(
	studies: readonly Study[],
	options: CumulativeOptions,
	groupOf: GroupOf
): Cumulative {
	const flags = options.leaveOutFlags ?? [];
	const fit = { method: options.method, hk: options.hk };
	const dated = studies.filter((s) => s.year !== null);
	const yearOf = new Map(dated.map((s) => [s.id, s.year as number]));
	const undated = inclusion(studies, flags)
		.pooled.filter((e) => !yearOf.has(e.id))
		.map((e) => e.id);
	// Log effects do not depend on the year: derive them once, then apply the rules to each year's studies.
	const usable = logEffects(dated).pooled;
	const years = [...new Set(yearOf.values())].sort((a, b) => a - b);

	const series = new Map<string, CumulativePoint[]>([[ALL_GROUP, []]]);
	const addPoint = (
		group: string,
		year: number,
		yi: readonly number[],
		vi: readonly number[],
		added: StudyId[]
	) => {
		const r = pool(yi, vi, fit);
		if (!r) return;
		const list = series.get(group) ?? [];
		list.push({
			group,
			year,
			k: r.k,
			estimate: r.estimate,
			se: r.se,
			ciLow: r.ciLow,
			ciHigh: r.ciHigh,
			tau2: r.tau2,
			added,
			converged: r.converged,
			safeguard: r.safeguard
		});
		series.set(group, list);
	};
	for (const year of years) {
		// One report per study and the flag rule apply to what was published by then: an earlier report is pooled
		// until the year its update appears.
		const prefix = dated.filter((s) => (s.year as number) <= year);
		const { pooled } = selectPooled(
			prefix,
			usable.filter((e) => (yearOf.get(e.id) ?? Infinity) <= year),
			flags
		);
		const groups = [
			{
				key: ALL_GROUP,
				yi: pooled.map((e) => e.yi),
				vi: pooled.map((e) => e.vi),
				ids: pooled.map((e) => e.id)
			},
			...groupEffects(prefix, pooled, groupOf)
		];
		for (const g of groups) {
			const added = g.ids.filter((id) => yearOf.get(id) === year);
			if (added.length > 0) addPoint(g.key, year, g.yi, g.vi, added);
		}
	}
	return { points: [...series.values()].flat(), undated };
}

const caches = new WeakMap<GroupOf, StudySetCache<Cumulative>>();

/**
 * Cumulative meta-analysis of `studies` by publication year, overall ('all') and per `options.groupOf` group, with
 * summarise's estimator, one-report-per-study and flag rules: a point per group and year in which the group gains a
 * study. Its last 'all' point equals summarise's overall estimate when every pooled study has a year. Memoised per
 * set of studies and options (the same studies return the identical object).
 */
export function cumulative(studies: readonly Study[], options: CumulativeOptions): Cumulative {
	const groupOf = options.groupOf ?? classesOf(options);
	return cacheFor(caches, groupOf).get(studies, optionsKey(options), () =>
		computeCumulative(studies, options, groupOf)
	);
}
