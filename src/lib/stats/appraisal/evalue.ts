/**
 * E-values (VanderWeele & Ding, Ann Intern Med 2017;167:268–74): the minimum strength of association, on the risk
 * ratio scale, that an unmeasured confounder would need with both the treatment and the outcome to explain an
 * observed association away.
 * - E = RR + √(RR·(RR − 1)) for RR ≥ 1 (for RR < 1, take 1/RR first).
 * - A hazard ratio with a common outcome (> 15% by the end of follow-up) is first converted:
 *   RR ≈ (1 − 0.5^√HR) / (1 − 0.5^√(1/HR)); with a rare outcome, RR ≈ HR.
 * - The E-value of a confidence interval is that of the limit nearest 1, and 1 when the interval includes 1.
 * The bias factor of a confounder associated with both by RR = x is B = x² / (2x − 1) (Ding & VanderWeele,
 * Epidemiology 2016;27:368): it can move an observed RR at most to RR/B (or RR·B when RR < 1).
 */
import { toRatio } from '$lib/domain/ratio';

/** The approximate risk ratio of a hazard ratio: the common-outcome conversion, or the HR itself when rare. */
export function hrToRr(hr: number, rare = false): number {
	if (rare) return hr;
	return (1 - 0.5 ** Math.sqrt(hr)) / (1 - 0.5 ** Math.sqrt(1 / hr));
}

/** The hazard ratio whose common-outcome conversion is `rr` (the inverse of hrToRr, by bisection on log HR). */
export function rrToHr(rr: number, rare = false): number {
	if (rare || rr === 1) return rr;
	let lo = -50;
	let hi = 50;
	const target = Math.log(rr);
	for (let i = 0; i < 200; i++) {
		const mid = (lo + hi) / 2;
		if (Math.log(hrToRr(toRatio(mid))) < target) lo = mid;
		else hi = mid;
	}
	return toRatio((lo + hi) / 2);
}

/** The E-value of a risk ratio (either direction); 1 for RR = 1. */
export function evalueRr(rr: number): number {
	const r = rr < 1 ? 1 / rr : rr;
	return r + Math.sqrt(r * (r - 1));
}

export interface EValues {
	/** E-value of the point estimate. */
	point: number;
	/** E-value of the confidence limit nearest 1 (1 when the interval includes 1). */
	ci: number;
	/** The risk ratios the hazard ratios were converted to (point, limit nearest 1). */
	rrPoint: number;
	rrLimit: number;
	/** Whether the rare-outcome form was used (RR ≈ HR). */
	rare: boolean;
}

/** E-values of a hazard ratio and its interval (ratio scale). */
export function evalueHr(hr: number, ciLow: number, ciHigh: number, rare = false): EValues {
	const rrPoint = hrToRr(hr, rare);
	const crosses = ciLow <= 1 && ciHigh >= 1;
	const limit = crosses ? 1 : hr < 1 ? ciHigh : ciLow;
	const rrLimit = hrToRr(limit, rare);
	return { point: evalueRr(rrPoint), ci: crosses ? 1 : evalueRr(rrLimit), rrPoint, rrLimit, rare };
}

/** The bias factor of a confounder associated with treatment and outcome each by RR = x (x ≥ 1). */
export function biasFactor(x: number): number {
	return x <= 1 ? 1 : (x * x) / (2 * x - 1);
}

/**
 * The hazard ratio an observed one would move to if a confounder associated with both treatment and outcome by
 * RR = x were accounted for (towards 1 by at most the bias factor, on the risk ratio scale; never past 1).
 */
export function hrAfterConfounding(hr: number, x: number, rare = false): number {
	const rr = hrToRr(hr, rare);
	const b = biasFactor(x);
	const moved = rr < 1 ? Math.min(1, rr * b) : Math.max(1, rr / b);
	return rrToHr(moved, rare);
}

/**
 * The risk ratio a ratio of another measure stands for in the E-value: an HR by the conversion above, an OR by
 * √OR with a common outcome (OR itself when rare), an RR as it is.
 */
export function toRiskRatio(measure: string, value: number, rare = false): number {
	if (measure === 'OR') return rare ? value : Math.sqrt(value);
	if (measure === 'RR') return value;
	return hrToRr(value, rare);
}

/** E-values of a pooled ratio of any measure (see toRiskRatio). */
export function evalueOf(measure: string, est: number, ciLow: number, ciHigh: number, rare = false): EValues {
	if (measure !== 'OR' && measure !== 'RR') return evalueHr(est, ciLow, ciHigh, rare);
	const crosses = ciLow <= 1 && ciHigh >= 1;
	const rrPoint = toRiskRatio(measure, est, rare);
	const rrLimit = toRiskRatio(measure, crosses ? 1 : est < 1 ? ciHigh : ciLow, rare);
	return { point: evalueRr(rrPoint), ci: crosses ? 1 : evalueRr(rrLimit), rrPoint, rrLimit, rare };
}
