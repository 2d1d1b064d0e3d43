/**
 * The appraisal of the studies in view, as one pure function of the studies, the pooling options and the user's
 * appraisal settings: each design class pooled apart, the ratio between them, E-values of the observational
 * estimate, absolute effects from a baseline median, a GRADE summary-of-findings row per class and the
 * meta-regression on publication year (overall and per class). Memoised per view by the state.
 */
import type { Study, StudyId } from '../../types';
import { egger } from '../bias';
import { heterogeneityIntervals } from '../heterogeneity';
import type { PoolResult } from '../meta';
import { classesOf, groupEffects, summarise, type SummariseOptions, type Summary } from '../summary';
import { absoluteEffects, chooseBaseline, type AbsoluteEffects, type Baseline } from './absolute';
import { CLASS_ORDER, classDesigns, classLabel, classNoun, type DesignClass } from './classes';
import { toRatio } from '$lib/domain/ratio';
import { measureWords } from '$lib/domain/measure';
import { pText } from '$lib/domain/method';
import { trendSentence } from '../sentences';
import { evalueOf, type EValues } from './evalue';
import { BIAS_FLAGS, certainty, LIMITS, type Certainty, type Domain, type Override } from './grade';
import { designRatio, relativeWords, type DesignRatio } from './ratio';
import { groupYearRegressions, yearPoints, yearRegression, type YearRegression } from './year';

/** The user's settings of the appraisal (from the URL and the panel). */
export interface AppraisalSettings {
	/** The effect measure of the data (HR, RR, OR; anything else reads as a ratio). */
	measure: string;
	/** The clinically important ratio (< 1). */
	threshold: number;
	/** The baseline median survival the user typed (months), else null (from the data). */
	baselineMonths: number | null;
	/** The outcome is rare (< 15% by the end of follow-up): E-values use RR ≈ HR. */
	rare: boolean;
	/** GRADE overrides per class and domain. */
	overrides: Partial<Record<DesignClass, Partial<Record<Domain, Override>>>>;
}

/** One row of the summary-of-findings table. */
export interface SofRow {
	group: DesignClass;
	label: string;
	/** The designs it holds, in words. */
	designs: string;
	/** Studies pooled (one report per study; superseded and left-out reports not counted). */
	k: number;
	/** Patients in the pooled studies (superseded reports not counted), and how many of them report no n. */
	patients: number;
	patientsUnknown: number;
	/** Names of known overlapping cohorts among the pooled studies (their patients may be counted twice). */
	overlaps: string[];
	result: PoolResult;
	/** Ratio scale. */
	estimate: number;
	ciLow: number;
	ciHigh: number;
	absolute: AbsoluteEffects | null;
	certainty: Certainty;
	/** Percent of the class's weight in bias-flagged studies, and Egger's p (k ≥ 10). */
	biasWeight: number;
	eggerP: number | null;
}

export interface RegressionRow {
	group: DesignClass | 'all';
	label: string;
	fit: YearRegression;
}

export interface Appraisal {
	measure: string;
	summary: Summary;
	rows: SofRow[];
	/** Observational ÷ randomised, when both are pooled; its sentence. */
	ratio: DesignRatio | null;
	ratioSentence: string | null;
	/** E-values of the observational estimate (null when there is none). */
	evalue: (EValues & { estimate: number; ciLow: number; ciHigh: number; noun: string }) | null;
	baseline: Baseline | null;
	regressions: RegressionRow[];
}

const r2 = (v: number) => (v < 0.1 ? v.toFixed(3) : v.toFixed(2));
export { pText };

