import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { A4_MIN_PT } from '../../src/lib/figure/pdf';
import { slideCharts } from '../../src/lib/present/slides';
import { Resvg } from '@resvg/resvg-js';
import { ALL_CHARTS, bundledRows, expect, plannedTalk, ready, test } from './fixtures';
import { chartEntry } from '../../src/lib/charts/registry';
import type { Download, Page } from '@playwright/test';
import { loadTable } from '../../src/lib/data/load';

const CHARTS = [
	'forest',
	'cumulative',
	'trend',
	'survival',
	'years',
	'cohort',
	'funnel',
	'influence'
] as const;

async function save(download: Download): Promise<Buffer> {
	const path = await download.path();
	return readFileSync(path);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer) {
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function downloadOf(page: Page, click: () => Promise<void>, timeout?: number) {
	const [download] = await Promise.all([page.waitForEvent('download', { timeout }), click()]);
	return download;
}

test.beforeEach(async ({ page }) => {
	await page.goto('/?design=rct,registry');
	await ready(page);
});

/** Charts drawn from the pooled estimates: their file names also carry the pooling method (issue 12). */
const POOLED_CHARTS: ReadonlySet<string> = new Set(['forest', 'cumulative', 'funnel', 'influence']);

test('every chart exports a self-contained SVG with title, filters and source', async ({ page }) => {
	const method = (await page.getByTestId('method-select').inputValue()).toLowerCase();
	for (const chart of CHARTS) {
		const download = await downloadOf(page, () =>
			page.locator(`[data-chart="${chart}"] [data-export="svg"]`).click()
		);
		// The file name says the view: chart, the designs filtered on (URL order), the method where it matters.
		const name = [
			chartEntry(chart).exportName,
			'rct',
			'registry',
			...(POOLED_CHARTS.has(chart) ? [method] : [])
		];
		expect(download.suggestedFilename()).toBe(`${name.join('-')}.svg`);
		const text = (await save(download)).toString('utf8');
		// Valid XML, no external references, no scripts or styles that depend on the page.
		const parsed = await page.evaluate((t) => {
			const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
			const error = doc.querySelector('parsererror');
			const refs = [...doc.querySelectorAll('*')].flatMap((el) =>
				['href', 'xlink:href', 'src'].map((a) => el.getAttribute(a)).filter((v): v is string => v !== null)
			);
			return {
				error: error?.textContent ?? null,
				refs,
				scripts: doc.querySelectorAll('script, foreignObject, style').length,
				classes: doc.querySelectorAll('[class]').length,
				vars: t.includes('var(--')
			};
		}, text);
		expect(parsed.error, chart).toBeNull();
		expect(parsed.refs, chart).toEqual([]);
		expect(parsed.scripts, chart).toBe(0);
		expect(parsed.classes, chart).toBe(0);
		expect(parsed.vars, chart).toBe(false);
		// The caption's text, its wrapped lines joined again.
		const caption = [...text.matchAll(/<text x="16"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
		expect(caption).toContain('design: Randomised trial, Registry');
		expect(caption).toContain('Source: Primary-tumour surgery');
		// One estimate per design class, never registries and trials pooled together by default.
		if (chart === 'forest')
			expect(caption).toMatch(/pooled HR: observational \d\.\d\d \(95% CI .*; randomised \d\.\d\d \(95% CI/);
	}
});

for (const scale of [1, 2, 3, 4] as const) {
	test(`a PNG at ${scale}× decodes at ${scale} times the chart's size`, async ({ page }) => {
		await page.getByTestId('export-scale').selectOption(String(scale));
		const svgDownload = await downloadOf(page, () =>
			page.locator('[data-chart="cohort"] [data-export="svg"]').click()
		);
		const svg = (await save(svgDownload)).toString('utf8');
		const [, w, h] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg) ?? [];
		const png = await downloadOf(page, () =>
			page.locator('[data-chart="cohort"] [data-export="png"]').click()
		);
		expect(png.suggestedFilename()).toContain(`${scale}x.png`);
		expect(pngSize(await save(png))).toEqual({ width: Number(w) * scale, height: Number(h) * scale });
	});
}

test('transparent background and dark theme are honoured', async ({ page }) => {
	await page.getByTestId('export-background').selectOption('transparent');
	await page.getByTestId('export-theme').selectOption('dark');
	const svg = (
		await save(
			await downloadOf(page, () => page.locator('[data-chart="survival"] [data-export="svg"]').click())
		)
	).toString('utf8');
	expect(svg).not.toContain('<rect width="100%" height="100%"');
	// Dark theme: caption text in the dark theme's light foreground.
	expect(svg).toContain('fill="#e8eaed"');
	// The page itself stays in its own theme.
	expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
});

/**
 * Share of pixels where two same-size RGBA renders disagree: a pixel counts only when no pixel in the other image
 * near it (3 px across, 1 px up or down) has a close colour, in either direction. Anti-aliased edges and glyph
 * advances (text set by two rasterisers drifts along a long line: the subtitle ends ~2 px apart) pass; a missing,
 * extra or recoloured mark or word, or one moved by more than that, does not. Runs in the page (canvas decodes
 * both PNGs); returns the share and a diff image.
 */
async function renderDifference(page: Page, pngA: Buffer, pngB: Buffer) {
	return page.evaluate(
		async ([a64, b64]) => {
			const draw = async (b64png: string) => {
				const img = new Image();
				await new Promise(
					(r, j) => ((img.onload = r), (img.onerror = j), (img.src = `data:image/png;base64,${b64png}`))
				);
				const c = document.createElement('canvas');
				c.width = img.naturalWidth;
				c.height = img.naturalHeight;
				const ctx = c.getContext('2d');
				if (!ctx) throw new Error('no canvas');
				ctx.drawImage(img, 0, 0);
				return ctx.getImageData(0, 0, c.width, c.height);
			};
			const A = await draw(a64);
			const B = await draw(b64);
			if (A.width !== B.width || A.height !== B.height)
				return { size: [A.width, A.height, B.width, B.height], share: 1, strict: 1, diff: '' };
			const { width, height } = A;
			// Along a line of text, two rasterisers' glyph advances drift apart by up to a few pixels at its end.
			const SHIFT_X = 3;
			const close = (p: Uint8ClampedArray, i: number, q: Uint8ClampedArray, j: number) =>
				Math.abs(p[i]! - q[j]!) + Math.abs(p[i + 1]! - q[j + 1]!) + Math.abs(p[i + 2]! - q[j + 2]!) <= 96;
			const matched = (p: Uint8ClampedArray, q: Uint8ClampedArray, x: number, y: number) => {
				const i = (y * width + x) * 4;
				for (let dy = -1; dy <= 1; dy++)
					for (let dx = -SHIFT_X; dx <= SHIFT_X; dx++) {
						const xx = x + dx;
						const yy = y + dy;
						if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
						if (close(p, i, q, (yy * width + xx) * 4)) return true;
					}
				return false;
			};
			const out = new ImageData(width, height);
			let differ = 0;
			let strict = 0;
			for (let y = 0; y < height; y++)
				for (let x = 0; x < width; x++) {
					const i = (y * width + x) * 4;
					const exact = close(A.data, i, B.data, i);
					const bad = !matched(A.data, B.data, x, y) || !matched(B.data, A.data, x, y);
					if (!exact) strict++;
					if (bad) differ++;
					// Red: a real difference; orange: only within a pixel; pale: the render itself.
					const v = 255 - (255 - A.data[i]!) * 0.25;
					out.data.set(bad ? [220, 0, 0, 255] : exact ? [v, v, v, 255] : [255, 170, 0, 255], i);
				}
			const c = document.createElement('canvas');
			c.width = width;
			c.height = height;
			c.getContext('2d')?.putImageData(out, 0, 0);
			const n = width * height;
			return {
				size: [A.width, A.height, B.width, B.height],
				share: differ / n,
				strict: strict / n,
				diff: c.toDataURL('image/png')
			};
		},
		[pngA.toString('base64'), pngB.toString('base64')] as const
	);
}

/** Chromium's own rendering of an SVG file, as PNG bytes at the file's size. */
async function chromiumPng(page: Page, svg: string) {
	const dataUrl = await page.evaluate(async (t) => {
		const img = new Image();
		const url = URL.createObjectURL(new Blob([t], { type: 'image/svg+xml' }));
		await new Promise((r, j) => ((img.onload = r), (img.onerror = j), (img.src = url)));
		const c = document.createElement('canvas');
		c.width = img.naturalWidth;
		c.height = img.naturalHeight;
		c.getContext('2d')?.drawImage(img, 0, 0);
		return c.toDataURL('image/png');
	}, svg);
	return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

const resvgPng = (svg: string) =>
	new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' } }).render().asPng();

/**
 * Renders that differ beyond that shift in more than this share of pixels are different pictures. Measured on the
 * forest (design=rct,registry): 0.31% remain, all in bold or small text whose stems the two rasterisers draw with
 * different weight (looked at in the diff image); recolouring the study squares, or dropping the source line,
 * gives more (asserted below).
 */
const RENDER_LIMIT = 0.005;

test('the exported SVG renders outside the browser (resvg) as it does in Chromium', async ({
	page
}, info) => {
	const text = (
		await save(
			await downloadOf(page, () => page.locator('[data-chart="forest"] [data-export="svg"]').click())
		)
	).toString('utf8');
	const chromium = await chromiumPng(page, text);
	const other = resvgPng(text);
	const result = await renderDifference(page, chromium, other);
	const dir = info.outputPath('render');
	mkdirSync(dir, { recursive: true });
	writeFileSync(`${dir}/resvg.png`, other);
	writeFileSync(`${dir}/chromium.png`, chromium);
	writeFileSync(`${dir}/exported.svg`, text);
	writeFileSync(`${dir}/diff.png`, Buffer.from(result.diff.split(',')[1] ?? '', 'base64'));
	expect(result.size.slice(0, 2)).toEqual(result.size.slice(2));
	expect(
		result.share,
		`share of differing pixels ${result.share} (${result.strict} before allowing a pixel's shift)`
	).toBeLessThan(RENDER_LIMIT);

	// The comparison still sees a real difference: resvg's render of the file with the study squares
	// drawn in red, or with the caption's first source line gone, is a different picture.
	// The study squares' colours (coloured, not grey, rectangle fills; the commonest must exist) drawn in red.
	// Colours as rgb() (the staged export) or #rrggbb (a scene's SVG).
	const fills = [
		...text.matchAll(
			/<rect[^>]* fill="(rgb\((\d+), (\d+), (\d+)\)|#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2}))"/g
		)
	]
		.filter(
			(m) => !(m[2] === m[3] && m[3] === m[4] && (m[2] !== undefined || (m[5] === m[6] && m[6] === m[7])))
		)
		.map((m) => m[1] ?? '');
	const squares = fills.sort(
		(a, b) => fills.filter((f) => f === b).length - fills.filter((f) => f === a).length
	)[0];
	expect(squares).toBeDefined();
	// Every study square's colour (a scene colours them by design, as the page does) drawn in red.
	const recoloured = [...new Set(fills)].reduce(
		(t, f) => t.replaceAll(`fill="${f}"`, 'fill="rgb(214, 39, 40)"'),
		text
	);
	expect(recoloured).not.toBe(text);
	const withoutSource = text.replace(/<text x="16"[^>]*>Source:[^<]*<\/text>/, '');
	expect(withoutSource).not.toBe(text);
	for (const [what, changed] of [
		['study squares in red', recoloured],
		['no source line', withoutSource]
	] as const) {
		const broken = await renderDifference(page, chromium, resvgPng(changed));
		expect(broken.share, `${what}: ${broken.share}`).toBeGreaterThan(RENDER_LIMIT);
	}
});

test('the filtered table exports as CSV that round-trips and runs no formula', async ({ page }) => {
	await page.getByTestId('file-input').setInputFiles({
		name: 'formulas.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'Study,Year,N,HR,Lower 95% CI,Upper 95% CI,Notes\n' +
				'"=HYPERLINK(""http://x"",""y"")",2010,100,0.8,0.6,1.1,+cmd\n' +
				'Plain,2011,200,0.7,0.5,0.9,-2+3\n' +
				'At,2012,300,0.9,0.7,1.2,@SUM(A1)\n'
		)
	});
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '3');
	const download = await downloadOf(page, () => page.locator('[data-export="csv"]').click());
	const bytes = await save(download);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
	// No cell starts with a formula character.
	const result = loadTable(text, 'roundtrip.csv');
	expect(result.status).toBe('ok');
	expect(result.rowsLoaded).toBe(3);
	for (const row of result.raw) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r](?!\d)/);
	expect(result.studies.map((s) => [s.year, s.nTotal, s.effect, s.ciLow, s.ciHigh])).toEqual([
		[2010, 100, 0.8, 0.6, 1.1],
		[2011, 200, 0.7, 0.5, 0.9],
		[2012, 300, 0.9, 0.7, 1.2]
	]);
	expect(result.headers).toContain('computed_log_effect');
	expect(Number(result.raw[1]?.[result.headers.indexOf('computed_log_effect')])).toBeCloseTo(
		Math.log(0.7),
		12
	);
});

test('the whole dashboard exports as one PNG at the chosen scale, with ink on both halves', async ({
	page
}) => {
	const dashboardPng = async (scale: 1 | 2) => {
		await page.getByTestId('export-scale').selectOption(String(scale));
		return save(await downloadOf(page, () => page.locator('[data-export="dashboard-png"]').click()));
	};
	const one = await dashboardPng(1);
	const two = await dashboardPng(2);
	const size1 = pngSize(one);
	// Twice the scale, exactly twice the pixels each way.
	expect(pngSize(two)).toEqual({ width: size1.width * 2, height: size1.height * 2 });
	// At 1× it holds the widest chart at its screen size, and all seven charts' area at least.
	const boxes = await page
		.locator('figure[data-chart] .plot > svg')
		.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.width, r.height]));
	expect(boxes).toHaveLength(ALL_CHARTS.length);
	expect(size1.width).toBeGreaterThanOrEqual(Math.max(...boxes.map(([w]) => w ?? 0)));
	expect(size1.width * size1.height).toBeGreaterThan(boxes.reduce((a, [w, h]) => a + (w ?? 0) * (h ?? 0), 0));
	// Drawn in the page and read back: the share of pixels that differ from the background, per half.
	const ink = await page.evaluate(async (b64) => {
		const img = new Image();
		await new Promise(
			(r, j) => ((img.onload = r), (img.onerror = j), (img.src = `data:image/png;base64,${b64}`))
		);
		const c = document.createElement('canvas');
		c.width = img.naturalWidth;
		c.height = img.naturalHeight;
		const ctx = c.getContext('2d');
		if (!ctx) throw new Error('no canvas');
		ctx.drawImage(img, 0, 0);
		const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
		const bg = [data[0], data[1], data[2]];
		const share = (x0: number, x1: number, y0: number, y1: number) => {
			let inked = 0;
			for (let y = y0; y < y1; y += 2)
				for (let x = x0; x < x1; x += 2) {
					const i = (y * width + x) * 4;
					const d =
						Math.abs(data[i]! - bg[0]!) + Math.abs(data[i + 1]! - bg[1]!) + Math.abs(data[i + 2]! - bg[2]!);
					if (d > 60) inked++;
				}
			return inked / (((x1 - x0) / 2) * ((y1 - y0) / 2));
		};
		const w2 = Math.floor(width / 2);
		const h2 = Math.floor(height / 2);
		return {
			left: share(0, w2, 0, height),
			right: share(w2, width, 0, height),
			top: share(0, width, 0, h2),
			bottom: share(0, width, h2, height)
		};
	}, one.toString('base64'));
	for (const [half, share] of Object.entries(ink))
		expect(share, `${half} half: ${share}`).toBeGreaterThan(0.005);
});

