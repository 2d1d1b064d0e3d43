/**
 * The current view's result in plain sentences a clinician would say aloud, built only from the pooled statistics
 * (`summarise`, grouped by design class): one sentence per design class, then the test for a difference between
 * the classes (named as on screen and on slides), then the meta-regression on publication year of each class that
 * has one (the change of the ratio per decade), then how it was pooled. Every word comes from the data: the
 * measure names the quantity ("lower risk", "lower odds", "lower hazard"), the arms are the table's.
 */
import type { ArmLabels } from '../types';
import { inSentence } from '../format';
import { classInfo, classNoun } from '../domain/design';
import { measureWords } from '../domain/measure';
import { designTestText, methodInSentence, pText, type PoolMethod } from '../domain/method';
import { ratioInterval, toRatio } from '../domain/ratio';
import type { PoolResult, SubgroupTest } from './meta';

export { inSentence };
/** The year regressions the summary states, loaded with the sentences (not needed to draw the page). */
export { groupYearRegressions } from './appraisal/year';

/** Below this many studies a group's pooled estimate is stated as unsettled. */
export const FEW_STUDIES = 3;

/** The same label at the start of a sentence. */
const capitalised = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

export interface SentenceOptions {
	/** HR, OR, RR, or anything else ("effect") when the table does not name it. */
	measure: string;
	arms: ArmLabels;
	/** What the ratio is of, e.g. "death"; null when the table does not say. */
	outcome: string | null;
	/** Also say the estimate of every design together (asked for: URL `overall=1`). */
	overall?: boolean;
}

/** What `summarise` returns that the sentences need. */
export interface SummaryForSentences {
	method: PoolMethod;
	hk: boolean;
	overall: PoolResult | null;
	groups: ReadonlyArray<{ key: string; k: number; result: PoolResult | null }>;
	subgroupTest: SubgroupTest | null;
	/**
	 * The meta-regression on publication year of each group that has one (stats/appraisal/year.ts
	 * `groupYearRegressions`: groups with too few studies or a single year have none); none when left out.
	 */
	trends?: ReadonlyArray<{ key: string; fit: TrendFit }>;
}

/** What a year regression gives the sentence: log-ratio slope per year with its interval and p. */
export interface TrendFit {
	k: number;
	from: number;
	to: number;
	slope: number;
	ciLow: number;
	ciHigh: number;
	p: number;
	level: number;
}

const ratio = (v: number) => (v < 0.1 ? v.toFixed(3) : v.toFixed(2));

/** One group's result: its direction and size when the interval excludes 1, else what it is compatible with. */
export function groupSentence(key: string, r: PoolResult, options: SentenceOptions): string {
	const words = measureWords(options.measure);
	const level = `${Math.round(r.level * 100)}% CI`;
	const { estimate: est, ciLow: lo, ciHigh: hi } = ratioInterval(r);
	const interval = `${ratio(lo)}–${ratio(hi)}`;
	const noun = classNoun(key, r.k);
	const treated = inSentence(options.arms.treated);
	const value = `${words.abbr} ${ratio(est)}, ${level} ${interval}`;
	if (r.k < FEW_STUDIES)
		return `${r.k === 1 ? `Only one ${noun}` : `Only ${r.k} ${noun}`} can be pooled, too few to settle the effect (${value}).`;
	const who = `In ${r.k} ${noun}`;
	if (hi < 1 || lo > 1) {
		if (words.quantity === null)
			return `${who}, the ${words.name} was ${ratio(est)} (${level} ${interval}), ${est < 1 ? 'lower' : 'higher'} with ${treated}.`;
		const of = options.outcome ? ` of ${options.outcome}` : '';
		const quantity = `${words.quantity}${of}`;
		const change =
			est < 1
				? `${words.article}${Math.round((1 - est) * 100)}% lower ${quantity}`
				: est < 2
					? `${words.article}${Math.round((est - 1) * 100)}% higher ${quantity}`
					: `${ratio(est)} times the ${quantity}`;
		return `${who}, ${treated} went with ${change} (${value}).`;
	}
	return `${who}, the ${words.name} was ${ratio(est)} (${level} ${interval}), compatible with no ${est <= 1 ? 'benefit' : 'harm'}.`;
}

