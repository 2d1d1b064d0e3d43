/**
 * GRADE certainty of one body of evidence (one design class), computed from the view: the start (randomised high,
 * observational low), then one judgement per domain, each with its reason in words. Every rule is a row of a table
 * (RULES) so the tests can name it; a user's override replaces the computed change and carries its own reason.
 */
import type { DesignClass } from './classes';
import { allowedChanges, DOMAINS, type Domain } from './domains';
import { BIAS_FLAGS } from '$lib/domain/flags';

export {
	allowedChanges,
	certaintySymbols,
	certaintyWord,
	DOMAIN_LABELS,
	DOMAINS,
	type Domain
} from './domains';

/** The flag codes that name a reason the row's estimate may be biased (the `bias` kind of flag). */
export { BIAS_FLAGS };

/** What the rules read: the pooled result of one class and what is known about its studies. */
export interface GradeInput {
	group: DesignClass;
	k: number;
	/** Pooled ratio and interval (ratio scale). */
	estimate: number;
	ciLow: number;
	ciHigh: number;
	/** Prediction interval (ratio scale), null when there is none (k < 2 or a common-effect model). */
	piLow: number | null;
	piHigh: number | null;
	/** I² in percent, null when k < 2. */
	i2: number | null;
	/**
	 * The Q-profile 95% confidence interval of I² (percent; metafor's `confint()`), null when there is none (k < 2,
	 * a common-effect model, or the fit failed): with few studies I² alone says little.
	 */
	i2Low: number | null;
	i2High: number | null;
	/** Percent of the pooled weight in studies carrying a bias flag. */
	biasWeight: number;
	/** Egger's test p (metafor's default regtest), null when not computed. */
	eggerP: number | null;
	/** The clinically important ratio (< 1, e.g. 0.8): a benefit at least this large matters; 1/threshold for harm. */
	threshold: number;
}

/** One domain's judgement: the change to certainty (−2…+2), why, and whether the user set it. */
export interface Judgement {
	domain: Domain;
	change: number;
	reason: string;
	/** Which rule of RULES gave it ('override' when the user set it). */
	rule: string;
	overridden: boolean;
}

interface Rule {
	/** A stable name, shown in tests. */
	id: string;
	domain: Domain;
	applies: (x: GradeInput) => boolean;
	change: number;
	reason: (x: GradeInput) => string;
}

const pct = (v: number) => `${Math.round(v)}%`;
const r2 = (v: number) => (v < 0.1 ? v.toFixed(3) : v.toFixed(2));
const ci = (x: GradeInput) => `${r2(x.ciLow)}–${r2(x.ciHigh)}`;
const piCrossesNull = (x: GradeInput) => x.piLow !== null && x.piHigh !== null && x.piLow < 1 && x.piHigh > 1;
/** "I² 62% (95% CI 20–88%)", or "I² 62%" without an interval. */
const i2Text = (x: GradeInput) =>
	`I² ${pct(x.i2 ?? 0)}${x.i2Low !== null && x.i2High !== null ? ` (95% CI ${Math.round(x.i2Low)}–${pct(x.i2High)})` : ''}`;
const ciIncludes = (x: GradeInput, v: number) => x.ciLow <= v && x.ciHigh >= v;

/** Thresholds of the rules, named so the page can state them. */
export const LIMITS = {
	/** Weight in bias-flagged studies above which risk of bias is serious / very serious (percent). */
	robSerious: 20,
	robVerySerious: 50,
	/** I² (percent) at which inconsistency is serious / very serious. */
	i2Serious: 50,
	i2VerySerious: 75,
	/** Egger's test is read only with at least this many studies, at this p. */
	eggerMinK: 10,
	eggerP: 0.1,
	/** A ratio beyond which an effect counts as large / very large (and 1/… for harm). */
	large: 0.5,
	veryLarge: 0.2
} as const;

/**
 * The rules, first match per domain wins. Each domain ends with a rule that always applies (no change), so every
 * domain has a judgement and a reason.
 */