for (const [preset, label] of [
	['a4', 'PDF (A4)'],
	['slide', 'PDF (16:9 slides)']
] as const) {
	test(`a vector PDF (${preset}) has one page per chart${preset === 'slide' ? ' part, an opening, a methods and a summary page' : ''}`, async ({
		page
	}) => {
		// A whole deck of pages drawn and its font embedded: more than a click's time on a busy machine.
		const download = await downloadOf(page, () => page.getByRole('button', { name: label }).click(), 60_000);
		const bytes = await save(download);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const pages = bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
		if (preset === 'a4') {
			// A4: a cover, the charts stacked two to a page where they fit (at most one page each), a methods page and
			// a summary page.
			expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(ALL_CHARTS.length / 2) + 3);
			expect(pages.length).toBeLessThanOrEqual(ALL_CHARTS.length + 3);
			// Print size: no word below the A4 floor (8 pt; pdftotext's box is 1.164 em of DejaVu Sans).
			const file = test.info().outputPath('charts-a4.pdf');
			writeFileSync(file, bytes);
			const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
			const sizes = [...boxes.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map(
				(m) => (Number(m[2]) - Number(m[1])) / 1.164
			);
			expect(sizes.length).toBeGreaterThan(300);
			expect(Math.min(...sizes)).toBeGreaterThanOrEqual(A4_MIN_PT - 0.05);
		} else {
			// Slides: every chart of the talk of the studies in view (design=rct,registry) on its own page, long
			// charts split as on the slides, between the opening page and the methods and summary pages.
			const talk = plannedTalk((s) => s.design === 'rct' || s.design === 'registry');
			expect(pages).toHaveLength(talk.reduce((n, slide) => n + slideCharts(slide).length, 0) + 3);
		}
	});
}

