/**
 * Above 500 marks the trend and funnel charts paint their dots on a canvas; every study keeps a focusable SVG hit
 * target with its data-* hooks, and the SVG export draws the dots as vector circles from the data.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import AxeBuilder from '@axe-core/playwright';
import { expect, ready, test } from './fixtures';

const bundled = Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
	header: true,
	skipEmptyLines: true
});
/** Enough copies of the bundled rows (new ids, no superseding) for more than 500 dots in the trend and funnel charts. */
const plotted = (r: Record<string, string>) => r.year !== '' && r.hr_os !== '';
const pooled = (r: Record<string, string>) => r.hr_os !== '' && r.hr_ci_low !== '' && r.hr_ci_high !== '';
const COPIES = Math.ceil(501 / bundled.data.filter(pooled).length) + 2;
const rows = Array.from({ length: COPIES }, (_, copy) =>
	bundled.data.map((r): Record<string, string> => ({ ...r, id: `${r.id}-copy${copy}`, supersedes: '' }))
).flat();
const csv = Papa.unparse(rows, { columns: bundled.meta.fields });

test('the trend and funnel charts paint more than 500 dots on a canvas, keeps its hooks and exports vectors', async ({
	page
}) => {
	test.setTimeout(60_000);
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'many.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(rows.length));
	const chart = page.locator('figure[data-chart="trend"]');
	await chart.scrollIntoViewIfNeeded();
	const n = rows.filter(plotted).length;
	expect(n).toBeGreaterThan(500);
	await expect(chart.locator('canvas')).toHaveCount(1);
	await expect(chart.locator('[data-study-id][data-active="true"]')).toHaveCount(n);
	await expect(chart.locator('.bubble')).toHaveCount(0);

	// Keyboard selection on a hit target still works.
	const first = chart.locator('[data-study-id]').first();
	const id = await first.getAttribute('data-study-id');
	await first.focus();
	await page.keyboard.press('Enter');
	await expect(chart.locator(`[data-study-id="${id}"]`)).toHaveAttribute('data-selected', 'true');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		chart.locator('[data-export="svg"]').click()
	]);
	const text = readFileSync(await download.path(), 'utf8');
	expect(text).not.toContain('foreignObject');
	// Every bubble in view drawn as a vector mark of its own study.
	expect(new Set([...text.matchAll(/data-study-id="([^"]+)"/g)].map((m) => m[1])).size).toBe(n);

	// The funnel: one hit target per pooled study, the dots on its canvas.
	// Every pooled study: the design classes' k added up (designs are pooled apart by default).
	const k = (
		await page
			.locator('[data-testid="pooled-estimate"]:not([data-group="all"]):not([data-group="selected"])')
			.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-k'))))
	).reduce((a, b) => a + b, 0);
	expect(k).toBeGreaterThan(500);
	const funnel = page.locator('figure[data-chart="funnel"]');
	await funnel.scrollIntoViewIfNeeded();
	await expect(funnel.locator('canvas')).toHaveCount(1);
	await expect(funnel.locator('[data-study-id]')).toHaveCount(k);
	await expect(funnel.locator('.pt')).toHaveCount(0);

	// The canvas layer is hidden from assistive technology; the hit targets keep the charts axe-clean.
	const { violations } = await new AxeBuilder({ page })
		.setLegacyMode(true)
		.include('figure[data-chart="trend"]')
		.include('figure[data-chart="funnel"]')
		.analyze();
	expect(violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});
