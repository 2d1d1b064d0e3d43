import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, ready, test } from './fixtures';

const CSV = readFileSync('tests/fixtures/tables/bcg-counts.csv', 'utf8');
const ROWS = CSV.trim().split('\n').length - 1;

/** Every record of every IndexedDB store of the page's origin, as text. */
async function storedText(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const out: string[] = [];
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			for (const store of db.objectStoreNames) {
				const all = await new Promise<unknown[]>((resolve, reject) => {
					const request = db.transaction(store).objectStore(store).getAll();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
				out.push(JSON.stringify(all));
			}
			db.close();
		}
		return out.join('\n') + JSON.stringify({ ...localStorage });
	});
}

test('a copied link opened in a new context restores the table and view after the confirm; no request carries it', async ({
	page,
	browser
}) => {
	// Two pages, each loading the table and drawing every chart, on a shared 2-core machine.
	test.setTimeout(120_000);
	await page.goto('/');
	await ready(page);
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'bcg-shared.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await expect(page.getByTestId('dataset-name')).toHaveText('bcg-shared.csv');
	await page.getByTestId('method-select').selectOption('DL');
	const row = page.locator('tr[data-study-id]').nth(2);
	const selected = await row.getAttribute('data-study-id');
	await row.locator('button.select').click();
	await expect(page).toHaveURL(/method=DL/);
	await expect(page).toHaveURL(new RegExp(`studies=${selected}`));

	await page.getByTestId('share-link').click();
	const link = await page.getByTestId('share-url').inputValue();
	expect(link).toMatch(/^http:\/\/[^#]+\/#table=v1\.[A-Za-z0-9_-]+$/);
	const payload = link.slice(link.indexOf('#') + 1);
	// The page never stores the fragment itself.
	expect(await storedText(page)).not.toContain(payload.slice(0, 40));

	const other = await browser.newContext();
	const seen: string[] = [];
	other.on('request', (r) => seen.push(`${r.url()}\n${r.postData() ?? ''}\n${JSON.stringify(r.headers())}`));
	const visitor = await other.newPage();
	const errors: string[] = [];
	visitor.on('pageerror', (e) => errors.push(e.message));
	await visitor.goto(link);
	await ready(visitor);
	const prompt = visitor.getByTestId('share-prompt');
	await expect(prompt).toContainText('bcg-shared.csv');
	await expect(prompt).toContainText(`${ROWS} rows`);
	// Nothing is replaced before the visitor agrees.
	await expect(visitor.getByTestId('dataset-name')).not.toHaveText('bcg-shared.csv');
	await visitor.getByTestId('share-confirm').click();

	await expect(visitor.getByTestId('dataset-name')).toHaveText('bcg-shared.csv');
	await expect(visitor.getByTestId('load-report')).toHaveAttribute('data-rows-loaded', String(ROWS));
	await expect(visitor.getByTestId('study-count')).toHaveAttribute('data-total', String(ROWS));
	await expect(visitor.getByTestId('method-select')).toHaveValue('DL');
	await expect(visitor.locator(`tr[data-study-id="${selected}"]`)).toHaveAttribute('data-selected', 'true');
	await expect(visitor).toHaveURL(/method=DL/);
	expect(visitor.url()).not.toContain('#');
	await expect(prompt).toHaveCount(0);

	// Requests went out (the page's own files), and none carried the table or its link.
	expect(seen.length).toBeGreaterThan(0);
	for (const request of seen) {
		expect(request).not.toContain('table=v1');
		expect(request).not.toContain(payload.slice(9, 49));
		expect(request).not.toContain('Ferguson');
	}
	expect(await storedText(visitor)).not.toContain(payload.slice(0, 40));
	expect(errors).toEqual([]);
	await other.close();
});

test('a shared link can be declined, and a damaged one says so and changes nothing', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await expect(page.getByTestId('dataset-name')).toHaveText('mine.csv');
	await page.getByTestId('share-link').click();
	const link = await page.getByTestId('share-url').inputValue();

	await page.getByTestId('reset-data').click();
	// Pasted into this tab's address bar: only the fragment changes, no new page load.
	await page.goto(link);
	await ready(page);
	await page.getByTestId('share-cancel').click();
	await expect(page.getByTestId('share-prompt')).toHaveCount(0);
	expect(page.url()).not.toContain('#');
	await expect(page.getByTestId('dataset-name')).not.toHaveText('mine.csv');

	await page.goto(`${link.slice(0, -12)}`);
	await ready(page);
	await expect(page.getByTestId('share-problem')).toContainText('damaged');
	await expect(page.getByTestId('share-prompt')).toHaveCount(0);
	expect(page.url()).not.toContain('#');
});

test('a table too large for a link gets a message and its CSV instead', async ({ page }) => {
	// Reading 4,000 rows on a shared 2-core machine.
	test.setTimeout(120_000);
	await page.goto('/');
	await ready(page);
	let text = 'study,year,hr,hr_low,hr_high\n';
	let seed = 11;
	for (let i = 0; i < 4000; i++) {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		text += `Study ${seed.toString(36)},${1990 + (seed % 30)},0.${500 + (seed % 400)},0.${100 + (seed % 300)},1.${seed % 900}\n`;
	}
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
	await expect(page.getByTestId('dataset-name')).toHaveText('large.csv');
	await page.getByTestId('share-link').click();
	await expect(page.getByTestId('share-too-large')).toContainText('too large for a link');
	await expect(page.getByTestId('share-url')).toHaveCount(0);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('share-download').click()
	]);
	expect(download.suggestedFilename()).toBe('large.csv');
	expect(readFileSync(await download.path(), 'utf8')).toBe(text);
});
