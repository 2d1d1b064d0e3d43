import { readFileSync } from 'node:fs';
import { classGrouping } from '$lib/domain/design';
import { describe, expect, it } from 'vitest';
import { forestLayout, type PooledEstimate } from '$lib/charts/forest/layout';
import { loadTable } from '$lib/data/load';
import { supersededBy } from '$lib/domain/reports';
import { closingCautions, forestPanel, methodsLines, titleLines } from '$lib/present/deck';
import { FRAME, MIN_ZOOM, TYPE } from '$lib/present/frame';
import { packRows, planSlides, slideCharts, slideRows, type PlannedSlide } from '$lib/present/slides';
import { summarise } from '$lib/stats/summary';
import type { Study } from '$lib/types';
import { screenFrame } from '$lib/charts/shared/spec';

const bundled = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled').studies;
const bcg = loadTable(readFileSync('tests/fixtures/tables/bcg-counts.csv', 'utf8'), 'bcg-counts.csv', {
	maxYear: 2026
}).studies;

/** The talk the page plans for these studies in every chart's view (leave-one-out over the pooled ones). */
function talk(studies: readonly Study[]) {
	const pooled = summarise(studies, { method: 'REML', hk: false }).effects.map((e) => e.id);
	return planSlides((chart) =>
		slideRows(chart, studies, classGrouping(studies === bcg ? 'unknown' : 'observational'), pooled)
	);
}

const views: [string, readonly Study[]][] = [
	['the bundled view', bundled],
	['?design=rct', bundled.filter((s) => s.design === 'rct')],
	['a user table of 13 rows (BCG)', bcg]
];

describe('the slide planner fills the 16:9 frame at the minimum readable size', () => {
	it('reads the BCG fixture as 13 rows', () => {
		expect(bcg).toHaveLength(13);
	});

	it.each(views)(
		'%s: every chart slide uses at least 60% of the frame height, text ≥ 24 px',
		(_, studies) => {
			const plan = talk(studies);
			const charts = plan.filter((s) => slideCharts(s).length > 0);
			expect(charts.length).toBeGreaterThan(0);
			for (const slide of charts) {
				const g = slide.geometry;
				expect(g, slide.key).toBeDefined();
				if (!g) continue;
				expect(g.fill, `${slide.key}: ${(g.fill * 100).toFixed(0)}% of the height`).toBeGreaterThanOrEqual(
					0.6
				);
				for (const box of g.charts) {
					// Chart text of 10 px magnified to ≥ 24 px; the box inside the frame.
					expect(box.zoom * 10, slide.key).toBeGreaterThanOrEqual(TYPE.text - 1e-9);
					expect(box.zoom).toBeGreaterThanOrEqual(MIN_ZOOM - 1e-9);
					expect(box.x).toBeGreaterThanOrEqual(0);
					expect(box.x + box.width).toBeLessThanOrEqual(FRAME.width);
					expect(box.y + box.height, slide.key).toBeLessThanOrEqual(FRAME.height - 60);
				}
			}
		}
	);

	it.each(views)('%s: opens with a title slide, closes with methods then the summary', (_, studies) => {
		const plan = talk(studies);
		expect(plan[0]?.chart).toBe('title');
		expect(plan.slice(-2).map((s) => s.chart)).toEqual(['methods', 'summary']);
	});

	it.each(views)('%s: every study with an estimate is on exactly one forest part', (_, studies) => {
		const parts = talk(studies).filter((s) => s.chart === 'forest');
		const ids = parts.flatMap((p) => p.part?.ids ?? slideRows('forest', studies)!.map((r) => r.id));
		expect(ids.sort()).toEqual(
			studies
				.filter((s) => s.effect !== null)
				.map((s) => s.id)
				.sort()
		);
	});

	it('splits the bundled forest into parts drawn at one width and zoom, on one shared axis', () => {
		const parts = talk(bundled).filter((s): s is PlannedSlide & { part: object } => s.chart === 'forest');
		expect(parts.length).toBeGreaterThan(1);
		const sizes = parts.map((p) => `${p.geometry?.charts[0]?.layoutWidth}@${p.geometry?.charts[0]?.zoom}`);
		expect(new Set(sizes).size).toBe(1);
		const summary = summarise(bundled, { method: 'REML', hk: false });
		const pooled: PooledEstimate[] = summary.groups.flatMap((g) =>
			g.result
				? [
						{
							group: g.key,
							label: g.key,
							k: g.result.k,
							estimate: Math.exp(g.result.estimate),
							ciLow: Math.exp(g.result.ciLow),
							ciHigh: Math.exp(g.result.ciHigh),
							piLow: null,
							piHigh: null
						}
					]
				: []
		);
		const width = parts[0]!.geometry!.charts[0]!.layoutWidth;
		const axes = parts.map((p) => {
			const only = new Set(p.part?.ids);
			const layout = forestLayout(
				{
					studies: bundled.filter((s) => only.has(s.id)),
					weights: summary.weights,
					pooled: pooled.filter((e) => p.part?.groups.includes(e.group)),
					superseded: supersededBy(bundled),
					span: { studies: bundled, pooled }
				},
				{},
				screenFrame(width)
			);
			return JSON.stringify({ ticks: layout.ticks, xNull: layout.xNull });
		});
		expect(new Set(axes).size).toBe(1);
	});

	it('pairs two short charts side by side when both still fill the frame', () => {
		const plan = talk(bundled);
		const paired = plan.filter((s) => s.pair);
		for (const s of paired) {
			expect(s.geometry?.charts).toHaveLength(2);
			const [a, b] = s.geometry!.charts;
			expect(a!.x + a!.width).toBeLessThanOrEqual(b!.x);
		}
	});
});

