/**
 * Meta-regression of the log effect on publication year (metafor's `rma(yi, vi, mods = ~ year)`), through the
 * project's one moderator fit (regression.ts). Year is centred before fitting (the slope, its SE and τ² are
 * unchanged; the intercept is then the effect at the centre year), which keeps the normal equations well conditioned.
 */
import { normalQuantile, tQuantile } from '../distributions';
import { metaRegression, type FitOptions } from '../regression';
import { toRatio } from '$lib/domain/ratio';
import type { Study, StudyId } from '../../types';
import type { LogEffect } from '../effects';
import { groupEffects, type GroupOf } from '../summary';

/** One study for the fit: its log effect, sampling variance and publication year. */
export interface YearPoint {
	yi: number;
	vi: number;
	year: number;
}

export interface YearRegression {
	k: number;
	/** Slope of the log effect per year, its SE, interval, test statistic and p (z, or t under Knapp–Hartung). */
	slope: number;
	se: number;
	ciLow: number;
	ciHigh: number;
	statistic: number;
	p: number;
	df: number | null;
	/** The centre year and the fitted log effect there. */
	centre: number;
	intercept: number;
	/** Covariance of (intercept, slope). */
	covariance: [[number, number], [number, number]];
	/** Residual τ². */
	tau2: number;
	/** The years spanned by the studies fitted. */
	from: number;
	to: number;
	level: number;
}

/** Fewer studies than this, or fewer distinct years than 2, give no fit. */
export const MIN_K = 3;

/** The fit, or null with fewer than MIN_K studies or a single year. */
export function yearRegression(points: readonly YearPoint[], options: FitOptions): YearRegression | null {
	const used = points.filter((p) => Number.isFinite(p.yi) && p.vi > 0 && Number.isFinite(p.year));
	if (used.length < MIN_K) return null;
	const years = used.map((p) => p.year);
	const from = Math.min(...years);
	const to = Math.max(...years);
	if (from === to) return null;
	const centre = Math.round(years.reduce((s, y) => s + y, 0) / years.length);
	const fit = metaRegression(
		used.map((p) => p.yi),
		used.map((p) => p.vi),
		used.map((p) => [1, p.year - centre]),
		options
	);
	const b0 = fit?.coefficients[0];
	const b1 = fit?.coefficients[1];
	const cov = fit?.covariance;
	if (!fit || !b0 || !b1 || !cov) return null;
	return {
		k: fit.k,
		slope: b1.estimate,
		se: b1.se,
		ciLow: b1.ciLow,
		ciHigh: b1.ciHigh,
		statistic: b1.statistic,
		p: b1.pValue,
		df: fit.df,
		centre,
		intercept: b0.estimate,
		covariance: [
			[cov[0]?.[0] ?? 0, cov[0]?.[1] ?? 0],
			[cov[1]?.[0] ?? 0, cov[1]?.[1] ?? 0]
		],
		tau2: fit.tau2,
		from,
		to,
		level: fit.level
	};
}

/** The fitted ratio at a year with its confidence band (ratio scale). */
export function fittedAt(fit: YearRegression, year: number): { estimate: number; low: number; high: number } {
	const d = year - fit.centre;
	const [[a, b], [c, e]] = fit.covariance;
	const variance = a + d * (b + c) + d * d * e;
	const upper = 1 - (1 - fit.level) / 2;
	const crit = fit.df === null ? normalQuantile(upper) : tQuantile(upper, fit.df);
	const est = fit.intercept + fit.slope * d;
	const half = crit * Math.sqrt(Math.max(0, variance));
	return { estimate: toRatio(est), low: toRatio(est - half), high: toRatio(est + half) };
}

/** The ratio change per decade (exp(10·slope)) with its interval. */
export function perDecade(fit: YearRegression): { estimate: number; low: number; high: number } {
	return {
		estimate: toRatio(10 * fit.slope),
		low: toRatio(10 * fit.ciLow),
		high: toRatio(10 * fit.ciHigh)
	};
}

/** The points of the pooled studies `ids` (log effects yi, vi) that report a publication year. */
export function yearPoints(
	byId: ReadonlyMap<StudyId, Pick<Study, 'year'>>,
	ids: readonly StudyId[],
	yi: readonly number[],
	vi: readonly number[]
): YearPoint[] {
	return ids.flatMap((id, i) => {
		const year = byId.get(id)?.year ?? null;
		const y = yi[i];
		const v = vi[i];
		return year === null || y === undefined || v === undefined ? [] : [{ yi: y, vi: v, year }];
	});
}

/**
 * The year regression of each group of the pooled studies (`effects`, grouped by `groupOf`: the design classes),
 * in order of first appearance; groups with too few studies or a single year have none and are left out.
 */
export function groupYearRegressions(
	studies: readonly Study[],
	effects: readonly LogEffect[],
	groupOf: GroupOf,
	options: FitOptions
): { key: string; fit: YearRegression }[] {
	const byId = new Map(studies.map((s) => [s.id, s]));
	return groupEffects(studies, effects, groupOf).flatMap((g) => {
		const fit = yearRegression(yearPoints(byId, g.ids, g.yi, g.vi), options);
		return fit ? [{ key: g.key, fit }] : [];
	});
}
