import { describe, expect, it } from 'vitest';
import { keyAction } from '$lib/present/keys';
import { rowBudget } from '$lib/present/frame';
import { chunkRows, planSlides, SLIDES } from '$lib/present/slides';

describe('slides', () => {
	it('end with the pooled comparison and show every chart once', () => {
		expect(SLIDES.at(-1)?.chart).toBe('forest');
		expect(new Set(SLIDES.map((s) => s.chart)).size).toBe(SLIDES.length);
	});

	it.each([
		['ArrowRight', false, 0, 1],
		['ArrowDown', false, 0, 1],
		['PageDown', false, 0, 1],
		[' ', false, 2, 3],
		[' ', true, 2, 1],
		['ArrowRight', false, 6, 6],
		['ArrowLeft', false, 3, 2],
		['ArrowUp', false, 3, 2],
		['Backspace', false, 3, 2],
		['PageUp', false, 0, 0],
		['Home', false, 5, 0],
		['End', false, 1, 6],
		['x', false, 3, null],
		['Enter', false, 3, null]
	] as const)('%j (shift %s) on slide %i of 7 → %s', (key, shift, index, expected) => {
		const { action } = keyAction(key, shift, index, 7);
		expect(action?.kind === 'go' ? action.index : null).toBe(expected);
	});

	it('goes to a slide by number then Enter, and blacks the screen with B or "."', () => {
		let typed = keyAction('1', false, 0, 20).typed;
		typed = keyAction('2', false, 0, 20, typed).typed;
		expect(typed).toBe('12');
		expect(keyAction('Enter', false, 0, 20, typed).action).toEqual({ kind: 'go', index: 11 });
		// Backspace while typing deletes a digit rather than going back.
		expect(keyAction('Backspace', false, 5, 20, '12')).toEqual({ action: null, typed: '1' });
		expect(keyAction('99', false, 0, 20).action).toBeNull();
		expect(keyAction('Enter', false, 0, 20, '99').action).toEqual({ kind: 'go', index: 19 });
		for (const key of ['b', 'B', '.']) expect(keyAction(key, false, 0, 20).action).toEqual({ kind: 'black' });
		expect(keyAction('f', false, 0, 20).action).toEqual({ kind: 'fullscreen' });
		expect(keyAction('?', true, 0, 20).action).toEqual({ kind: 'help' });
		expect(keyAction('Escape', false, 0, 20).action).toEqual({ kind: 'exit' });
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
		expect(plan[0]?.chart).toBe('title');
		const parts = plan.filter((p) => p.chart === 'forest');
		expect(parts.length).toBeGreaterThan(1);
		expect(parts.flatMap((p) => p.part?.ids ?? [])).toEqual(forest.map((r) => r.id));
		for (const p of parts) {
			const groups = new Set(forest.filter((r) => p.part?.ids.includes(r.id)).map((r) => r.group));
			expect(p.part!.ids.length + 2 * groups.size + (p.part!.overall ? 1 : 0)).toBeLessThanOrEqual(
				rowBudget('forest')
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
		expect(plan.filter((p) => p.chart === 'cohort')).toMatchObject([
			{ key: 'cohort', chart: 'cohort', title: SLIDES.find((s) => s.chart === 'cohort')?.title }
		]);
		expect(plan.map((p) => p.chart)).toEqual([
			'title',
			'years',
			'cohort',
			'survival',
			'trend',
			'influence',
			'cumulative',
			'forest',
			'methods',
			'summary'
		]);
		// A chart with no rows to draw gets no slide.
		expect(planSlides((chart) => (chart === 'cohort' ? [] : null)).map((p) => p.chart)).not.toContain(
			'cohort'
		);
		expect(plan.find((p) => p.chart === 'trend')?.pair).toBe('funnel');
	});
});

describe('planSlides without groups', () => {
	it('shares rows out evenly over as few slides as the budget allows', () => {
		const rows = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, group: 'x' }));
		const plan = planSlides((chart) => (chart === 'cohort' ? rows : null));
		expect(plan.filter((p) => p.chart === 'cohort').map((p) => p.part?.ids.length)).toEqual([14, 14, 12]);
	});
});
