import { describe, expect, it } from 'vitest';
import { readNumber } from '$lib/data/numbers';

describe('readNumber', () => {
	it.each([
		['0.61', {}, { kind: 'value', value: 0.61 }],
		['  42 ', {}, { kind: 'value', value: 42 }],
		['.5', {}, { kind: 'value', value: 0.5 }],
		['16,023', {}, { kind: 'value', value: 16023 }],
		['1,234,567.5', {}, { kind: 'value', value: 1234567.5 }],
		['−0.2', {}, { kind: 'value', value: -0.2 }],
		['1e3', {}, { kind: 'value', value: 1000 }],
		['12 000', {}, { kind: 'value', value: 12000 }],
		['0,63', { decimalComma: true }, { kind: 'value', value: 0.63 }],
		['1.234,5', { decimalComma: true }, { kind: 'value', value: 1234.5 }],
		['', {}, { kind: 'empty' }],
		['   ', {}, { kind: 'empty' }],
		['NR', {}, { kind: 'not-reported', token: 'NR' }],
		['not reached', {}, { kind: 'not-reported', token: 'not reached' }],
		['—', {}, { kind: 'not-reported', token: '—' }],
		['n/a', {}, { kind: 'not-reported', token: 'n/a' }],
		['abc', {}, { kind: 'invalid', token: 'abc' }],
		['0,63', {}, { kind: 'invalid', token: '0,63' }],
		['1.2.3', {}, { kind: 'invalid', token: '1.2.3' }],
		['12 months', {}, { kind: 'invalid', token: '12 months' }],
		['Infinity', {}, { kind: 'invalid', token: 'Infinity' }],
		['=1+1', {}, { kind: 'invalid', token: '=1+1' }],
		['1,2', { decimalComma: true }, { kind: 'value', value: 1.2 }],
		['1,2,3', { decimalComma: true }, { kind: 'invalid', token: '1,2,3' }]
	] as const)('%s %o → %o', (raw, options, expected) => {
		expect(readNumber(raw, options)).toEqual(expected);
	});
});
