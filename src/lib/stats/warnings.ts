/**
 * Cautions to show beside a pooled result: too few studies, adjusted mixed with unadjusted estimates, assumed
 * confidence levels, mixed effect measures and cohorts that appear more than once.
 */

import type { EffectMeasure, Study, StudyId } from '../types';
import { logEffect, type ExcludedStudy } from './effects';
import { statsMessages } from './messages';
import type { RemlSafeguard } from './regression';

/** A fit whose τ² estimate may need a caution: PoolResult, ModeratorTest, Egger's mixed-effects test. */
export interface Tau2Fit {
	converged: boolean;
	safeguard: RemlSafeguard;
	/** The τ² used and the one R metafor reports (named in the `higherMaximum` caution when given). */
	tau2?: number;
	metaforTau2?: number | null;
	/** Knapp–Hartung was asked for but could not be applied (k = 1): one more caution says so. */
	hkDropped?: boolean;
}

/**
 * One caution per analysis whose REML τ² needed a safeguard or did not converge, so `converged: false` is never
 * silent, and one per analysis where Knapp–Hartung was asked for but dropped (a single study: z interval).
 * `analyses` pairs a name in words with its fit (null: nothing pooled, no caution).
 */
export function remlWarnings(
	analyses: ReadonlyArray<{ analysis: string; fit: Tau2Fit | null }>
): PoolingWarning[] {
	return analyses.flatMap(({ analysis, fit }): PoolingWarning[] => {
		if (!fit) return [];
		if (!fit.converged)
			return [
				{
					kind: 'remlSafeguard',
					severity: 'warning',
					analysis,
					safeguard: 'notConverged',
					message: statsMessages.remlNotConverged(analysis)
				}
			];
		const out: PoolingWarning[] = [];
		if (fit.safeguard !== null) {
			const message =
				fit.safeguard === 'zeroHigher'
					? statsMessages.remlZeroHigher(analysis)
					: fit.safeguard === 'higherMaximum'
						? statsMessages.remlHigherMaximum(analysis, fit.tau2 ?? null, fit.metaforTau2 ?? null)
						: statsMessages.remlBracketed(analysis);
			out.push({ kind: 'remlSafeguard', severity: 'warning', analysis, safeguard: fit.safeguard, message });
		}
		if (fit.hkDropped)
			out.push({
				kind: 'knappHartungDropped',
				severity: 'info',
				analysis,
				message: statsMessages.knappHartungDropped(analysis)
			});
		return out;
	});
}

/** Ratio of largest to smallest sampling variance at which R metafor warns (1/evtol, evtol = 1e-7). */
export const EXTREME_VARIANCE_RATIO = 1e7;

/**
 * metafor's warning "Ratio of largest to smallest sampling variance extremely large": results may be unstable when
 * max(vi)/min(vi) ≥ 1e7. Empty below that or with fewer than two variances.
 */
export function varianceRatioWarnings(vi: ReadonlyArray<number>): PoolingWarning[] {
	if (vi.length < 2) return [];
	const largest = Math.max(...vi);
	const smallest = Math.min(...vi);
	const ratio = largest / smallest;
	if (!(smallest > 0) || !(ratio >= EXTREME_VARIANCE_RATIO)) return [];
	return [
		{
			kind: 'extremeVarianceRatio',
			severity: 'warning',
			ratio,
			message: statsMessages.extremeVarianceRatio(ratio)
		}
	];
}

/** Studies that draw on the same patients (e.g. one registry), as the app reads them from the notes. */
export interface OverlapGroup {
	name: string;
	ids: ReadonlyArray<StudyId>;
}

/** One caution about a pooled analysis; `info` is worth knowing, `warning` may change how the result reads. */
export type PoolingWarning =
	| { kind: 'fewStudies'; severity: 'warning'; k: number; message: string }
	| {
			kind: 'mixedAdjustment';
			severity: 'warning';
			adjustedIds: StudyId[];
			unadjustedIds: StudyId[];
			unknownIds: StudyId[];
			message: string;
	  }
	| { kind: 'assumedCiLevel'; severity: 'info'; studyIds: StudyId[]; message: string }
	| { kind: 'otherCiLevel'; severity: 'info'; studyIds: StudyId[]; message: string }
	| { kind: 'mixedEffectMeasures'; severity: 'warning'; measures: EffectMeasure[]; message: string }
	| { kind: 'overlappingCohort'; severity: 'warning'; group: string; studyIds: StudyId[]; message: string }
	| { kind: 'superseded'; severity: 'info'; studyId: StudyId; by: StudyId; message: string }
	| { kind: 'flaggedOut'; severity: 'info'; studyIds: StudyId[]; codes: string[]; message: string }
	| { kind: 'extremeVarianceRatio'; severity: 'warning'; ratio: number; message: string }
	| { kind: 'knappHartungDropped'; severity: 'info'; analysis: string; message: string }
	| {
			kind: 'remlSafeguard';
			severity: 'warning';
			/** Which analysis, in words (e.g. "All studies in view", "Randomised trial", "Egger’s test"). */
			analysis: string;
			/** What happened: see RemlSafeguard; `notConverged` when even the bracketed search failed. */
			safeguard: NonNullable<RemlSafeguard> | 'notConverged';
			message: string;
	  };

