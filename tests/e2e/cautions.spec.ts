import { expect, ready, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Paste a table of hazard ratios (rows: study, year, "HR (low–high)") and wait until it is loaded. */
async function paste(page: Page, rows: [string, number, string][]) {
	await page.goto('/');
	await ready(page);
	await page.getByText('Paste a table').click();
	const body = rows.map((r) => r.join('\t')).join('\n');
	await page.getByTestId('paste-input').fill(`Study\tYear\tHR (95% CI)\n${body}\n`);
	await page.getByTestId('paste-load').click();
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-rows-loaded', String(rows.length));
}

test('a leave-one-out refit whose REML τ² needed a safeguard is marked, with a note', async ({ page }) => {
	// issue 11 item 8: leaving out A or E, Fisher scoring stops at τ² > 0 but the likelihood is higher at 0 (R metafor
	// 3.8-1 warns and sets τ² = 0 for exactly these two refits; leaving out D it stops near 0 silently, and so does
	// the app since issue 17).
	await paste(page, [
		['A', 2001, '0.966 (0.841–1.109)'],
		['B', 2002, '0.977 (0.913–1.047)'],
		['C', 2003, '1.165 (0.888–1.530)'],
		['D', 2004, '0.441 (0.251–0.773)'],
		['E', 2005, '0.970 (0.797–1.180)']
	]);
	const chart = page.locator('[data-chart="influence"]');
	await chart.scrollIntoViewIfNeeded();
	const marked = chart.locator('[data-study-id][data-caution]');
	await expect(marked).toHaveCount(2);
	for (const row of await marked.all()) {
		await expect(row).toHaveAttribute('data-caution', 'zeroHigher');
		await expect(row).toContainText('†');
	}
	await expect(chart.getByTestId('loo-caution')).toContainText('τ² set to 0');
});

test("Egger's mixed-effects caution shows under the funnel", async ({ page }) => {
	await paste(page, [
		// R metafor 3.8-1 warns for rma(yi, vi, mods = ~ sqrt(vi)) here and sets τ² = 0.
		['A', 2001, '0.74 (0.64–0.85)'],
		['B', 2002, '0.41 (0.20–0.84)'],
		['C', 2003, '1.12 (0.65–1.92)'],
		['D', 2004, '0.79 (0.61–1.03)']
	]);
	const chart = page.locator('[data-chart="funnel"]');
	await chart.scrollIntoViewIfNeeded();
	await expect(chart.getByTestId('egger-caution')).toContainText('Egger’s test (mixed-effects)');
});
