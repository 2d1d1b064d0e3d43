/**
 * The study table (CONTRACT.md "Table"): `data-rows-total` counts the studies passing the filters; up to 200 of
 * them, one row each; above that only the rows near the table's viewport are in the page.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, ready, test } from './fixtures';

const bundled = Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
	header: true,
	skipEmptyLines: true
});
const COPIES = Math.ceil(201 / bundled.data.length) + 1;
/** The bundled rows repeated under new ids until there are more than 200 studies. */
const rows = Array.from({ length: COPIES }, (_, copy) =>
	bundled.data.map((r): Record<string, string> => ({ ...r, id: `${r.id}-copy${copy}`, supersedes: '' }))
).flat();
const csv = Papa.unparse(rows, { columns: bundled.meta.fields });
const rct = rows.filter((r) => r.design === 'rct');

test('above 200 studies the table draws the rows near its viewport; scrolling reaches the last', async ({
	page
}) => {
	expect(rows.length).toBeGreaterThan(200);
	expect(rct.length).toBeLessThanOrEqual(200);
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'many.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	const table = page.getByTestId('study-table');
	await expect(table).toHaveAttribute('data-rows-total', String(rows.length));
	const drawn = table.locator('tbody tr[data-study-id]');
	await expect(drawn.first()).toBeAttached();
	expect(await drawn.count()).toBeLessThan(rows.length);
	await expect(table.locator(`tr[data-study-id="${rows[0]?.id}"]`)).toBeAttached();

	// Scrolled to, as a reader does (off screen its rows are not laid out), then its own box to its end: the last
	// study's row is drawn, the first is gone.
	await table.scrollIntoViewIfNeeded();
	await table.evaluate((t) => {
		const box = t.closest('.wrap');
		if (box) box.scrollTop = box.scrollHeight;
	});
	await expect(table.locator(`tr[data-study-id="${rows.at(-1)?.id}"]`)).toBeVisible();
	await expect(table.locator(`tr[data-study-id="${rows[0]?.id}"]`)).toHaveCount(0);

	// Filtered to 200 or fewer: one row per study again.
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await expect(table).toHaveAttribute('data-rows-total', String(rct.length));
	await expect(drawn).toHaveCount(rct.length);
});

test('the bundled studies are all in the table, one row each', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const table = page.getByTestId('study-table');
	await expect(table).toHaveAttribute('data-rows-total', String(bundled.data.length));
	await expect(table.locator('tbody tr[data-study-id]')).toHaveCount(bundled.data.length);
});
