/**
 * Inverse-variance pooling on the log scale, reproducing R metafor's `rma.uni` (FE, DL, REML, optional
 * Knapp–Hartung), plus the analyses built from it: subgroups with RevMan's test for subgroup differences and
 * leave-one-out sensitivity.
 */

import { chiSquareUpperTail, normalQuantile, tQuantile } from './distributions';
import { statsMessages } from './messages';
import {
	metaRegression,
	waldTest,
	type FitOptions,
	type RemlSafeguard,
	type Tau2Method,
	type WaldTest
} from './regression';

/** How the pooled estimate is formed: common effect (FE), DerSimonian–Laird or REML random effects. */
export type PoolMethod = Tau2Method;

/** Options of `pool`: the τ² method, Knapp–Hartung (default false) and the confidence level (default 0.95). */
export type PoolOptions = FitOptions;

/** One pooled analysis, on the scale of yi (log ratios). */
export interface PoolResult {
	method: PoolMethod;
	/** Whether Knapp–Hartung was applied: asked for and k ≥ 2 (metafor falls back to z for k = 1). */
	hk: boolean;
	/** Knapp–Hartung was asked for but k = 1, so the z interval is used (remlWarnings says so). */
	hkDropped: boolean;
	level: number;
	k: number;
	estimate: number;
	se: number;
	ciLow: number;
	ciHigh: number;
	/** z statistic, or t with `df` degrees of freedom under Knapp–Hartung. */
	zOrT: number;
	pValue: number;
	/** k − 1 for Knapp–Hartung, null for z tests. */
	df: number | null;
	tau2: number;
	tau: number;
	/**
	 * I² in percent, from τ² as metafor computes it: 100·τ²/(τ² + s²) with s² = (k−1)Σw/((Σw)² − Σw²), w = 1/vi;
	 * for FE, max(0, (Q − df)/Q)·100. 0 at k = 1, as metafor gives; null only when it cannot be computed.
	 */
	i2: number | null;
	/** H² = (τ² + s²)/s², or Q/df for FE; 1 at k = 1, as metafor gives. */
	h2: number | null;
	/** Cochran's Q (common-effect weights), its degrees of freedom k − 1 and p-value (1 at k = 1, as metafor). */
	q: number;
	qDf: number;
	qP: number | null;
	/**
	 * Prediction interval as metafor's default: estimate ± c·√(τ² + SE²), c the normal quantile for z fits and
	 * t(k−1) under Knapp–Hartung. Null for FE and when k < 2.
	 */
	piLow: number | null;
	piHigh: number | null;
	/** Percentage weight of each study, in input order, summing to 100. */
	weights: number[];
	/** Whether τ² was found: REML converged by Fisher scoring or by the bracketed search (always true for FE, DL). */
	converged: boolean;
	iterations: number;
	/** REML only: the safeguard that corrected Fisher scoring, null when none was needed. */
	safeguard: RemlSafeguard;
	/** The τ² R metafor reports for these data (differs from tau2 only with a safeguard; see Tau2Estimate). */
	metaforTau2: number | null;
}

/**
 * Pool effects yi with sampling variances vi; null when there is nothing to pool (k = 0, a non-finite value or a
 * variance ≤ 0). Throws only when yi and vi differ in length or the level is not in (0, 1).
 */
