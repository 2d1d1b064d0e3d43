import type { Study } from '$lib/types';
import { makeStudy as emptyStudy } from '../study';

/** A complete Study with neutral defaults (an HR of 0.8, 95% CI 0.6–1.1), for tests that care about a few fields. */
export function makeStudy(overrides: Partial<Study> & Pick<Study, 'id'>): Study {
	return emptyStudy({ effect: 0.8, ciLow: 0.6, ciHigh: 1.1, ciLevel: 0.95, ...overrides });
}