/**
 * A group's meta-regression on publication year: the factor by which the ratio changes per decade of publication
 * (exp(10 × slope)) with its interval and p, and what that says (no trend claimed when the interval includes 1).
 */
export function trendSentence(key: string, fit: TrendFit, options: Pick<SentenceOptions, 'measure'>): string {
	const words = measureWords(options.measure);
	const decade = toRatio(10 * fit.slope);
	const lo = toRatio(10 * fit.ciLow);
	const hi = toRatio(10 * fit.ciHigh);
	const level = `${Math.round(fit.level * 100)}% CI`;
	const plural = words.name === 'effect' ? 'effects' : `${words.name}s`;
	const reading =
		lo <= 1 && hi >= 1
			? 'compatible with no trend over time'
			: `later studies reported ${decade < 1 ? 'lower' : 'higher'} ${plural}`;
	return `Among the ${fit.k} ${classNoun(key, fit.k)} published ${fit.from}–${fit.to}, the ${words.name} changed by a factor of ${ratio(decade)} per decade of publication (${level} ${ratio(lo)}–${ratio(hi)}; ${pText(fit.p)}): ${reading}.`;
}

/** What the summary says while a large view's statistics are being pooled (in the worker). */
export function poolingSentence(shown: number): string {
	return `Pooling the ${shown.toLocaleString('en')} studies in view…`;
}

/**
 * The summary as sentences. `summary` is pooled by design class (domain/design.ts `designClass`); `shown` is how
 * many studies are in view.
 */
export function summarySentences(
	summary: SummaryForSentences,
	shown: number,
	options: SentenceOptions
): string[] {
	if (shown === 0) return ['No study is in view: clear a filter to see a result.'];
	const groups = summary.groups
		.filter((g): g is { key: string; k: number; result: PoolResult } => g.result !== null)
		.sort((a, b) => classInfo(a.key).order - classInfo(b.key).order);
	if (groups.length === 0 || !summary.overall)
		return [
			`None of the ${shown === 1 ? 'study' : `${shown.toLocaleString('en')} studies`} in view reports an effect estimate with an interval, so nothing can be pooled.`
		];
	// A view whose studies have no design at all is one group: all studies.
	const onlyUnknown = groups.length === 1 && classInfo(groups[0]?.key ?? '').order === 9;
	const sentences = onlyUnknown
		? [groupSentence('all', summary.overall, options)]
		: groups.map((g) => groupSentence(g.key, g.result, options));
	const test = summary.subgroupTest;
	if (test && groups.length >= 2)
		sentences.push(
			`${designTestText(test)}: the difference ${test.pValue < 0.05 ? 'is unlikely to be chance' : 'could be chance'}.`
		);
	if (options.overall && groups.length >= 2) {
		const { estimate, ciLow, ciHigh } = ratioInterval(summary.overall);
		sentences.push(
			`All designs pooled together (mixing designs, which Cochrane advises against): ${measureWords(options.measure).abbr} ${ratio(estimate)} (${Math.round(summary.overall.level * 100)}% CI ${ratio(ciLow)}–${ratio(ciHigh)}), k = ${summary.overall.k}.`
		);
	}
	for (const g of onlyUnknown ? groups.slice(0, 1) : groups) {
		const trend = summary.trends?.find((t) => t.key === g.key);
		if (trend) sentences.push(trendSentence(onlyUnknown ? 'all' : g.key, trend.fit, options));
	}
	if (groups.some((g) => g.result.k > 1))
		sentences.push(
			`${capitalised(`pooled with ${methodInSentence(summary.method)}`)}${summary.hk ? ' and Hartung–Knapp intervals' : ''}.`
		);
	return sentences;
}