export function pool(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	options: PoolOptions
): PoolResult | null {
	const fit = metaRegression(
		yi,
		vi,
		yi.map(() => [1]),
		options
	);
	const coefficient = fit?.coefficients[0];
	if (!fit || !coefficient) return null;

	const { k, tau2, qe: q, qeDf: qDf } = fit;
	const s2 = fit.typicalVariance;
	// metafor at k = 1: I² = 0, H² = 1 and p(Q) = 1 (Q = 0 on 0 degrees of freedom).
	let i2: number | null = k === 1 ? 0 : null;
	let h2: number | null = k === 1 ? 1 : null;
	if (k >= 2) {
		if (options.method === 'FE') {
			i2 = q > 0 ? Math.max(0, (q - qDf) / q) * 100 : 0;
			h2 = q / qDf;
		} else if (s2 !== null) {
			i2 = (100 * tau2) / (tau2 + s2);
			h2 = (tau2 + s2) / s2;
		}
	}

	let piLow: number | null = null;
	let piHigh: number | null = null;
	if (options.method !== 'FE' && k >= 2) {
		const upper = 1 - (1 - fit.level) / 2;
		const crit = fit.df === null ? normalQuantile(upper) : tQuantile(upper, fit.df);
		const half = crit * Math.sqrt(tau2 + coefficient.se * coefficient.se);
		piLow = coefficient.estimate - half;
		piHigh = coefficient.estimate + half;
	}

	const totalWeight = fit.weights.reduce((s, w) => s + w, 0);
	return {
		method: options.method,
		hk: fit.hk,
		hkDropped: fit.hkDropped,
		level: fit.level,
		k,
		estimate: coefficient.estimate,
		se: coefficient.se,
		ciLow: coefficient.ciLow,
		ciHigh: coefficient.ciHigh,
		zOrT: coefficient.statistic,
		pValue: coefficient.pValue,
		df: fit.df,
		tau2,
		tau: Math.sqrt(tau2),
		i2,
		h2,
		q,
		qDf,
		qP: k === 1 ? 1 : fit.qeP,
		piLow,
		piHigh,
		weights: fit.weights.map((w) => (100 * w) / totalWeight),
		converged: fit.converged,
		iterations: fit.iterations,
		safeguard: fit.safeguard,
		metaforTau2: fit.metaforTau2
	};
}

/** True when a confidence interval on the log scale excludes 0 (ratio 1), i.e. the result is significant. */
export function excludesNull(result: Pick<PoolResult, 'ciLow' | 'ciHigh'>): boolean {
	return result.ciLow > 0 || result.ciHigh < 0;
}

/** The studies of one subgroup, keyed for display (e.g. a design). */
export interface SubgroupInput {
	key: string;
	yi: ReadonlyArray<number>;
	vi: ReadonlyArray<number>;
}

/** One subgroup's pooled result (its own τ²), null when it has nothing to pool. */
export interface SubgroupResult {
	key: string;
	k: number;
	result: PoolResult | null;
}

/** Test for subgroup differences: Cochran's Q across the subgroup estimates, df = subgroups − 1. */
export interface SubgroupTest {
	/** "Test for subgroup differences (separate τ²)". */
	label: string;
	q: number;
	df: number;
	pValue: number;
}

/** Subgroup analysis: per-group results and the test for differences (null with fewer than two pooled groups). */
export interface SubgroupAnalysis {
	groups: SubgroupResult[];
	test: SubgroupTest | null;
}

/**
 * Pool each subgroup separately (its own τ²) and test for subgroup differences as RevMan does: a common-effect Q
 * over the subgroup estimates weighted by 1/SE², on (pooled groups − 1) degrees of freedom.
 */
export function subgroupAnalysis(
	groups: ReadonlyArray<SubgroupInput>,
	options: PoolOptions
): SubgroupAnalysis {
	const results = groups.map((g): SubgroupResult => ({
		key: g.key,
		k: g.yi.length,
		result: pool(g.yi, g.vi, options)
	}));
	const pooled = results.flatMap((g) => (g.result ? [g.result] : []));
	if (pooled.length < 2) return { groups: results, test: null };
	const w = pooled.map((r) => 1 / (r.se * r.se));
	const sumW = w.reduce((s, x) => s + x, 0);
	const mean = pooled.reduce((s, r, i) => s + (w[i] ?? 0) * r.estimate, 0) / sumW;
	const q = pooled.reduce((s, r, i) => s + (w[i] ?? 0) * (r.estimate - mean) ** 2, 0);
	const df = pooled.length - 1;
	return {
		groups: results,
		test: { label: statsMessages.subgroupTestLabel(), q, df, pValue: chiSquareUpperTail(q, df) }
	};
}

