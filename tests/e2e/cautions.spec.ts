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
	// issue 11 item 8: without the fourth study, Fisher scoring stops at τ² > 0 but the likelihood is higher at 0.
	await paste(page, [
		['A', 2001, '0.966 (0.841–1.109)'],
		['B', 2002, '0.977 (0.913–1.047)'],
		['C', 2003, '1.165 (0.888–1.530)'],
		['D', 2004, '0.441 (0.251–0.773)']
	]);
	const chart = page.locator('[data-chart="influence"]');
	await chart.scrollIntoViewIfNeeded();
	const marked = chart.locator('[data-study-id][data-caution]');
	await expect(marked).toHaveCount(1);
	await expect(marked).toHaveAttribute('data-caution', 'zeroHigher');
	await expect(marked).toContainText('†');
	await expect(chart.getByTestId('loo-caution')).toContainText('τ² set to 0');
});

test("Egger's mixed-effects caution shows under the funnel", async ({ page }) => {
	await paste(page, [
		['A', 2001, '0.59 (0.34–1.04)'],
		['B', 2002, '1.03 (0.90–1.17)'],
		['C', 2003, '0.51 (0.34–0.77)'],
		['D', 2004, '0.41 (0.25–0.68)']
	]);
	const chart = page.locator('[data-chart="funnel"]');
	await chart.scrollIntoViewIfNeeded();
	await expect(chart.getByTestId('egger-caution')).toContainText('Egger’s test (mixed-effects)');
});
