/**
 * Selection is emphasis (CONTRACT.md "Selection"): a click marks a study everywhere and changes no count or
 * statistic; only the selection filter (only=1) turns it into a filter; Escape and the clear button empty it.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import AxeBuilder from '@axe-core/playwright';
import { expect, ready, test } from './fixtures';
import type { Page } from '@playwright/test';

const rows = Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
	header: true,
	skipEmptyLines: true
}).data;
/** Rows with an estimate and its interval that no other row supersedes: each is pooled. */
const superseded = new Set(rows.map((r) => r.supersedes ?? '').filter((id) => id !== ''));
const poolable = rows
	.filter((r) => r.hr_os && r.hr_ci_low && r.hr_ci_high && !superseded.has(r.id ?? ''))
	.map((r) => r.id ?? '');

/** Everything a selection must leave alone: counts, every pooled estimate and the sensitivity views' marks. */
async function analysis(page: Page) {
	const count = page.getByTestId('study-count');
	return {
		shown: await count.getAttribute('data-shown'),
		total: await count.getAttribute('data-total'),
		pooled: await page
			.locator('[data-testid="pooled-estimate"]')
			.evaluateAll((els) =>
				els.map((e) => [e.dataset.group, e.dataset.k, e.dataset.estimate, e.dataset.ciLow, e.dataset.tau2])
			),
		active: await page
			.locator('figure[data-chart] [data-study-id][data-active="true"]')
			.evaluateAll((els) => els.length),
		funnel: await page.locator('[data-chart="funnel"] [data-study-id]').count(),
		influence: await page.locator('[data-chart="influence"] [data-study-id]').count(),
		table: await page.locator('[data-testid="study-table"] tbody tr[data-study-id]').count()
	};
}

async function open(page: Page, url: string, sensitivity = true) {
	await page.goto(url);
	await ready(page);
	// The two sensitivity views load after first paint.
	if (!sensitivity) return;
	await expect(page.locator('[data-chart="funnel"] [data-study-id]').first()).toBeAttached();
	await expect(page.locator('[data-chart="influence"] [data-study-id]').first()).toBeAttached();
}

/** The id of the first active mark in a chart that a pointer at its centre reaches (points may overlap). */
async function reachableMark(page: Page, chart: string) {
	return page.locator(`[data-chart="${chart}"] [data-study-id][data-active="true"]`).evaluateAll((marks) =>
		marks
			.map((mark) => {
				mark.scrollIntoView({ block: 'center' });
				const box = (mark.querySelector('.pt, .est, .bar, .hit') ?? mark).getBoundingClientRect();
				const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
				return hit?.closest('[data-study-id]') === mark ? mark.getAttribute('data-study-id') : null;
			})
			.find((id) => id !== null)
	);
}

for (const chart of ['forest', 'funnel', 'influence', 'cohort'] as const) {
	test(`a click in ${chart} selects a study everywhere and changes no count or statistic; Escape clears`, async ({
		page
	}) => {
		await open(page, '/');
		const before = await analysis(page);
		expect(before.shown).toBe(String(rows.length));
		const id = await reachableMark(page, chart);
		expect(id).toBeTruthy();
		const mark = page.locator(`[data-chart="${chart}"] [data-study-id="${id}"]`);
		await mark.click();

		await expect(page).toHaveURL(new RegExp(`[?&]studies=${id}(&|$)`));
		await expect(mark).toHaveAttribute('data-selected', 'true');
		await expect(page.locator(`tr[data-study-id="${id}"]`)).toHaveAttribute('data-selected', 'true');
		await expect(page.locator('[data-selected="true"]').first()).toBeAttached();
		expect(await analysis(page)).toEqual(before);

		await page.keyboard.press('Escape');
		await expect(page).not.toHaveURL(/studies=/);
		await expect(page.locator('[data-study-id][data-selected="true"]')).toHaveCount(0);
		expect(await analysis(page)).toEqual(before);
	});
}

