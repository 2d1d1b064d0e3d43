import { describe, expect, it } from 'vitest';
import { shorten } from '$lib/shorten';

describe('shorten', () => {
	it.each([
		['Khan 2002', 80, 'Khan 2002'],
		['abcdef', 4, 'abc…'],
		['abcd', 4, 'abcd'],
		['ab😀cd', 4, 'ab…'],
		['', 3, '']
	])('%j to %i → %j', (text, max, expected) => expect(shorten(text, max)).toBe(expected));

	it('costs the same for a 10 MB cell as for a short one (the result is bounded)', () => {
		expect(shorten('x'.repeat(10_000_000), 80)).toHaveLength(80);
	});
});
