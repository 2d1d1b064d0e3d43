import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import AxeBuilder from '@axe-core/playwright';
import { expect, ready, test } from './fixtures';

const rows = Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
	header: true,
	skipEmptyLines: true
}).data;

test('khan-2002 quotes the sentence its patient count was read in, beside n_total', async ({ page }) => {
	await page.goto('/studies/khan-2002');
	const field = page.getByTestId('provenance').locator('[data-field="n_total"]');
	await expect(field).toHaveAttribute('data-value', '16023');
	await expect(field).toContainText('16023');
	await expect(field).toContainText(
		'A total of 16,023 patients with stage IV disease were identified in the NCDB'
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Khan 2002');
	// Flags in words, and the overlap-free khan-2002 lists no shared patients.
	await expect(page.locator('[data-flag="margin-negative-only"]')).toContainText('free margins');
	// Every outside link opens without referrer or opener.
	const rels = await page
		.locator('a[href^="http"]')
		.evaluateAll((as) => as.map((a) => a.getAttribute('rel') ?? ''));
	expect(rels.length).toBeGreaterThan(0);
	for (const rel of rels) {
		expect(rel).toMatch(/\bnoopener\b/);
		expect(rel).toMatch(/\bnoreferrer\b/);
	}
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('every bundled study has a page whose numbers are the table’s cells', async ({ page }) => {
	for (const r of rows) {
		const id = r.id ?? '';
		const response = await page.goto(`/studies/${id}`);
		expect(response?.status(), id).toBe(200);
		const shown = await page
			.getByTestId('provenance')
			.locator('[data-field]')
			.evaluateAll((els) =>
				els.map((e) => ({
					field: e.getAttribute('data-field') ?? '',
					value: e.getAttribute('data-value') ?? '',
					text: e.querySelector('.value')?.textContent?.trim() ?? ''
				}))
			);
		expect(shown.length, id).toBeGreaterThan(10);
		for (const s of shown) {
			const cell = (r[s.field] ?? '').trim();
			expect(s.value, `${id} ${s.field}`).toBe(cell);
			expect(s.text, `${id} ${s.field}`).toBe(cell === '' ? 'not reported' : cell);
		}
	}
});

test('a study page leads back to the dashboard with the study selected', async ({ page }) => {
	await page.goto('/studies/soran-2018');
	await expect(page.getByTestId('superseded-by')).toContainText('Soran 2021');
	await page.getByTestId('back-to-dashboard').click();
	await expect(page).toHaveURL(/\/\?studies=soran-2018$/);
	await ready(page);
	await expect(page.locator('[data-testid="study-table"] tr[data-study-id="soran-2018"]')).toHaveAttribute(
		'data-selected',
		'true'
	);
});
