import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import AxeBuilder from '@axe-core/playwright';
import { ALL_CHARTS, expect, pooledRows, ready, test } from './fixtures';
import type { Page } from '@playwright/test';

const rows = Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
	header: true,
	skipEmptyLines: true
}).data;
const ids = (pred: (r: Record<string, string>) => boolean) => rows.filter(pred).map((r) => r.id ?? '');
const CHARTS = ['survival', 'cohort', 'years', 'forest', 'trend'] as const;

/** Ids of the marks in a chart with data-active="true". */
async function activeIn(page: Page, chart: string) {
	return page
		.locator(`[data-chart="${chart}"] [data-study-id][data-active="true"]`)
		.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-study-id')))].sort());
}
async function tableIds(page: Page) {
	return page
		.locator('[data-testid="study-table"] tbody tr[data-study-id]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-study-id')).sort());
}
async function chartIds(page: Page, chart: string) {
	return page
		.locator(`[data-chart="${chart}"] [data-study-id]`)
		.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-study-id')))]);
}

test.beforeEach(async ({ page }) => {
	await page.goto('/');
	await ready(page);
});

test('toggling a design moves the count, the table and every chart, and lands in the URL', async ({
	page
}) => {
	const rct = ids((r) => r.design === 'rct').sort();
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await expect(page.locator('[data-filter="design"] [data-value="rct"]')).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', String(rct.length));
	await expect(page).toHaveURL(/[?&]design=rct(&|$)/);
	// An off-screen table catches up in idle time (its count at once): wait for its rows.
	await expect.poll(() => tableIds(page)).toEqual(rct);
	for (const chart of CHARTS) {
		const drawn = await chartIds(page, chart);
		expect(await activeIn(page, chart), chart).toEqual(rct.filter((id) => drawn.includes(id)).sort());
	}
	// Only randomised trials pooled now.
	await expect(page.locator('[data-testid="pooled-estimate"][data-group="randomised"]')).toHaveAttribute(
		'data-k',
		String(pooledRows((r) => r.design === 'rct').length)
	);
});

test('brushing the years filters the other charts but not the years chart itself', async ({ page }) => {
	const svg = page.locator('[data-chart="years"] svg').first();
	await svg.scrollIntoViewIfNeeded();
	const box = await svg.boundingBox();
	if (!box) throw new Error('years chart not laid out');
	// Find the pixel columns of 2015 and 2025 from the 2010 and 2020 axis labels (decades are labelled at every
	// tick spacing the chart chooses).
	const tickX = async (year: number) => {
		const t = page.locator('[data-chart="years"] svg text', { hasText: new RegExp(`^${year}$`) }).first();
		const b = await t.boundingBox();
		if (!b) throw new Error(`no tick ${year}`);
		return b.x + b.width / 2;
	};
	const x2010 = await tickX(2010);
	const column = ((await tickX(2020)) - x2010) / 10;
	const x0 = x2010 + 5 * column;
	const x1 = x2010 + 15 * column + column * 0.75;
	const y = box.y + box.height / 2;
	await page.mouse.move(x0 + column * 0.25, y);
	await page.mouse.down();
	await page.mouse.move((x0 + x1) / 2, y, { steps: 5 });
	await page.mouse.move(x1, y, { steps: 5 });
	await page.mouse.up();
	await expect(page).toHaveURL(/[?&]years=2015-2025(&|$)/);
	const inRange = ids((r) => Number(r.year) >= 2015 && Number(r.year) <= 2025).sort();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', String(inRange.length));
	// An off-screen table catches up in idle time (its count at once): wait for its rows.
	await expect.poll(() => tableIds(page)).toEqual(inRange);
	const cohortDrawn = await chartIds(page, 'cohort');
	expect(await activeIn(page, 'cohort')).toEqual(inRange.filter((id) => cohortDrawn.includes(id)).sort());
	// The brushing chart keeps every study active: its own selection highlights, it does not remove.
	expect((await activeIn(page, 'years')).length).toBe(rows.length);
	// One history entry for the whole gesture.
	await page.goBack();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', String(rows.length));
});

