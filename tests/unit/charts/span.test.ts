/** A chart split over slides keeps one scale: each part is laid out with the whole chart's span. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forestLayout } from '$lib/charts/forest/layout';
import { yearsLayout } from '$lib/charts/years/layout';
import { loadTable } from '$lib/data/load';
import { screenFrame } from '$lib/charts/shared/spec';

const studies = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled').studies;
const half = Math.ceil(studies.length / 2);
const parts = [studies.slice(0, half), studies.slice(half)];

describe('parts of a split chart share the whole chart’s scale', () => {
	it('forest: every part has the ticks (values and positions) of the whole chart, and differs without the span', () => {
		const whole = forestLayout({ studies, weights: new Map(), pooled: [] }, {}, screenFrame(900)).ticks;
		for (const part of parts)
			expect(
				forestLayout(
					{
						studies: part,
						weights: new Map(),
						pooled: [],
						superseded: new Map(),
						span: { studies, pooled: [] }
					},
					{},
					screenFrame(900)
				).ticks
			).toEqual(whole);
		const own = parts.map(
			(p) => forestLayout({ studies: p, weights: new Map(), pooled: [] }, {}, screenFrame(900)).ticks
		);
		expect(own[0]).not.toEqual(own[1]);
	});

	it('years: every part has the x domain of the whole chart, and differs without the span', () => {
		const whole = yearsLayout({ studies }, {}, screenFrame(900)).x.domain();
		for (const part of parts)
			expect(yearsLayout({ studies: part, span: studies }, {}, screenFrame(900)).x.domain()).toEqual(whole);
		const own = parts.map((p) => yearsLayout({ studies: p }, {}, screenFrame(900)).x.domain());
		expect(own[0]).not.toEqual(own[1]);
	});
});

describe('year ticks never crowd', () => {
	it.each([300, 600, 900, 1400])('at %d px the bundled years’ ticks are at least 36 px apart', (width) => {
		const { ticks } = yearsLayout({ studies }, {}, screenFrame(width));
		expect(ticks.length).toBeGreaterThan(1);
		for (let i = 1; i < ticks.length; i++)
			expect((ticks[i]?.x ?? 0) - (ticks[i - 1]?.x ?? 0)).toBeGreaterThanOrEqual(36);
	});
});
