/**
 * The analysis the dashboard shows for the studies in view: overall and per-subgroup pooled estimates on the
 * ratio scale, weights, who was left out and why, and the cautions that apply.
 */
import type { Study, StudyId } from '../types';
import { logEffects, type ExcludedStudy, type LogEffect } from './effects';
import { pool, subgroupAnalysis, type PoolMethod, type PoolResult, type SubgroupTest } from './meta';
import { poolingWarnings, type OverlapGroup, type PoolingWarning } from './warnings';

export interface GroupSummary {
	key: string;
	k: number;
	result: PoolResult | null;
}

export interface Summary {
	method: PoolMethod;
	hk: boolean;
	overall: PoolResult | null;
	groups: GroupSummary[];
	subgroupTest: SubgroupTest | null;
	/** The pooled studies' log effects, in input order (for funnel and leave-one-out views). */
	effects: LogEffect[];
	/** Weight (percent of the overall estimate) of every pooled study. */
	weights: Map<StudyId, number>;
	excluded: ExcludedStudy[];
	warnings: PoolingWarning[];
}

/** Pool `studies` overall and by `groupOf` (design by default), with the given estimator. */
export function summarise(
	studies: readonly Study[],
	options: { method: PoolMethod; hk: boolean; overlaps?: readonly OverlapGroup[] },
	groupOf: (s: Study) => string = (s) => s.design ?? 'not-reported'
): Summary {
	const { pooled, excluded } = logEffects(studies);
	const fit = { method: options.method, hk: options.hk };
	const overall = pool(
		pooled.map((e) => e.yi),
		pooled.map((e) => e.vi),
		fit
	);
	const weights = new Map<StudyId, number>();
	if (overall) pooled.forEach((e, i) => weights.set(e.id, overall.weights[i] ?? 0));
	const byId = new Map(studies.map((s) => [s.id, s]));
	const keys = new Map<string, { yi: number[]; vi: number[] }>();
	for (const e of pooled) {
		const study = byId.get(e.id);
		if (!study) continue;
		const key = groupOf(study);
		const g = keys.get(key) ?? { yi: [], vi: [] };
		g.yi.push(e.yi);
		g.vi.push(e.vi);
		keys.set(key, g);
	}
	const sub = subgroupAnalysis(
		[...keys.entries()].map(([key, g]) => ({ key, ...g })),
		fit
	);
	return {
		method: options.method,
		hk: options.hk,
		overall,
		groups: sub.groups,
		subgroupTest: sub.test,
		effects: pooled,
		weights,
		excluded,
		warnings: poolingWarnings(studies, options.overlaps ?? [])
	};
}
