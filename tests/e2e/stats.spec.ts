import { expect, ready, test } from './fixtures';
import type { Page } from '@playwright/test';

/** metafor 3.8-1 on the BCG trials (shared/data/meta-reference.md), log scale. */
const METAFOR = {
	REML: { est: -0.714532, lo: -1.066898, hi: -0.362167, tau2: 0.313243, i2: 92.2214 },
	DL: { est: -0.714117, lo: -1.064445, hi: -0.363789, tau2: 0.30876, i2: 92.1173 },
	FE: { est: -0.430285, lo: -0.509661, hi: -0.350909 },
	REML_KH: { lo: -1.108444, hi: -0.320621 },
	random: -1.004161
};

async function overall(page: Page, group = 'all') {
	const el = page.locator(`[data-testid="pooled-estimate"][data-group="${group}"]`);
	await expect(el).toHaveCount(1);
	const read = async (name: string) => Number(await el.getAttribute(name));
	return {
		k: await read('data-k'),
		est: await read('data-estimate'),
		lo: await read('data-ci-low'),
		hi: await read('data-ci-high'),
		tau2: await read('data-tau2'),
		i2: await read('data-i2'),
		method: await el.getAttribute('data-method')
	};
}

/** Four significant digits on the ratio scale. */
function close(actual: number, logExpected: number) {
	const expected = Math.exp(logExpected);
	expect(Math.abs(actual - expected) / expected).toBeLessThan(5e-5);
}

test.beforeEach(async ({ page }) => {
	// The BCG table's allocations are pooled apart; every trial together is asked for (overall=1).
	await page.goto('/?overall=1');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles('tests/fixtures/stats/bcg-ratio.csv');
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-rows-loaded', '13');
});

test('the BCG trials loaded as a CSV pool to metafor’s numbers with every estimator', async ({ page }) => {
	let r = await overall(page);
	expect(r.method).toBe('REML');
	expect(r.k).toBe(13);
	close(r.est, METAFOR.REML.est);
	close(r.lo, METAFOR.REML.lo);
	close(r.hi, METAFOR.REML.hi);
	expect(Math.abs(r.tau2 - METAFOR.REML.tau2) / METAFOR.REML.tau2).toBeLessThan(5e-5);
	expect(Math.abs(r.i2 - METAFOR.REML.i2)).toBeLessThan(1e-3);
	await expect(page.locator('[data-testid="pooled-estimate"][data-group="all"]')).toContainText(
		'RR 0.49 (95% CI 0.34–0.70)'
	);

	await page.getByTestId('method-select').selectOption('DL');
	await expect(page).toHaveURL(/method=DL/);
	r = await overall(page);
	expect(r.method).toBe('DL');
	close(r.est, METAFOR.DL.est);
	close(r.lo, METAFOR.DL.lo);
	expect(Math.abs(r.tau2 - METAFOR.DL.tau2) / METAFOR.DL.tau2).toBeLessThan(5e-5);

	await page.getByTestId('method-select').selectOption('FE');
	r = await overall(page);
	close(r.est, METAFOR.FE.est);
	close(r.hi, METAFOR.FE.hi);

	await page.getByTestId('method-select').selectOption('REML');
	await page.getByTestId('hk-toggle').check();
	await expect(page).toHaveURL(/hk=1/);
	r = await overall(page);
	close(r.lo, METAFOR.REML_KH.lo);
	close(r.hi, METAFOR.REML_KH.hi);
});

test('subgroups, funnel with Egger and leave-one-out follow the loaded table', async ({ page }) => {
	await page.getByTestId('method-select').selectOption('DL');
	const random = await overall(page, 'random');
	expect(random.k).toBe(7);
	close(random.est, METAFOR.random);
	await expect(page.locator('[data-chart="funnel"] [data-study-id]')).toHaveCount(13);
	await expect(page.getByTestId('egger')).toContainText('t = -1.40, df = 11, p = 0.189');
	// One test for a difference between the table's designs (RevMan's, separate τ²), as metafor's subgroup Q
	// (tests/fixtures/stats/README): Q = 1.5368, df 2, p = 0.4638.
	await expect(page.getByTestId('moderator-test')).toHaveCount(0);
	await expect(page.getByTestId('subgroup-test')).toContainText('Q = 1.54, df = 2, p = 0.46');
	await expect(page.getByTestId('subgroup-test')).toContainText('separate τ²');
	await page.getByTestId('method-select').selectOption('REML');
	await expect(page.locator('[data-chart="influence"] [data-study-id]')).toHaveCount(13);
	await expect(page.getByTestId('loo-summary')).toHaveText('No single study changes the conclusion.');
	// Filtering re-pools: only the randomly allocated trials.
	await page.locator('[data-filter="design"] [data-value="random"]').click();
	const r = await overall(page, 'random');
	expect(r.k).toBe(7);
	await expect(page.locator('[data-chart="influence"] [data-study-id]')).toHaveCount(7);
});
