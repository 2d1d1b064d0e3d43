import type { Study } from '$lib/types';

/** Every numeric field of a Study: each must be a finite number or null after validation. */
export const NUMERIC = [
	'year',
	'accrualStart',
	'accrualEnd',
	'nTotal',
	'nTreated',
	'nControl',
	'medianTreated',
	'medianControl',
	'effect',
	'ciLow',
	'ciHigh',
	'ciLevel'
] as const satisfies readonly (keyof Study)[];
