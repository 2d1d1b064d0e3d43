import { describe, expect, it } from 'vitest';
import { autoMap, headerKey, measureFromHeader } from '$lib/data/roles';

describe('headerKey', () => {
	it.each([
		['Lower 95% CI', 'lower95ci'],
		['No. of patients', 'noofpatients'],
		['  HR_OS ', 'hros'],
		['Année', 'annee']
	])('%s → %s', (header, key) => expect(headerKey(header)).toBe(key));
});

describe('autoMap', () => {
	it('maps every role of the bundled table without asking', () => {
		const headers =
			'id,first_author,year,journal,pmid,doi,design,data_source,country,accrual_start,accrual_end,n_total,n_surgery,n_no_surgery,median_os_surgery_months,median_os_no_surgery_months,survival_metric_note,hr_os,hr_ci_low,hr_ci_high,ci_level,hr_direction_note,hr_adjusted,p_value,source_confidence,notes,source_urls'.split(
				','
			);
		const { mapping } = autoMap(headers);
		const byName = Object.fromEntries(Object.entries(mapping).map(([role, i]) => [role, headers[i]]));
		expect(byName).toEqual({
			id: 'id',
			label: 'first_author',
			year: 'year',
			design: 'design',
			data_source: 'data_source',
			country: 'country',
			accrual_start: 'accrual_start',
			accrual_end: 'accrual_end',
			n_total: 'n_total',
			n_treated: 'n_surgery',
			n_control: 'n_no_surgery',
			median_treated: 'median_os_surgery_months',
			median_control: 'median_os_no_surgery_months',
			effect: 'hr_os',
			ci_low: 'hr_ci_low',
			ci_high: 'hr_ci_high',
			ci_level: 'ci_level',
			adjusted: 'hr_adjusted',
			pmid: 'pmid',
			doi: 'doi',
			notes: 'notes'
		});
	});

	it('recognises common variants from spreadsheets and papers', () => {
		const headers = ['Study', 'Year', 'No. of patients', 'HR', 'Lower 95% CI', 'Upper 95% CI', 'Country'];
		expect(autoMap(headers).mapping).toEqual({
			label: 0,
			year: 1,
			n_total: 2,
			effect: 3,
			ci_low: 4,
			ci_high: 5,
			country: 6
		});
	});

	it('reports a repeated header and uses only the first', () => {
		const { mapping, duplicates } = autoMap(['Study', 'HR', 'HR']);
		expect(mapping.effect).toBe(1);
		expect(duplicates).toEqual([2]);
	});

	it('never maps a prototype name as a role', () => {
		expect(autoMap(['__proto__', 'constructor', 'toString']).mapping).toEqual({});
	});
});

describe('measureFromHeader', () => {
	it.each([
		['HR', 'HR'],
		['hr_os', 'HR'],
		['Hazard ratio', 'HR'],
		['OR', 'OR'],
		['Odds ratio', 'OR'],
		['RR', 'RR'],
		['estimate', null]
	] as const)('%s → %s', (h, m) => expect(measureFromHeader(h)).toBe(m));
});
