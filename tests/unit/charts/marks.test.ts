import { describe, expect, it } from 'vitest';
import { markName } from '$lib/charts/marks';

describe('markName: the accessible name begins with the visible text (WCAG 2.5.3)', () => {
	it.each<[string, (string | null | false)[], (string | null | false)[], string]>([
		[
			'label then numbers, then the unseen',
			['Khan 2002', '0.61 (0.58–0.65)'],
			['HR'],
			'Khan 2002 0.61 (0.58–0.65), HR'
		],
		['gaps and falses are skipped', ['Khan 2002', false, ''], [null, 'not pooled'], 'Khan 2002, not pooled'],
		[
			'a truncated label is followed by the full one',
			['Diaz de la Noval 20…'],
			['Diaz de la Noval 2019'],
			'Diaz de la Noval 20…, Diaz de la Noval 2019'
		],
		['nothing shown: the detail alone', [], ['Khan 2002: ratio 0.61'], 'Khan 2002: ratio 0.61'],
		['nothing unseen: the visible text alone', ['Khan 2002'], [false], 'Khan 2002']
	])('%s', (_, shown, detail, expected) => {
		expect(markName(shown, detail)).toBe(expected);
	});
});
