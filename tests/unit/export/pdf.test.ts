/**
 * The PDFs as the page makes them, built in Node from scenes: the 16:9 PDF follows the talk's planned slides part by
 * part (the same studies as the slide on screen), then the methods and the summary with its cautions as the live talk
 * says them, every word above its footer at ≥ 12 pt; the A4 PDF has a cover, charts two to a page where they fit,
 * the same pages of sentences, and no word below the print floor.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartEntry, type ChartId } from '$lib/charts/registry';
import { A4_MIN_PT, scenesPdf, type PdfFonts } from '$lib/figure/pdf';
import { talkPages } from '$lib/export/deck';
import { a4PdfScenes, plannedSlides, slidePdfScenes } from '$lib/export/scene-export';
import { CAUTIONS_HEADING, METHODS_TITLE } from '$lib/present/slides';
import { slideCharts } from '$lib/present/slides';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import { dashboard } from '../figure/render';

const font = (file: string) => readFileSync(`node_modules/dejavu-fonts-ttf/ttf/${file}`).toString('base64');
const fonts: PdfFonts = { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') };
const dir = '/tmp/pdf-test';
mkdirSync(dir, { recursive: true });

let dash: Dashboard;
beforeAll(async () => {
	dash = await dashboard();
}, 30000);

const caption = (chart: ChartId) => ({
	title: chartEntry(chart).title,
	subtitle: 'All 41 reports',
	source: 'Source: the bundled table of published reports.'
});

/** pdftotext's word box is the font's ascent to descent: 1.164 em for DejaVu Sans (0.928 + 0.236). */
const EM_BOX = 1.164;

/** Every word of a PDF with its page, box (pt) and the page's height, from `pdftotext -bbox`. */
function words(file: string) {
	const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
	const out: { page: number; text: string; yMin: number; height: number; pageHeight: number }[] = [];
	let page = 0;
	let pageHeight = 0;
	for (const line of html.split('\n')) {
		const p = /<page width="([\d.]+)" height="([\d.]+)"/.exec(line);
		if (p) {
			page++;
			pageHeight = Number(p[2]);
		}
		const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(
			line
		);
		if (w) {
			const yMin = Number(w[2]);
			out.push({ page, text: w[5] ?? '', yMin, height: Number(w[4]) - yMin, pageHeight });
		}
	}
	return out;
}

/** The pages of words as the page's export gives them (run.ts): the cover in the live talk's words, then the rest. */
function pdfPages(dash: Dashboard) {
	const { opening, methods, closing } = talkPages(dash);
	return {
		cover: { title: opening.title, lines: [...opening.lines, caption('forest').source] },
		methods,
		closing
	};
}

describe('the PDFs, drawn from scenes in Node', () => {
	it('16:9: one page per planned slide part, the slide titles and studies, text ≥ 12 pt above the footer', () => {
		const scenes = slidePdfScenes(dash, 'light', caption);
		const slides = plannedSlides(dash);
		const charts = slides.flatMap((s) => slideCharts(s).map((chart, i) => ({ slide: s, chart, i })));
		expect(scenes.map((s) => s.chart)).toEqual(charts.map((c) => c.chart));
		// A split chart's page lists exactly the studies of its slide part.
		for (const [n, { slide, i }] of charts.entries())
			if (slide.part && i === 0) {
				expect(scenes[n]?.title).toBe(slide.title);
				expect([...(scenes[n]?.rows ?? [])].sort()).toEqual([...slide.part.ids].sort());
			}
		const doc = scenesPdf(
			{
				preset: 'slide',
				theme: 'light',
				title: 'Talk',
				scenes,
				footer: 'Source: the bundled table.',
				...pdfPages(dash)
			},
			fonts
		);
		const file = `${dir}/slides.pdf`;
		writeFileSync(file, Buffer.from(doc.output('arraybuffer')));
		const all = words(file);
		// The opening, the charts, then the methods and the closing summary, each on a page of its own.
		expect(new Set(all.map((w) => w.page)).size).toBe(scenes.length + 3);
		const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f');
		const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
		const { opening, methods, closing } = talkPages(dash);
		// The opening says what the live title slide says: the question, the dataset, the view, the day.
		const openingPage = squash(pages[0] ?? '');
		for (const line of [opening.title, ...opening.lines]) expect(openingPage).toContain(squash(line));
		expect(opening.title).toContain('stage IV breast cancer');
		const methodsPage = squash(pages[scenes.length + 1] ?? '');
		expect(methodsPage).toContain(METHODS_TITLE);
		for (const line of methods.lines) expect(methodsPage).toContain(squash(line));
		const closingPage = squash(pages[scenes.length + 2] ?? '');
		for (const line of closing.lines) expect(closingPage).toContain(squash(line));
		// The cautions the live closing slide gives, under its heading (two for the bundled studies).
		expect(closing.aside?.lines).toHaveLength(2);
		expect(closingPage).toContain(CAUTIONS_HEADING);
		for (const line of closing.aside?.lines ?? []) expect(closingPage).toContain(squash(line));
		// 13.33 in wide: 960 pt; the footer sits in the slide's bottom padding (28 pt).
		const body = all.filter((w) => w.yMin < w.pageHeight - 28);
		expect(body.length).toBeGreaterThan(500);
		const small = body.filter((w) => w.height / EM_BOX < 12 - 0.05);
		expect(small.map((w) => `${w.page}: ${w.text} ${w.height.toFixed(1)}`)).toEqual([]);
	});

	it('A4: a cover, charts two to a page where they fit, the summary; nothing below 8 pt', () => {
		const scenes = a4PdfScenes(dash, 'light', caption);
		for (const s of scenes) expect(s.height).toBeLessThanOrEqual(1047);
		const doc = scenesPdf(
			{
				preset: 'a4',
				theme: 'light',
				title: 'Charts',
				scenes,
				...pdfPages(dash)
			},
			fonts
		);
		const file = `${dir}/a4.pdf`;
		writeFileSync(file, Buffer.from(doc.output('arraybuffer')));
		const all = words(file);
		const pages = new Set(all.map((w) => w.page)).size;
		expect(pages).toBeGreaterThanOrEqual(Math.ceil(scenes.length / 2) + 2);
		expect(pages).toBeLessThan(scenes.length + 2);
		const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		expect(text).toContain(talkPages(dash).opening.title);
		expect(text).toContain('What the studies in view say');
		expect(text).toContain(METHODS_TITLE);
		expect(text).toContain(CAUTIONS_HEADING);
		const small = all.filter((w) => w.height / EM_BOX < A4_MIN_PT - 0.05);
		expect(small.map((w) => `${w.page}: ${w.text} ${w.height.toFixed(1)}`)).toEqual([]);
	});
});
