/**
 * The analysis the dashboard shows for the studies in view: overall and per-subgroup pooled estimates on the
 * ratio scale, weights, who was left out and why, and the cautions that apply.
 */
import { classGrouping, classInfo, NOT_REPORTED_DESIGN, type UnreportedDesign } from '../domain/design';
import type { Study, StudyId } from '../types';
import type { ExcludedStudy, LogEffect } from './effects';
import { inclusion, type FlagSelection } from './inclusion';
import { StudySetCache } from './memo';
import {
	moderatorTest,
	pool,
	subgroupAnalysis,
	type ModeratorTest,
	type PoolMethod,
	type PoolResult,
	type SubgroupInput,
	type SubgroupTest
} from './meta';
import { inclusionWarnings, poolingWarnings, remlWarnings, type PoolingWarning } from './warnings';
import type { OverlapGroup } from '../domain/reports';
import type { YearRegression } from './appraisal/year';

export interface GroupSummary {
	key: string;
	k: number;
	result: PoolResult | null;
}

/** Options of `summarise` (and `cumulative`). */
export interface SummariseOptions {
	method: PoolMethod;
	hk: boolean;
	overlaps?: readonly OverlapGroup[];
	/** Leave out studies carrying any of these flag codes ('all': any flag, 'bias': bias flags); none when empty. */
	leaveOutFlags?: FlagSelection;
	/** How a study of unreported design is classed (domain/design.ts): observational for the bundled data. */
	unreportedDesign?: UnreportedDesign;
}

/** A study's subgroup key; the default groups by design, as the pooled panel shows. */
export type GroupOf = (study: Study) => string;

/** Group by design key ('not-reported' when the design is not reported). */
export const byDesign: GroupOf = (s) => s.design ?? NOT_REPORTED_DESIGN;

/** The grouping the dashboard uses everywhere: by design class, under the options' rule for unreported designs. */
export function classesOf(options: Pick<SummariseOptions, 'unreportedDesign'>): GroupOf {
	return classGrouping(options.unreportedDesign ?? 'unknown');
}

export interface Summary {
	method: PoolMethod;
	hk: boolean;
	overall: PoolResult | null;
	groups: GroupSummary[];
	/** Test for subgroup differences with a separate τ² per subgroup (RevMan's), labelled. */
	subgroupTest: SubgroupTest | null;
	/** metafor's moderator test with one common τ² (QM; F under Knapp–Hartung), labelled. */
	moderatorTest: ModeratorTest | null;
	/** The pooled studies' log effects, in input order (for funnel and leave-one-out views). */
	effects: LogEffect[];
	/** Weight (percent of the overall estimate) of every pooled study. */
	weights: Map<StudyId, number>;
	/** Studies without a usable estimate and interval, with the reason. */
	excluded: ExcludedStudy[];
	/** One report per study: superseded study → the study in view that supersedes it (shown, not pooled). */
	superseded: Map<StudyId, StudyId>;
	/** Studies left out by `leaveOutFlags` → the chosen codes each carries. */
	flaggedOut: Map<StudyId, string[]>;
	warnings: PoolingWarning[];
	/**
	 * Each design class's meta-regression on publication year (appraisal/year.ts `groupYearRegressions`), when the
	 * worker that pooled a large view fitted them too; `summarise` leaves it out (the page fits small views itself).
	 */
	trends?: ReadonlyArray<{ key: string; fit: YearRegression }>;
}

/** Label of a subgroup key in words, for cautions. */
const groupLabel = (key: string) => classInfo(key).label;

/**
 * The pooled studies of `studies` grouped by `groupOf`, in order of first appearance, each group's effects in
 * input order.
 */
export function groupEffects(
	studies: readonly Study[],
	effects: readonly LogEffect[],
	groupOf: GroupOf
): (SubgroupInput & { ids: StudyId[] })[] {
	const byId = new Map(studies.map((s) => [s.id, s]));
	const keys = new Map<string, { yi: number[]; vi: number[]; ids: StudyId[] }>();
	for (const e of effects) {
		const study = byId.get(e.id);
		if (!study) continue;
		const key = groupOf(study);
		const g = keys.get(key) ?? { yi: [], vi: [], ids: [] };
		g.yi.push(e.yi);
		g.vi.push(e.vi);
		g.ids.push(e.id);
		keys.set(key, g);
	}
	return [...keys.entries()].map(([key, g]) => ({ key, ...g }));
}

function computeSummary(studies: readonly Study[], options: SummariseOptions, groupOf: GroupOf): Summary {
	const { pooled, excluded, superseded, flaggedOut } = inclusion(studies, options.leaveOutFlags ?? []);
	const fit = { method: options.method, hk: options.hk };
	const overall = pool(
		pooled.map((e) => e.yi),
		pooled.map((e) => e.vi),
		fit
	);
	const weights = new Map<StudyId, number>();
	if (overall) pooled.forEach((e, i) => weights.set(e.id, overall.weights[i] ?? 0));
	const groups = groupEffects(studies, pooled, groupOf);
	const sub = subgroupAnalysis(groups, fit);
	const moderator = moderatorTest(groups, fit);
	const pooledIds = new Set(pooled.map((e) => e.id));
	const reml = remlWarnings([
		{ analysis: 'All studies in view', fit: overall },
		...(sub.groups.length > 1 ? sub.groups.map((g) => ({ analysis: groupLabel(g.key), fit: g.result })) : []),
		{ analysis: moderator?.label ?? '', fit: moderator }
	]);
	return {
		method: options.method,
		hk: options.hk,
		overall,
		groups: sub.groups,
		subgroupTest: sub.test,
		moderatorTest: moderator,
		effects: pooled,
		weights,
		excluded,
		superseded,
		flaggedOut,
		warnings: [
			...poolingWarnings(
				studies.filter((s) => pooledIds.has(s.id)),
				options.overlaps ?? []
			),
			...inclusionWarnings(studies, superseded, flaggedOut),
			...reml
		]
	};
}

const caches = new WeakMap<GroupOf, StudySetCache<Summary>>();

/** The cache of `groupOf`'s analyses (one small LRU per grouping function). */
export function cacheFor<V>(store: WeakMap<GroupOf, StudySetCache<V>>, groupOf: GroupOf): StudySetCache<V> {
	const found = store.get(groupOf);
	if (found) return found;
	const created = new StudySetCache<V>();
	store.set(groupOf, created);
	return created;
}

/** Options as a canonical, JSON-serialisable cache key. */
export function optionsKey(options: SummariseOptions): unknown {
	const flags = options.leaveOutFlags ?? [];
	return [
		options.method,
		options.hk,
		flags === 'all' ? 'all' : [...new Set(flags)].sort(),
		(options.overlaps ?? []).map((g) => [g.name, [...g.ids]]),
		options.unreportedDesign ?? 'unknown'
	];
}

/**
 * Pool `studies` overall and by `groupOf` (design class by default, see `classesOf`), with the given estimator, one report per study and
 * the chosen flags left out. Memoised per set of studies and options: the same studies (same objects, any order)
 * return the identical Summary, its `effects` in the order of the call that computed it.
 */
export function summarise(
	studies: readonly Study[],
	options: SummariseOptions,
	groupOf: GroupOf = classesOf(options)
): Summary {
	return cacheFor(caches, groupOf).get(studies, optionsKey(options), () =>
		computeSummary(studies, options, groupOf)
	);
}
