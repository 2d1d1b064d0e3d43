/**
 * Every chart as a figure of its data, options and a frame, drawn with no browser: SVG strings and an editable
 * PPTX deck from the scene alone, type never below the frame's floor, long charts split instead of shrunk.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHART_IDS, SLIDE_ORDER } from '$lib/charts/registry';
import { chartScenes } from '$lib/figure/charts';
import { flatten, framePreset, sceneTexts, type FramePreset, type Scene } from '$lib/figure/scene';
import { smallestText, toSvgString } from '$lib/figure/svg';
import { buildDeck } from '$lib/figure/pptx';
import { deckOf, figureInput, notesContextOf } from '$lib/export/deck';
import { closingCautions, methodsLines } from '$lib/present/deck';
import { CAUTIONS_HEADING, METHODS_TITLE } from '$lib/present/slides';
import { deckContext } from '$lib/present/deck-context';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import { dashboard } from './render';

let dash: Dashboard;
beforeAll(async () => {
	dash = await dashboard();
}, 30000);

const caption = { title: 'A chart', subtitle: 'All studies', source: 'Source: the bundled table.' };
const scenesOf = (chart: (typeof CHART_IDS)[number], preset: FramePreset, options = {}) =>
	chartScenes(chart, figureInput(dash, chart), options, framePreset(preset), caption);

describe('every chart is a scene, written as SVG without a browser', () => {
	for (const chart of CHART_IDS)
		for (const preset of ['natural', 'slide'] as const)
			it(`${chart} in the ${preset} frame`, () => {
				const scenes = scenesOf(chart, preset);
				expect(scenes.length).toBeGreaterThan(0);
				const frame = framePreset(preset);
				for (const scene of scenes) {
					expect(scene.empty).toBeNull();
					const svg = toSvgString(scene);
					expect(svg.startsWith('<?xml')).toBe(true);
					expect(svg).not.toContain('<!--');
					expect(svg).toContain(`font-family="'DejaVu Sans'`);
					// Marks, not only text.
					expect(flatten(scene.nodes).filter((n) => n.kind !== 'text').length).toBeGreaterThan(5);
					// One type scale with a floor: no text below the frame's minimum.
					expect(smallestText(scene)).toBeGreaterThanOrEqual(frame.type.min);
					// Nothing outside the frame.
					for (const t of sceneTexts(scene.nodes)) {
						expect(t.y).toBeGreaterThan(0);
						expect(t.y).toBeLessThan(scene.height);
					}
					if (frame.height !== null) expect(scene.height).toBe(frame.height);
				}
			});
});

describe('readable in every preset', () => {
	it('a 16:9 slide sets text at ≥ 24 px of 1920 and titles at ≥ 40 px', () => {
		for (const chart of CHART_IDS)
			for (const scene of scenesOf(chart, 'slide')) {
				expect(smallestText(scene)).toBeGreaterThanOrEqual(24);
				const title = sceneTexts(scene.nodes).find((t) => t.bold && t.role === 'caption');
				expect(title?.size).toBeGreaterThanOrEqual(40);
			}
	});

	it('a long chart is split into parts on slides, every study once, in order, rather than shrunk', () => {
		const whole = scenesOf('years', 'natural')[0] as Scene;
		const parts = scenesOf('years', 'slide');
		expect(whole.rows.length).toBeGreaterThan(30);
		expect(parts.length).toBeGreaterThan(1);
		expect(parts.flatMap((p) => p.rows)).toEqual(whole.rows);
		expect(parts.map((p) => p.title.endsWith(`(1 of ${parts.length})`))[0]).toBe(true);
	});

	it('parts share the rows out evenly (no part of a single straggler)', () => {
		for (const chart of ['years', 'cohort', 'survival'] as const) {
			const sizes = scenesOf(chart, 'slide').map((p) => p.rows.length);
			expect(Math.max(...sizes) - Math.min(...sizes), chart).toBeLessThanOrEqual(1);
		}
	});

	it('the journal-column forest keeps its estimates column and whole study names at ≥ 7 pt', () => {
		const [scene] = scenesOf('forest', 'column') as [Scene];
		const texts = sceneTexts(scene.nodes);
		expect(texts.some((t) => t.text === 'HR (95% CI)')).toBe(true);
		const labels = texts.filter((t) => t.role === 'label').map((t) => t.text);
		expect(labels).toContain('Gnerlich 2007');
		expect(labels.filter((l) => l.includes('…'))).toEqual([]);
		expect(smallestText(scene)).toBeGreaterThanOrEqual(7 * (96 / 72) - 0.01);
	});
});

describe('the forest plot as journals print it', () => {
	it('prints weights, each group’s heterogeneity, the test for subgroup differences and favours labels', () => {
		const texts = sceneTexts((scenesOf('forest', 'natural')[0] as Scene).nodes).map((t) => t.text);
		expect(texts).toContain('Weight');
		expect(texts.filter((t) => /^\d+\.\d%$/.test(t)).length).toBeGreaterThan(10);
		// One heterogeneity line under each pooled design class of more than one study.
		const classes = dash.summary.groups.filter((g) => (g.result?.k ?? 0) > 1).length;
		expect(classes).toBeGreaterThanOrEqual(2);
		expect(texts.filter((t) => t.startsWith('Heterogeneity: τ² = ')).length).toBe(classes);
		expect(texts.some((t) => t.startsWith('Test for subgroup differences between design classes'))).toBe(
			true
		);
		expect(texts.some((t) => t.startsWith('← favours'))).toBe(true);
		// Per-arm n where the study reports it.
		expect(texts.some((t) => /^\d+\/\d+$/.test(t))).toBe(true);
	});
});

describe('chart options are part of the figure', () => {
	it('survival ordered by gain draws the largest gain first', () => {
		const [byGain] = scenesOf('survival', 'natural', { order: 'gain' }) as [Scene];
		const [byYear] = scenesOf('survival', 'natural', { order: 'year' }) as [Scene];
		expect(byGain.rows).not.toEqual(byYear.rows);
		const gain = (id: string) => {
			const s = dash.studies.find((x) => x.id === id);
			return s && s.medianTreated !== null && s.medianControl !== null
				? s.medianTreated - s.medianControl
				: -Infinity;
		};
		const gains = byGain.rows.map(gain);
		expect(gains).toEqual([...gains].sort((a, b) => b - a));
	});
});

describe('an editable PowerPoint deck from the scenes alone', () => {
	it('has a title slide, one slide per chart part with native shapes and notes, the methods and the summary', async () => {
		const notes = {
			studies: dash.shownStudies,
			summary: dash.sentences,
			cautions: [],
			arms: dash.arms,
			studyPage: (id: string) => `/studies/${id}`
		};
		const deck = {
			...deckOf(dash, framePreset('slide'), () => caption, notes, 'Source: the bundled table.'),
			sof: null
		};
		expect(deck.slides.map((s) => s.scene.chart).filter((c, i, all) => all.indexOf(c) === i)).toEqual([
			...SLIDE_ORDER
		]);
		const pptx = await buildDeck(deck);
		const zip = await JSZip.loadAsync((await pptx.write({ outputType: 'nodebuffer' })) as Buffer);
		const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
		// The title, the charts, the methods and the closing summary.
		expect(slides.length).toBe(deck.slides.length + 3);
		for (let i = 0; i < deck.slides.length; i++) {
			const xml = await zip.file(`ppt/slides/slide${i + 2}.xml`)?.async('string');
			expect(xml).toBeDefined();
			const shapes = (xml ?? '').match(/<p:(sp|cxnSp)>/g)?.length ?? 0;
			expect(shapes).toBeGreaterThan(20);
			expect(xml).not.toContain('<p:pic>');
			// The slide's title is text, not pixels.
			expect(xml).toContain('<a:t>');
			const note = await zip.file(`ppt/notesSlides/notesSlide${i + 2}.xml`)?.async('string');
			for (const point of deck.slides[i]?.notes.slice(0, 1) ?? [])
				expect(note).toContain(point.replace(/&/g, '&amp;').slice(0, 30));
		}
		// After the charts, the methods and the closing summary say what the live talk's slides say: the same
		// sentences, and under the summary the cautions the live closing slide gives, none under 12 pt.
		const text = async (n: number) =>
			((await zip.file(`ppt/slides/slide${n}.xml`)?.async('string')) ?? '').replace(/&amp;/g, '&');
		const opening = await text(1);
		for (const line of [deck.opening?.title ?? '?', ...(deck.opening?.lines ?? [])])
			expect(opening).toContain(line);
		const methods = await text(deck.slides.length + 2);
		const ctx = deckContext(dash);
		expect(methods).toContain(METHODS_TITLE);
		for (const line of methodsLines(ctx)) expect(methods).toContain(line);
		const closing = await text(deck.slides.length + 3);
		for (const line of dash.sentences) expect(closing).toContain(line);
		const cautions = closingCautions(ctx, notesContextOf(dash, null).cautions);
		expect(cautions).toHaveLength(2);
		expect(closing).toContain(CAUTIONS_HEADING);
		for (const line of cautions) expect(closing).toContain(line);
		const sizes = [...closing.matchAll(/sz="(\d+)"/g)].map((m) => Number(m[1]));
		expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1200);
	}, 30000);
});

describe('the summary-of-findings table in the deck', () => {
	it('is a native, editable PowerPoint table (a:tbl) with one row per design class, before the summary', async () => {
		await dash.appraisal.load();
		const notes = {
			studies: dash.shownStudies,
			summary: dash.sentences,
			cautions: [],
			arms: dash.arms,
			studyPage: null
		};
		const deck = deckOf(dash, framePreset('slide'), () => caption, notes, 'Source: the bundled table.');
		const sof = deck.sof;
		expect(sof?.rows).toHaveLength(2);
		const pptx = await buildDeck(deck);
		const zip = await JSZip.loadAsync((await pptx.write({ outputType: 'nodebuffer' })) as Buffer);
		const count = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
		expect(count).toBe(deck.slides.length + 4);
		// After the charts and the methods, before the closing summary.
		const n = deck.slides.length + 3;
		const xml = (await zip.file(`ppt/slides/slide${n}.xml`)?.async('string')) ?? '';
		expect(xml).toContain('<a:tbl>');
		expect(xml).not.toContain('<p:pic>');
		expect(xml).toContain('Summary of findings');
		// A header row and one row per design class, the certainty in ⊕ symbols.
		expect(xml.match(/<a:tr /g)?.length).toBe(3);
		for (const cell of ['Observational studies', 'Randomised trials', 'HR (95% CI)', 'Certainty'])
			expect(xml).toContain(`<a:t>${cell}</a:t>`);
		for (const row of dash.appraisal.result?.rows ?? []) {
			expect(xml).toContain(`${row.estimate.toFixed(2)} (${row.ciLow.toFixed(2)}–${row.ciHigh.toFixed(2)})`);
			expect(xml).toMatch(
				new RegExp(`${'⊕'.repeat(row.certainty.level)}${'◯'.repeat(4 - row.certainty.level)}`)
			);
		}
		// Type no smaller than 12 pt (24 px on the 1920-px slide): sz is in hundredths of a point.
		const sizes = [...xml.matchAll(/sz="(\d+)"/g)].map((m) => Number(m[1]));
		expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1200);
		const note = (await zip.file(`ppt/notesSlides/notesSlide${n}.xml`)?.async('string')) ?? '';
		expect(note).toContain('Inconsistency:');
		const last = (await zip.file(`ppt/slides/slide${n + 1}.xml`)?.async('string')) ?? '';
		expect(last).toContain('What the studies in view say');
	}, 30000);
});
