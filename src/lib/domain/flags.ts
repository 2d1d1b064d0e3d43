/**
 * Flag kinds: a *bias* flag is a reason to distrust a row's result (its design or analysis favours one arm); a
 * *reporting* flag is a caveat about how it was reported, which the tool already handles (90% intervals are
 * rescaled) or which does not change the result. The flags switch leaves out bias-flagged rows by default.
 */
import { runPass, type Pass } from './pass';

export const BIAS_FLAGS: readonly string[] = [
	'survivor-selection',
	'immortal-time',
	'landmark',
	'stage-migration',
	'restricted-population',
	'margin-negative-only',
	'not-surgery-vs-none',
	'locoregional-not-surgery',
	'no-single-hr',
	'different-samples'
];

export const REPORTING_FLAGS: readonly string[] = [
	'ci-90',
	'ci-level-unstated',
	'interval-misprint',
	'hr-direction-unclear',
	'secondary-source',
	'unverified-fields',
	'no-numbers'
];

export type FlagKind = 'bias' | 'reporting';

const REPORTING = new Set(REPORTING_FLAGS);

/** A code's kind; a code we do not know (a user's own) counts as bias: it is a reason to read the row with care. */
export function flagKind(code: string): FlagKind {
	return REPORTING.has(code) ? 'reporting' : 'bias';
}

/**
 * Which flagged studies the sensitivity switch leaves out: `bias` (bias-flagged rows, the switch's default),
 * `all` (any flag) or a list of codes (empty: none).
 */
export type FlagSelection = 'all' | 'bias' | readonly string[];

/** The chosen codes among a study's flags, in the study's order. */
export function chosenFlags(flags: readonly string[], selection: FlagSelection): string[] {
	if (selection === 'all') return [...flags];
	if (selection === 'bias') return flags.filter((code) => flagKind(code) === 'bias');
	return flags.filter((code) => selection.includes(code));
}

/** Does the selection leave nothing out? */
export function selectsNone(selection: FlagSelection | undefined): boolean {
	return selection === undefined || (Array.isArray(selection) && selection.length === 0);
}

/** Whether any study carries a flag (worked out once per array). */
export const FLAGGED: Pass<{ flags: readonly string[] }, { any: boolean }, boolean> = {
	name: 'any flagged',
	start: () => ({ any: false }),
	step(acc, s) {
		if (s.flags.length > 0) acc.any = true;
	},
	finish: (acc) => acc.any
};
export function anyFlagged(studies: ReadonlyArray<{ flags: readonly string[] }>): boolean {
	return runPass(studies, FLAGGED);
}
