import type { Study } from '$lib/types';
import { num, readFixture } from './helpers';
import { makeStudy } from './study';

/** One BCG trial of tests/fixtures/stats/bcg.csv with its log risk ratio and variance at full precision. */
export interface BcgTrial {
	trial: number;
	author: string;
	year: number;
	alloc: string;
	ablat: number;
	yi: number;
	vi: number;
}

/** The 13 BCG trials, yi and vi computed from the 2×2 counts as metafor's escalc(measure = "RR") does. */
export function bcgTrials(): BcgTrial[] {
	return readFixture('bcg.csv').map((row) => {
		const [a, b, c, d] = (['tpos', 'tneg', 'cpos', 'cneg'] as const).map((col) => num(row, col)) as [
			number,
			number,
			number,
			number
		];
		return {
			trial: num(row, 'trial'),
			author: row.author ?? '',
			year: num(row, 'year'),
			alloc: row.alloc ?? '',
			ablat: num(row, 'ablat'),
			yi: Math.log(a / (a + b) / (c / (c + d))),
			vi: 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)
		};
	});
}

/** The BCG trials as dashboard studies, read from bcg-ratio.csv (RR and 95% CI to 12 digits; design = allocation). */
export function bcgStudies(): Study[] {
	return readFixture('bcg-ratio.csv').map((row, i) =>
		makeStudy({
			id: row.id ?? '',
			label: row.label ?? '',
			row: i + 1,
			year: num(row, 'year'),
			design: row.design ?? null,
			nTotal: num(row, 'n_total'),
			effect: num(row, 'effect'),
			ciLow: num(row, 'ci_low'),
			ciHigh: num(row, 'ci_high'),
			ciLevel: num(row, 'ci_level'),
			effectMeasure: 'RR',
			adjusted: false
		})
	);
}
