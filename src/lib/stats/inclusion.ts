/**
 * Which of the studies in view are pooled, and why the others are not: a usable estimate with an interval
 * (effects.ts), one report per study (domain/reports.ts: a row named in another row's `supersedes` is shown but
 * never pooled) and the sensitivity switch that leaves out studies carrying chosen flag codes (domain/flags.ts).
 * Every pooled analysis (summary, cumulative) goes through `inclusion`, so they always pool the same studies.
 */

import { chosenFlags, selectsNone, type FlagSelection } from '../domain/flags';
import { supersededBy } from '../domain/reports';
import type { Study, StudyId } from '../types';
import { logEffects, type ExcludedStudy, type LogEffect } from './effects';

export type { FlagSelection };

/** The studies to pool and, for every other one, why it is not pooled (each study has at most one reason). */
export interface Inclusion {
	/** The pooled studies' log effects, in input order. */
	pooled: LogEffect[];
	/** Studies without a usable estimate and interval (and not superseded), with the reason. */
	excluded: ExcludedStudy[];
	/** Superseded study → the study in view whose `supersedes` names it. */
	superseded: Map<StudyId, StudyId>;
	/** Studies left out by the flag switch → the chosen flag codes they carry (in the study's order). */
	flaggedOut: Map<StudyId, string[]>;
}

/**
 * Split `studies` into those to pool and those not pooled. Rules, in order: superseded by another study of
 * `studies` → `superseded` (whatever the later report's estimate or flags: one report per study); no usable
 * estimate → `excluded`; carrying a chosen flag → `flaggedOut`.
 */
export function inclusion(studies: ReadonlyArray<Study>, leaveOutFlags: FlagSelection = []): Inclusion {
	const { pooled: usable, excluded } = logEffects(studies);
	const chosen = selectPooled(studies, usable, leaveOutFlags);
	return { ...chosen, excluded: excluded.filter((e) => !chosen.superseded.has(e.id)) };
}

/**
 * The one-report-per-study and flag rules of `inclusion`, applied to log effects already derived (`usable`, in
 * input order, each of a study in `studies`), so that analyses of many subsets derive them once.
 */
export function selectPooled(
	studies: ReadonlyArray<Study>,
	usable: ReadonlyArray<LogEffect>,
	leaveOutFlags: FlagSelection
): Omit<Inclusion, 'excluded'> {
	const superseded = new Map<StudyId, StudyId>(
		[...supersededBy(studies)].map(([id, by]) => [id, by.id] as [StudyId, StudyId])
	);
	const flaggedOut = new Map<StudyId, string[]>();
	if (!selectsNone(leaveOutFlags)) {
		const byId = new Map(studies.map((s) => [s.id, s]));
		for (const e of usable) {
			const study = byId.get(e.id);
			const codes = study && !superseded.has(e.id) ? chosenFlags(study.flags, leaveOutFlags) : [];
			if (codes.length > 0) flaggedOut.set(e.id, codes);
		}
	}
	const pooled = usable.filter((e) => !superseded.has(e.id) && !flaggedOut.has(e.id));
	return { pooled, superseded, flaggedOut };
}
