import { describe, expect, it } from 'vitest';
import { designRatio, relativeWords } from '$lib/stats/appraisal/ratio';
import { expectRelClose } from '../helpers';

describe('ratio of the observational to the randomised pooled estimate', () => {
	it('log difference, SE from both, z test (hand-computed)', () => {
		// ln 0.6 − ln 0.9 = −0.405465; SE √(0.05² + 0.1²) = 0.111803; z = −3.62660; p = 2Φ(−3.62660) = 0.000287.
		const r = designRatio({ estimate: Math.log(0.6), se: 0.05 }, { estimate: Math.log(0.9), se: 0.1 });
		expectRelClose(r?.estimate, 2 / 3, 1e-12);
		expectRelClose(r?.se, Math.sqrt(0.0125), 1e-12);
		expectRelClose(r?.ciLow, Math.exp(Math.log(2 / 3) - 1.959963984540054 * Math.sqrt(0.0125)), 1e-9);
		expectRelClose(r?.ciHigh, Math.exp(Math.log(2 / 3) + 1.959963984540054 * Math.sqrt(0.0125)), 1e-9);
		expectRelClose(r?.p, 0.000287, 2e-3);
	});

	it('no answer without a positive SE', () => {
		expect(designRatio({ estimate: 0, se: 0 }, { estimate: 0, se: 0 })).toBeNull();
	});

	it.each([
		[0.7, '30% lower than'],
		[1.25, '25% higher than'],
		[0.999, 'about the same as']
	])('%f reads “%s”', (ratio, words) => {
		expect(relativeWords(ratio)).toBe(words);
	});
});
