/**
 * Mantel–Haenszel pooling of 2×2 tables (issue 22, item 6), RevMan's default for such data, as R metafor's
 * `rma.mh()` computes it: the MH risk ratio (Greenland–Robins variance) or odds ratio (Robins–Breslow–Greenland
 * variance) from the raw counts, and the heterogeneity test around the MH estimate from each table's log ratio
 * (1/2 added to every cell of a table with a zero; tables without events, or with only events, in both arms are
 * left out of the test, as metafor's defaults add = 1/2, to = "only0", drop00 = TRUE do).
 */

import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from './distributions';

/** One 2×2 table: events and non-events in the treated (a, b) and control (c, d) arms. */
export interface TwoByTwo {
	ai: number;
	bi: number;
	ci: number;
	di: number;
}

/** The Mantel–Haenszel measure. */
export type MhMeasure = 'RR' | 'OR';

/** The Mantel–Haenszel pooled result, on the log scale (estimate, CI) as metafor reports it. */
export interface MantelHaenszel {
	measure: MhMeasure;
	level: number;
	/** Tables pooled (with complete, non-negative counts). */
	k: number;
	estimate: number;
	se: number;
	ciLow: number;
	ciHigh: number;
	z: number;
	pValue: number;
	/** Cochran's Q around the MH estimate, its df (tables in the test − 1) and p; I² (%) and H² from Q. */
	q: number;
	qDf: number;
	qP: number;
	i2: number;
	h2: number;
	/** Tables in the heterogeneity test (metafor's k.yi). */
	kTest: number;
}

/** A table's log ratio and its variance, as escalc gives it, with 1/2 added to every cell when one is 0. */
export function tableEffect(t: TwoByTwo, measure: MhMeasure): { yi: number; vi: number } | null {
	const { ai, bi, ci, di } = t;
	if ((ai === 0 && ci === 0) || (bi === 0 && di === 0)) return null;
	const add = ai === 0 || bi === 0 || ci === 0 || di === 0 ? 0.5 : 0;
	const [a, b, c, d] = [ai + add, bi + add, ci + add, di + add];
	if (measure === 'OR') return { yi: Math.log((a * d) / (b * c)), vi: 1 / a + 1 / b + 1 / c + 1 / d };
	return { yi: Math.log(a / (a + b) / (c / (c + d))), vi: 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d) };
}

const validTable = (t: TwoByTwo) =>
	[t.ai, t.bi, t.ci, t.di].every((x) => Number.isFinite(x) && x >= 0) && t.ai + t.bi > 0 && t.ci + t.di > 0;

/**
 * Mantel–Haenszel risk ratio or odds ratio of the tables. Null when no table is valid, or when the estimate is
 * undefined (no events in one arm of every table for RR; a zero numerator or denominator sum for OR).
 */
export function mantelHaenszel(
	tables: ReadonlyArray<TwoByTwo>,
	measure: MhMeasure,
	level = 0.95
): MantelHaenszel | null {
	if (!(level > 0 && level < 1)) throw new RangeError(`level must be a fraction in (0, 1), got ${level}`);
	const used = tables.filter(validTable);
	if (used.length === 0) return null;
	let R = 0;
	let S = 0;
	let varianceSum = 0;
	let pr = 0;
	let psqr = 0;
	let qs = 0;
	for (const { ai, bi, ci, di } of used) {
		const n1 = ai + bi;
		const n2 = ci + di;
		const n = n1 + n2;
		if (measure === 'RR') {
			R += (ai * n2) / n;
			S += (ci * n1) / n;
			varianceSum += (n1 / n) * (n2 / n) * (ai + ci) - (ai / n) * ci;
		} else {
			const p = (ai + di) / n;
			const q = (bi + ci) / n;
			const r = (ai / n) * di;
			const s = (bi / n) * ci;
			R += r;
			S += s;
			pr += p * r;
			psqr += p * s + q * r;
			qs += q * s;
		}
	}
	if (!(R > 0 && S > 0)) return null;
	const estimate = Math.log(R / S);
	const se =
		measure === 'RR'
			? Math.sqrt(varianceSum / (R * S))
			: Math.sqrt(0.5 * (pr / (R * R) + psqr / (R * S) + qs / (S * S)));
	const crit = normalQuantile(1 - (1 - level) / 2);
	const z = estimate / se;

	const effects = used.flatMap((t) => {
		const e = tableEffect(t, measure);
		return e ? [e] : [];
	});
	const kTest = effects.length;
	let q = 0;
	let qP = 1;
	let i2 = 0;
	let h2 = 1;
	if (kTest > 1) {
		q = Math.max(
			0,
			effects.reduce((s, e) => s + (e.yi - estimate) ** 2 / e.vi, 0)
		);
		qP = chiSquareUpperTail(q, kTest - 1);
		i2 = Math.max(0, (100 * (q - (kTest - 1))) / q);
		h2 = q / (kTest - 1);
	}
	return {
		measure,
		level,
		k: used.length,
		estimate,
		se,
		ciLow: estimate - crit * se,
		ciHigh: estimate + crit * se,
		z,
		pValue: normalTwoSidedP(z),
		q,
		qDf: Math.max(0, kTest - 1),
		qP,
		i2,
		h2,
		kTest
	};
}
