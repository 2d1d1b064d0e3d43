/**
 * Every sentence the statistics layer says to a reader, kept in one place so the wording stays consistent and
 * reviewable (as data/messages.ts does for loading). Each names the study or studies concerned.
 */

const list = (labels: ReadonlyArray<string>): string => {
	const shown = labels.slice(0, 5);
	const more = labels.length - shown.length;
	const head = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? '');
	return more > 0 ? `${shown.join(', ')} and ${more} more` : head;
};

/** τ² in words: 0, or 4 significant digits. */
const tau2Text = (tau2: number): string => (tau2 === 0 ? '0' : String(Number(tau2.toPrecision(4))));

const percent = (level: number): string => `${Number((level * 100).toFixed(1))}%`;

/** Sentence builders for exclusion reasons and pooling cautions. */
export const statsMessages = {
	noEstimate: (label: string) => `${label}: no effect estimate is reported, so the study is not pooled.`,
	estimateNotPositive: (label: string, effect: number) =>
		`${label}: the ratio ${effect} is not a positive number, so the study is not pooled.`,
	noInterval: (label: string) =>
		`${label}: the estimate has no confidence interval, so it is shown but not pooled.`,
	degenerateInterval: (label: string, low: number, high: number) =>
		`${label}: the interval ${low}–${high} has no width on the log scale (or a bound ≤ 0), so the study is not pooled.`,
	estimateOutsideInterval: (label: string, effect: number, low: number, high: number) =>
		`${label}: the estimate ${effect} lies outside its interval ${low}–${high}, so the study is not pooled.`,
	invalidLevel: (label: string, level: number) =>
		`${label}: the confidence level ${level} is not a fraction between 0 and 1, so the study is not pooled.`,

	/**
	 * The studies in view but not pooled, each with its reason: the first `max` reasons, then how many more (a large
	 * table can leave thousands out, and a paragraph of thousands of sentences says nothing more).
	 */
	notPooled: (reasons: ReadonlyArray<string>, max = 8) => {
		const shown = reasons.slice(0, max).join(' ');
		const more = reasons.length - Math.min(reasons.length, max);
		const head = `Shown but not pooled (${reasons.length.toLocaleString('en')}): ${shown}`;
		return more > 0 ? `${head} And ${more.toLocaleString('en')} more not pooled.` : head;
	},
	noStudies: () => 'No study has both an estimate and a confidence interval, so nothing is pooled.',
	oneStudy: (label: string) =>
		`Only one study (${label}) can be pooled: the “pooled” result is that study alone, with no heterogeneity.`,
	fewStudies: (k: number) =>
		`Only ${k} studies can be pooled: with fewer than 3, the between-study variance τ² and the random-effects interval are very uncertain.`,
	mixedAdjustment: (adjusted: ReadonlyArray<string>, unadjusted: ReadonlyArray<string>, unknown: number) =>
		`Adjusted estimates (${list(adjusted)}) are pooled with unadjusted ones (${list(unadjusted)})` +
		(unknown > 0 ? `, and ${unknown} more do not say which they are` : '') +
		'; they answer different questions, so read the pooled value with care.',
	assumedCiLevel: (labels: ReadonlyArray<string>) =>
		`The confidence level is not stated for ${list(labels)}; a 95% interval was assumed to derive the standard error.`,
	otherCiLevel: (labels: ReadonlyArray<string>, levels: ReadonlyArray<number>) =>
		`${list(labels)} report ${levels.map(percent).join(' / ')} intervals; their standard errors were derived at that level.`,
	mixedEffectMeasures: (measures: ReadonlyArray<string>) =>
		`The pooled studies report different effect measures (${measures.join(', ')}); pooling them treats them as the same ratio.`,
	overlappingCohort: (group: string, labels: ReadonlyArray<string>) =>
		`${list(labels)} draw on the same cohort (${group}); pooling them counts some patients more than once.`,
	supersededStudy: (label: string, by: string) =>
		`${label} is superseded by ${by} (a later report of the same patients), so only ${by} is pooled.`,
	flaggedOut: (labels: ReadonlyArray<string>, codes: ReadonlyArray<string>) =>
		`Left out as flagged (${codes.join(', ')}): ${list(labels)}.`,

	remlZeroHigher: (analysis: string) =>
		`${analysis}: REML’s Fisher scoring stopped at a τ² above 0, but the restricted likelihood is higher at τ² = 0, so τ² = 0 is used (as R metafor does).`,
	remlHigherMaximum: (analysis: string, used: number | null, metafor: number | null) =>
		`${analysis}: REML’s Fisher scoring stopped at ${metafor === null ? 'a local maximum' : metafor === 0 ? 'τ² = 0' : `τ² = ${tau2Text(metafor)}`}, ` +
		`but a search of the whole range found a higher restricted likelihood${used === null ? '' : ` at τ² = ${tau2Text(used)}`}, which is used` +
		`${metafor === null ? '' : `; R metafor reports τ² = ${tau2Text(metafor)}`}.`,
	remlBracketed: (analysis: string) =>
		`${analysis}: REML’s Fisher scoring did not converge, so τ² was found by a bracketed search of the restricted likelihood instead.`,
	remlNotConverged: (analysis: string) =>
		`${analysis}: the REML estimate of τ² did not converge; read the random-effects result with care.`,

	knappHartungDropped: (analysis: string) =>
		`${analysis}: Hartung–Knapp needs at least two studies, so this interval is the normal (z) one, as R metafor gives.`,
	extremeVarianceRatio: (ratio: number) =>
		`The largest sampling variance is ${ratio.toExponential(1).replace('e+', ' × 10^')} times the smallest; as R metafor warns, results may be unstable with a ratio this extreme.`,

	eggerMixedName: () => 'Egger’s test (mixed-effects)',
	subgroupTestLabel: () => 'Test for subgroup differences (separate τ²)',
	moderatorTestLabel: (knappHartung: boolean) =>
		knappHartung ? 'Moderator test (common τ²), F' : 'Moderator test (common τ²), QM'
} as const;
