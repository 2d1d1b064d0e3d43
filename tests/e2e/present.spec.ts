import { expect, ready, test } from './fixtures';
import { SLIDES } from '../../src/lib/present/slides';

test('presentation mode is driven by the keyboard and keeps the filters', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/?design=rct');
	await ready(page);
	await page.getByTestId('present').click();
	await expect(page).toHaveURL(/present=1/);
	const slide = page.getByTestId('slide');
	await expect(slide).toHaveAttribute('data-chart', 'years');
	await expect(slide).toContainText('design: Randomised trial');
	await expect(page.getByTestId('slide-counter')).toHaveText(`1 / ${SLIDES.length}`);
	await page.keyboard.press('ArrowRight');
	await expect(slide).toHaveAttribute('data-chart', 'cohort');
	await page.keyboard.press('PageDown');
	await expect(slide).toHaveAttribute('data-chart', 'survival');
	await page.keyboard.press('PageUp');
	await expect(slide).toHaveAttribute('data-chart', 'cohort');
	await page.keyboard.press('End');
	await expect(slide).toHaveAttribute('data-chart', 'forest');
	await expect(page.getByTestId('slide-counter')).toHaveText(`${SLIDES.length} / ${SLIDES.length}`);
	await expect(slide.locator('[data-testid="pooled-estimate"][data-group="all"]')).toHaveCount(1);
	// Large type: axis labels at least 18 px on a 1080p screen.
	const size = await slide
		.locator('.axis text')
		.first()
		.evaluate((el) => el.getBoundingClientRect().height);
	expect(size).toBeGreaterThanOrEqual(14);
	await page.keyboard.press('s');
	await expect(page.getByTestId('speaker-notes')).toBeVisible();
	await page.keyboard.press('Home');
	await expect(slide).toHaveAttribute('data-chart', 'years');
	await page.keyboard.press('ArrowLeft');
	await expect(slide).toHaveAttribute('data-chart', 'years');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('slide')).toHaveCount(0);
	await expect(page).not.toHaveURL(/present=1/);
	await expect(page).toHaveURL(/design=rct/);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', '5');
});

test('a link with present=1 opens the slides directly', async ({ page }) => {
	await page.goto('/?present=1');
	await ready(page);
	await expect(page.getByTestId('slide')).toHaveAttribute('data-chart', 'years');
	await page.screenshot({ path: test.info().outputPath('slide-1080p.png') });
});

test('printing gives one chart per page with its caption, and no controls', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.emulateMedia({ media: 'print' });
	const figures = page.locator('figure[data-chart]');
	expect(await figures.count()).toBeGreaterThanOrEqual(5);
	for (const figure of await figures.all()) {
		expect(await figure.evaluate((el) => getComputedStyle(el).breakAfter)).toBe('page');
		expect(await figure.evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
	}
	await expect(page.locator('[data-chart="forest"] h3')).toBeVisible();
	await expect(page.locator('[data-chart="forest"] [data-export="svg"]')).toBeHidden();
	await expect(page.getByTestId('file-input')).toBeHidden();
	await expect(page.getByTestId('present')).toBeHidden();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
