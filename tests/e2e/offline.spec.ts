import type { Page } from '@playwright/test';
import { ALL_CHARTS, expect, ready, test } from './fixtures';

// The rest of the suite blocks service workers (playwright.config.ts); these tests are about it.
test.use({ serviceWorkers: 'allow' });

/** Wait for the service worker to install (every file cached), then reload so that it serves the page. */
async function installOffline(page: Page) {
	await page.goto('/');
	await ready(page);
	const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
	expect(scope).toMatch(/\/$/);
	await page.reload();
	await ready(page);
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

/** Every chart on the page has its figure, its svg and marks. */
async function expectEveryChartDrawn(page: Page) {
	for (const chart of ALL_CHARTS) {
		const figure = page.locator(`figure[data-chart="${chart}"]`);
		await expect(figure.locator('svg').first(), chart).toBeVisible();
		await expect(figure.locator('[data-study-id], [data-group]').first(), chart).toBeAttached();
	}
}

test('with the network off, the dashboard draws every chart, presents and exports', async ({
	page,
	context
}) => {
	// Several reloads, two exports and a presentation on a shared 2-core machine.
	test.setTimeout(180_000);
	await installOffline(page);
	await context.setOffline(true);
	expect(await page.evaluate(() => navigator.onLine)).toBe(false);
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('study-count')).toBeVisible();
	await expectEveryChartDrawn(page);

	// A chart as PNG, the table as CSV and a PDF (its font loads on demand: from the cache).
	const [png] = await Promise.all([
		page.waitForEvent('download'),
		page.locator('figure[data-chart="forest"] [data-export="png"]').click()
	]);
	expect(png.suggestedFilename()).toMatch(/\.png$/);
	const [pdf] = await Promise.all([
		page.waitForEvent('download'),
		page.locator('[data-export="pdf-a4"]').click()
	]);
	expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);

	// Presentation mode (its code loads on demand) steps through the slides.
	await page.getByTestId('present').click();
	const slide = page.getByTestId('slide');
	await expect(slide).toHaveAttribute('data-index', '1');
	await page.keyboard.press('ArrowRight');
	await expect(slide).toHaveAttribute('data-index', '2');
	await page.keyboard.press('Escape');
	await expect(slide).toHaveCount(0);

	// A study page and the list of changes open offline too, and a filtered view reloads.
	await page.goto('/studies/shien-2023');
	await expect(page.getByTestId('provenance')).toBeVisible();
	await page.goto('/changes');
	await expect(page.locator('section[data-version]').first()).toBeVisible();
	await page.goto('/?design=rct&present=1');
	await ready(page);
	await expect(page.getByTestId('slide')).toBeVisible();
});