export const RULES: readonly Rule[] = [
	{
		id: 'rob-very-serious',
		domain: 'rob',
		applies: (x) => x.biasWeight > LIMITS.robVerySerious,
		change: -2,
		reason: (x) =>
			`Very serious: ${pct(x.biasWeight)} of the weight is in studies flagged for a source of bias (over ${LIMITS.robVerySerious}%).`
	},
	{
		id: 'rob-serious',
		domain: 'rob',
		applies: (x) => x.biasWeight >= LIMITS.robSerious,
		change: -1,
		reason: (x) =>
			`Serious: ${pct(x.biasWeight)} of the weight is in studies flagged for a source of bias (${LIMITS.robSerious}–${LIMITS.robVerySerious}%).`
	},
	{
		id: 'rob-none',
		domain: 'rob',
		applies: () => true,
		change: 0,
		reason: (x) =>
			x.biasWeight > 0
				? `Not serious: ${pct(x.biasWeight)} of the weight is in bias-flagged studies (under ${LIMITS.robSerious}%).`
				: 'Not serious: no pooled study is flagged for a source of bias.'
	},
	{
		id: 'inconsistency-single',
		domain: 'inconsistency',
		applies: (x) => x.k < 2 || x.i2 === null,
		change: 0,
		reason: () => 'Not assessable: one study.'
	},
	{
		id: 'inconsistency-very-serious',
		domain: 'inconsistency',
		applies: (x) =>
			(x.i2 ?? 0) >= LIMITS.i2VerySerious &&
			piCrossesNull(x) &&
			(x.i2Low === null || x.i2Low >= LIMITS.i2Serious),
		change: -2,
		reason: (x) =>
			`Very serious: ${i2Text(x)}${x.i2Low === null ? '' : `, at least ${LIMITS.i2Serious}% even at its lower limit,`} and the prediction interval (${r2(x.piLow ?? 0)}–${r2(x.piHigh ?? 0)}) spans both benefit and harm.`
	},
	{
		id: 'inconsistency-serious-i2',
		domain: 'inconsistency',
		applies: (x) => (x.i2 ?? 0) >= LIMITS.i2Serious && (x.i2Low === null || x.i2Low > 0),
		change: -1,
		reason: (x) =>
			`Serious: ${i2Text(x)} (${LIMITS.i2Serious}% or more${x.i2Low === null ? '' : '; its interval excludes no heterogeneity'}).`
	},
	{
		id: 'inconsistency-serious-uncertain-i2',
		domain: 'inconsistency',
		applies: (x) => (x.i2 ?? 0) >= LIMITS.i2Serious && piCrossesNull(x),
		change: -1,
		reason: (x) =>
			`Serious: ${i2Text(x)}; its interval reaches no heterogeneity, but the prediction interval (${r2(x.piLow ?? 0)}–${r2(x.piHigh ?? 0)}) spans both benefit and harm.`
	},
	{
		id: 'inconsistency-serious-pi',
		domain: 'inconsistency',
		applies: (x) => piCrossesNull(x) && !ciIncludes(x, 1),
		change: -1,
		reason: (x) =>
			`Serious: ${i2Text(x)}; the interval excludes no effect but the prediction interval (${r2(x.piLow ?? 0)}–${r2(x.piHigh ?? 0)}) includes it: a new study could find none.`
	},
	{
		id: 'inconsistency-uncertain',
		domain: 'inconsistency',
		applies: (x) => (x.i2 ?? 0) >= LIMITS.i2Serious,
		change: 0,
		reason: (x) =>
			`Not serious: ${i2Text(x)} is ${LIMITS.i2Serious}% or more, but its interval reaches no heterogeneity (0%) and the prediction interval${x.piLow !== null && x.piHigh !== null ? ` (${r2(x.piLow)}–${r2(x.piHigh)})` : ''} stays on one side of no effect. Override if the studies' results conflict.`
	},
	{
		id: 'inconsistency-none',
		domain: 'inconsistency',
		applies: () => true,
		change: 0,
		reason: (x) =>
			`Not serious: ${i2Text(x)}${x.piLow !== null && x.piHigh !== null ? `, prediction interval ${r2(x.piLow)}–${r2(x.piHigh)}` : ''}${x.i2High !== null && x.i2High >= LIMITS.i2VerySerious ? `; but I² up to ${pct(x.i2High)} cannot be excluded` : ''}.`
	},
	{
		id: 'indirectness-not-assessed',
		domain: 'indirectness',
		applies: () => true,
		change: 0,
		reason: () =>
			'Not downgraded by the tool: populations, comparisons and outcomes are not in the data. Override if they differ from the question.'
	},
	{
		id: 'imprecision-very-serious',
		domain: 'imprecision',
		applies: (x) => ciIncludes(x, x.threshold) && ciIncludes(x, 1 / x.threshold),
		change: -2,
		reason: (x) =>
			`Very serious: the interval (${ci(x)}) includes an important benefit (${r2(x.threshold)}) and an important harm (${r2(1 / x.threshold)}).`
	},
	{
		id: 'imprecision-serious-null',
		domain: 'imprecision',
		applies: (x) => ciIncludes(x, 1),
		change: -1,
		reason: (x) => `Serious: the interval (${ci(x)}) includes no effect (1).`
	},
	{
		id: 'imprecision-serious-threshold',
		domain: 'imprecision',
		applies: (x) => (x.estimate < 1 ? ciIncludes(x, x.threshold) : ciIncludes(x, 1 / x.threshold)),
		change: -1,
		reason: (x) =>
			`Serious: the interval (${ci(x)}) excludes no effect but includes effects smaller than the clinically important ${r2(x.estimate < 1 ? x.threshold : 1 / x.threshold)}.`
	},
	{
		id: 'imprecision-none',
		domain: 'imprecision',
		applies: () => true,
		change: 0,
		reason: (x) =>
			`Not serious: the interval (${ci(x)}) excludes no effect and the clinically important threshold (${r2(x.estimate < 1 ? x.threshold : 1 / x.threshold)}).`
	},
	{
		id: 'publication-not-assessable',
		domain: 'publication',
		applies: (x) => x.k < LIMITS.eggerMinK || x.eggerP === null,
		change: 0,
		reason: (x) => `Not assessable: Egger's test needs ${LIMITS.eggerMinK} or more studies (k = ${x.k}).`
	},
	{
		id: 'publication-suspected',
		domain: 'publication',
		applies: (x) => (x.eggerP ?? 1) < LIMITS.eggerP,
		change: -1,
		reason: (x) => `Suspected: Egger's test p = ${(x.eggerP ?? 1).toFixed(3)} (< ${LIMITS.eggerP}).`
	},
	{
		id: 'publication-undetected',
		domain: 'publication',
		applies: () => true,
		change: 0,
		reason: (x) => `Undetected: Egger's test p = ${(x.eggerP ?? 1).toFixed(2)} (≥ ${LIMITS.eggerP}).`
	},
	{
		id: 'large-not-observational',
		domain: 'large',
		applies: (x) => x.group !== 'observational',
		change: 0,
		reason: () => 'Not applicable: randomised evidence is not upgraded.'
	},
	{
		id: 'large-very-large',
		domain: 'large',
		applies: (x) => x.ciHigh < LIMITS.veryLarge || x.ciLow > 1 / LIMITS.veryLarge,
		change: 2,
		reason: (x) =>
			`Upgrade two levels: the whole interval (${ci(x)}) lies beyond ${LIMITS.veryLarge} (or ${1 / LIMITS.veryLarge}).`
	},
	{
		id: 'large-large',
		domain: 'large',
		applies: (x) => x.ciHigh < LIMITS.large || x.ciLow > 1 / LIMITS.large,
		change: 1,
		reason: (x) =>
			`Upgrade one level: the whole interval (${ci(x)}) lies beyond ${LIMITS.large} (or ${1 / LIMITS.large}).`
	},
	{
		id: 'large-none',
		domain: 'large',
		applies: () => true,
		change: 0,
		reason: (x) =>
			`No upgrade: the interval (${ci(x)}) does not lie wholly beyond ${LIMITS.large} (or ${1 / LIMITS.large}).`
	}
];

