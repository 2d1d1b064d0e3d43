/**
 * Effect inputs other than a ratio with its interval: 2×2 counts per arm, computed exactly as R metafor's `escalc`
 * does, and the summary rows that exports from RevMan and similar tools carry below their studies.
 */
import type { ColumnMapping, EffectMeasure } from '$lib/types';

/** The two-sided 95% normal quantile, qnorm(0.975). */
export const Z95 = 1.959963984540054;

export type CountsEffect =
	| { kind: 'ok'; yi: number; vi: number; corrected: boolean }
	| { kind: 'incomplete' }
	| { kind: 'events-exceed' }
	| { kind: 'no-events' }
	| { kind: 'all-events' };

/**
 * Log risk ratio or log odds ratio and its sampling variance from events and patients per arm, as
 * `escalc(measure = "RR" | "OR", ai, bi, ci, di)` with its defaults (add = 1/2, to = "only0"): 0.5 is added to
 * every cell of a study with a zero cell. A study with no events in either arm, or only events, is left out (its
 * ratio says nothing), as RevMan does.
 */
export function countsEffect(
	eventsTreated: number | null,
	nTreated: number | null,
	eventsControl: number | null,
	nControl: number | null,
	measure: EffectMeasure
): CountsEffect {
	if (eventsTreated === null || nTreated === null || eventsControl === null || nControl === null)
		return { kind: 'incomplete' };
	if (eventsTreated > nTreated || eventsControl > nControl) return { kind: 'events-exceed' };
	if (eventsTreated === 0 && eventsControl === 0) return { kind: 'no-events' };
	if (eventsTreated === nTreated && eventsControl === nControl) return { kind: 'all-events' };
	let ai = eventsTreated;
	let bi = nTreated - eventsTreated;
	let ci = eventsControl;
	let di = nControl - eventsControl;
	const corrected = ai === 0 || bi === 0 || ci === 0 || di === 0;
	if (corrected) {
		ai += 0.5;
		bi += 0.5;
		ci += 0.5;
		di += 0.5;
	}
	const n1 = ai + bi;
	const n2 = ci + di;
	if (measure === 'OR')
		return {
			kind: 'ok',
			yi: Math.log((ai * di) / (bi * ci)),
			vi: 1 / ai + 1 / bi + 1 / ci + 1 / di,
			corrected
		};
	return { kind: 'ok', yi: Math.log(ai / n1 / (ci / n2)), vi: 1 / ai - 1 / n1 + 1 / ci - 1 / n2, corrected };
}

/** Labels of the rows meta-analysis software prints under its studies: totals, subtotals, tests. */
const SUMMARY_LABEL = [
	// "Total (95% CI)", "Subtotal (95% CI)", "Total events", "Overall (I-squared = 45.2%, p = 0.010)", "Pooled".
	/^\s*(?:(?:sub-?)?total|overall|pooled(?: estimate| effect)?|summary(?: estimate| effect)?)(?:\s+events)?\s*(?:[(:[].*)?$/i,
	/^\s*(?:heterogeneity|test for (?:overall effect|subgroup differences|heterogeneity))\b/i,
	/^\s*(?:random|fixed|common)[- ]effects?(?: model)?\s*(?:[(:[].*)?$/i,
	/^\s*(?:re|fe) model\b/i
];
/** A RevMan subgroup heading such as "1.1.2 Cohort studies", with nothing but the heading in the row. */
const HEADING = /^\s*\d+(?:\.\d+)+\s+\p{L}/u;

/** True for a summary row (a label such as "Total (95% CI)"), or a numbered heading with every other mapped cell empty. */
export function isSummaryRow(label: string, cells: readonly string[], mapping: ColumnMapping): boolean {
	if (label === '') return false;
	const head = label.length > 200 ? label.slice(0, 200) : label;
	if (SUMMARY_LABEL.some((pattern) => pattern.test(head))) return true;
	if (!HEADING.test(head)) return false;
	return Object.entries(mapping).every(
		([role, index]) => role === 'label' || role === 'id' || (cells[index] ?? '').trim() === ''
	);
}
