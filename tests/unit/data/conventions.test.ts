import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoMap, measureFromHeader } from '$lib/data/roles';

/** The role each header of `headers` gets, by header name (unmapped headers left out). */
const rolesOf = (headers: string[]) =>
	Object.fromEntries(Object.entries(autoMap(headers).mapping).map(([role, i]) => [headers[i], role]));

describe('autoMap knows the conventions of the tools people export from', () => {
	it.each([
		[
			'RevMan, generic inverse variance',
			['Study or Subgroup', 'Hazard Ratio', 'Lower CI', 'Upper CI', 'Weight'],
			{ 'Study or Subgroup': 'label', 'Hazard Ratio': 'effect', 'Lower CI': 'ci_low', 'Upper CI': 'ci_high' }
		],
		[
			'RevMan, one cell per study',
			['Study or Subgroup', 'Weight', 'Odds Ratio IV, Random, 95% CI'],
			{ 'Study or Subgroup': 'label', 'Odds Ratio IV, Random, 95% CI': 'effect' }
		],
		[
			'RevMan, method line only',
			['Study or Subgroup', 'IV, Random, 95% CI'],
			{ 'Study or Subgroup': 'label', 'IV, Random, 95% CI': 'effect' }
		],
		[
			'RevMan, log effect and SE',
			['Study or Subgroup', 'log[Odds Ratio]', 'SE', 'Weight'],
			{ 'Study or Subgroup': 'label', 'log[Odds Ratio]': 'log_effect', SE: 'se' }
		],
		[
			'metafor escalc output',
			['trial', 'author', 'year', 'alloc', 'yi', 'vi'],
			{ author: 'label', year: 'year', alloc: 'design', yi: 'log_effect', vi: 'variance' }
		],
		[
			'metafor summary',
			['study', 'yi', 'sei', 'ci.lb', 'ci.ub'],
			{ study: 'label', yi: 'log_effect', sei: 'se', 'ci.lb': 'ci_low', 'ci.ub': 'ci_high' }
		],
		[
			'metafor dat.bcg counts',
			['trial', 'author', 'year', 'tpos', 'tneg', 'cpos', 'cneg', 'ablat', 'alloc'],
			{
				author: 'label',
				year: 'year',
				tpos: 'events_treated',
				tneg: 'nonevents_treated',
				cpos: 'events_control',
				cneg: 'nonevents_control',
				alloc: 'design'
			}
		],
		[
			'Stata metan',
			['study', '_ES', '_seES', '_LCI', '_UCI', '_WT'],
			{ study: 'label', _ES: 'effect', _seES: 'se', _LCI: 'ci_low', _UCI: 'ci_high' }
		],
		[
			'rr with rr_low/rr_high',
			['study', 'rr', 'rr_low', 'rr_high'],
			{ study: 'label', rr: 'effect', rr_low: 'ci_low', rr_high: 'ci_high' }
		],
		['lo/hi', ['Trial', 'OR', 'lo', 'hi'], { Trial: 'label', OR: 'effect', lo: 'ci_low', hi: 'ci_high' }],
		[
			'lcl/ucl',
			['Study', 'HR', 'LCL', 'UCL'],
			{ Study: 'label', HR: 'effect', LCL: 'ci_low', UCL: 'ci_high' }
		],
		['LL/UL', ['Author', 'RR', 'LL', 'UL'], { Author: 'label', RR: 'effect', LL: 'ci_low', UL: 'ci_high' }],
		[
			'95% CI lower/upper',
			['Study', 'HR', '95% CI lower', '95% CI upper'],
			{ Study: 'label', HR: 'effect', '95% CI lower': 'ci_low', '95% CI upper': 'ci_high' }
		],
		[
			'lower/upper with a level',
			['Study', 'Estimate', 'Lower 90% limit', 'Upper 90% limit'],
			{ Study: 'label', Estimate: 'effect', 'Lower 90% limit': 'ci_low', 'Upper 90% limit': 'ci_high' }
		],
		[
			'events/total per arm, arms named',
			['Study', 'Events (vaccine)', 'Total (vaccine)', 'Events (placebo)', 'Total (placebo)'],
			{
				Study: 'label',
				'Events (vaccine)': 'events_treated',
				'Total (vaccine)': 'n_treated',
				'Events (placebo)': 'events_control',
				'Total (placebo)': 'n_control'
			}
		],
		[
			'RevMan dichotomous, experimental and control',
			[
				'Study or Subgroup',
				'Experimental Events',
				'Experimental Total',
				'Control Events',
				'Control Total',
				'Weight'
			],
			{
				'Study or Subgroup': 'label',
				'Experimental Events': 'events_treated',
				'Experimental Total': 'n_treated',
				'Control Events': 'events_control',
				'Control Total': 'n_control'
			}
		],
		[
			'r1/n1, r2/n2',
			['study', 'r1', 'n1', 'r2', 'n2'],
			{ study: 'label', r1: 'events_treated', n1: 'n_treated', r2: 'events_control', n2: 'n_control' }
		],
		[
			'study type as design',
			['Study', 'Study type', 'HR'],
			{ Study: 'label', 'Study type': 'design', HR: 'effect' }
		],
		[
			'a European header',
			['Studie', 'Patienten', 'RR (95% KI)'],
			{ Studie: 'label', Patienten: 'n_total', 'RR (95% KI)': 'effect' }
		]
	])('%s', (_name, headers, expected) => expect(rolesOf(headers)).toEqual(expected));

	it('reads RevMan’s flattened two-line header "Events, Total, Events, Total" as experimental then control', () => {
		const headers = ['Study or Subgroup', 'Events', 'Total', 'Events', 'Total', 'Weight'];
		expect(autoMap(headers).mapping).toEqual({
			label: 0,
			events_treated: 1,
			n_treated: 2,
			events_control: 3,
			n_control: 4
		});
		expect(autoMap(headers).duplicates).toEqual([]);
	});

	it('keeps the bundled table’s mapping (every column of data/studies.csv)', () => {
		const headers = readFileSync('data/studies.csv', 'utf8').split(/\r?\n/)[0]!.split(',');
		expect(rolesOf(headers)).toEqual({
			id: 'id',
			first_author: 'label',
			year: 'year',
			design: 'design',
			data_source: 'data_source',
			country: 'country',
			accrual_start: 'accrual_start',
			accrual_end: 'accrual_end',
			n_total: 'n_total',
			n_surgery: 'n_treated',
			n_no_surgery: 'n_control',
			median_os_surgery_months: 'median_treated',
			median_os_no_surgery_months: 'median_control',
			hr_os: 'effect',
			hr_ci_low: 'ci_low',
			hr_ci_high: 'ci_high',
			ci_level: 'ci_level',
			hr_adjusted: 'adjusted',
			pmid: 'pmid',
			doi: 'doi',
			notes: 'notes',
			supersedes: 'supersedes',
			flags: 'flags'
		});
	});

	it('leaves a header that names a role only in passing unmapped', () => {
		expect(
			rolesOf(['flow', 'yellow', 'source_confidence', 'hr_direction_note', 'p_value', 'Name of trial'])
		).toEqual({});
	});

	it('never maps one column to two roles, nor one role to two columns, whatever the headers', () => {
		const words = [
			'study',
			'hr',
			'or',
			'rr',
			'lower',
			'upper',
			'lo',
			'hi',
			'events',
			'total',
			'n',
			'yi',
			'vi',
			'se',
			'ci',
			'95%',
			'log',
			'Events (vaccine)',
			'Total (placebo)',
			'tpos',
			'tneg',
			'r1',
			'n1',
			'_ES',
			'year',
			'x'
		];
		const header = fc.oneof(
			fc.constantFrom(...words),
			fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
			fc.string({ maxLength: 12 })
		);
		fc.assert(
			fc.property(fc.array(header, { maxLength: 30 }), (headers) => {
				const columns = Object.values(autoMap(headers).mapping);
				expect(new Set(columns).size).toBe(columns.length);
				for (const c of columns) expect(c >= 0 && c < headers.length).toBe(true);
			})
		);
	});
});

describe('measureFromHeader', () => {
	it.each([
		['Odds Ratio IV, Random, 95% CI', 'OR'],
		['Risk Ratio M-H, Fixed, 95% CI', 'RR'],
		['Hazard Ratio', 'HR'],
		['log[Odds Ratio]', 'OR'],
		['logHR', 'HR'],
		['rr_low', 'RR'],
		['yi', null]
	] as const)('%s → %s', (h, m) => expect(measureFromHeader(h)).toBe(m));
});

describe('a huge header', () => {
	it('plays no role, whatever it starts with', () => {
		expect(autoMap(['Study', 'HR' + ' '.repeat(1_000_000)]).mapping).toEqual({ label: 0 });
	});
});
