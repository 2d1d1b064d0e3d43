/**
 * Designs side by side: the ratio of the observational to the randomised pooled ratio (e.g. HR_obs / HR_rct), from
 * the difference of the two pooled log estimates with SE = √(SE_obs² + SE_rct²) and a z test. With two groups this is
 * the same test as the test for subgroup differences (separate τ²).
 */
import { normalQuantile, normalTwoSidedP } from '../distributions';
import { toRatio } from '$lib/domain/ratio';

/** A pooled estimate on the log scale with its standard error. */
export interface LogPooled {
	estimate: number;
	se: number;
}

export interface DesignRatio {
	/** The ratio of ratios (observational ÷ randomised), on the ratio scale. */
	estimate: number;
	ciLow: number;
	ciHigh: number;
	/** Two-sided p of the z test of no difference. */
	p: number;
	/** The log difference and its standard error. */
	logDiff: number;
	se: number;
	z: number;
	level: number;
}

/** The ratio of `a` to `b` (log estimates) with its confidence interval and p; null when an SE is not positive. */
export function designRatio(a: LogPooled, b: LogPooled, level = 0.95): DesignRatio | null {
	const se = Math.sqrt(a.se * a.se + b.se * b.se);
	if (!(se > 0) || !Number.isFinite(se) || !Number.isFinite(a.estimate) || !Number.isFinite(b.estimate))
		return null;
	const logDiff = a.estimate - b.estimate;
	const crit = normalQuantile(1 - (1 - level) / 2);
	const z = logDiff / se;
	return {
		estimate: toRatio(logDiff),
		ciLow: toRatio(logDiff - crit * se),
		ciHigh: toRatio(logDiff + crit * se),
		p: normalTwoSidedP(z),
		logDiff,
		se,
		z,
		level
	};
}

/** "30% lower" / "12% higher" / "about the same as" for a ratio of ratios. */
export function relativeWords(ratio: number): string {
	const pct = Math.round(Math.abs(1 - ratio) * 100);
	if (pct === 0) return 'about the same as';
	return ratio < 1 ? `${pct}% lower than` : `${pct}% higher than`;
}
