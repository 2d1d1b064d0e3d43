/**
 * Pages of sentences (the exported decks' methods and closing slides) are set at the largest size that fits, by
 * the same measure as the scenes: a short page at the largest size, a long one smaller, never below the floor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textWidth } from '$lib/figure/text';
import { ASIDE_SCALE, fitTextPage, textPageBody, type TextPage } from '$lib/figure/text-page';

const sentence = (n: number) =>
	Array.from({ length: n }, (_, i) => `word${i % 7} of the pooled estimate`).join(' ') + '.';

describe('fitTextPage', () => {
	it('sets a short page at the largest size, a long one smaller, and an impossible one at the floor', () => {
		const short: TextPage = { title: 'T', lines: ['One short sentence.'] };
		expect(fitTextPage(short, 800, 400, 22, 14.5)).toBe(22);
		const long: TextPage = {
			title: 'T',
			lines: Array.from({ length: 4 }, () => sentence(6)),
			aside: { heading: 'Before quoting it', lines: [sentence(5), sentence(5)] }
		};
		const size = fitTextPage(long, 800, 400, 22, 14.5);
		expect(size).toBeLessThan(22);
		expect(size).toBeGreaterThan(14.5);
		expect(textPageBody(long, 800, size).height).toBeLessThanOrEqual(400);
		expect(textPageBody(long, 800, size + 0.5).height).toBeGreaterThan(400);
		const huge: TextPage = { title: 'T', lines: Array.from({ length: 40 }, () => sentence(12)) };
		expect(fitTextPage(huge, 800, 400, 22, 14.5)).toBe(14.5);
	});

	it('wraps every paragraph within the width, keeps every word, and sets the aside at 5/6', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 6 }),
				fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 3 }),
				fc.integer({ min: 200, max: 1200 }),
				fc.integer({ min: 12, max: 30 }),
				(lines, aside, width, size) => {
					const page: TextPage = {
						title: 'T',
						lines: lines.map(sentence),
						aside: aside.length > 0 ? { heading: 'Cautions', lines: aside.map(sentence) } : null
					};
					const { blocks, height, asideTop } = textPageBody(page, width, size);
					const texts = [...page.lines, ...(page.aside ? [page.aside.heading, ...page.aside.lines] : [])];
					expect(blocks.map((b) => b.lines.join(' '))).toEqual(texts);
					for (const b of blocks)
						for (const line of b.lines)
							if (line.includes(' ')) expect(textWidth(line, b.size, b.bold)).toBeLessThanOrEqual(width);
					for (const b of blocks.slice(page.lines.length)) expect(b.size).toBeCloseTo(size * ASIDE_SCALE);
					expect(asideTop).toBeLessThanOrEqual(height);
					if (!page.aside) expect(asideTop).toBe(height);
				}
			)
		);
	});
});
