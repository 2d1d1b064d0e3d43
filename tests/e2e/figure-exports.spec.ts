/**
 * Exports drawn from the figure's geometry: the chart options of the view (`order=gain`) and the years brush reach
 * the PNG, the slide and its PDF page alike; every preset keeps text at its frame's floor.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chartEntry } from '../../src/lib/charts/registry';
import { classGrouping } from '../../src/lib/domain/design';
import { framePreset } from '../../src/lib/figure/scene';
import { planSlides, slideCharts, slideRows, type PlannedSlide } from '../../src/lib/present/slides';
import { summarise } from '../../src/lib/stats/summary';
import type { Study } from '../../src/lib/types';
import { ALL_CHARTS, bundledStudies, downloadsOf, expect, ready, test } from './fixtures';

const byId = new Map(bundledStudies.map((s) => [s.id, s]));

/** The rows of an exported SVG in drawn order (study ids of its row groups). */
const svgRows = (svg: string) =>
	[...svg.matchAll(/<g data-role="row" data-study-id="([^"]+)"/g)].map((m) => m[1] ?? '');

/** The studies a slide on screen draws, in drawn order. */
async function slideRowsOnScreen(page: Page) {
	const ids = await page
		.locator('[data-testid="slide"] [data-study-id]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-study-id') ?? ''));
	return [...new Set(ids)];
}

/** The talk the page plans for the studies in view (the same planner), with the survival order chosen. */
function talk(inView: readonly Study[], order: 'year' | 'gain' = 'year') {
	const pooled = summarise(inView, { method: 'REML', hk: false }).effects.map((e) => e.id);
	return planSlides((chart) => slideRows(chart, inView, classGrouping('observational'), pooled, order));
}

/** The 16:9 PDF page of a planned slide's first chart: the opening page, then a page per chart of each slide. */
const pdfPageOf = (slides: PlannedSlide[], key: string) => {
	let page = 1;
	for (const s of slides) {
		if (s.key === key) return page + 1;
		page += slideCharts(s).length;
	}
	throw new Error(`no slide ${key}`);
};

async function slidesPdf(page: Page, file: string) {
	const [download] = await downloadsOf(page, () =>
		page.getByRole('button', { name: 'PDF (16:9 slides)' }).click()
	);
	writeFileSync(file, readFileSync((await download!.path())!));
}

