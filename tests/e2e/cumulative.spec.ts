import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, ready, test } from './fixtures';
import type { Page } from '@playwright/test';

const rows = Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
	header: true,
	skipEmptyLines: true
}).data;
const chart = (page: Page) => page.locator('figure[data-chart="cumulative"]');

/** The cumulative chart's last 'all' point and the view's pooled estimate, as numbers. */
async function lastAllAndPooled(page: Page) {
	const points = chart(page).locator('[data-group="all"][data-year]');
	await expect(points.first()).toBeVisible();
	const last = await points.evaluateAll((els) => {
		const sorted = els
			.map((e) => ({
				year: Number(e.getAttribute('data-year')),
				k: Number(e.getAttribute('data-k')),
				estimate: Number(e.getAttribute('data-estimate'))
			}))
			.sort((a, b) => a.year - b.year);
		return sorted[sorted.length - 1];
	});
	const pooled = page.locator('[data-testid="pooled-estimate"][data-group="all"]');
	return {
		last,
		k: Number(await pooled.getAttribute('data-k')),
		estimate: Number(await pooled.getAttribute('data-estimate'))
	};
}

// The all-designs estimate is shown on request (overall=1) when more than one design class is in view.
for (const query of [
	'?overall=1',
	'?design=rct,registry&overall=1',
	'?exclude=all&overall=1',
	'?method=DL&hk=1&overall=1'
]) {
	test(`the last overall point is the view's pooled estimate (${query || 'no filter'})`, async ({ page }) => {
		await page.goto(`/${query}`);
		await ready(page);
		await chart(page).scrollIntoViewIfNeeded();
		const { last, k, estimate } = await lastAllAndPooled(page);
		expect(last?.k).toBe(k);
		expect(last?.estimate).toBeCloseTo(estimate, 10);
	});
}

test('one mark per group and year, observational and randomised, following the filters', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await chart(page).scrollIntoViewIfNeeded();
	const marks = chart(page).locator('[data-group][data-year]');
	await expect(marks.first()).toBeVisible();
	const groups = await marks.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-group')))]);
	expect(groups).toEqual(['all', 'observational', 'randomised']);
	const keys = await marks.evaluateAll((els) =>
		els.map((e) => `${e.getAttribute('data-group')}:${e.getAttribute('data-year')}`)
	);
	expect(new Set(keys).size).toBe(keys.length);
	// Every year of a pooled study appears in the overall series.
	const years = [...new Set(rows.filter((r) => r.hr_os && r.hr_ci_low).map((r) => Number(r.year)))].sort();
	const allYears = await chart(page)
		.locator('[data-group="all"]')
		.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-year'))).sort());
	expect(allYears).toEqual(years);
	// Randomised only: the observational series goes.
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await expect(chart(page).locator('[data-group="observational"]')).toHaveCount(0);
	await expect(chart(page).locator('[data-group="randomised"]').first()).toBeVisible();
	await expect(chart(page).locator('[data-export="svg"]')).toBeVisible();
	await expect(chart(page).locator('[data-export="png"]')).toBeVisible();
});

test('the years brush range is shaded, and the SVG export carries the chart', async ({ page }) => {
	await page.goto('/?years=2005-2016');
	await ready(page);
	await chart(page).scrollIntoViewIfNeeded();
	await expect(chart(page).getByTestId('cumulative-range')).toBeVisible();
	const years = await chart(page)
		.locator('[data-year]')
		.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-year'))));
	expect(years.every((y) => y >= 2005 && y <= 2016)).toBe(true);
	const download = page.waitForEvent('download');
	await chart(page).locator('[data-export="svg"]').click();
	const file = await (await download).path();
	const svg = readFileSync(file, 'utf8');
	expect(svg).toContain('Evidence over time');
	expect(svg).toContain('data-year');
});