describe('packRows', () => {
	const rows = (spec: string) => spec.split('').map((g, i) => ({ id: `s${i}`, g }));
	it('keeps everything in one part when it fits', () => {
		expect(packRows(rows('aab'), (r) => r.g, 20, 2).map((c) => c.length)).toEqual([3]);
	});
	it('shares rows out evenly, continuing a group on the next part but never leaving one row behind', () => {
		const parts = packRows(rows('aaaaaaaabbbbbbbcccddddde'), (r) => r.g, 14, 2, 2);
		expect(parts.flat().map((r) => r.id)).toEqual(rows('aaaaaaaabbbbbbbcccddddde').map((r) => r.id));
		for (const part of parts) {
			const groups = new Set(part.map((r) => r.g)).size;
			expect(part.length + 2 * groups).toBeLessThanOrEqual(14);
		}
		// Balanced: no part holds fewer than half the rows of the fullest.
		const sizes = parts.map((p) => p.length);
		expect(Math.min(...sizes)).toBeGreaterThanOrEqual(Math.max(...sizes) / 2);
	});
});

describe('the forest statistics panel', () => {
	const row = (group: string, k: number) => ({ group, k, estimate: 0.8, ciLow: 0.7, ciHigh: 0.9 });
	const summary = { groups: [], overall: null, subgroupTest: null };
	it('lists the groups a part closes, and the overall row only on the last part and with two designs or more', () => {
		const pooled = [row('registry', 7), row('rct', 4), row('all', 11)];
		const first = forestPanel({ groups: ['registry'], overall: false }, pooled, summary, 'HR');
		expect(first.items.map((i) => i.label)).toEqual(['Registry']);
		expect(first.items[0]?.value).toBe('HR 0.80 (0.70–0.90)');
		const last = forestPanel({ groups: ['rct'], overall: true }, pooled, summary, 'RR');
		expect(last.items.map((i) => i.label)).toEqual(['Randomised trial', 'All designs together']);
		const one = forestPanel(undefined, [row('rct', 4), row('all', 4)], summary, 'HR');
		expect(one.items.map((i) => i.label)).toEqual(['Randomised trial']);
	});
});

describe('the text slides say what is true for the loaded table', () => {
	it('BCG: no word about surgery, the table’s own arms and measure, what was pooled and left out', () => {
		const summary = summarise(bcg, { method: 'REML', hk: false });
		const ctx = {
			title: 'bcg-counts.csv',
			question: null,
			dataset: 'bcg-counts.csv',
			view: 'All studies · 13 of 13 studies',
			date: '2026-12-06',
			studies: bcg,
			summary,
			measure: 'RR',
			arms: { treated: 'Vaccinated', control: 'Not vaccinated' },
			flagsLeftOut: [] as string[]
		};
		const text = [
			...titleLines(ctx).lines,
			titleLines(ctx).heading,
			...methodsLines(ctx),
			...closingCautions(ctx, [])
		].join(' ');
		expect(text).not.toMatch(/surgery|tumour|hazard/i);
		expect(methodsLines(ctx)[0]).toBe(
			`${summary.effects.length} studies of 13 in view pooled: the RR on the log scale, random effects (REML).`
		);
		expect(text).toContain('One report per study');
	});
});