/** Study labels in the order a PDF page sets them. */
function pdfPageText(file: string, n: number) {
	return execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', file, '-'], {
		encoding: 'utf8'
	});
}
const inOrder = (text: string, labels: string[]) => {
	let at = -1;
	for (const label of labels) {
		const next = text.indexOf(label, at + 1);
		if (next <= at) return `${label} not after position ${at}`;
		at = next;
	}
	return 'in order';
};
/** The bundled labels a PDF page names (whole words). */
const labelsOn = (text: string) =>
	bundledStudies
		.map((s) => s.label)
		.filter((l) => new RegExp(`(^|\\s)${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm').test(text))
		.sort();

test('order=gain: the survival PNG, its slide and its PDF page show the gain order', async ({
	page
}, info) => {
	const gain = (s: Study) =>
		s.medianTreated !== null && s.medianControl !== null ? s.medianTreated - s.medianControl : null;
	const expected = bundledStudies
		.filter((s) => s.medianTreated !== null || s.medianControl !== null)
		.sort(
			(a, b) =>
				(gain(b) ?? -Infinity) - (gain(a) ?? -Infinity) ||
				(a.year ?? 9999) - (b.year ?? 9999) ||
				a.label.localeCompare(b.label)
		)
		.map((s) => s.id);
	await page.goto('/?order=gain');
	await ready(page);
	await page.getByTestId('export-scale').selectOption('1');
	const [svgFile] = await downloadsOf(page, () =>
		page.locator('[data-chart="survival"] [data-export="svg"]').click()
	);
	const svg = readFileSync((await svgFile!.path())!, 'utf8');
	expect(svgRows(svg)).toEqual(expected);
	// The PNG is that SVG rasterised: the same scene, the same size.
	const [png] = await downloadsOf(page, () =>
		page.locator('[data-chart="survival"] [data-export="png"]').click()
	);
	const bytes = readFileSync((await png!.path())!);
	const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
	expect(bytes.readUInt32BE(16)).toBe(width);

	const slides = talk(bundledStudies, 'gain');
	const first = slides.findIndex((s) => s.chart === 'survival');
	const part = slides[first]?.part?.ids ?? [];
	expect(part).toEqual(expected.slice(0, part.length));
	const dir = info.outputPath('pdf');
	mkdirSync(dir, { recursive: true });
	await slidesPdf(page, `${dir}/slides.pdf`);
	const text = pdfPageText(`${dir}/slides.pdf`, pdfPageOf(slides, slides[first]!.key));
	expect(
		inOrder(
			text,
			part.map((id) => byId.get(id)?.label ?? id)
		)
	).toBe('in order');

	await page.goto(`/?order=gain&present=1&slide=${first + 1}`);
	await ready(page);
	await expect(page.getByTestId('slide')).toContainText(chartEntry('survival').slide.title);
	expect(await slideRowsOnScreen(page)).toEqual(part);
});

test('with a years brush, the years slide and its PDF page list the same studies', async ({ page }, info) => {
	await page.goto('/?years=2005-2012');
	await ready(page);
	const dir = info.outputPath('pdf');
	mkdirSync(dir, { recursive: true });
	await slidesPdf(page, `${dir}/slides.pdf`);
	await page.goto('/?years=2005-2012&present=1');
	await ready(page);
	const slide = page.getByTestId('slide');
	await expect(slide).toBeVisible();
	// The talk opens on its title, as the PDF does; the years chart's parts come first, one PDF page each.
	let checked = 0;
	for (let index = 2; index < 8; index++) {
		await page.keyboard.press('ArrowRight');
		await expect(slide).toHaveAttribute('data-index', String(index));
		if ((await slide.getAttribute('data-chart')) !== 'years') break;
		const title = (await slide.locator('header h2').innerText()).trim();
		const ids = await slideRowsOnScreen(page);
		expect(ids.length).toBeGreaterThan(0);
		const pdf = pdfPageText(`${dir}/slides.pdf`, index);
		expect(pdf.replace(/\s+/g, ' ')).toContain(title);
		expect(labelsOn(pdf), title).toEqual(ids.map((id) => byId.get(id)?.label ?? id).sort());
		checked++;
	}
	expect(checked).toBeGreaterThan(0);
});

test('every preset of every chart sets its SVG text at or above the frame’s minimum', async ({ page }) => {
	test.slow();
	await page.goto('/');
	await ready(page);
	for (const preset of ['natural', 'slide', 'square', 'column'] as const) {
		await page.getByTestId('export-preset').selectOption(preset);
		const min = framePreset(preset).type.min;
		for (const chart of ALL_CHARTS) {
			const files = await downloadsOf(page, () =>
				page.locator(`[data-chart="${chart}"] [data-export="svg"]`).click()
			);
			for (const file of files) {
				const svg = readFileSync((await file.path())!, 'utf8');
				const sizes = [...svg.matchAll(/<text [^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
				expect(sizes.length, `${chart} ${preset}`).toBeGreaterThan(5);
				expect(Math.min(...sizes), `${chart} ${preset} ${file.suggestedFilename()}`).toBeGreaterThanOrEqual(
					min
				);
				// A fixed frame is the preset's size; a split chart's parts each fill one.
				if (preset === 'slide' || preset === 'square')
					expect(svg).toMatch(
						new RegExp(
							`<svg[^>]* width="${framePreset(preset).width}" height="${framePreset(preset).height}"`
						)
					);
			}
		}
	}
});
