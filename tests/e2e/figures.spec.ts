import { readFileSync, writeFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { downloadsOf, expect, ready, test } from './fixtures';
import { loadTable } from '../../src/lib/data/load';

const bundled = loadTable(readFileSync('data/studies.csv', 'utf8'), 'studies.csv').studies;

async function downloadOf(page: Page, click: () => Promise<void>): Promise<Download> {
	const [download] = await Promise.all([page.waitForEvent('download'), click()]);
	return download;
}
const bytes = async (d: Download) => readFileSync(await d.path());
const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

async function svgOf(page: Page, chart: string) {
	const d = await downloadOf(page, () =>
		page.locator(`[data-chart="${chart}"] [data-export="svg"]`).first().click()
	);
	return { name: d.suggestedFilename(), text: (await bytes(d)).toString('utf8') };
}

/** Parse in the browser: a parse error, the study ids drawn and the text of every <text>. */
async function inspect(page: Page, text: string) {
	return page.evaluate((t) => {
		const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			ids: [
				...new Set([...doc.querySelectorAll('[data-study-id]')].map((e) => e.getAttribute('data-study-id')))
			],
			text: [...doc.querySelectorAll('text')].map((e) => e.textContent ?? '').join(' ')
		};
	}, text);
}

test('with ?design=rct the exported forest lists only the trials, named for its view', async ({ page }) => {
	await page.goto('/?design=rct');
	await ready(page);
	const { name, text } = await svgOf(page, 'forest');
	expect(name).toBe('forest-rct-reml.svg');
	const { error, ids, text: words } = await inspect(page, text);
	expect(error).toBeNull();
	const trials = bundled.filter((s) => s.design === 'rct' && s.effect !== null).map((s) => s.id);
	expect(ids.sort()).toEqual([...trials].sort());
	// The caption cites the publications in view, not internal files.
	expect(text).not.toContain('data/studies.csv');
	for (const s of bundled.filter((s) => s.design === 'rct')) expect(words).toContain(s.label);
});

test('legends are inside the exported images', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const survival = await inspect(page, (await svgOf(page, 'survival')).text);
	expect(survival.text).toContain('Surgery');
	expect(survival.text).toContain('No surgery');
	const trend = await inspect(page, (await svgOf(page, 'trend')).text);
	for (const label of ['Registry', 'Randomised trial']) expect(trend.text).toContain(label);
	const funnel = await inspect(page, (await svgOf(page, 'funnel')).text);
	expect(funnel.text).toContain('pooled estimate');
	expect(funnel.text).toContain('no effect');
});

test('presets: a 16:9 slide, a square and one journal column (85 mm at 300 dpi)', async ({ page }, info) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('export-scale').selectOption('1');
	for (const [preset, size] of [
		['slide', { width: 1280, height: 720 }],
		['square', { width: 1000, height: 1000 }]
	] as const) {
		await page.getByTestId('export-preset').selectOption(preset);
		for (const chart of ['forest', 'cohort', 'years', 'survival']) {
			// A chart the frame cannot hold at its type size is saved part by part, each the preset's size.
			const files = await downloadsOf(page, () =>
				page.locator(`[data-chart="${chart}"] [data-export="png"]`).click()
			);
			for (const [i, d] of files.entries()) {
				const part = files.length > 1 ? `-part${i + 1}of${files.length}` : '';
				expect(d.suggestedFilename()).toBe(
					`${chart}-all${chart === 'forest' ? '-reml' : ''}-${preset}-1x${part}.png`
				);
				const png = await bytes(d);
				expect(pngSize(png)).toEqual(size);
				writeFileSync(info.outputPath(`${chart}-${preset}${part}.png`), png);
			}
		}
	}
	await page.getByTestId('export-preset').selectOption('column');
	const d = await downloadOf(page, () => page.locator('[data-chart="forest"] [data-export="png"]').click());
	expect(d.suggestedFilename()).toBe('forest-all-reml-column.png');
	const png = await bytes(d);
	expect(pngSize(png).width).toBe(1004);
	writeFileSync(info.outputPath('forest-column.png'), png);
});

test('a label with characters XML forbids still exports as SVG, PNG and dashboard', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'controls.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'Study,Year,N,HR,Lower 95% CI,Upper 95% CI\n' +
				'Esc\u001b[31mape 2001,2001,100,0.8,0.6,1.1\n' +
				'Tab\u000bFeed\u000c 2002,2002,200,0.7,0.5,0.9\n' +
				'Bell\u0007 2003,2003,300,0.9,0.7,1.2\n'
		)
	});
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '3');
	const { text } = await svgOf(page, 'forest');
	const parsed = await inspect(page, text);
	expect(parsed.error).toBeNull();
	expect(parsed.text).toContain('Esc[31mape 2001');
	const png = await downloadOf(page, () => page.locator('[data-chart="forest"] [data-export="png"]').click());
	expect(pngSize(await bytes(png)).width).toBeGreaterThan(100);
	const dash = await downloadOf(page, () => page.locator('[data-export="dashboard-png"]').click());
	expect(pngSize(await bytes(dash)).width).toBeGreaterThan(1000);
	await expect(page.getByRole('status').filter({ hasText: 'Saved dashboard-all' })).toBeVisible();
});

test('exporting a chart with nothing to draw says why', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'no-effects.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Study,Year,N\nA 2001,2001,100\nB 2002,2002,200\n')
	});
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '2');
	await page.locator('[data-chart="forest"] [data-export="svg"]').click();
	await expect(page.getByRole('status').filter({ hasText: 'has nothing to export' })).toContainText(
		'No study in this table reports an effect estimate'
	);
});

