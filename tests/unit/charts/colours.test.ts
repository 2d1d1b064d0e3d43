import { describe, expect, it } from 'vitest';
import { designColour } from '$lib/charts/colours';

describe('designColour', () => {
	const keys = ['registry', 'random', 'alternate', 'systematic', 'rct'];
	it.each([
		['registry', 'var(--c-registry)'],
		['rct', 'var(--c-rct)'],
		['random', 'var(--c-spare-1, var(--c-other))'],
		['alternate', 'var(--c-spare-2, var(--c-other))'],
		['systematic', 'var(--c-spare-3, var(--c-other))'],
		['absent', 'var(--c-other)']
	])('%s → %s', (key, colour) => expect(designColour(key, keys)).toBe(colour));

	it('gives a user’s own designs distinct colours', () => {
		const own = ['a', 'b', 'c', 'd', 'e', 'f'];
		expect(new Set(own.map((k) => designColour(k, own))).size).toBe(own.length);
	});
});
