import { describe, expect, it } from 'vitest';
import { armsFromColumns, NEUTRAL_ARMS } from '$lib/data/arms';

describe('armsFromColumns', () => {
	it('reads the arms from the count columns, keeping acronyms', () => {
		expect(armsFromColumns(['study', 'n_BCG', 'n_unvaccinated'], { n_treated: 1, n_control: 2 })).toEqual({
			treated: 'BCG',
			control: 'Unvaccinated'
		});
	});
	it('reads them from the medians when there are no counts', () => {
		expect(
			armsFromColumns(['Median OS surgery (months)', 'Median OS no surgery (months)'], {
				median_treated: 0,
				median_control: 1
			})
		).toEqual({ treated: 'Surgery', control: 'No surgery' });
	});
	it('drops the quantity words of two-line RevMan headers: "Total vaccine" is the vaccine arm', () => {
		expect(
			armsFromColumns(['Events vaccine', 'Total vaccine', 'Events control', 'Total placebo'], {
				events_treated: 0,
				n_treated: 1,
				events_control: 2,
				n_control: 3
			})
		).toEqual({ treated: 'Vaccine', control: 'Placebo' });
	});
	it('stays neutral when the headers name no arm, or the same one', () => {
		expect(armsFromColumns(['n_treated', 'n_control'], { n_treated: 0, n_control: 1 })).toEqual(NEUTRAL_ARMS);
		expect(armsFromColumns(['HR', 'lower', 'upper'], {})).toEqual(NEUTRAL_ARMS);
		expect(armsFromColumns(['events', 'events'], { n_treated: 0, n_control: 1 })).toEqual(NEUTRAL_ARMS);
	});
});