test('two selected studies get their own pooled line, beside the unchanged overall one', async ({ page }) => {
	const [a, b] = poolable;
	expect(a && b).toBeTruthy();
	await open(page, '/');
	const before = await analysis(page);
	await open(page, `/?studies=${a},${b}`);
	const selected = page.locator('[data-testid="pooled-estimate"][data-group="selected"]');
	await expect(selected).toHaveAttribute('data-k', '2');
	await expect(page.locator(`[data-chart="forest"] [data-study-id="${a}"]`)).toHaveAttribute(
		'data-selected',
		'true'
	);
	const after = await analysis(page);
	expect(after.pooled.filter(([group]) => group !== 'selected')).toEqual(before.pooled);
	expect({ ...after, pooled: [] }).toEqual({ ...before, pooled: [] });

	await page.getByTestId('clear-selection').click();
	await expect(selected).toHaveCount(0);
	await expect(page.locator('[data-study-id][data-selected="true"]')).toHaveCount(0);
});

test('?studies=a,b&only=1 shows the two studies; the selection filter button turns it off', async ({
	page
}) => {
	const [a, b] = rows.map((r) => r.id ?? '');
	await open(page, `/?studies=${a},${b}&only=1`, false);
	const count = page.getByTestId('study-count');
	await expect(count).toHaveAttribute('data-shown', '2');
	await expect(page.locator('[data-testid="study-table"] tbody tr[data-study-id]')).toHaveCount(2);
	const only = page.getByTestId('selection-filter');
	await expect(only).toHaveAttribute('aria-pressed', 'true');

	await only.click();
	await expect(only).toHaveAttribute('aria-pressed', 'false');
	await expect(page).not.toHaveURL(/only=1/);
	await expect(count).toHaveAttribute('data-shown', String(rows.length));
	await only.click();
	await expect(page).toHaveURL(/only=1/);
	await expect(count).toHaveAttribute('data-shown', '2');
});

test('a study the filters hide cannot be selected from a chart (Enter on its mark)', async ({ page }) => {
	// The years chart keeps its own brush's studies drawn (crossfilter), but those outside the range are filtered.
	const outside = rows.filter((r) => Number(r.year) < 2010).map((r) => r.id ?? '');
	await open(page, '/?years=2010-2030', false);
	const id = outside[0];
	expect(id).toBeTruthy();
	const inside = rows.find((r) => Number(r.year) >= 2010)?.id ?? '';
	// The brush covers the years chart's marks, so the keyboard selects there (Enter, as a click would).
	const select = async (studyId: string) => {
		await page.locator(`[data-chart="years"] [data-study-id="${studyId}"]`).focus();
		await page.keyboard.press('Enter');
	};
	await select(id ?? '');
	// Then a study in view: once it lands, the first one has been handled (and ignored).
	await select(inside);
	await expect(page).toHaveURL(new RegExp(`[?&]studies=${inside}(&|$)`));
	await expect(page.getByTestId('selection-count')).toHaveAttribute('data-selected', '1');
	await expect(page.locator(`[data-chart="years"] [data-study-id="${id}"]`)).toHaveAttribute(
		'data-selected',
		'false'
	);
});

test('a mark is named by the text it shows first (WCAG 2.5.3), and headings skip no level', async ({
	page
}) => {
	await open(page, '/');
	// Each mark with text: its accessible name begins with that text (axe 4.14's label-content-name-mismatch).
	const names = await page
		.locator('figure[data-chart] [data-study-id]:has(text)')
		.evaluateAll((marks) =>
			marks.map((m) => [
				[...m.querySelectorAll('text')].map((t) => t.textContent?.trim()).join(' '),
				m.getAttribute('aria-label') ?? ''
			])
		);
	expect(names.length).toBeGreaterThan(rows.length);
	for (const [shown, name] of names)
		expect((name ?? '').startsWith(shown ?? ''), `${name} starts with ${shown}`).toBe(true);
	const axe = await new AxeBuilder({ page })
		.withRules(['label-content-name-mismatch', 'heading-order'])
		.analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});
