/**
 * A table past 20,000 rows is read from its columns on the page (io/column-studies.ts: one small object per study,
 * its fields read on demand): counts, filters, pooling, the table, a selection and the CSV export read what the rows
 * say, as they do for a small table.
 */
import { readFileSync } from 'node:fs';
import { loadTable } from '../../src/lib/data/load';
import { bundledCopies, expect, loadCsv, ready, test } from './fixtures';

/** Copies of the bundled rows past 20,000 rows. */
const { rows, csv } = bundledCopies(20_001);
const registry = rows.filter((r) => r.design === 'registry');

test('a table past 20,000 rows: counts, a filter, pooling, the table, a selection and the export', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/?overall=1');
	await ready(page);
	await loadCsv(page, 'copies.csv', csv);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(rows.length), {
		timeout: 60_000
	});
	const pooled = rows.filter((r) => r.hr_os && r.hr_ci_low && r.hr_ci_high).length;
	const all = page.locator('[data-testid="pooled-estimate"][data-group="all"]');
	await expect(all).toHaveAttribute('data-k', String(pooled), { timeout: 30_000 });

	await page.locator('[data-filter="design"] [data-value="registry"]').click();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', String(registry.length));
	await expect(page.getByTestId('study-table')).toHaveAttribute('data-rows-total', String(registry.length));

	// The table's first row is a registry copy, and its text is that row's.
	const first = page.locator('tr[data-study-id]').first();
	const id = (await first.getAttribute('data-study-id')) ?? '';
	const source = registry.find((r) => r.id === id);
	expect(source).toBeDefined();
	await expect(first).toContainText(source?.first_author ?? '');
	await expect(first).toContainText(source?.year ?? '');
	// Selected, it is marked in the table.
	await first.locator('button.select').click();
	await expect(first).toHaveAttribute('data-selected', 'true');

	// The CSV export holds the rows in view, with their numbers.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.locator('[data-export="csv"]').click()
	]);
	const path = await download.path();
	const text = readFileSync(path ?? '', 'utf8').replace(/^\uFEFF/, '');
	const back = loadTable(text, 'export.csv');
	expect(back.rowsLoaded).toBe(registry.length);
	const row = back.studies.find(
		(s) => s.label.startsWith(source?.first_author ?? '?') && s.year === Number(source?.year)
	);
	expect(row?.effect ?? null).toBe(source?.hr_os ? Number(source.hr_os) : null);
});

test('its charts build their rows a batch per task, end with every row their notes count, and the trend paints its dots', async ({
	page
}) => {
	test.setTimeout(120_000);
	// Each time the page's DOM changes (once per task that changed it), how many marks each chart has.
	await page.addInitScript(() => {
		const seen: Record<string, number[]> = { cohort: [], survival: [], trend: [] };
		(window as unknown as { __marks: typeof seen }).__marks = seen;
		new MutationObserver(() => {
			for (const [id, counts] of Object.entries(seen)) {
				const n = document.querySelectorAll(`figure[data-chart="${id}"] svg [data-study-id]`).length;
				if (counts.at(-1) !== n) counts.push(n);
			}
		}).observe(document, { childList: true, subtree: true });
	});
	await page.goto('/');
	await ready(page);
	await loadCsv(page, 'copies.csv', csv);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(rows.length), {
		timeout: 60_000
	});
	for (const id of ['cohort', 'survival', 'trend']) {
		const chart = page.locator(`figure[data-chart="${id}"]`);
		const note = chart.getByTestId('capped-note');
		await expect(note).toBeVisible({ timeout: 60_000 });
		const shown = Number((await note.textContent())?.match(/Showing ([\d,]+) of/)?.[1]?.replace(/,/g, ''));
		expect(shown, id).toBeGreaterThan(100);
		await expect(chart.locator('svg [data-study-id]'), id).toHaveCount(shown, { timeout: 30_000 });
		// The marks came in more than one task: after the bundled data's marks went (the chart showed that it was
		// drawing), some change of the page showed only part of them.
		const counts = await page.evaluate(
			(chartId) => (window as unknown as { __marks: Record<string, number[]> }).__marks[chartId] ?? [],
			id
		);
		const drawing = counts.lastIndexOf(0);
		expect(drawing, `${id}: counts seen ${counts.join(', ')}`).toBeGreaterThanOrEqual(0);
		expect(
			counts.slice(drawing).some((n) => n > 0 && n < shown),
			`${id}: counts seen ${counts.join(', ')}`
		).toBe(true);
	}
	// The trend's dots are on its canvas, painted (in a task of their own).
	const canvas = page.locator('figure[data-chart="trend"] canvas');
	await expect(canvas).toHaveCount(1);
	await expect
		.poll(() =>
			canvas.evaluate((c: HTMLCanvasElement) => {
				const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
				let painted = 0;
				for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
				return painted;
			})
		)
		.toBeGreaterThan(1000);
});