test('clicking a study selects it everywhere and filters nothing', async ({ page }) => {
	await page.locator('[data-chart="forest"] [data-study-id="soran-2018"]').click();
	await expect(page).toHaveURL(/studies=soran-2018/);
	await expect(page.locator('[data-chart="cohort"] [data-study-id="soran-2018"]')).toHaveAttribute(
		'data-selected',
		'true'
	);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', String(rows.length));
	// An off-screen table catches up in idle time (its count at once): wait for its rows.
	await expect.poll(() => tableIds(page)).toEqual(ids(() => true).sort());
	const cohort = await chartIds(page, 'cohort');
	expect(await activeIn(page, 'cohort')).toEqual([...cohort].sort());
	await expect(page.locator('[data-chart="forest"] [data-study-id="soran-2018"]')).toHaveAttribute(
		'data-selected',
		'true'
	);
	await page.getByTestId('clear-filters').click();
	await expect(page).not.toHaveURL(/studies=/);
});

test('a copied link restores the view, and back/forward walk through filter changes', async ({ page }) => {
	await page.goto('/?design=rct,registry&years=2002-2016');
	await ready(page);
	const expected = ids(
		(r) => (r.design === 'rct' || r.design === 'registry') && Number(r.year) >= 2002 && Number(r.year) <= 2016
	).sort();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', String(expected.length));
	// An off-screen table catches up in idle time (its count at once): wait for its rows.
	await expect.poll(() => tableIds(page)).toEqual(expected);
	await expect(page.locator('[data-filter="design"] [data-value="registry"]')).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await expect(page).toHaveURL(/design=registry&years/);
	await page.goBack();
	await expect(page).toHaveURL(/design=rct,registry/);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', String(expected.length));
	await page.goForward();
	await expect(page.locator('[data-filter="design"] [data-value="rct"]')).toHaveAttribute(
		'aria-pressed',
		'false'
	);
});

test('hovering a study highlights it in every chart and the table, with its numbers in a tooltip', async ({
	page
}) => {
	// A study's mark is a button whose name starts with the study's label (WCAG 2.5.3).
	const mark = (chart: string, label: string) =>
		page.locator(`figure[data-chart="${chart}"]`).getByRole('button', { name: new RegExp(`^${label}\\b`) });
	// One highlight colour for the hovered study: the table row takes it, and so does a shape of its mark in every
	// chart, while another study's marks do not. The pointer rests on the mark; a part of the page that loads after
	// first paint can move the mark from under it, so it moves there again until the row shows the hover.
	const row = page.locator('tr[data-study-id="khan-2002"]');
	const fills = (chart: string, label: string) =>
		mark(chart, label).evaluate((el) => [...el.querySelectorAll('*')].map((e) => getComputedStyle(e).fill));
	await expect(async () => {
		await mark('cohort', 'Khan 2002').hover();
		await expect(row).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)', { timeout: 2_000 });
		const hover = await row.evaluate((el) => getComputedStyle(el).backgroundColor);
		for (const chart of ['cohort', 'years', 'forest', 'trend']) {
			expect(await fills(chart, 'Khan 2002'), chart).toContain(hover);
			expect(await fills(chart, 'Gnerlich 2007'), `${chart}, another study`).not.toContain(hover);
		}
	}).toPass({ timeout: 15_000 });
	const tip = page.getByTestId('tooltip');
	await expect(tip).toContainText('Khan 2002');
	await expect(tip).toContainText('16,023');
	await expect(tip).toContainText('National Cancer Data Base');
});

test('the keyboard reaches studies in a chart: Tab to the chart, arrows to move, Enter to select', async ({
	page
}) => {
	// The survival chart's rows, in its order: studies with a median in either arm, by year, then label.
	const label = (r: Record<string, string>) => `${r.first_author} ${r.year}`;
	const order = rows
		.filter((r) => r.median_os_surgery_months !== '' || r.median_os_no_surgery_months !== '')
		.sort((a, b) => Number(a.year) - Number(b.year) || label(a).localeCompare(label(b)))
		.map((r) => r.id ?? '');
	const mark = (id: string | undefined) => page.locator(`[data-chart="survival"] [data-study-id="${id}"]`);
	const first = page.locator('[data-chart="survival"] [data-study-id][tabindex="0"]');
	await expect(first).toHaveCount(1);
	await expect(first).toHaveAttribute('data-study-id', order[0] ?? '');
	await first.focus();
	await expect(mark(order[0])).toBeFocused();
	await page.keyboard.press('ArrowDown');
	// Focus moved to the next study down, which became the chart's tab stop.
	const focusedId = order[1] ?? '';
	await expect(mark(focusedId)).toBeFocused();
	await expect(mark(focusedId)).toHaveAttribute('tabindex', '0');
	await expect(mark(order[0])).toHaveAttribute('tabindex', '-1');
	await page.keyboard.press('End');
	await expect(mark(order.at(-1))).toBeFocused();
	await page.keyboard.press('Home');
	await page.keyboard.press('ArrowDown');
	await expect(mark(focusedId)).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`studies=${focusedId}`));
	await expect(page.locator(`[data-chart="survival"] [data-study-id="${focusedId}"]`)).toHaveAttribute(
		'aria-pressed',
		'true'
	);
});

