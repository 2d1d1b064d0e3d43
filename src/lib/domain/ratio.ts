/** Log scale → ratio scale: the one place a pooled or per-study log effect becomes the ratio people read. */

/** ln(ratio) → ratio. */
export function toRatio(logValue: number): number {
	return Math.exp(logValue);
}

/** A nullable log value (a prediction limit) → ratio, or null. */
export function toRatioOrNull(logValue: number | null): number | null {
	return logValue === null ? null : Math.exp(logValue);
}

/** An estimate with its interval, log scale → ratio scale. */
export function ratioInterval(r: { estimate: number; ciLow: number; ciHigh: number }): {
	estimate: number;
	ciLow: number;
	ciHigh: number;
} {
	return { estimate: Math.exp(r.estimate), ciLow: Math.exp(r.ciLow), ciHigh: Math.exp(r.ciHigh) };
}
