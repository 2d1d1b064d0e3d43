/**
 * Issue 17: every sentence and number on the page is right — the randomised trials counted and pooled once per
 * trial, designs pooled apart, the flags switch leaving out bias only, a user's log effects never called hazards,
 * and no exported file carrying a development address or a placeholder.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { bundledRows, expect, ready, test } from './fixtures';

/** The randomised rows, one report per trial: those no other row names in `supersedes`. */
const superseded = new Set(bundledRows.map((r) => r.supersedes ?? '').filter(Boolean));
const trials = bundledRows.filter((r) => r.design === 'rct');
const latestTrials = trials.filter((r) => !superseded.has(r.id ?? ''));
const trialPatients = latestTrials.reduce((sum, r) => sum + (r.n_total ? Number(r.n_total) : 0), 0);

test('?design=rct: 7 reports of 5 trials, patients counted once, pooled k = 4 REML HR 0.891 (0.725–1.095)', async ({
	page
}) => {
	expect(trials.length).toBe(7);
	expect(latestTrials.length).toBe(5);
	await page.goto('/?design=rct');
	await ready(page);
	const count = page.getByTestId('study-count');
	await expect(count).toHaveAttribute('data-shown', String(trials.length));
	await expect(count).toContainText(`${trials.length} reports of ${latestTrials.length} trials`);
	await expect(count).toContainText(`${trialPatients.toLocaleString('en')} patients`);
	await expect(page.getByTestId('patient-count')).toHaveAttribute('data-patients', String(trialPatients));
	await expect(count).not.toContainText('cohorts overlap');
	const rct = page.locator('[data-testid="pooled-estimate"][data-group="randomised"]');
	await expect(rct).toHaveAttribute('data-k', '4');
	await expect(rct).toHaveAttribute('data-method', 'REML');
	const at = async (attr: string) => Number(await rct.getAttribute(attr)).toFixed(3);
	expect([await at('data-estimate'), await at('data-ci-low'), await at('data-ci-high')]).toEqual([
		'0.891',
		'0.725',
		'1.095'
	]);
	await expect(page.locator('[data-testid="pooled-estimate"][data-group="all"]')).toHaveCount(0);

	// Leaving out bias-flagged studies keeps the trials flagged only for how they were reported.
	await page.goto('/?design=rct&exclude=bias');
	await ready(page);
	await expect(rct).toHaveAttribute('data-k', '4');
	await expect(page.getByTestId('summary')).not.toContainText('lower hazard');
	await expect(page.getByTestId('exclude-flags')).toBeChecked();
});

test('designs are pooled apart; every design together only on request, labelled as mixing', async ({
	page
}) => {
	await page.goto('/');
	await ready(page);
	const pooled = page.locator('[data-testid="pooled-estimate"]');
	await expect(pooled.locator('xpath=self::*[@data-group="observational"]')).toHaveCount(1);
	await expect(pooled.locator('xpath=self::*[@data-group="randomised"]')).toHaveCount(1);
	await expect(pooled.locator('xpath=self::*[@data-group="all"]')).toHaveCount(0);
	await expect(page.locator('[data-chart="forest"] .pooled[data-group="all"]')).toHaveCount(0);
	// One test for a difference between designs, named the same on screen and in the summary.
	const test = page.getByTestId('subgroup-test');
	await expect(test).toHaveAttribute('data-df', '1');
	const name = 'Test for subgroup differences between design classes';
	await expect(test).toContainText(name);
	await expect(page.getByTestId('summary')).toContainText(name);
	await expect(page.getByTestId('moderator-test')).toHaveCount(0);
	// The patients of overlapping registries are said to overlap.
	await expect(page.getByTestId('study-count')).toContainText('patients in reports; cohorts overlap');

	await page.getByTestId('overall-toggle').check();
	await expect(page).toHaveURL(/overall=1/);
	const all = pooled.locator('xpath=self::*[@data-group="all"]');
	await expect(all).toHaveCount(1);
	await expect(all).toContainText('mixes designs');
	await expect(page.locator('[data-chart="forest"] .pooled[data-group="all"]')).toHaveCount(1);
});

