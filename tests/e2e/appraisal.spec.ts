import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, pooledRows, ready, test } from './fixtures';

/** The appraisal panel, once its statistics have loaded. */
async function appraisal(page: Page, query = '') {
	await page.goto(`/${query}`);
	await ready(page);
	const panel = page.getByTestId('appraisal');
	await panel.scrollIntoViewIfNeeded();
	// The panel and its statistics load after first paint: on a loaded machine that can take longer than usual.
	await expect(panel.getByTestId('sof-row').first()).toBeVisible({ timeout: 45_000 });
	return panel;
}

const num = async (el: Locator, name: string) => Number(await el.getAttribute(name));

/** E-value closed form (VanderWeele & Ding 2017) for an HR with a common outcome. */
function evalue(hr: number): number {
	const h = hr < 1 ? 1 / hr : hr;
	const rr = (1 - 0.5 ** Math.sqrt(h)) / (1 - 0.5 ** Math.sqrt(1 / h));
	return rr + Math.sqrt(rr * (rr - 1));
}

test('the bundled data: the ratio of designs, the E-value and a summary-of-findings row per design class', async ({
	page
}) => {
	const panel = await appraisal(page);
	const rows = panel.getByTestId('sof-row');
	await expect(rows).toHaveCount(2);
	const obs = rows.and(page.locator('[data-group="observational"]'));
	const rct = rows.and(page.locator('[data-group="randomised"]'));
	await expect(obs).toHaveAttribute('data-k', String(pooledRows((r) => r.design !== 'rct').length));
	await expect(rct).toHaveAttribute('data-k', String(pooledRows((r) => r.design === 'rct').length));
	for (const row of [obs, rct]) {
		await expect(row.locator('[data-judgement]')).toHaveCount(6);
		const c = await num(row, 'data-certainty');
		expect(c).toBeGreaterThanOrEqual(1);
		expect(c).toBeLessThanOrEqual(4);
	}
	await expect(rct.locator('[data-judgement="imprecision"]')).toHaveAttribute('data-change', '-1');

	const ratio = panel.getByTestId('design-ratio');
	const obsHr = await num(obs, 'data-estimate');
	const rctHr = await num(rct, 'data-estimate');
	expect(Math.abs((await num(ratio, 'data-estimate')) - obsHr / rctHr)).toBeLessThan(1e-9);
	expect(await num(ratio, 'data-ci-low')).toBeLessThan(obsHr / rctHr);
	expect(await num(ratio, 'data-ci-high')).toBeGreaterThan(obsHr / rctHr);
	expect(await num(ratio, 'data-p')).toBeLessThan(0.05);
	await expect(ratio).toContainText(
		/observational studies’ hazard ratio \(0\.6\d\) is \d+% lower than the randomised trials’/
	);

	const e = panel.getByTestId('e-value');
	expect(Math.abs((await num(e, 'data-point')) - evalue(obsHr))).toBeLessThan(1e-9);
	expect(Math.abs((await num(e, 'data-ci')) - evalue(await num(obs, 'data-ci-high')))).toBeLessThan(1e-9);
	await expect(e).toContainText('E-value');
	await expect(panel).toContainText('VanderWeele & Ding, Ann Intern Med 2017');

	const groups = await panel
		.getByTestId('meta-regression')
		.evaluateAll((els) => els.map((el) => el.dataset.group));
	expect(groups).toEqual(['all', 'observational', 'randomised']);
	// The inconsistency judgement names the Q-profile interval of I².
	for (const row of [obs, rct])
		await expect(row.locator('[data-judgement="inconsistency"]')).toContainText(
			/I² \d+% \(95% CI \d+–\d+%\)/
		);
	// The page's summary states each class's meta-regression on year: the very fit the panel shows.
	for (const [group, noun] of [
		['observational', 'observational studies'],
		['randomised', 'randomised trials']
	] as const) {
		const reg = panel.getByTestId('meta-regression').and(page.locator(`[data-group="${group}"]`));
		const k = await reg.getAttribute('data-k');
		const factor = Math.exp(10 * (await num(reg, 'data-slope'))).toFixed(2);
		await expect(page.getByTestId('summary')).toContainText(
			new RegExp(
				`Among the ${k} ${noun} published \\d{4}–\\d{4}, the hazard ratio changed by a factor of ${factor} per decade of publication \\(95% CI [\\d.]+–[\\d.]+; p [=<] [\\d.]+\\)`
			)
		);
	}
	// The regression line and band are drawn on the trend chart.
	await expect(page.locator('figure[data-chart="trend"] [data-fit="all"] path')).toHaveCount(2);
});

