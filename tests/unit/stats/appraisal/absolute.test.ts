import { describe, expect, it } from 'vitest';
import { absoluteEffects, chooseBaseline, deathsPer1000, median } from '$lib/stats/appraisal/absolute';
import { expectRelClose } from '../helpers';

// Exponential survival: S(t) = 0.5^(t / median); with HR h the treated median is median / h.
describe('absolute effects, hand-computed', () => {
	it.each([
		// median months, HR, years, deaths per 1,000
		[12, 1, 1, 500], // one median: half dead
		[20, 1, 5, 875], // 60 months = 3 medians: 1 − 1/8
		[20, 0.5, 5, 1000 * (1 - 2 ** -1.5)], // treated median 40: 1.5 medians
		[24, 0.5, 4, 500], // treated median 48 = one median at 4 years: half dead
		[30, 2, 5, 1000 * (1 - 2 ** -4)] // treated median 15: 4 medians
	])('median %f, HR %f, %f years → %f per 1,000', (m, hr, years, deaths) => {
		expectRelClose(deathsPer1000(m, hr, years), deaths, 1e-12);
	});

	it('implied median, months gained and deaths with their intervals from the HR CI', () => {
		const a = absoluteEffects(20, 0.5, 0.4, 0.8, [5]);
		expect(a.medianTreated).toEqual({ value: 40, low: 25, high: 50 });
		expect(a.monthsGained).toEqual({ value: 20, low: 5, high: 30 });
		const d = a.deaths[0];
		expect(d?.baseline).toBeCloseTo(875, 9);
		expectRelClose(d?.treated.value, 1000 * (1 - 2 ** -1.5), 1e-12);
		// HR 0.4: median 50, 60 months = 1.2 medians; HR 0.8: median 25, 2.4 medians.
		expectRelClose(d?.treated.low, 1000 * (1 - 2 ** -1.2), 1e-12);
		expectRelClose(d?.treated.high, 1000 * (1 - 2 ** -2.4), 1e-12);
		expectRelClose(d?.difference.value, 1000 * (1 - 2 ** -1.5) - 875, 1e-12);
	});

	it('the baseline: the median of the control medians in view, or the user’s', () => {
		expect(median([12, 30, 18])).toBe(18);
		expect(median([12, 30, 18, 20])).toBe(19);
		expect(median([])).toBeNull();
		expect(chooseBaseline([12, 30, 18], null)).toEqual({ months: 18, source: 'data', from: [12, 30, 18] });
		expect(chooseBaseline([12, 30, 18], 24)?.source).toBe('user');
		expect(chooseBaseline([12, 30, 18], -3)?.months).toBe(18);
		expect(chooseBaseline([], null)).toBeNull();
	});
});
