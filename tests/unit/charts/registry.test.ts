/**
 * The registry is the only list of charts: a chart added to it (one spec, one line) reaches the grid's ids, the
 * talk's slide plan and its talking points, the figures every export draws, export file names and the URL's chart
 * ids, with no other file changed. And every chart in it is one folder: spec, layout and the slot the grid draws.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { emptyScene } from '$lib/figure/compose';
import { framePreset } from '$lib/figure/scene';
import { defineChart } from '$lib/charts/shared/spec';
import * as registry from '$lib/charts/registry';
import { chartScenes, type FigureInput } from '$lib/figure/charts';
import { planSlides, slideRows } from '$lib/present/slides';
import { talkingPoints } from '$lib/present/notes';
import { exportName } from '$lib/export/names';
import { DEFAULT_VIEW } from '$lib/filters/clauses';
import type { ChartId } from '$lib/charts/registry';
import { makeStudy } from '../study';

/** A chart that exists only in this test: its spec is the whole of it. */
const FAKE = defineChart({
	id: 'fake',
	title: 'A fake chart',
	slide: { order: 4.5, title: 'The fake slide', split: 'rows' },
	exportName: 'fake-export',
	wide: false,
	lazy: false,
	options: [],
	layout: () => null,
	rows: (inView) => inView.filter((s) => s.year !== null).map((s) => ({ id: s.id, group: '' })),
	scene: (_input, _options, frame, caption) => [
		emptyScene('fake', caption, frame, 'Drawn by the fake spec.')
	],
	notes: (ctx) => [`${ctx.studies.length} studies on the fake slide.`]
});

vi.mock('$lib/charts/registry', async (importOriginal) => {
	const real = await importOriginal<typeof import('$lib/charts/registry')>();
	const { defineChart: define } = await import('$lib/charts/shared/spec');
	const { emptyScene: empty } = await import('$lib/figure/compose');
	// The same spec as FAKE (vi.mock is hoisted above the module's own constants).
	const fake = define({
		id: 'fake',
		title: 'A fake chart',
		slide: { order: 4.5, title: 'The fake slide', split: 'rows' },
		exportName: 'fake-export',
		wide: false,
		lazy: false,
		options: [],
		layout: () => null,
		rows: (inView) => inView.filter((s) => s.year !== null).map((s) => ({ id: s.id, group: '' })),
		scene: (_input, _options, frame, caption) => [empty('fake', caption, frame, 'Drawn by the fake spec.')],
		notes: (ctx) => [`${ctx.studies.length} studies on the fake slide.`]
	});
	return { ...real, ...real.registryOf([...real.CHARTS, fake]) };
});

const fake = 'fake' as ChartId;
const studies = [makeStudy({ id: 'a', year: 2002 }), makeStudy({ id: 'b', year: 2010 })];

describe('a chart added to the registry', () => {
	it('is in the grid and the URL’s chart ids', () => {
		expect(registry.CHART_IDS).toContain('fake');
		expect(registry.CHARTS.map((c) => c.id)).toContain('fake');
		expect(registry.isChartId('fake')).toBe(true);
		expect(registry.chartEntry(fake).title).toBe(FAKE.title);
	});

	it('gets its slide in the talk, at its order, with its rows and talking points', () => {
		expect(registry.SLIDE_ORDER.indexOf(fake)).toBe(registry.SLIDE_ORDER.indexOf('trend') + 1);
		const talk = planSlides((chart) => slideRows(chart, studies));
		const slide = talk.find((s) => s.chart === fake);
		expect(slide?.title).toBe('The fake slide');
		expect(slideRows(fake, studies)).toEqual([
			{ id: 'a', group: '' },
			{ id: 'b', group: '' }
		]);
		const ctx = { studies, summary: [], cautions: [], arms: { treated: 'T', control: 'C' }, studyPage: null };
		expect(talkingPoints(fake, ctx)).toEqual(['2 studies on the fake slide.']);
	});

	it('is drawn by its own scene in every export, under its own file name', () => {
		const frame = framePreset('slide');
		const scenes = chartScenes(fake, { studies } as unknown as FigureInput, {}, frame, {
			title: 'A fake chart',
			subtitle: '',
			source: ''
		});
		expect(scenes.map((s) => [s.chart, s.empty])).toEqual([['fake', 'Drawn by the fake spec.']]);
		expect(exportName(registry.chartEntry(fake).exportName, DEFAULT_VIEW, 'svg')).toBe('fake-export-all.svg');
	});
});

describe('every chart is one folder', () => {
	const root = join(process.cwd(), 'src/lib/charts');
	const folders = readdirSync(root).filter((f) => f !== 'shared' && statSync(join(root, f)).isDirectory());
	it('and the folders are the registry (the test’s fake chart aside)', () => {
		expect([...folders].sort()).toEqual(registry.CHART_IDS.filter((id) => id !== fake).sort());
	});
	it.each(folders)('%s has its spec, layout and the slot the grid draws', (id) => {
		for (const file of ['spec.ts', 'layout.ts', 'Slot.svelte'])
			expect(existsSync(join(root, id, file))).toBe(true);
	});
});
