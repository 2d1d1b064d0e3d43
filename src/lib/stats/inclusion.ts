/**
 * Which of the studies in view are pooled, and why the others are not: a usable estimate with an interval
 * (effects.ts), one report per study (a row named in another's `supersedes` is shown but not pooled) and the
 * sensitivity switch that leaves out studies carrying chosen flag codes. Every pooled analysis (summary,
 * cumulative) goes through `inclusion`, so they always pool the same studies.
 */

import type { Study, StudyId } from '../types';
import { logEffects, type ExcludedStudy, type LogEffect } from './effects';

/** Flag codes whose studies are left out of pooling: 'all' (any flag), or a list (empty: leave none out). */
export type FlagSelection = 'all' | ReadonlyArray<string>;

/** The studies to pool and, for every other one, why it is not pooled (each study has at most one reason). */
export interface Inclusion {
	/** The pooled studies' log effects, in input order. */
	pooled: LogEffect[];
	/** Studies without a usable estimate and interval, with the reason. */
	excluded: ExcludedStudy[];
	/** Superseded study → the study (in view, pooled) whose `supersedes` names it. */
	superseded: Map<StudyId, StudyId>;
	/** Studies left out by the flag switch → the chosen flag codes they carry (in the study's order). */
	flaggedOut: Map<StudyId, string[]>;
}

/** The chosen flag codes a study carries ('all': all of its codes). */
export function chosenFlags(study: Pick<Study, 'flags'>, leaveOut: FlagSelection): string[] {
	if (leaveOut === 'all') return [...study.flags];
	return study.flags.filter((code) => leaveOut.includes(code));
}

/**
 * Split `studies` into those to pool and those not pooled. Rules, in order: no usable estimate → `excluded`;
 * named in the `supersedes` of another study that has a usable estimate and is not itself left out by the flag
 * switch → `superseded` (so when the newer report is left out, the older one is pooled in its place);
 * carrying a chosen flag → `flaggedOut`.
 */
export function inclusion(studies: ReadonlyArray<Study>, leaveOutFlags: FlagSelection = []): Inclusion {
	const { pooled: usable, excluded } = logEffects(studies);
	return { ...selectPooled(studies, usable, leaveOutFlags), excluded };
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
	const byId = new Map(studies.map((s) => [s.id, s]));
	const flaggedOut = new Map<StudyId, string[]>();
	const noFlags = leaveOutFlags !== 'all' && leaveOutFlags.length === 0;
	if (!noFlags)
		for (const e of usable) {
			const study = byId.get(e.id);
			const codes = study ? chosenFlags(study, leaveOutFlags) : [];
			if (codes.length > 0) flaggedOut.set(e.id, codes);
		}
	const superseded = new Map<StudyId, StudyId>();
	const usableIds = new Set(usable.map((e) => e.id));
	for (const e of usable) {
		const target = byId.get(e.id)?.supersedes;
		if (
			target &&
			target !== e.id &&
			!flaggedOut.has(e.id) &&
			usableIds.has(target) &&
			!superseded.has(target)
		)
			superseded.set(target, e.id);
	}
	for (const id of superseded.keys()) flaggedOut.delete(id);
	const pooled = usable.filter((e) => !superseded.has(e.id) && !flaggedOut.has(e.id));
	return { pooled, superseded, flaggedOut };
}
