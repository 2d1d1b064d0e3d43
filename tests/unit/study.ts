import type { Study } from '$lib/types';

/** A Study with every optional field null ("not reported"), for tests that set only the fields they care about. */
export function makeStudy(overrides: Partial<Study> & Pick<Study, 'id'>): Study {
	return {
		label: overrides.id,
		row: 1,
		year: null,
		design: null,
		dataSource: null,
		country: null,
		accrualStart: null,
		accrualEnd: null,
		nTotal: null,
		nTreated: null,
		nControl: null,
		medianTreated: null,
		medianControl: null,
		effect: null,
		ciLow: null,
		ciHigh: null,
		ciLevel: null,
		effectMeasure: 'HR',
		adjusted: null,
		pmid: null,
		doi: null,
		notes: null,
		supersedes: null,
		flags: [],
		extra: [],
		...overrides
	};
}