/** Appraise the studies in view (see the module comment). */
export function appraise(
	studies: readonly Study[],
	options: SummariseOptions,
	settings: AppraisalSettings
): Appraisal {
	const classOf = classesOf(options);
	const summary = summarise(studies, options, classOf);
	const byId = new Map(studies.map((s) => [s.id, s]));
	const groups = groupEffects(studies, summary.effects, classOf);
	const fit = { method: options.method, hk: options.hk };
	const controlMedians = studies
		.filter((s) => !summary.superseded.has(s.id) && s.medianControl !== null)
		.map((s) => s.medianControl as number);
	const isHr = settings.measure === 'HR';
	const baseline = isHr ? chooseBaseline(controlMedians, settings.baselineMonths) : null;

	const rows: SofRow[] = [];
	for (const group of CLASS_ORDER) {
		const g = summary.groups.find((x) => x.key === group);
		const input = groups.find((x) => x.key === group);
		if (!g?.result || !input) continue;
		const r = g.result;
		const ids = input.ids;
		const pooledStudies = ids.flatMap((id) => byId.get(id) ?? []);
		const biasWeight = ids.reduce((sum, id, i) => {
			const flagged = byId.get(id)?.flags.some((f) => BIAS_FLAGS.includes(f)) ?? false;
			return sum + (flagged ? (r.weights[i] ?? 0) : 0);
		}, 0);
		const eggerP =
			ids.length >= LIMITS.eggerMinK
				? (egger(input.yi, input.vi, { method: options.method })?.mixed.pValue ?? null)
				: null;
		const estimate = toRatio(r.estimate);
		const ciLow = toRatio(r.ciLow);
		const ciHigh = toRatio(r.ciHigh);
		const idSet = new Set<StudyId>(ids);
		// The Q-profile interval of I² (metafor's confint()) under the same estimator; none for one study or FE.
		const i2Ci = r.k >= 2 ? (heterogeneityIntervals(input.yi, input.vi, fit)?.i2 ?? null) : null;
		rows.push({
			group,
			label: classLabel(group),
			designs: classDesigns(pooledStudies.map((s) => s.design)),
			k: r.k,
			patients: pooledStudies.reduce((s, x) => s + (x.nTotal ?? 0), 0),
			patientsUnknown: pooledStudies.filter((x) => x.nTotal === null).length,
			overlaps: (options.overlaps ?? [])
				.filter((o) => o.ids.filter((id) => idSet.has(id)).length >= 2)
				.map((o) => o.name),
			result: r,
			estimate,
			ciLow,
			ciHigh,
			absolute: baseline ? absoluteEffects(baseline.months, estimate, ciLow, ciHigh) : null,
			certainty: certainty(
				{
					group,
					k: r.k,
					estimate,
					ciLow,
					ciHigh,
					piLow: r.piLow === null ? null : toRatio(r.piLow),
					piHigh: r.piHigh === null ? null : toRatio(r.piHigh),
					i2: r.i2,
					i2Low: i2Ci?.ciLow ?? null,
					i2High: i2Ci?.ciHigh ?? null,
					biasWeight,
					eggerP,
					threshold: settings.threshold
				},
				settings.overrides[group]
			),
			biasWeight,
			eggerP
		});
	}

	const obs = rows.find((x) => x.group === 'observational');
	const rct = rows.find((x) => x.group === 'randomised');
	const nouns = (row: SofRow | undefined) =>
		row
			? classNoun(
					row.group,
					groups.find((x) => x.key === row.group)?.ids.map((id) => byId.get(id)?.design ?? null) ?? []
				)
			: '';
	const ratio = obs && rct ? designRatio(obs.result, rct.result) : null;
	const ratioSentence =
		ratio && obs && rct
			? `The ${nouns(obs)}’ ${measureWords(settings.measure).name} (${r2(obs.estimate)}) is ${relativeWords(ratio.estimate)} the ${nouns(rct)}’ (${r2(rct.estimate)}): ratio ${r2(ratio.estimate)} (95% CI ${r2(ratio.ciLow)}–${r2(ratio.ciHigh)}), ${pText(ratio.p)}; ${ratio.p < 0.05 ? 'a difference this large is unlikely to be chance' : 'the difference could be chance'}.`
			: null;
	const evalue = obs
		? {
				...evalueOf(settings.measure, obs.estimate, obs.ciLow, obs.ciHigh, settings.rare),
				estimate: obs.estimate,
				ciLow: obs.ciLow,
				ciHigh: obs.ciHigh,
				noun: nouns(obs)
			}
		: null;

	const regressions: RegressionRow[] = [];
	const overall = yearRegression(
		yearPoints(
			byId,
			summary.effects.map((e) => e.id),
			summary.effects.map((e) => e.yi),
			summary.effects.map((e) => e.vi)
		),
		fit
	);
	if (overall) regressions.push({ group: 'all', label: 'All studies in view', fit: overall });
	const perClass = groupYearRegressions(studies, summary.effects, classOf, fit);
	for (const group of CLASS_ORDER) {
		const f = perClass.find((x) => x.key === group)?.fit;
		if (f) regressions.push({ group, label: classLabel(group), fit: f });
	}

	return { measure: settings.measure, summary, rows, ratio, ratioSentence, evalue, baseline, regressions };
}

/** The year regression in one sentence (the summary's own words): the change per decade, its interval and p. */
export function regressionSentence(row: RegressionRow, measure: string): string {
	return trendSentence(row.group, row.fit, { measure });
}