/**
 * metafor's test of subgroup differences as a moderator: rma(yi, vi, mods = ~ factor(group)) with one common
 * (residual) τ², and its omnibus test QM of the group coefficients (F under Knapp–Hartung).
 */
export interface ModeratorTest extends WaldTest {
	/** "Moderator test (common τ²), QM" (or "…, F" under Knapp–Hartung). */
	label: string;
	/** Studies and groups in the model (groups without a study are left out). */
	k: number;
	groups: number;
	/** The common residual τ² (0 for FE). */
	tau2: number;
	/** Whether τ² was found, the safeguard it needed and metafor's τ² (see PoolResult). */
	converged: boolean;
	safeguard: RemlSafeguard;
	metaforTau2: number | null;
}

/**
 * The moderator test (common τ²) across subgroups; null with fewer than two non-empty groups, and null when there
 * are no more studies than groups (e.g. one study in each of two groups): the model then has no residual degrees
 * of freedom, τ² cannot be estimated and R metafor refuses to fit it.
 */
export function moderatorTest(
	groups: ReadonlyArray<SubgroupInput>,
	options: PoolOptions
): ModeratorTest | null {
	const used = groups.filter((g) => g.yi.length > 0);
	if (used.length < 2) return null;
	const yi = used.flatMap((g) => [...g.yi]);
	if (yi.length - used.length < 1) return null;
	const vi = used.flatMap((g) => [...g.vi]);
	// Intercept (first group) plus one indicator per further group, as factor(group) codes it.
	const X = used.flatMap((g, gi) => g.yi.map(() => used.map((_, c) => (c === 0 || c === gi ? 1 : 0))));
	const fit = metaRegression(yi, vi, X, options);
	if (!fit) return null;
	const test = waldTest(
		fit,
		used.slice(1).map((_, i) => i + 1)
	);
	if (!test) return null;
	return {
		...test,
		label: statsMessages.moderatorTestLabel(test.dfResidual !== null),
		k: fit.k,
		groups: used.length,
		tau2: fit.tau2,
		converged: fit.converged,
		safeguard: fit.safeguard,
		metaforTau2: fit.metaforTau2
	};
}

/** The pooled result with one study left out. */
export interface LeaveOneOutRow {
	/** Index (in the input arrays) of the study left out. */
	omitted: number;
	estimate: number;
	se: number;
	ciLow: number;
	ciHigh: number;
	pValue: number;
	tau2: number;
	i2: number | null;
	q: number;
	/** Whether this interval excludes 0 (ratio 1). */
	significant: boolean;
	/** Whether leaving the study out flips significance relative to the analysis of all studies. */
	changesConclusion: boolean;
	/** Whether this fit's τ² was found, and the REML safeguard it needed (see PoolResult; pass to remlWarnings). */
	converged: boolean;
	safeguard: RemlSafeguard;
	metaforTau2?: number | null;
}

/** Leave-one-out sensitivity analysis: the full result and one row per omitted study (empty when k < 2). */
export interface LeaveOneOut {
	full: PoolResult | null;
	rows: LeaveOneOutRow[];
}

/** Re-pool with each study left out in turn, flagging studies whose omission flips the conclusion. */
export function leaveOneOut(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	options: PoolOptions
): LeaveOneOut {
	const full = pool(yi, vi, options);
	if (!full || yi.length < 2) return { full, rows: [] };
	const fullSignificant = excludesNull(full);
	const rows = yi.flatMap((_, omitted): LeaveOneOutRow[] => {
		const keep = (_: number, i: number) => i !== omitted;
		const r = pool(yi.filter(keep), vi.filter(keep), options);
		if (!r) return [];
		const significant = excludesNull(r);
		return [
			{
				omitted,
				estimate: r.estimate,
				se: r.se,
				ciLow: r.ciLow,
				ciHigh: r.ciHigh,
				pValue: r.pValue,
				tau2: r.tau2,
				i2: r.i2,
				q: r.q,
				significant,
				changesConclusion: significant !== fullSignificant,
				converged: r.converged,
				safeguard: r.safeguard,
				metaforTau2: r.metaforTau2
			}
		];
	});
	return { full, rows };
}
