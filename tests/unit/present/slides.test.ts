import { describe, expect, it } from 'vitest';
import { chunkRows, planSlides, ROWS_PER_SLIDE, SLIDES, stepFor } from '$lib/present/slides';

describe('slides', () => {
	it('end with the pooled comparison and show every chart once', () => {
		expect(SLIDES.at(-1)?.chart).toBe('forest');
		expect(new Set(SLIDES.map((s) => s.chart)).size).toBe(SLIDES.length);
	});

	it.each([
		['ArrowRight', 0, 1],
		['PageDown', 0, 1],
		[' ', 2, 3],
		['ArrowRight', 6, 6],
		['ArrowLeft', 3, 2],
		['PageUp', 0, 0],
		['Home', 5, 0],
		['End', 1, 6],
		['x', 3, null],
		['Enter', 3, null]
	] as const)('%j on slide %i of 7 → %s', (key, index, expected) => {
		expect(stepFor(key, index, 7)).toBe(expected);
	});
});

describe('chunkRows', () => {
	const rows = (spec: string) => spec.split('').map((g, i) => ({ id: `s${i}`, g }));
	it('keeps everything on one slide when it fits', () => {
		expect(chunkRows(rows('aab'), (r) => r.g, 10, 2).map((c) => c.length)).toEqual([3]);
	});
	it('moves a whole group to the next slide when it does not fit, and splits a group too big for one', () => {
		// a: 3 rows + 2 overhead = 5; b would need 4 more, budget 8 → new slide.
		expect(chunkRows(rows('aaabb'), (r) => r.g, 8, 2).map((c) => c.map((r) => r.g).join(''))).toEqual([
			'aaa',
			'bb'
		]);
		expect(chunkRows(rows('aaaaaaaa'), (r) => r.g, 5, 2).map((c) => c.length)).toEqual([3, 3, 2]);
	});
	it('without groups, packs rows to the budget', () => {
		expect(chunkRows(rows('x'.repeat(40)), () => '', 18, 0).map((c) => c.length)).toEqual([18, 18, 4]);
	});
});

describe('planSlides', () => {
	it('splits a long forest by design groups, ends with the summary, never loses a study', () => {
		const forest = [
			...Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, group: 'registry' })),
			...Array.from({ length: 13 }, (_, i) => ({ id: `s${i}`, group: 'single-institution' })),
			...Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, group: 'rct' }))
		];
		const plan = planSlides((chart) => (chart === 'forest' ? forest : null));
		expect(plan.at(-1)?.chart).toBe('summary');
		const parts = plan.filter((p) => p.chart === 'forest');
		expect(parts.length).toBeGreaterThan(1);
		expect(parts.flatMap((p) => p.part?.ids ?? [])).toEqual(forest.map((r) => r.id));
		for (const p of parts) {
			const groups = new Set(forest.filter((r) => p.part?.ids.includes(r.id)).map((r) => r.group));
			expect(p.part!.ids.length + 2 * groups.size + (p.part!.overall ? 1 : 0)).toBeLessThanOrEqual(
				ROWS_PER_SLIDE
			);
		}
		expect(parts.filter((p) => p.part?.overall).map((p) => p.part?.index)).toEqual([parts.length - 1]);
		// Each subgroup diamond is drawn exactly once, on the slide where its group ends.
		expect(parts.flatMap((p) => p.part?.groups ?? []).sort()).toEqual([
			'rct',
			'registry',
			'single-institution'
		]);
		expect(parts[0]?.title).toMatch(/\(1 of \d\)$/);
	});
	it('keeps a short chart on one slide', () => {
		const plan = planSlides((chart) => (chart === 'cohort' ? [{ id: 'a', group: '' }] : null));
		expect(plan.filter((p) => p.chart === 'cohort')).toEqual([
			{ key: 'cohort', chart: 'cohort', title: SLIDES.find((s) => s.chart === 'cohort')?.title }
		]);
		expect(plan).toHaveLength(SLIDES.length + 1);
	});
});

describe('planSlides without groups', () => {
	it('shares rows out evenly over as few slides as the budget allows', () => {
		const rows = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, group: 'x' }));
		const plan = planSlides((chart) => (chart === 'cohort' ? rows : null));
		expect(plan.filter((p) => p.chart === 'cohort').map((p) => p.part?.ids.length)).toEqual([14, 14, 12]);
	});
});
