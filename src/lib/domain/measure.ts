/**
 * Effect measures and their words: the measure a table's effects are (HR, RR, OR, or "effect" when the table does
 * not say) drives every label and sentence, so a table of log risk ratios never reads "hazard".
 */

/** A ratio effect measure; `effect` when the table does not name it (e.g. metafor's yi, vi). */
export type EffectMeasure = 'HR' | 'OR' | 'RR' | 'effect';

export const MEASURES: readonly EffectMeasure[] = ['HR', 'RR', 'OR', 'effect'];

export interface MeasureWords {
	/** Short label: "HR", or "effect" when not named. */
	abbr: string;
	/** In words: "hazard ratio", or "effect" when not named. */
	name: string;
	/** What is lower or higher: "hazard", "risk", "odds"; null when the measure is not named. */
	quantity: string | null;
	/** "a " before the quantity ("a 37% lower hazard"), "" for odds ("37% lower odds"). */
	article: string;
}

const WORDS: Readonly<Record<EffectMeasure, MeasureWords>> = {
	HR: { abbr: 'HR', name: 'hazard ratio', quantity: 'hazard', article: 'a ' },
	RR: { abbr: 'RR', name: 'risk ratio', quantity: 'risk', article: 'a ' },
	OR: { abbr: 'OR', name: 'odds ratio', quantity: 'odds', article: '' },
	effect: { abbr: 'effect', name: 'effect', quantity: null, article: 'a ' }
};

/** Is this a measure's code? */
export function isMeasure(value: unknown): value is EffectMeasure {
	return typeof value === 'string' && value in WORDS;
}

/** The words of a measure (anything unknown reads as "effect"). */
export function measureWords(measure: string): MeasureWords {
	return isMeasure(measure) ? WORDS[measure] : WORDS.effect;
}

/** "Hazard ratio", "Effect": a measure at the start of a label. */
export function measureTitle(measure: string): string {
	const { name } = measureWords(measure);
	return name.charAt(0).toUpperCase() + name.slice(1);
}

/** What the select that names a measure offers, with its words. */
export const MEASURE_OPTIONS: readonly { value: EffectMeasure; label: string }[] = [
	{ value: 'RR', label: 'risk ratio (RR)' },
	{ value: 'OR', label: 'odds ratio (OR)' },
	{ value: 'HR', label: 'hazard ratio (HR; log effects only)' },
	{ value: 'effect', label: 'not named (“effect”; log effects only)' }
];