/** The studies an exported SVG draws (distinct data-study-id of its marks), or those of its marks with `active`. */
function exportedStudies(svg: string, active?: 'true' | 'false') {
	const marks = [...svg.matchAll(/<[^>]*data-study-id="([^"]+)"[^>]*>/g)].filter(
		(m) => active === undefined || m[0].includes(`data-active="${active}"`)
	);
	return [...new Set(marks.map((m) => m[1] ?? ''))].sort();
}
const svgHeight = (svg: string) => Number(/<svg[^>]* height="(\d+)"/.exec(svg)?.[1]);

test('the forest export shows the studies in view and grows with them instead of squashing rows', async ({
	page
}) => {
	// The beforeEach view (design=rct,registry) is remembered across navigation: start from no filter.
	await page.getByTestId('clear-filters').click();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', String(bundledRows.length));
	const forestSvg = async () =>
		(
			await save(
				await downloadOf(page, () => page.locator('[data-chart="forest"] [data-export="svg"]').click())
			)
		).toString('utf8');
	const withHr = (r: Record<string, string>) => (r.hr_os ?? '') !== '';
	const all = await forestSvg();
	const everyHr = bundledRows.filter(withHr).map((r) => r.id ?? '');
	expect(exportedStudies(all)).toEqual([...everyHr].sort());
	expect(exportedStudies(all, 'true')).toEqual([...everyHr].sort());

	// Filter by design, then export again: the trials with a hazard ratio are the studies in view.
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await expect(page.getByTestId('study-count')).toHaveAttribute(
		'data-shown',
		String(bundledRows.filter((r) => r.design === 'rct').length)
	);
	const trials = bundledRows.filter((r) => withHr(r) && r.design === 'rct').map((r) => r.id ?? '');
	const filtered = await forestSvg();
	// Only the studies in view are drawn (CONTRACT.md "Out"): every mark is a trial, none is marked inactive.
	expect(exportedStudies(filtered)).toEqual([...trials].sort());
	expect(exportedStudies(filtered, 'true')).toEqual([...trials].sort());
	expect(filtered).not.toContain('data-active="false"');
	expect(filtered).toContain('design: Randomised trial');
	// At least 17 px per drawn study either way: the figure grows with its rows instead of squashing them.
	expect(svgHeight(all) / exportedStudies(all).length).toBeGreaterThan(17);
	expect(svgHeight(filtered) / exportedStudies(filtered).length).toBeGreaterThan(17);
});

test('a chart is copied to the clipboard as PNG where the browser allows', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.locator('[data-chart="trend"] [data-export="copy"]').click();
	await expect(page.getByRole('status').filter({ hasText: 'copied to the clipboard' })).toBeVisible();
	const types = await page.evaluate(async () => {
		const items = await navigator.clipboard.read();
		return items.flatMap((i) => [...i.types]);
	});
	expect(types).toContain('image/png');
});
