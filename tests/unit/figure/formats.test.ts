/**
 * Every chart's figure in every format from its geometry alone, in Node (no browser): the scene written as an SVG
 * string, drawn natively into a PDF (jsPDF, the embedded DejaVu Sans) and into an editable PPTX, for two frames
 * each; and the SVG rendered by resvg.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartEntry, CHART_IDS } from '$lib/charts/registry';
import { chartScenes } from '$lib/figure/charts';
import { a4Frame, scenesPdf, type PdfFonts } from '$lib/figure/pdf';
import { buildDeck } from '$lib/figure/pptx';
import { flatten, framePreset, type Frame, type Scene } from '$lib/figure/scene';
import { toSvgString } from '$lib/figure/svg';
import { figureInput, figureOptions } from '$lib/export/deck';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import { dashboard } from './render';

const font = (file: string) => readFileSync(`node_modules/dejavu-fonts-ttf/ttf/${file}`).toString('base64');
const fonts: PdfFonts = { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') };
const dir = mkdtempSync(join(tmpdir(), 'figure-formats-'));

let dash: Dashboard;
beforeAll(async () => {
	dash = await dashboard();
}, 30000);

const FRAMES: [string, Frame, 'slide' | 'a4'][] = [
	['16:9 slide', framePreset('slide'), 'slide'],
	['A4', a4Frame('light'), 'a4']
];

/** The text of a PDF, as poppler reads it (the PDF written to a temp file). */
function pdfText(bytes: ArrayBuffer, name: string, ...args: string[]): string {
	const file = join(dir, `${name}.pdf`);
	writeFileSync(file, Buffer.from(bytes));
	return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

describe('every chart in SVG, PDF and PPTX from its geometry alone', () => {
	for (const chart of CHART_IDS)
		for (const [label, frame, page] of FRAMES)
			it(`${chart}, ${label}`, async () => {
				const title = chartEntry(chart).title;
				const scenes: Scene[] = chartScenes(chart, figureInput(dash, chart), figureOptions(dash), frame, {
					title,
					subtitle: 'All studies',
					source: 'Source: the bundled table.'
				});
				expect(scenes.length).toBeGreaterThan(0);
				const [scene] = scenes as [Scene];
				expect(scene.empty).toBeNull();
				// SVG: a string with no comments.
				const svg = toSvgString(scene);
				expect(svg).not.toContain('<!--');
				expect(svg).toContain('<title>');
				// PDF: native text in the embedded font, the chart's title as text.
				const pdf = scenesPdf(
					{ preset: page, theme: 'light', title, scenes, footer: 'Source: the bundled table.' },
					fonts
				).output('arraybuffer');
				expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
				const text = pdfText(pdf, `${chart}-${page}`).replace(/\s+/g, ' ');
				expect(text).toContain(title.split(' ').slice(0, 3).join(' '));
				// Every study label of the first part is text in the PDF.
				for (const t of flatten(scene.nodes)
					.filter((n) => n.kind === 'text' && n.role === 'label')
					.slice(0, 5))
					if (t.kind === 'text') expect(text).toContain(t.text.replace(/\s+/g, ' ').trim());
				// PPTX: native shapes and text, not a picture.
				const pptx = await buildDeck({
					title,
					subtitle: 'All studies',
					source: 'Source',
					slides: scenes.map((s) => ({ scene: s, notes: ['A point.'] })),
					closing: { title: 'Summary', lines: ['A sentence.'] },
					theme: 'light'
				});
				const zip = await JSZip.loadAsync((await pptx.write({ outputType: 'nodebuffer' })) as Buffer);
				const slide = (await zip.file('ppt/slides/slide2.xml')?.async('string')) ?? '';
				expect(slide).not.toContain('<p:pic>');
				expect((slide.match(/<p:sp>/g) ?? []).length).toBeGreaterThan(15);
				expect(slide).toContain(title.split(' ')[0]);
			});
});

describe('the SVG renders in resvg', () => {
	for (const chart of CHART_IDS)
		it(`${chart}: a non-blank PNG of the scene's size`, () => {
			const [scene] = chartScenes(
				chart,
				figureInput(dash, chart),
				figureOptions(dash),
				framePreset('slide'),
				{
					title: chartEntry(chart).title,
					subtitle: 'All studies',
					source: ''
				}
			) as [Scene];
			const resvg = new Resvg(toSvgString(scene), {
				font: {
					loadSystemFonts: false,
					fontFiles: [
						'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
						'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'
					],
					defaultFontFamily: 'DejaVu Sans'
				}
			});
			const image = resvg.render();
			expect([image.width, image.height]).toEqual([scene.width, scene.height]);
			const pixels = image.pixels;
			// Ink: pixels clearly darker than the white background, a real share of the picture.
			let ink = 0;
			for (let i = 0; i < pixels.length; i += 4)
				if ((pixels[i] ?? 255) + (pixels[i + 1] ?? 255) + (pixels[i + 2] ?? 255) < 600) ink++;
			expect(ink / (pixels.length / 4)).toBeGreaterThan(0.01);
			if (chart === 'forest' || chart === 'survival')
				writeFileSync(`/tmp/h19x/resvg-${chart}.png`, image.asPng());
		});
});
