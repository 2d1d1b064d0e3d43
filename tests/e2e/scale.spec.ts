/**
 * A view too large to pool within a frame is pooled in a Web Worker: the page stays responsive, the numbers arrive
 * and equal what the rows say, and they follow a filter.
 */
import type { Route } from '@playwright/test';
import { bundledCopies, expect, loadCsv, ready, test } from './fixtures';

/** Enough copies of the bundled rows to pass the worker threshold of 1,500 studies. */
const { rows, csv } = bundledCopies(1501);
/** A row is pooled when it has an estimate and both interval bounds. */
const pooledRows = (keep: (r: Record<string, string>) => boolean) =>
	rows.filter((r) => keep(r) && r.hr_os && r.hr_ci_low && r.hr_ci_high).length;

test('a large view is pooled in a worker, and the pooled k follows the filters', async ({ page }) => {
	test.setTimeout(60_000);
	await page.goto('/?overall=1');
	await ready(page);
	await loadCsv(page, 'large.csv', csv);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(rows.length));
	const all = page.locator('[data-testid="pooled-estimate"][data-group="all"]');
	await expect(all).toHaveAttribute('data-k', String(pooledRows(() => true)), { timeout: 20_000 });
	await expect(page.getByTestId('stats-updating')).toHaveCount(0);

	await page.locator('[data-filter="design"] [data-value="registry"]').click();
	const registry = pooledRows((r) => r.design === 'registry');
	await expect(page.getByTestId('study-count')).toHaveAttribute(
		'data-shown',
		String(rows.filter((r) => r.design === 'registry').length)
	);
	// One design class left in view: its own estimate, and no all-designs line repeating it.
	const observational = page.locator('[data-testid="pooled-estimate"][data-group="observational"]');
	await expect(observational).toHaveAttribute('data-k', String(registry), { timeout: 20_000 });
	await expect(page.getByTestId('stats-updating')).toHaveCount(0);
});

test('while the worker pools a large view, the summary says so, never "nothing can be pooled"', async ({
	page
}) => {
	test.setTimeout(60_000);
	// The stats worker's script is held: the view stays "being pooled" for as long as the test looks.
	const pattern = /stats-worker[^/]*\.(js|ts)(\?|$)/;
	const held: Route[] = [];
	await page.context().route(pattern, (route) => {
		held.push(route);
	});
	await page.goto('/');
	await ready(page);
	await loadCsv(page, 'large.csv', csv);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(rows.length));
	await expect(page.getByTestId('stats-updating').first()).toBeVisible({ timeout: 20_000 });
	const summary = page.getByTestId('summary');
	await expect(summary).toHaveText(`Pooling the ${rows.length.toLocaleString('en')} studies in view…`);
	await expect(summary).not.toContainText('nothing can be pooled');
	await page.context().unroute(pattern);
	for (const route of held.splice(0)) await route.continue().catch(() => undefined);
	await expect(summary).not.toContainText('Pooling', { timeout: 20_000 });
	await expect(summary).toContainText('Pooled with random effects');
});