type WarningInput = Pick<
	Study,
	'id' | 'label' | 'effect' | 'ciLow' | 'ciHigh' | 'ciLevel' | 'effectMeasure' | 'adjusted'
>;

/** Warn when two or more of the pooled studies fall in the same overlap group (one warning per group). */
export function overlapWarnings(
	pooled: ReadonlyArray<Pick<Study, 'id' | 'label'>>,
	groups: ReadonlyArray<OverlapGroup>
): PoolingWarning[] {
	const labelOf = new Map(pooled.map((s) => [s.id, s.label]));
	return groups.flatMap((group): PoolingWarning[] => {
		const studyIds = [...new Set(group.ids)].filter((id) => labelOf.has(id));
		if (studyIds.length < 2) return [];
		const labels = studyIds.map((id) => labelOf.get(id) ?? id);
		return [
			{
				kind: 'overlappingCohort',
				severity: 'warning',
				group: group.name,
				studyIds,
				message: statsMessages.overlappingCohort(group.name, labels)
			}
		];
	});
}

/**
 * Cautions about pooling the given studies; only those `logEffect` can pool are considered (the others are
 * reported by their exclusion reason instead).
 */
export function poolingWarnings(
	studies: ReadonlyArray<WarningInput>,
	overlapGroups: ReadonlyArray<OverlapGroup> = []
): PoolingWarning[] {
	const pooled = studies.filter((s) => logEffect(s).ok);
	const warnings: PoolingWarning[] = [];
	const k = pooled.length;
	if (k < 3) {
		const message =
			k === 0
				? statsMessages.noStudies()
				: k === 1
					? statsMessages.oneStudy(pooled[0]?.label ?? '')
					: statsMessages.fewStudies(k);
		warnings.push({ kind: 'fewStudies', severity: 'warning', k, message });
	}

	const adjusted = pooled.filter((s) => s.adjusted === true);
	const unadjusted = pooled.filter((s) => s.adjusted === false);
	const unknown = pooled.filter((s) => s.adjusted === null);
	if (adjusted.length > 0 && unadjusted.length > 0)
		warnings.push({
			kind: 'mixedAdjustment',
			severity: 'warning',
			adjustedIds: adjusted.map((s) => s.id),
			unadjustedIds: unadjusted.map((s) => s.id),
			unknownIds: unknown.map((s) => s.id),
			message: statsMessages.mixedAdjustment(
				adjusted.map((s) => s.label),
				unadjusted.map((s) => s.label),
				unknown.length
			)
		});

	const assumed = pooled.filter((s) => s.ciLevel === null);
	if (assumed.length > 0)
		warnings.push({
			kind: 'assumedCiLevel',
			severity: 'info',
			studyIds: assumed.map((s) => s.id),
			message: statsMessages.assumedCiLevel(assumed.map((s) => s.label))
		});

	const other = pooled.filter((s) => s.ciLevel !== null && Math.abs(s.ciLevel - 0.95) > 1e-9);
	if (other.length > 0)
		warnings.push({
			kind: 'otherCiLevel',
			severity: 'info',
			studyIds: other.map((s) => s.id),
			message: statsMessages.otherCiLevel(
				other.map((s) => s.label),
				[...new Set(other.map((s) => s.ciLevel ?? 0.95))]
			)
		});

	const measures = [...new Set(pooled.map((s) => s.effectMeasure))];
	if (measures.length > 1)
		warnings.push({
			kind: 'mixedEffectMeasures',
			severity: 'warning',
			measures,
			message: statsMessages.mixedEffectMeasures(measures)
		});

	warnings.push(
		...varianceRatioWarnings(
			pooled.flatMap((s) => {
				const e = logEffect(s);
				return e.ok ? [e.value.vi] : [];
			})
		)
	);
	warnings.push(...overlapWarnings(pooled, overlapGroups));
	return warnings;
}

/** Info cautions naming the studies not pooled because a later report supersedes them or a chosen flag applies. */
export function inclusionWarnings(
	studies: ReadonlyArray<Pick<Study, 'id' | 'label'>>,
	superseded: ReadonlyMap<StudyId, StudyId>,
	flaggedOut: ReadonlyMap<StudyId, ReadonlyArray<string>>
): PoolingWarning[] {
	const labelOf = new Map(studies.map((s) => [s.id, s.label]));
	const label = (id: StudyId) => labelOf.get(id) ?? id;
	const warnings: PoolingWarning[] = [...superseded].map(([studyId, by]) => ({
		kind: 'superseded',
		severity: 'info',
		studyId,
		by,
		message: statsMessages.supersededStudy(label(studyId), label(by))
	}));
	if (flaggedOut.size > 0) {
		const studyIds = [...flaggedOut.keys()];
		const codes = [...new Set([...flaggedOut.values()].flat())];
		warnings.push({
			kind: 'flaggedOut',
			severity: 'info',
			studyIds,
			codes,
			message: statsMessages.flaggedOut(studyIds.map(label), codes)
		});
	}
	return warnings;
}

/**
 * The cautions' line on the studies in view that are shown but not pooled (a study with no estimate at all is not
 * drawn, so it is not named here): null when there are none.
 */
export function notPooledNote(excluded: ReadonlyArray<ExcludedStudy>): string | null {
	const shown = excluded.filter((e) => e.code !== 'noEstimate');
	return shown.length === 0 ? null : statsMessages.notPooled(shown.map((e) => e.reason));
}