test('the BCG yi, vi table (log risk ratios, unnamed) is never summarised as a hazard', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'bcg-escalc.csv',
		mimeType: 'text/csv',
		buffer: readFileSync('tests/fixtures/tables/bcg-escalc.csv')
	});
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'ok');
	const summary = page.getByTestId('summary');
	await expect(summary).toContainText('studies with design “random”');
	await expect(summary).not.toContainText(/hazard|HR |“Random”/);
	await expect(page.locator('[data-testid="pooled-estimate"]').first()).not.toContainText('HR');
	await expect(page.locator('[data-chart="cumulative"]')).not.toContainText('Observational');
	// Naming the measure changes every word: risk, not hazard.
	await page.getByText('Columns and reading settings').click();
	await page.getByTestId('measure-select').selectOption('RR');
	await page.getByTestId('mapping-confirm').click();
	await expect(summary).toContainText('lower risk');
	await expect(summary).not.toContainText('hazard');
});

test('no exported file names a development address or a placeholder', async ({ page }) => {
	await page.goto('/?design=rct,registry');
	await ready(page);
	const texts: string[] = [];
	for (const chart of ['forest', 'cumulative', 'years']) {
		const figure = page.locator(`[data-chart="${chart}"]`);
		await figure.scrollIntoViewIfNeeded();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			figure.locator('[data-export="svg"]').click()
		]);
		texts.push(readFileSync((await download.path()) ?? '', 'utf8'));
	}
	const [pdf] = await Promise.all([
		page.waitForEvent('download'),
		page.locator('[data-export="pdf-a4"]').click()
	]);
	texts.push(execFileSync('pdftotext', [(await pdf.path()) ?? '', '-'], { encoding: 'utf8' }));
	for (const text of texts) {
		expect(text).toContain('Source:');
		expect(text).not.toMatch(/localhost|127\.0\.0\.1|<study>|&lt;study&gt;/);
	}
	// The live slides' footer is not an export: it never says "Exported".
	await page.goto('/?design=rct&present=1');
	await ready(page);
	await expect(page.getByTestId('slide')).toBeVisible();
	await expect(page.locator('.presentation')).not.toContainText('Exported');
});

test('the study page of shien-2025 quotes the sentence its patient count was read in', async ({ page }) => {
	await page.goto('/studies/shien-2025');
	const field = page.getByTestId('provenance').locator('[data-field="n_total"]');
	await expect(field).toHaveAttribute('data-value', '407');
	await expect(field).toContainText('Of these, 407 were randomised to arm A (N = 205) or arm B (N = 202).');
});

test('an edited title survives a reload', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'bcg-escalc.csv',
		mimeType: 'text/csv',
		buffer: readFileSync('tests/fixtures/tables/bcg-escalc.csv')
	});
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'ok');
	await page.getByTestId('title-input').fill('BCG vaccine trials, journal club');
	await expect(page.getByTestId('page-title')).toHaveText('BCG vaccine trials, journal club');
	// Saved with the table's view (debounced): wait until the stored view record carries it.
	await expect
		.poll(() =>
			page.evaluate(
				() =>
					new Promise<string>((resolve) => {
						const open = indexedDB.open('evidence-dashboard');
						open.onsuccess = () => {
							const get = open.result.transaction('state').objectStore('state').get('view');
							get.onsuccess = () => resolve(String(get.result?.title ?? ''));
							get.onerror = () => resolve('');
						};
						open.onerror = () => resolve('');
					})
			)
		)
		.toBe('BCG vaccine trials, journal club');
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('bcg-escalc.csv');
	await expect(page.getByTestId('page-title')).toHaveText('BCG vaccine trials, journal club');
});
