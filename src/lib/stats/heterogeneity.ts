/**
 * Confidence intervals for the between-study variance τ² and the heterogeneity measures built on it (τ, I², H²)
 * by the Q-profile method (Viechtbauer 2007), as R metafor's `confint(rma(...))` gives them: the limits are the τ²
 * at which the generalised Q statistic equals the χ²(k − p) quantiles.
 */

import { chiSquareCdf } from './distributions';
import type { PoolOptions } from './meta';
import { generalizedQ, metaRegression } from './regression';

/** An estimate with its confidence limits. */
export interface Interval {
	estimate: number;
	ciLow: number;
	ciHigh: number;
}

/** The Q-profile intervals of one random-effects fit. */
export interface HeterogeneityIntervals {
	k: number;
	/** Degrees of freedom k − p of the χ² quantiles. */
	df: number;
	level: number;
	tau2: Interval;
	tau: Interval;
	/** I² in percent: 100·τ²/(τ² + s²), s² metafor's typical sampling variance, at the estimate and each limit. */
	i2: Interval;
	/** H² = τ²/s² + 1. */
	h2: Interval;
	/** The typical sampling variance s² the I² and H² limits use. */
	typicalVariance: number;
	/** The upper limit lies beyond the range searched and is set at its end (metafor prints it as "> limit"). */
	upperAbove: boolean;
	/** Q at τ² = 0 is already below the lower χ² quantile: both limits are 0 (metafor's "null" interval). */
	empty: boolean;
}

/** The x with chiSquareCdf(x, df) = p, by bisection to full precision. */
export function chiSquareQuantile(p: number, df: number): number {
	if (!(p > 0 && p < 1) || !(df > 0)) return Number.NaN;
	let lo = 0;
	let hi = Math.max(1, df);
	while (chiSquareCdf(hi, df) < p) hi *= 2;
	for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
		const mid = (lo + hi) / 2;
		if (chiSquareCdf(mid, df) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/** The τ² in [lo, hi] where the decreasing function f crosses 0, by bisection to full precision. */
function decreasingRoot(f: (t: number) => number, lo: number, hi: number): number {
	let a = lo;
	let b = hi;
	for (let i = 0; i < 300 && b - a > 1e-15 * Math.max(1e-300, b); i++) {
		const mid = (a + b) / 2;
		if (f(mid) > 0) a = mid;
		else b = mid;
	}
	return (a + b) / 2;
}

/**
 * Q-profile confidence intervals for τ², τ, I² and H² of the random-effects model of yi (variances vi) with
 * design X (intercept only when left out), fitted with `options` (DL or REML; the point estimates are that fit's).
 * Null for FE, for k − p < 1 (metafor stops: k = 1) and when the data cannot be fitted. The search range is
 * [0, max(100, 10·τ²)] as metafor's; limits outside it are set to its ends (see `upperAbove`).
 */
export function heterogeneityIntervals(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	options: PoolOptions,
	X: ReadonlyArray<ReadonlyArray<number>> = yi.map(() => [1])
): HeterogeneityIntervals | null {
	if (options.method === 'FE') return null;
	const fit = metaRegression(yi, vi, X, options);
	if (!fit || fit.qeDf < 1 || fit.typicalVariance === null) return null;
	const level = fit.level;
	const alpha = 1 - level;
	const df = fit.qeDf;
	const tau2Max = Math.max(100, 10 * fit.tau2);
	const q = (t: number) => generalizedQ(yi, vi, X, t);
	const critUpper = chiSquareQuantile(1 - alpha / 2, df); // gives the lower limit
	const critLower = chiSquareQuantile(alpha / 2, df); // gives the upper limit
	const q0 = q(0);
	const qMax = q(tau2Max);
	let low: number;
	let high: number;
	let upperAbove = false;
	let empty = false;
	if (q0 < critLower) {
		low = 0;
		high = 0;
		empty = true;
	} else {
		if (qMax > critLower) {
			high = tau2Max;
			upperAbove = true;
		} else high = decreasingRoot((t) => q(t) - critLower, 0, tau2Max);
		if (qMax > critUpper) {
			low = tau2Max;
			high = tau2Max;
		} else low = q0 < critUpper ? 0 : decreasingRoot((t) => q(t) - critUpper, 0, tau2Max);
	}
	const s2 = fit.typicalVariance;
	const i2 = (t: number) => (100 * t) / (s2 + t);
	const h2 = (t: number) => t / s2 + 1;
	const tau2 = fit.tau2;
	return {
		k: fit.k,
		df,
		level,
		tau2: { estimate: tau2, ciLow: low, ciHigh: high },
		tau: { estimate: Math.sqrt(tau2), ciLow: Math.sqrt(low), ciHigh: Math.sqrt(high) },
		i2: { estimate: i2(tau2), ciLow: i2(low), ciHigh: i2(high) },
		h2: { estimate: h2(tau2), ciLow: h2(low), ciHigh: h2(high) },
		typicalVariance: s2,
		upperAbove,
		empty
	};
}
