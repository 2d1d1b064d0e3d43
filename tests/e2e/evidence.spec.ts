import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, ready, test } from './fixtures';

const rows = Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
	header: true,
	skipEmptyLines: true
}).data;
const label = (id: string) => {
	const r = rows.find((x) => x.id === id);
	return `${r?.first_author} ${r?.year}`;
};

test.beforeEach(async ({ page }) => {
	await page.goto('/');
	await ready(page);
});

test('each row of the bundled table links to its study page; a user’s own table has no such links', async ({
	page
}) => {
	const table = page.getByTestId('study-table');
	const hrefs = await table
		.locator('tbody tr[data-study-id]')
		.evaluateAll((trs) =>
			trs.map((tr) => [
				tr.getAttribute('data-study-id'),
				tr.querySelector('a[data-testid="study-page"]')?.getAttribute('href')
			])
		);
	// The table lists the bundled rows in file order.
	expect(hrefs).toEqual(rows.map((r) => [r.id, `/studies/${r.id}`]));
	await table.locator('tr[data-study-id="khan-2002"] a[data-testid="study-page"]').click();
	await expect(page).toHaveURL(/\/studies\/khan-2002$/);
	await expect(page.getByTestId('provenance')).toBeVisible();

	await page.goto('/');
	await ready(page);
	await page.getByText('Paste a table').click();
	await page.getByTestId('paste-input').fill('Study\tYear\tHR (95% CI)\nA\t2001\t0.63 (0.55–0.72)\n');
	await page.getByTestId('paste-load').click();
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-rows-loaded', '1');
	await expect(table.locator('tbody tr[data-study-id]')).toHaveCount(1);
	await expect(page.locator('a[data-testid="study-page"]')).toHaveCount(0);
});

test('the tooltip names the study page, its flags in words and what supersedes it', async ({ page }) => {
	await page.locator('[data-chart="cohort"] [data-study-id="khan-2002"] circle').first().hover();
	const tip = page.getByTestId('tooltip');
	await expect(tip.locator('a[data-testid="study-page"]')).toHaveAttribute('href', '/studies/khan-2002');
	await expect(tip.locator('[data-flag="margin-negative-only"]')).toContainText('free margins');
	await page.locator('[data-chart="forest"] [data-study-id="soran-2018"] .hit').hover();
	await expect(tip.locator('[data-superseded-by="soran-2021"]')).toContainText(label('soran-2021'));
});

test('a superseded report stays drawn in the forest plot and the table, marked with its update', async ({
	page
}) => {
	const superseded = rows.filter((r) => r.supersedes).map((r) => [r.supersedes ?? '', r.id ?? ''] as const);
	expect(superseded.length).toBeGreaterThan(0);
	for (const [old, update] of superseded) {
		const mark = page.locator(`[data-chart="forest"] g[data-study-id="${old}"]`);
		await expect(mark).toHaveAttribute('data-superseded-by', update);
		await expect(mark).toHaveAttribute('aria-label', new RegExp(`superseded by ${label(update)}`));
		const row = page.locator(`[data-testid="study-table"] tr[data-study-id="${old}"]`);
		await expect(row.locator(`[data-superseded-by="${update}"]`)).toHaveText(
			`superseded by ${label(update)}: not pooled`
		);
		await expect(page.locator(`[data-chart="forest"] g[data-study-id="${update}"]`)).not.toHaveAttribute(
			'data-superseded-by',
			/.+/
		);
	}
});

test('flags show as badges in the table and marks in the forest plot, explained in words', async ({
	page
}) => {
	const flagged = rows.filter((r) => r.flags);
	for (const r of flagged) {
		const codes = (r.flags ?? '').split(';');
		const badges = page.locator(`[data-testid="study-table"] tr[data-study-id="${r.id}"] [data-flag]`);
		expect(await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-flag'))), r.id).toEqual(
			codes
		);
		for (const b of await badges.all()) await expect(b).toHaveAttribute('title', /\w{4,}/);
		if (r.hr_os) {
			await expect(page.locator(`[data-chart="forest"] g[data-study-id="${r.id}"]`)).toHaveAttribute(
				'data-flags',
				codes.join(' ')
			);
		}
	}
	const legend = page.getByTestId('flag-legend');
	await legend.locator('summary').click();
	await expect(legend.locator('[data-flag="margin-negative-only"]')).toContainText(label('khan-2002'));
});
