/**
 * Absolute effects from a hazard ratio and a baseline median survival, assuming proportional hazards and exponential
 * survival in both arms: the baseline hazard is λ₀ = ln 2 / median, the treated hazard HR·λ₀; so the treated median
 * is median / HR and the share dead by t is 1 − exp(−λt). The interval comes from the HR's confidence limits.
 */

/** The years at which deaths per 1,000 are given. */
export const HORIZONS_YEARS: readonly number[] = [1, 3, 5];

/** A baseline median (months) chosen for the absolute effects, and where it came from. */
export interface Baseline {
	months: number;
	/** 'data': the median of the control arms' medians in view; 'user': typed in. */
	source: 'data' | 'user';
	/** The control-arm medians it was taken from (data only), in months. */
	from: readonly number[];
}

/** The median of a list (null when empty). */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[mid] as number)
		: ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The baseline: the user's value when valid (> 0 months), else the median of the control medians; null if none. */
export function chooseBaseline(
	controlMedians: readonly number[],
	user: number | null | undefined
): Baseline | null {
	const from = controlMedians.filter((m) => Number.isFinite(m) && m > 0);
	if (user !== null && user !== undefined && Number.isFinite(user) && user > 0)
		return { months: user, source: 'user', from };
	const m = median(from);
	return m === null ? null : { months: m, source: 'data', from };
}

/** Deaths per 1,000 by `years` with baseline median `months` and hazard ratio `hr` (1 = the baseline arm). */
export function deathsPer1000(months: number, hr: number, years: number): number {
	const hazard = (Math.LN2 / months) * hr;
	return 1000 * (1 - Math.exp(-hazard * years * 12));
}

/** A value with the interval from the HR's confidence limits (low/high ordered by value). */
export interface Ranged {
	value: number;
	low: number;
	high: number;
}

export interface DeathsAt {
	years: number;
	/** Deaths per 1,000 in the baseline (untreated) arm. */
	baseline: number;
	/** Deaths per 1,000 with treatment, and the interval. */
	treated: Ranged;
	/** Treated minus baseline (negative: fewer deaths), and the interval. */
	difference: Ranged;
}

export interface AbsoluteEffects {
	baselineMonths: number;
	/** The implied median survival with treatment (months): baseline / HR, with the interval. */
	medianTreated: Ranged;
	/** Months gained (treated − baseline median), with the interval. */
	monthsGained: Ranged;
	deaths: DeathsAt[];
}

const ranged = (f: (hr: number) => number, hr: number, lo: number, hi: number): Ranged => {
	const a = f(lo);
	const b = f(hi);
	return { value: f(hr), low: Math.min(a, b), high: Math.max(a, b) };
};

/** The absolute effects of an HR (with its CI, ratio scale) against a baseline median in months. */
export function absoluteEffects(
	months: number,
	hr: number,
	ciLow: number,
	ciHigh: number,
	horizons: readonly number[] = HORIZONS_YEARS
): AbsoluteEffects {
	return {
		baselineMonths: months,
		medianTreated: ranged((h) => months / h, hr, ciLow, ciHigh),
		monthsGained: ranged((h) => months / h - months, hr, ciLow, ciHigh),
		deaths: horizons.map((years) => {
			const baseline = deathsPer1000(months, 1, years);
			return {
				years,
				baseline,
				treated: ranged((h) => deathsPer1000(months, h, years), hr, ciLow, ciHigh),
				difference: ranged((h) => deathsPer1000(months, h, years) - baseline, hr, ciLow, ciHigh)
			};
		})
	};
}
