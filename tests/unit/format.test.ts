import { format } from 'd3-format';
import { describe, expect, it } from 'vitest';
import { fmtCount, fmtSi, NOT_REPORTED } from '$lib/format';

describe('number formats', () => {
	it.each([0, 7, 20, 999, 1000, 16023, 137223, 1234567])('fmtCount(%d) reads as d3 ",d" does', (n) => {
		expect(fmtCount(n)).toBe(format(',d')(n));
	});

	it('an empty count is "not reported", never zero', () => {
		expect(fmtCount(null)).toBe(NOT_REPORTED);
	});

	it.each([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 1500, 2000, 5000, 10000, 20000, 50000, 100000, 2000000])(
		'fmtSi(%d) reads as d3 "~s" does',
		(v) => {
			expect(fmtSi(v)).toBe(format('~s')(v));
		}
	);
});