/** A user's judgement of one domain for one class: its change and reason. */
export interface Override {
	change: number;
	reason: string;
}

/** The computed judgement of one domain (the first rule that applies). */
export function judge(domain: Domain, x: GradeInput): Judgement {
	const rule = RULES.find((r) => r.domain === domain && r.applies(x));
	if (!rule) throw new Error(`No GRADE rule for ${domain}`);
	return { domain, change: rule.change, reason: rule.reason(x), rule: rule.id, overridden: false };
}

export interface Certainty {
	group: DesignClass;
	/** 4 high, 2 low. */
	start: number;
	judgements: Judgement[];
	/** 1 very low … 4 high. */
	level: number;
}

/** The starting certainty of a design class. */
export const startOf = (group: DesignClass): number => (group === 'randomised' ? 4 : 2);

/**
 * GRADE certainty: the start, every domain's judgement (a user's override in place of the computed one), the
 * sum clamped to 1–4. The large-effect upgrade is not applied when risk of bias was downgraded (GRADE upgrades only
 * evidence without serious limitations), and says so.
 */
export function certainty(x: GradeInput, overrides: Partial<Record<Domain, Override>> = {}): Certainty {
	const judgements = DOMAINS.map((domain): Judgement => {
		const o = overrides[domain];
		if (o && allowedChanges(domain).includes(o.change))
			return { domain, change: o.change, reason: o.reason, rule: 'override', overridden: true };
		return judge(domain, x);
	});
	const rob = judgements.find((j) => j.domain === 'rob');
	const large = judgements.find((j) => j.domain === 'large');
	if (large && !large.overridden && large.change > 0 && rob && rob.change < 0) {
		large.change = 0;
		large.rule = 'large-blocked-by-rob';
		large.reason = `No upgrade: the effect is large but risk of bias is serious. (${large.reason})`;
	}
	const start = startOf(x.group);
	const total = judgements.reduce((s, j) => s + j.change, start);
	return { group: x.group, start, judgements, level: Math.max(1, Math.min(4, total)) };
}
