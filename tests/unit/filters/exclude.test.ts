import { describe, expect, it } from 'vitest';
import { excludedByFlags, fromQuery, toQuery } from '$lib/filters/clauses';

const read = (q: string) => fromQuery(new URLSearchParams(q));

describe('the flags switch in the URL (exclude=)', () => {
	it.each<[string, unknown]>([
		['', undefined],
		['exclude=all', 'all'],
		['exclude=survivor-selection,landmark', ['survivor-selection', 'landmark']],
		['exclude=landmark,,Bad Code,landmark', ['landmark']],
		['exclude=', undefined],
		['exclude=%3Cscript%3E', undefined]
	])('?%s reads as %j', (query, expected) => {
		expect(read(query).exclude).toEqual(expected);
	});

	it.each(['exclude=all', 'exclude=survivor-selection,landmark', 'design=rct&method=DL&exclude=ci-90'])(
		'?%s survives fromQuery then toQuery unchanged',
		(query) => {
			expect(toQuery(read(query))).toBe(query);
		}
	);

	it.each<[readonly string[], Parameters<typeof excludedByFlags>[1], boolean]>([
		[[], 'all', false],
		[['landmark'], 'all', true],
		[['landmark'], [], false],
		[['landmark'], undefined, false],
		[['landmark', 'ci-90'], ['ci-90'], true],
		[['landmark'], ['ci-90'], false]
	])('flags %j with exclude %j → left out: %s', (flags, exclude, out) => {
		expect(excludedByFlags(flags, exclude)).toBe(out);
	});
});