test('randomised trials and observational studies pool side by side', async ({ page }) => {
	const groups = page.locator('[data-testid="pooled-estimate"]');
	await expect(groups.locator('xpath=self::*[@data-group="randomised"]')).toHaveCount(1);
	await expect(groups.locator('xpath=self::*[@data-group="observational"]')).toHaveCount(1);
	const rct = Number(
		await page
			.locator('[data-testid="pooled-estimate"][data-group="randomised"]')
			.getAttribute('data-estimate')
	);
	const observational = Number(
		await page
			.locator('[data-testid="pooled-estimate"][data-group="observational"]')
			.getAttribute('data-estimate')
	);
	expect(rct).toBeGreaterThan(observational);
	await expect(page.locator('[data-chart="forest"] .pooled[data-group="randomised"]')).toHaveCount(1);
	// Filtered to trials and registries: exactly those two classes pooled side by side, with the test for their
	// difference (no all-designs estimate unless asked).
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await page.locator('[data-filter="design"] [data-value="registry"]').click();
	await expect(page.locator('[data-testid="pooled-estimate"]')).toHaveCount(2);
	for (const [group, design] of [
		['randomised', 'rct'],
		['observational', 'registry']
	])
		await expect(page.locator(`[data-testid="pooled-estimate"][data-group="${group}"]`)).toHaveAttribute(
			'data-k',
			String(pooledRows((r) => r.design === design).length)
		);
	await expect(page.getByTestId('subgroup-test')).toContainText('df = 1');
});

/**
 * axe, one region at a time: the header with the controls and panels of main, the charts, the study table.
 * Legacy mode runs axe inside the page (no extra blank page to merge results in) and only violations come back
 * (not every passing node): a full-page analysis took 12 s the default way against 3.6 s this way, and over 30 s on
 * a busy machine. Each analysis injects axe again (about a second), so regions are few.
 */
const AXE_REGIONS: { name: string; build: (axe: AxeBuilder) => AxeBuilder }[] = [
	{
		name: 'header, controls and panels',
		build: (axe) =>
			axe
				.include('header')
				.include('main')
				.exclude('figure[data-chart]')
				.exclude('[data-testid="study-table"]')
	},
	{
		name: 'charts',
		build: (axe) => ALL_CHARTS.reduce((a, chart) => a.include(`figure[data-chart="${chart}"]`), axe)
	},
	{ name: 'study table', build: (axe) => axe.include('[data-testid="study-table"]') }
];

const AXE_PAGE_RULES = [
	'document-title',
	'html-has-lang',
	'landmark-one-main',
	'landmark-no-duplicate-main',
	'page-has-heading-one',
	'region',
	'bypass'
];

/** Serious and critical violations, one line each. */
const serious = (where: string, results: Awaited<ReturnType<AxeBuilder['analyze']>>) =>
	results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${where}: ${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`);

// One test per theme and region, so that each stays short on a loaded machine and the two workers share them.
for (const scheme of ['light', 'dark'] as const) {
	for (const region of AXE_REGIONS) {
		test(`axe finds no serious or critical violations: ${region.name} (${scheme})`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			// Every region is on the page before it is analysed (an include that matches nothing passes vacuously).
			for (const chart of ALL_CHARTS)
				await expect(page.locator(`figure[data-chart="${chart}"] svg`).first()).toBeAttached();
			await expect(page.locator('[data-testid="study-table"] tbody tr[data-study-id]')).toHaveCount(
				rows.length
			);
			const axe = () => new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
			const bad = serious(region.name, await region.build(axe()).analyze());
			// Page-level rules (landmarks, one main, headings, title, language) need the whole document: run once.
			if (region === AXE_REGIONS[0])
				bad.push(...serious('page', await axe().withRules(AXE_PAGE_RULES).analyze()));
			expect(bad).toEqual([]);
		});
	}
}

test('the theme can be chosen and is remembered', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	const light = await bg();
	await page.getByTestId('theme-select').selectOption('dark');
	await expect.poll(bg).not.toBe(light);
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('theme-select')).toHaveValue('dark');
	await expect.poll(bg).not.toBe(light);
	await page.getByTestId('theme-select').selectOption('system');
	await expect.poll(bg).toBe(light);
});
