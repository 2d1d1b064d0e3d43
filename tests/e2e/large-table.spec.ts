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
