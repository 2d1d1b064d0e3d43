/**
 * Meta-regression of effects on publication year (issue 22, item 5): rma(yi, vi, mods = ~ year) as R metafor fits
 * it, built on regression.ts's `metaRegression` (no second copy of the fit). Years are centred inside the fit for
 * numerical stability; the intercept (at year 0, as metafor reports it) and its covariance are transformed back.
 */

import { normalQuantile, normalTwoSidedP, tQuantile, tTwoSidedP } from './distributions';
import {
	metaRegression,
	waldTest,
	type Coefficient,
	type FitOptions,
	type RemlSafeguard,
	type Tau2Method,
	type WaldTest
} from './regression';

/** A meta-regression on year. The slope is the change in the log effect per year. */
export interface YearRegression {
	method: Tau2Method;
	/** Knapp–Hartung applied (t and F tests on k − 2 df); `hkDropped` when asked for but k − 2 < 1. */
	hk: boolean;
	hkDropped: boolean;
	level: number;
	k: number;
	/** Intercept: the log effect at year 0 (metafor's `intrcpt`). */
	intercept: Coefficient;
	/** Slope: change in the log effect per year (metafor's `year` coefficient). */
	slope: Coefficient;
	/** The omnibus test of the slope: QM = z² (χ², 1 df), or F = t² on (1, k − 2) df under Knapp–Hartung. */
	qm: WaldTest;
	/** Residual τ² and the residual heterogeneity test QE (df k − 2). */
	tau2: number;
	qe: number;
	qeDf: number;
	qeP: number | null;
	/** Residual I² in percent (100·τ²/(τ² + s²)), null for FE. */
	i2: number | null;
	/** Covariance of (intercept, slope). */
	covariance: [[number, number], [number, number]];
	converged: boolean;
	safeguard: RemlSafeguard;
	metaforTau2: number | null;
}

/**
 * Fit yi (variances vi) on year with `options` (method FE/DL/REML, hk, level). Null with fewer than 3 studies
 * (no residual degrees of freedom), when every year is the same, or when the data cannot be fitted (see
 * metaRegression).
 */
export function yearRegression(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	year: ReadonlyArray<number>,
	options: FitOptions
): YearRegression | null {
	if (yi.length !== year.length) throw new RangeError('yi and year must have the same length');
	const k = yi.length;
	if (k < 3 || !year.every(Number.isFinite)) return null;
	const centre = year.reduce((s, y) => s + y, 0) / k;
	if (year.every((y) => y === year[0])) return null;
	const fit = metaRegression(
		yi,
		vi,
		year.map((y) => [1, y - centre]),
		options
	);
	const b0c = fit?.coefficients[0];
	const slope = fit?.coefficients[1];
	const qm = fit ? waldTest(fit, [1]) : null;
	if (!fit || !b0c || !slope || !qm) return null;
	const v00 = fit.covariance[0]?.[0] ?? Number.NaN;
	const v01 = fit.covariance[0]?.[1] ?? Number.NaN;
	const v11 = fit.covariance[1]?.[1] ?? Number.NaN;
	// Back to year 0: b0 = b0c − c·b1, Var b0 = V00 − 2c·V01 + c²·V11, Cov(b0, b1) = V01 − c·V11.
	const estimate = b0c.estimate - centre * slope.estimate;
	const variance = v00 - 2 * centre * v01 + centre * centre * v11;
	const se = Math.sqrt(variance);
	const upper = 1 - (1 - fit.level) / 2;
	const crit = fit.df === null ? normalQuantile(upper) : tQuantile(upper, fit.df);
	const statistic = estimate / se;
	const pValue = slopeP(statistic, fit.df);
	const s2 = fit.typicalVariance;
	return {
		method: fit.method,
		hk: fit.hk,
		hkDropped: fit.hkDropped,
		level: fit.level,
		k,
		intercept: {
			estimate,
			se,
			statistic,
			pValue,
			ciLow: estimate - crit * se,
			ciHigh: estimate + crit * se
		},
		slope,
		qm,
		tau2: fit.tau2,
		qe: fit.qe,
		qeDf: fit.qeDf,
		qeP: fit.qeP,
		i2: fit.method === 'FE' || s2 === null ? null : (100 * fit.tau2) / (fit.tau2 + s2),
		covariance: [
			[variance, v01 - centre * v11],
			[v01 - centre * v11, v11]
		],
		converged: fit.converged,
		safeguard: fit.safeguard,
		metaforTau2: fit.metaforTau2
	};
}

function slopeP(statistic: number, df: number | null): number {
	return df === null ? normalTwoSidedP(statistic) : tTwoSidedP(statistic, df);
}

/** One point of the regression line with its confidence band (log scale), as metafor's predict() gives it. */
export interface YearLinePoint {
	year: number;
	estimate: number;
	ciLow: number;
	ciHigh: number;
}

/** The fitted line and its confidence band at the given years (z or t as the fit). */
export function yearRegressionLine(fit: YearRegression, years: ReadonlyArray<number>): YearLinePoint[] {
	const upper = 1 - (1 - fit.level) / 2;
	const crit = fit.hk ? tQuantile(upper, fit.qeDf) : normalQuantile(upper);
	const [[v00, v01], [, v11]] = fit.covariance;
	return years.map((year) => {
		const estimate = fit.intercept.estimate + fit.slope.estimate * year;
		const se = Math.sqrt(Math.max(0, v00 + 2 * year * v01 + year * year * v11));
		return { year, estimate, ciLow: estimate - crit * se, ciHigh: estimate + crit * se };
	});
}
