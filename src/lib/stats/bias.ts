/**
 * Small-study effects: Egger's regression test in its two common forms, as R metafor's `regtest` computes them,
 * and the data of a funnel plot.
 */

import { normalQuantile } from './distributions';
import { pool, type PoolMethod } from './meta';
import { statsMessages } from './messages';
import { metaRegression, type RemlSafeguard } from './regression';
import { remlWarnings, type PoolingWarning } from './warnings';

/** The asymmetry test of one Egger variant: the coefficient of the standard error and its test. */
export interface EggerTest {
	/** Slope of yi on SE (the classic Egger intercept of the standardised regression). */
	coefficient: number;
	se: number;
	/** t (classic, and mixed under Knapp–Hartung) or z (mixed). */
	statistic: number;
	/** Degrees of freedom of a t test (k − 2), null for a z test. */
	df: number | null;
	pValue: number;
	/** Fitted effect at SE = 0 (metafor's "limit estimate") and its standard error. */
	limitEstimate: number;
	limitSe: number;
}

/** Both Egger variants for one set of studies. */
export interface EggerResult {
	k: number;
	/** Classic Egger: weighted linear model of yi on SE, weights 1/vi (metafor regtest model = "lm"). */
	classic: EggerTest;
	/** metafor's default regtest: meta-regression on SE with τ² estimated by `method` (model = "rma"). */
	mixed: EggerTest & {
		method: PoolMethod;
		tau2: number;
		/** Whether its τ² was found, and the REML safeguard it needed (see RemlSafeguard); read by eggerWarnings. */
		converged: boolean;
		safeguard: RemlSafeguard;
	};
}

/** Options of `egger`: the τ² method of the mixed-effects variant (default REML) and Knapp–Hartung (default false). */
export interface EggerOptions {
	method?: PoolMethod;
	hk?: boolean;
}

/** Egger's regression test for funnel asymmetry (classic and mixed-effects); null with fewer than 3 studies. */
export function egger(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	options: EggerOptions = {}
): EggerResult | null {
	if (yi.length < 3) return null;
	const X = vi.map((v) => [1, Math.sqrt(v)]);
	const method = options.method ?? 'REML';
	// The weighted lm is a common-effect fit whose variance is scaled by the residual mean square on k − 2 df,
	// which is exactly Knapp–Hartung applied to τ² = 0.
	const lm = metaRegression(yi, vi, X, { method: 'FE', hk: true });
	const rma = metaRegression(yi, vi, X, { method, hk: options.hk ?? false });
	const lmSlope = lm?.coefficients[1];
	const lmLimit = lm?.coefficients[0];
	const rmaSlope = rma?.coefficients[1];
	const rmaLimit = rma?.coefficients[0];
	if (!lm || !rma || !lmSlope || !lmLimit || !rmaSlope || !rmaLimit) return null;
	const test = (slope: typeof lmSlope, limit: typeof lmLimit, df: number | null): EggerTest => ({
		coefficient: slope.estimate,
		se: slope.se,
		statistic: slope.statistic,
		df,
		pValue: slope.pValue,
		limitEstimate: limit.estimate,
		limitSe: limit.se
	});
	return {
		k: yi.length,
		classic: test(lmSlope, lmLimit, lm.df),
		mixed: {
			...test(rmaSlope, rmaLimit, rma.df),
			method,
			tau2: rma.tau2,
			converged: rma.converged,
			safeguard: rma.safeguard
		}
	};
}

/** The caution to show beside Egger's test when its mixed-effects variant's REML τ² needed a safeguard. */
export function eggerWarnings(result: EggerResult | null): PoolingWarning[] {
	return remlWarnings([{ analysis: statsMessages.eggerMixedName(), fit: result?.mixed ?? null }]);
}

/** One study in a funnel plot. */
export interface FunnelPoint {
	/** Index in the input arrays. */
	index: number;
	yi: number;
	sei: number;
}

/** A point of the pseudo-confidence region: centre ± z·SE at a given SE. */
export interface FunnelLinePoint {
	se: number;
	low: number;
	high: number;
}

/** Everything a funnel plot draws, on the log scale with SE on the vertical axis. */
export interface FunnelData {
	points: FunnelPoint[];
	/** Pooled estimate the funnel is centred on. */
	center: number;
	/** Normal quantile of the pseudo-confidence region (1.96 for 95%). */
	z: number;
	seMax: number;
	/** The region's boundary at SE = 0 and SE = seMax: straight lines, extend them with `z` if the axis is longer. */
	pseudoCi: [FunnelLinePoint, FunnelLinePoint];
}

/** Funnel plot data: studies as (yi, SE) and the pseudo-CI lines centre ± z·SE around the FE or RE estimate (or `center`). */
export function funnelData(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	options: { method: PoolMethod; level?: number; center?: number }
): FunnelData | null {
	const level = options.level ?? 0.95;
	// A caller that has already pooled these studies passes the estimate, so it is not fitted twice.
	const pooled =
		options.center === undefined
			? pool(yi, vi, { method: options.method, level })
			: { estimate: options.center };
	if (!pooled || yi.length === 0) return null;
	const z = normalQuantile(1 - (1 - level) / 2);
	const points = yi.map((y, index): FunnelPoint => ({
		index,
		yi: y,
		sei: Math.sqrt(vi[index] ?? Number.NaN)
	}));
	const seMax = points.reduce((m, p) => Math.max(m, p.sei), -Infinity);
	const center = pooled.estimate;
	return {
		points,
		center,
		z,
		seMax,
		pseudoCi: [
			{ se: 0, low: center, high: center },
			{ se: seMax, low: center - z * seMax, high: center + z * seMax }
		]
	};
}
