/**
 * A study's log-scale effect and sampling variance, as pooling needs them: given directly (a log effect with its SE,
 * from a table of yi and vi or from 2×2 counts, see data/inputs.ts), else from its reported ratio and confidence
 * interval: yi = ln(ratio), SE = (ln high − ln low) / (2·z) with z the normal quantile of the interval's level.
 */

import type { Study, StudyId } from '../types';
import { normalQuantile } from './distributions';
import { statsMessages } from './messages';

/** Confidence level assumed when a study does not state one. */
export const DEFAULT_CI_LEVEL = 0.95;

/** The fields of a study that its log effect depends on. */
export type EffectInput = Pick<Study, 'id' | 'label' | 'effect' | 'ciLow' | 'ciHigh' | 'ciLevel'> &
	Partial<Pick<Study, 'logEffect' | 'se'>>;

/** A study's effect on the log scale, ready to pool. */
export interface LogEffect {
	id: StudyId;
	/** ln(ratio). */
	yi: number;
	/** Sampling variance, SE². */
	vi: number;
	/** Standard error, given or derived from the interval. */
	sei: number;
	/** Confidence level the SE was derived at. */
	level: number;
	/** True when the study states no level and DEFAULT_CI_LEVEL was assumed. */
	levelAssumed: boolean;
}

/** Why a study cannot be pooled. */
export type LogEffectProblem =
	| 'noEstimate'
	| 'estimateNotPositive'
	| 'noInterval'
	| 'degenerateInterval'
	| 'estimateOutsideInterval'
	| 'invalidLevel';

/** The log effect of a study, or the reason (a sentence for the reader) it cannot be pooled. */
export type LogEffectResult =
	{ ok: true; value: LogEffect } | { ok: false; code: LogEffectProblem; reason: string };

const fail = (code: LogEffectProblem, reason: string): LogEffectResult => ({ ok: false, code, reason });

/** Derive yi = ln(effect) and its variance from a study's ratio and confidence interval, or say why not. */
export function logEffect(study: EffectInput): LogEffectResult {
	const { label, effect, ciLow, ciHigh, logEffect: yi, se } = study;
	// A log effect with its standard error needs no interval and no level.
	if (
		typeof yi === 'number' &&
		typeof se === 'number' &&
		Number.isFinite(yi) &&
		Number.isFinite(se) &&
		se > 0
	)
		return {
			ok: true,
			value: { id: study.id, yi, vi: se * se, sei: se, level: DEFAULT_CI_LEVEL, levelAssumed: false }
		};
	if (effect === null || Number.isNaN(effect)) return fail('noEstimate', statsMessages.noEstimate(label));
	if (!(effect > 0) || !Number.isFinite(effect))
		return fail('estimateNotPositive', statsMessages.estimateNotPositive(label, effect));
	if (ciLow === null || ciHigh === null || Number.isNaN(ciLow) || Number.isNaN(ciHigh))
		return fail('noInterval', statsMessages.noInterval(label));
	const logLow = Math.log(ciLow);
	const logHigh = Math.log(ciHigh);
	if (!Number.isFinite(logLow) || !Number.isFinite(logHigh) || !(logHigh > logLow))
		return fail('degenerateInterval', statsMessages.degenerateInterval(label, ciLow, ciHigh));
	if (effect < ciLow || effect > ciHigh)
		return fail(
			'estimateOutsideInterval',
			statsMessages.estimateOutsideInterval(label, effect, ciLow, ciHigh)
		);
	const levelAssumed = study.ciLevel === null;
	const level = study.ciLevel ?? DEFAULT_CI_LEVEL;
	if (!(level > 0 && level < 1)) return fail('invalidLevel', statsMessages.invalidLevel(label, level));
	const z = normalQuantile(1 - (1 - level) / 2);
	const sei = (logHigh - logLow) / (2 * z);
	return { ok: true, value: { id: study.id, yi: Math.log(effect), vi: sei * sei, sei, level, levelAssumed } };
}

/** A study left out of pooling, with the reason. */
export interface ExcludedStudy {
	id: StudyId;
	code: LogEffectProblem;
	reason: string;
}

/** Split studies into log effects to pool and the studies left out (each with its reason), keeping input order. */
export function logEffects(studies: ReadonlyArray<EffectInput>): {
	pooled: LogEffect[];
	excluded: ExcludedStudy[];
} {
	const pooled: LogEffect[] = [];
	const excluded: ExcludedStudy[] = [];
	for (const study of studies) {
		const r = logEffect(study);
		if (r.ok) pooled.push(r.value);
		else excluded.push({ id: study.id, code: r.code, reason: r.reason });
	}
	return { pooled, excluded };
}
