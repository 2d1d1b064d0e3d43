/**
 * The current view's result in plain sentences a clinician would say aloud, built only from the pooled statistics
 * (`summarise`): one sentence per design class, then whether the classes differ, then how it was pooled.
 */
import type { ArmLabels } from '../types';
import { inSentence } from '../format';
import { designInfo, NOT_REPORTED_DESIGN } from '../data/designs';
import type { PoolMethod, PoolResult, SubgroupTest } from './meta';

/** Designs that are observational (retrospective or prospective cohorts and registries). */
const OBSERVATIONAL: ReadonlySet<string> = new Set([
	'registry',
	'single-institution',
	'multi-institution',
	'prospective'
]);

/** Group a study by design class: observational, randomised, or (for other or unknown designs) its own design. */
export function designClass(design: string | null): string {
	const key = design ?? NOT_REPORTED_DESIGN;
	if (key === 'rct') return 'randomised';
	return OBSERVATIONAL.has(key) ? 'observational' : key;
}

/** `summarise`'s grouping by design class (one function, so its results are memoised). */
export const byDesignClass = (s: { design: string | null }): string => designClass(s.design);

export { inSentence };

/** The same label at the start of a sentence. */
const capitalised = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

const NAMES: Record<string, { measure: string; quantity: string }> = {
	HR: { measure: 'hazard ratio', quantity: 'hazard' },
	OR: { measure: 'odds ratio', quantity: 'odds' },
	RR: { measure: 'risk ratio', quantity: 'risk' }
};

export interface SentenceOptions {
	/** HR, OR or RR (anything else reads as "ratio"). */
	measure: string;
	arms: ArmLabels;
	/** What the ratio is of, e.g. "death"; null when the table does not say. */
	outcome: string | null;
}

/** What `summarise` returns that the sentences need. */
export interface SummaryForSentences {
	method: PoolMethod;
	hk: boolean;
	overall: PoolResult | null;
	groups: ReadonlyArray<{ key: string; k: number; result: PoolResult | null }>;
	subgroupTest: SubgroupTest | null;
}

const ratio = (v: number) => (v < 0.1 ? v.toFixed(3) : v.toFixed(2));
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`);

function groupNoun(key: string, k: number): string {
	if (key === 'observational') return k === 1 ? 'observational study' : 'observational studies';
	if (key === 'randomised') return k === 1 ? 'randomised trial' : 'randomised trials';
	if (key === 'all') return k === 1 ? 'study' : 'studies';
	if (key === NOT_REPORTED_DESIGN)
		return k === 1 ? 'study of unreported design' : 'studies of unreported design';
	return `${k === 1 ? 'study' : 'studies'} of design “${designInfo(key).label}”`;
}

const ORDER = (key: string) => (key === 'observational' ? 0 : key === 'randomised' ? 1 : 2);

/** One group's result: its direction and size when the interval excludes 1, else what it is compatible with. */
export function groupSentence(key: string, r: PoolResult, options: SentenceOptions): string {
	const names = NAMES[options.measure] ?? { measure: 'ratio', quantity: 'ratio' };
	const measure = options.measure in NAMES ? options.measure : 'ratio';
	const level = `${Math.round(r.level * 100)}% CI`;
	const est = Math.exp(r.estimate);
	const lo = Math.exp(r.ciLow);
	const hi = Math.exp(r.ciHigh);
	const interval = `${ratio(lo)}–${ratio(hi)}`;
	const who = r.k === 1 ? `In one ${groupNoun(key, 1)}` : `In ${r.k} ${groupNoun(key, r.k)}`;
	const treated = inSentence(options.arms.treated);
	const of = options.outcome ? ` of ${options.outcome}` : '';
	const quantity = names.quantity === 'ratio' ? 'ratio' : `${names.quantity}${of}`;
	// "a 37% lower hazard", but "37% lower odds".
	const article = names.quantity === 'odds' ? '' : 'a ';
	if (hi < 1 || lo > 1) {
		const change =
			est < 1
				? `${article}${Math.round((1 - est) * 100)}% lower ${quantity}`
				: est < 2
					? `${article}${Math.round((est - 1) * 100)}% higher ${quantity}`
					: `${ratio(est)} times the ${quantity}`;
		return `${who}, ${treated} went with ${change} (${measure} ${ratio(est)}, ${level} ${interval}).`;
	}
	return `${who}, the ${names.measure} was ${ratio(est)} (${level} ${interval}), compatible with no ${est <= 1 ? 'benefit' : 'harm'}.`;
}

/**
 * The summary as sentences. `summary` is pooled by design class (see designClass); `shown` is how many studies
 * are in view.
 */
export function summarySentences(
	summary: SummaryForSentences,
	shown: number,
	options: SentenceOptions
): string[] {
	if (shown === 0) return ['No study is in view: clear a filter to see a result.'];
	const groups = summary.groups
		.filter((g): g is { key: string; k: number; result: PoolResult } => g.result !== null)
		.sort((a, b) => ORDER(a.key) - ORDER(b.key));
	if (groups.length === 0 || !summary.overall)
		return [
			`None of the ${shown === 1 ? 'study' : `${shown} studies`} in view reports an effect estimate with an interval, so nothing can be pooled.`
		];
	const sentences = groups.map((g) => groupSentence(g.key, g.result, options));
	if (groups.length === 1 && groups[0]?.key === 'all')
		sentences.splice(0, 1, groupSentence('all', summary.overall, options));
	const test = summary.subgroupTest;
	if (test && groups.length >= 2)
		sentences.push(
			test.pValue < 0.05
				? `The difference between designs is unlikely to be chance (${pText(test.pValue)}).`
				: `The difference between designs could be chance (${pText(test.pValue)}).`
		);
	if (groups.some((g) => g.result.k > 1)) {
		const model =
			summary.method === 'FE'
				? 'a common-effect model'
				: `random effects (${summary.method === 'DL' ? 'DerSimonian–Laird' : 'REML'})`;
		sentences.push(
			`${capitalised(`pooled with ${model}`)}${summary.hk ? ' and Hartung–Knapp intervals' : ''}.`
		);
	}
	return sentences;
}