test('with ?design=rct only the randomised row, no ratio and no E-value', async ({ page }) => {
	const panel = await appraisal(page, '?design=rct');
	const rows = panel.getByTestId('sof-row');
	await expect(rows).toHaveCount(1);
	await expect(rows).toHaveAttribute('data-group', 'randomised');
	await expect(panel.getByTestId('design-ratio')).toHaveCount(0);
	await expect(panel.getByTestId('e-value')).toHaveCount(0);
});

test('the table follows the flags switch: no weight left in bias-flagged studies', async ({ page }) => {
	const panel = await appraisal(page);
	const rob = panel.locator('[data-testid="sof-row"][data-group="observational"] [data-judgement="rob"]');
	await expect(rob).toHaveAttribute('data-change', '-1');
	const after = await appraisal(page, '?exclude=all');
	await expect(
		after.locator('[data-testid="sof-row"][data-group="observational"] [data-judgement="rob"]')
	).toHaveAttribute('data-change', '0');
});

test('an override survives a reload and a copied link', async ({ page, browser }) => {
	// Three page loads (the first, the reload and the copied link in a new page): three times the usual cap.
	test.slow();
	const panel = await appraisal(page);
	const row = panel.locator('[data-testid="sof-row"][data-group="randomised"]');
	const before = await num(row, 'data-certainty');
	const judgement = row.locator('[data-judgement="indirectness"]');
	await judgement.getByRole('button', { name: /^Indirectness/ }).click();
	await judgement.getByTestId('override-change').selectOption('-1');
	await judgement.getByTestId('override-reason').fill('Trials began before modern HER2 therapy');
	await judgement.getByTestId('override-save').click();
	await expect(row).toHaveAttribute('data-certainty', String(before - 1));
	await expect(judgement).toHaveAttribute('data-overridden', 'true');
	await expect(judgement).toContainText('Your judgement: Trials began before modern HER2 therapy');
	await expect(page).toHaveURL(/grade=rct\.ind/);

	await page.reload();
	await ready(page);
	const again = page.locator('[data-testid="sof-row"][data-group="randomised"]');
	await expect(again).toHaveAttribute('data-certainty', String(before - 1), { timeout: 45_000 });

	const link = page.url();
	const other = await browser.newPage();
	await other.goto(link);
	const copied = other.locator('[data-testid="sof-row"][data-group="randomised"]');
	await expect(copied).toHaveAttribute('data-certainty', String(before - 1), { timeout: 45_000 });
	await expect(copied.locator('[data-judgement="indirectness"]')).toContainText(
		'Trials began before modern HER2 therapy'
	);
	await other.close();

	// Back to the computed judgement.
	await again
		.locator('[data-judgement="indirectness"]')
		.getByRole('button', { name: 'Use the computed one' })
		.click();
	await expect(again).toHaveAttribute('data-certainty', String(before));
	await expect(page).not.toHaveURL(/grade=/);
});

test('the baseline and the threshold can be changed, and the table exports as CSV and SVG', async ({
	page
}) => {
	const panel = await appraisal(page);
	await expect(panel.getByTestId('baseline-source')).toContainText('From the data');
	await panel.getByTestId('baseline-input').fill('20');
	await panel.getByTestId('baseline-input').press('Enter');
	await expect(page).toHaveURL(/baseline=20/);
	await expect(panel.getByTestId('baseline-source')).toContainText('Set by you (20.0 months)');
	// Median 20 → with HR h: 20/h months.
	const obs = panel.locator('[data-testid="sof-row"][data-group="observational"]');
	const hr = await num(obs, 'data-estimate');
	await expect(obs).toContainText(`Median survival 20.0 → ${(20 / hr).toFixed(1)} months`);

	await panel.getByTestId('threshold-input').fill('0.6');
	await panel.getByTestId('threshold-input').press('Enter');
	await expect(page).toHaveURL(/mid=0\.6/);
	await expect(obs.locator('[data-judgement="imprecision"]')).toHaveAttribute('data-change', '-1');

	const [csv] = await Promise.all([
		page.waitForEvent('download'),
		panel.locator('[data-export="sof-csv"]').click()
	]);
	expect(csv.suggestedFilename()).toMatch(/^summary-of-findings-.*\.csv$/);
	const text = readFileSync((await csv.path()) as string, 'utf8');
	expect(text).toContain('Observational studies');
	expect(text).toContain('Randomised trials');
	const [svg] = await Promise.all([
		page.waitForEvent('download'),
		panel.locator('[data-export="sof-svg"]').click()
	]);
	const svgText = readFileSync((await svg.path()) as string, 'utf8');
	expect(svgText).toContain('<svg');
	expect(svgText).toContain('Summary of findings');
	expect(svgText).not.toMatch(/localhost|127\.0\.0\.1/);
});