test('the plain-language summary follows every filter', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const summary = page.getByTestId('summary');
	await expect(summary).toContainText(
		/In \d+ observational studies, surgery went with a \d+% lower hazard of death/
	);
	await expect(summary).toContainText(/In \d+ randomised trials, the hazard ratio was/);
	await expect(summary).toContainText('Test for subgroup differences between design classes');
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	const k = await page
		.locator('[data-testid="pooled-estimate"][data-group="randomised"]')
		.getAttribute('data-k');
	await expect(summary).toContainText(new RegExp(`^In ${k} randomised trials, the hazard ratio was`));
	await expect(summary).not.toContainText('observational');
	await expect(summary).not.toContainText('Test for subgroup differences');
});

test('after loading a BCG table no heading, chart or slide speaks of surgery or breast cancer', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles('static/examples/bcg-trials.csv');
	const rows = readFileSync('static/examples/bcg-trials.csv', 'utf8').trim().split('\n').length - 1;
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(rows));
	// The title is the file name, and can be edited.
	await expect(page.getByTestId('page-title')).toHaveText('bcg-trials.csv');
	await expect(page).toHaveTitle(/^bcg-trials\.csv/);
	await page.getByTestId('title-input').fill('BCG vaccine against tuberculosis');
	await expect(page.getByTestId('page-title')).toHaveText('BCG vaccine against tuberculosis');
	const forbidden = /surgery|breast cancer/i;
	expect(await page.locator('body').innerText()).not.toMatch(forbidden);
	// The arms keep their case once renamed.
	await page.getByTestId('column-mapping').locator('summary').click();
	await page.getByTestId('arm-treated').fill('BCG vaccine');
	await page.getByTestId('arm-control').fill('No vaccine');
	await page.getByTestId('mapping-confirm').click();
	await expect(page.locator('[data-chart="forest"] svg')).toContainText('favours BCG vaccine');
	await expect(page.getByTestId('page-title')).toHaveText('BCG vaccine against tuberculosis');
	const svg = await downloadOf(page, () => page.locator('[data-chart="forest"] [data-export="svg"]').click());
	expect((await bytes(svg)).toString('utf8')).not.toMatch(forbidden);
	// Every slide.
	await page.getByTestId('present').click();
	const counter = page.getByTestId('slide-counter');
	const total = Number((await counter.textContent())?.split('/')[1]);
	for (let i = 1; i <= total; i++) {
		await expect(counter).toHaveText(`${i} / ${total}`);
		expect(await page.getByTestId('slide').innerText(), `slide ${i}`).not.toMatch(forbidden);
		if (i < total) await page.keyboard.press('ArrowRight');
	}
});

test('the dashboard PNG fills its width: charts in both columns', async ({ page }, info) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('export-scale').selectOption('1');
	const d = await downloadOf(page, () => page.locator('[data-export="dashboard-png"]').click());
	expect(d.suggestedFilename()).toBe('dashboard-all-reml-1x.png');
	const png = await bytes(d);
	writeFileSync(info.outputPath('dashboard.png'), png);
	// Share of non-background pixels in the left and right halves, below the full-width forest.
	const ink = await page.evaluate(async (b64) => {
		const img = new Image();
		await new Promise(
			(r, j) => ((img.onload = r), (img.onerror = j), (img.src = `data:image/png;base64,${b64}`))
		);
		const c = document.createElement('canvas');
		c.width = img.naturalWidth;
		c.height = img.naturalHeight;
		const ctx = c.getContext('2d')!;
		ctx.drawImage(img, 0, 0);
		const top = Math.round(c.height * 0.45);
		const share = (x0: number) => {
			const data = ctx.getImageData(x0, top, c.width / 2, c.height - top).data;
			let n = 0;
			for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 600) n++;
			return n / (data.length / 4);
		};
		return { left: share(0), right: share(Math.floor(c.width / 2)) };
	}, png.toString('base64'));
	expect(ink.right).toBeGreaterThan(ink.left / 4);
});

test('the tooltip covers neither the hovered row’s label nor runs off the window', async ({ page }) => {
	await page.setViewportSize({ width: 1400, height: 900 });
	await page.goto('/');
	await ready(page);
	const rows = page.locator('[data-chart="forest"] [data-study-id]');
	for (const row of [rows.first(), rows.last()]) {
		// The last row is brought to the bottom edge of the window, where a tooltip below it would not fit.
		await row.evaluate((el) => el.scrollIntoView({ block: 'end' }));
		await row.locator('.label').first().hover();
		const tip = page.getByTestId('tooltip');
		await expect(tip).toBeVisible();
		// An unreported median reads "not reported", never with a unit or twice.
		await expect(tip).not.toContainText('not reported months');
		await expect(tip).not.toContainText('not reported vs not reported');
		const t = (await tip.boundingBox())!;
		const label = (await row.locator('.label').first().boundingBox())!;
		const overlaps =
			t.x < label.x + label.width &&
			label.x < t.x + t.width &&
			t.y < label.y + label.height &&
			label.y < t.y + t.height;
		expect(overlaps, 'tooltip over the label').toBe(false);
		expect(t.y).toBeGreaterThanOrEqual(0);
		expect(t.y + t.height).toBeLessThanOrEqual(900);
	}
});
