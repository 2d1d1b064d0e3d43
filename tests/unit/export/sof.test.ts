import { describe, expect, it } from 'vitest';
import { appraise } from '$lib/stats/appraisal/appraise';
import {
	fewerMore,
	fewerMoreRange,
	patientsDiffer,
	sofCsv,
	sofSlide,
	sofSvg,
	wrap
} from '$lib/export/sof-table';
import { bundledStudies } from '../stats/bundled';

const a = appraise(
	bundledStudies(),
	{ method: 'REML', hk: false },
	{
		measure: 'HR',
		threshold: 0.8,
		baselineMonths: 20,
		rare: false,
		overrides: { randomised: { indirectness: { change: -1, reason: 'Older <therapy> & "care"' } } }
	}
);

describe('summary-of-findings exports', () => {
	it('CSV: one row per design class, every domain’s change, reason and whether the user set it', () => {
		const { headers, rows } = sofCsv(a);
		expect(rows.map((r) => r[0])).toEqual(['Observational studies', 'Randomised trials']);
		expect(headers).toContain('indirectness_reason');
		expect(headers).toContain('deaths_per_1000_3y_treated');
		const rct = rows[1] ?? [];
		expect(rct[headers.indexOf('indirectness_change')]).toBe('-1');
		expect(rct[headers.indexOf('indirectness_overridden')]).toBe('yes');
		expect(rct[headers.indexOf('baseline_median_months')]).toBe('20');
		expect(Number(rct[headers.indexOf('median_treated_months')])).toBeCloseTo(
			20 / (a.rows[1]?.estimate ?? 1),
			9
		);
	});

	it('SVG: a standalone document with the table’s words, escaped', () => {
		const svg = sofSvg(a, {
			title: 'Summary of findings',
			subtitle: 'All studies',
			source: 'Source: test',
			background: '#fff',
			foreground: '#000',
			muted: '#555',
			rule: '#ccc'
		});
		expect(svg.text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg.text).toContain('Older &#60;therapy&#62; &#38;');
		expect(svg.text).toContain('Randomised trials');
		expect(svg.text).toContain('⊕');
		expect(svg.height).toBeGreaterThan(200);
	});

	it.each([
		[-89.4, 'fewer', '89 fewer'],
		[12.2, 'more', '12 more'],
		[0.3, 'none', 'none']
	])('%f deaths per 1,000 read “%s”', (v, _, words) => {
		expect(fewerMore(v)).toBe(words);
	});

	it('the slide: one row per class with ⊕ certainty and each change; the user’s marked “yours”', () => {
		const total = a.rows.reduce((sum, r) => sum + r.patients, 0);
		const slide = sofSlide(a, total);
		expect(slide.headers).toEqual([
			'Evidence',
			'Studies (patients)',
			'HR (95% CI)',
			'Absolute effect',
			'Certainty'
		]);
		expect(slide.rows.map((r) => r.group)).toEqual(['observational', 'randomised']);
		const rct = slide.rows[1];
		const level = a.rows[1]?.certainty.level ?? 0;
		expect(rct?.level).toBe(level);
		expect(rct?.cells[4]?.[0]).toMatch(new RegExp(`^${'⊕'.repeat(level)}${'◯'.repeat(4 - level)} `));
		expect(rct?.cells[4]).toContain('Indirectness −1 (yours)');
		expect(rct?.cells[3]?.[0]).toMatch(/^Median 20\.0 → /);
		// The same count as the header's: no qualifier; a different one: "in pooled studies".
		expect(rct?.cells[1]?.[1]).toBe(`${a.rows[1]?.patients.toLocaleString('en')} patients`);
		expect(patientsDiffer(a, total)).toBe(false);
		expect(patientsDiffer(a, total + 1)).toBe(true);
		expect(sofSlide(a, total + 1).rows[1]?.cells[1]?.[1]).toMatch(/patients in pooled studies$/);
		expect(slide.notes.some((n) => n.startsWith('Inconsistency: ') && n.includes('95% CI'))).toBe(true);
	});

	it('intervals of changes in words, and wrapping at spaces', () => {
		expect(fewerMoreRange(-102.4, -75.1)).toBe('75 to 102 fewer');
		expect(fewerMoreRange(-65, 21)).toBe('65 fewer to 21 more');
		expect(fewerMoreRange(3, 9)).toBe('3 to 9 more');
		expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
	});
});
