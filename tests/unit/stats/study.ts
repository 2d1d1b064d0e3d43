import type { Study } from '$lib/types';

/** A complete Study with neutral defaults, for tests that care about a few fields. */
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
		effect: 0.8,
		ciLow: 0.6,
		ciHigh: 1.1,
		ciLevel: 0.95,
		effectMeasure: 'HR',
		adjusted: null,
		pmid: null,
		doi: null,
		notes: null,
		extra: [],
		...overrides
	};
}
