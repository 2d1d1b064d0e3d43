import { readdirSync, readFileSync } from 'node:fs';
import { changelog, rowsById } from '../../src/lib/data/changelog';
import { releaseDate, versionTexts } from '../../src/lib/data/versions';
import type { Page } from '@playwright/test';
import { expect, ready, test } from './fixtures';

/** The versions the build names, derived here with the same functions from the same files (oldest first). */
const releases = readdirSync('data/releases').flatMap((file) => {
	const date = releaseDate(file);
	return date ? [{ date, text: readFileSync(`data/releases/${file}`, 'utf8') }] : [];
});
const versions = versionTexts(releases, readFileSync('data/studies.csv', 'utf8'), '9999-12-31');
const current = versions.at(-1);
const previous = versions.at(-2);
/** What changed from the previous version to the current one. */
const changes = previous && current ? changelog(rowsById(previous.text), rowsById(current.text)) : [];

/** This visit has been recorded (the note's code loads after the page answers input, and records it then). */
async function visitRecorded(page: Page): Promise<void> {
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('evidence-dashboard-last-visit')))
		.toContain(current?.hash ?? '?');
}

test('the dataset version links to /changes, which lists every version with one element per change', async ({
	page
}) => {
	expect(changes.length, 'the bundled data changed since the kept release').toBeGreaterThan(0);
	await page.goto('/');
	await ready(page);
	const badge = page.getByTestId('dataset-version');
	await expect(badge).toContainText(current?.hash ?? '?');
	await badge.click();
	await expect(page).toHaveURL(/\/changes$/);
	await expect(page.locator('section[data-version]')).toHaveCount(versions.length);
	const latest = page.locator(`section[data-version$="-${current?.hash}"]`);
	await expect(latest.locator('[data-change]')).toHaveCount(changes.length);
	for (const c of changes)
		await expect(latest.locator(`[data-change][data-study-id="${c.id}"][data-kind="${c.kind}"]`)).toHaveCount(
			1
		);
	const changed = changes.find((c) => c.kind === 'changed');
	if (changed?.kind === 'changed') {
		const cell = changed.cells[0];
		const row = latest.locator(
			`[data-change][data-study-id="${changed.id}"] tr[data-column="${cell?.column}"]`
		);
		if (cell?.after) await expect(row).toContainText(cell.after.slice(0, 40));
	}
	await expect(latest.getByTestId('pooled-change')).toContainText(/randomised HR \d\.\d{3}/);
});

test('a returning visitor who last saw the previous version is told what changed, and can dismiss it', async ({
	page
}) => {
	expect(previous, 'a previous version of the bundled data is kept').toBeDefined();
	await page.goto('/');
	await ready(page);
	// No note on a first visit; the visit is recorded (once the note's code has loaded, after the page answers input).
	await expect(page.getByTestId('version-note')).toHaveCount(0);
	await visitRecorded(page);
	await page.evaluate((v) => localStorage.setItem('evidence-dashboard-last-visit', JSON.stringify(v)), {
		version: previous?.id,
		hash: previous?.hash,
		date: '2026-12-04'
	});
	await page.reload();
	await ready(page);
	const note = page.getByTestId('version-note');
	await expect(note).toContainText(`Since your last visit (4 Dec 2026): ${changes.length} change`);
	for (const c of changes.filter((c) => c.kind === 'added'))
		await expect(note.locator(`li[data-study-id="${c.id}"][data-kind="added"]`)).toBeVisible();
	await expect(note.locator('li[data-study-id="shien-2025"]')).toBeVisible();
	await expect(page.getByTestId('version-note-pooled')).toContainText(/randomised HR \d\.\d{3} → \d\.\d{3}/);
	await page.getByTestId('version-note-dismiss').click();
	await expect(note).toHaveCount(0);
	// Seen once: the next visit has nothing new to say.
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('dataset-version')).toBeVisible();
	await expect(page.getByTestId('version-note')).toHaveCount(0);
});

test('the note opens the diff, and each study page lists its row’s history', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await visitRecorded(page);
	await page.evaluate((v) => localStorage.setItem('evidence-dashboard-last-visit', JSON.stringify(v)), {
		version: previous?.id,
		hash: previous?.hash,
		date: '2026-12-04'
	});
	await page.reload();
	await ready(page);
	await page.getByTestId('version-note-open').click();
	await expect(page).toHaveURL(/\/changes#v-/);
	const superseded = changes.find((c) => c.kind === 'superseded');
	expect(superseded, 'a report superseded in this version').toBeDefined();
	await page.goto(`/studies/${superseded?.id}`);
	const history = page.getByTestId('row-history');
	await expect(history.locator('li[data-kind="superseded"]')).toContainText('superseded by');
	await page.goto(`/studies/${changes.find((c) => c.kind === 'added')?.id}`);
	await expect(page.getByTestId('row-history').locator('li[data-kind="added"]')).toHaveCount(1);
});
