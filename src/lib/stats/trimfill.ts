/**
 * Duval and Tweedie's trim-and-fill (issue 22, item 6) as R metafor's `trimfill()` runs it: the side of the
 * funnel with missing studies from the sign of Egger's slope (a meta-regression on √vi with the fit's method),
 * the number missing k0 by the L0 or R0 estimator iterated on the trimmed data, and the k0 most extreme studies
 * mirrored about the trimmed estimate. The adjusted estimate pools the observed and the filled studies.
 */

import { pool, type PoolOptions, type PoolResult } from './meta';
import { metaRegression } from './regression';

/** Which estimator of the number of missing studies. */
export type TrimFillEstimator = 'L0' | 'R0';

/** One study added by trim-and-fill (on the scale of yi). */
export interface FilledStudy {
	yi: number;
	vi: number;
}

/** The result of trim-and-fill. */
export interface TrimFill {
	estimator: TrimFillEstimator;
	/** The side of the funnel where studies are estimated missing ("left": below the estimate). */
	side: 'left' | 'right';
	/** Estimated number of missing studies, and its standard error as metafor gives it. */
	k0: number;
	k0Se: number;
	/** The filled studies, in metafor's order (mirrors of the most extreme studies, least extreme first). */
	filled: FilledStudy[];
	/** The pooled result of the observed and filled studies (the observed fit when k0 = 0). */
	adjusted: PoolResult;
	/** Iterations of the trim step. */
	iterations: number;
}

/** Options: the pooling method (and level) of the fit, the estimator (L0 by default) and optionally the side. */
export interface TrimFillOptions extends PoolOptions {
	estimator?: TrimFillEstimator;
	side?: 'left' | 'right';
}

const MAX_ITERATIONS = 100;

/**
 * Trim-and-fill on effects yi with variances vi. Null when the data cannot be pooled, with fewer than 3 studies
 * (Egger's regression needs them) or when the trim step does not settle in 100 iterations (metafor stops with an
 * error). Knapp–Hartung is not used in the trim steps or the adjusted fit, as in metafor (whose trim and refit
 * calls use its default z test).
 */
export function trimAndFill(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	options: TrimFillOptions
): TrimFill | null {
	const k = yi.length;
	const estimator = options.estimator ?? 'L0';
	const fitOptions: PoolOptions = { method: options.method, level: options.level, hk: false };
	if (options.remlTolerance !== undefined) fitOptions.remlTolerance = options.remlTolerance;
	const observed = pool(yi, vi, { ...fitOptions, hk: options.hk ?? false });
	if (!observed || k < 3) return null;

	let side = options.side;
	if (!side) {
		const egger = metaRegression(
			yi,
			vi,
			vi.map((v) => [1, Math.sqrt(v)]),
			fitOptions
		);
		const slope = egger?.coefficients[1]?.estimate;
		if (slope === undefined) return null;
		side = slope < 0 ? 'right' : 'left';
	}
	const flip = side === 'right' ? -1 : 1;
	// Sorted by (flipped) effect, ties in input order (R's sort is stable here).
	const order = yi.map((_, i) => i).sort((a, b) => flip * (yi[a] ?? 0) - flip * (yi[b] ?? 0));
	const y = order.map((i) => flip * (yi[i] ?? 0));
	const v = order.map((i) => vi[i] ?? 0);

	let k0 = 0;
	let previous = -1;
	let k0Se = 0;
	let beta = 0;
	let iterations = 0;
	while (k0 !== previous) {
		previous = k0;
		iterations++;
		if (iterations > MAX_ITERATIONS) return null;
		const trimmed = pool(y.slice(0, k - k0), v.slice(0, k - k0), fitOptions);
		if (!trimmed) return null;
		beta = trimmed.estimate;
		const centred = y.map((x) => x - beta);
		const signedRanks = signedRanksOf(centred);
		let estimate: number;
		if (estimator === 'R0') {
			const negative = signedRanks.filter((r) => r < 0).map((r) => -r);
			estimate = k - (negative.length > 0 ? Math.max(...negative) : 0) - 1;
			k0Se = Math.sqrt(2 * Math.max(0, estimate) + 2);
		} else {
			const sr = signedRanks.filter((r) => r > 0).reduce((s, r) => s + r, 0);
			estimate = (4 * sr - k * (k + 1)) / (2 * k - 1);
			const e = estimate;
			const varSr =
				(k * (k + 1) * (2 * k + 1) +
					10 * e ** 3 +
					27 * e ** 2 +
					17 * e -
					18 * k * e ** 2 -
					18 * k * e +
					6 * k ** 2 * e) /
				24;
			k0Se = (4 * Math.sqrt(varSr)) / (2 * k - 1);
		}
		k0 = Math.max(0, rRound(estimate));
		k0Se = Math.max(0, k0Se);
	}

	if (k0 === 0) return { estimator, side, k0, k0Se, filled: [], adjusted: observed, iterations };
	// Mirror the k0 largest (flipped) effects about the trimmed estimate: 2β − y, then flip back.
	const filled: FilledStudy[] = [];
	for (let i = k - k0; i < k; i++) filled.push({ yi: flip * (2 * beta - (y[i] ?? 0)), vi: v[i] ?? 0 });
	const adjusted = pool([...yi, ...filled.map((f) => f.yi)], [...vi, ...filled.map((f) => f.vi)], fitOptions);
	if (!adjusted) return null;
	return { estimator, side, k0, k0Se, filled, adjusted, iterations };
}

/** sign(x)·rank(|x|), ranks 1..n with ties in order of appearance (R's rank(ties.method = "first")). */
function signedRanksOf(x: ReadonlyArray<number>): number[] {
	const order = x.map((_, i) => i).sort((a, b) => Math.abs(x[a] ?? 0) - Math.abs(x[b] ?? 0));
	const ranks = new Array<number>(x.length).fill(0);
	order.forEach((i, r) => (ranks[i] = r + 1));
	return x.map((xi, i) => Math.sign(xi) * (ranks[i] ?? 0));
}

/** R's round(): halves to even (IEC 60559), unlike Math.round. */
function rRound(x: number): number {
	const r = Math.round(x);
	return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
