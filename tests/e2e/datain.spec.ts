import type { Page } from '@playwright/test';
import { BUNDLED_TOTAL as BUNDLED, expect, ready, test } from './fixtures';

test('a table with unknown column names is mapped by hand, with arm labels and reading settings', async ({
	page
}) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'own.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'Name of trial;Yr;Enrolled;Hazard;Lo;Hi\nAlpha;2012;120;0,71;0,52;0,97\nBeta;2015;300;1,05;0,80;1,38\n'
		)
	});
	// No column is recognised: rejected, the bundled data stays, and the mapping panel opens.
	const report = page.getByTestId('load-report');
	await expect(report).toHaveAttribute('data-status', 'rejected');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
	const mapping = page.getByTestId('column-mapping');
	await expect(mapping).toHaveAttribute('open', '');
	await expect(page.getByTestId('delimiter-select')).toHaveValue(';');
	await expect(page.getByTestId('decimal-comma')).toBeChecked();
	await mapping.locator('select[data-role="label"]').selectOption({ label: 'Name of trial' });
	await mapping.locator('select[data-role="year"]').selectOption({ label: 'Yr' });
	await mapping.locator('select[data-role="n_total"]').selectOption({ label: 'Enrolled' });
	await mapping.locator('select[data-role="effect"]').selectOption({ label: 'Hazard' });
	await mapping.locator('select[data-role="ci_low"]').selectOption({ label: 'Lo' });
	await mapping.locator('select[data-role="ci_high"]').selectOption({ label: 'Hi' });
	await page.getByTestId('arm-treated').fill('Radiotherapy');
	await page.getByTestId('arm-control').fill('Observation');
	await page.getByTestId('mapping-confirm').click();
	await expect(report).toHaveAttribute('data-status', 'ok');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '2');
	await expect(page.locator('tr[data-study-id="alpha-2012"]')).toContainText(
		'HR 0.71 (CI 0.52–0.97, level not stated)'
	);
	await expect(page.locator('[data-chart="forest"]')).toContainText('favours radiotherapy');
	await expect(page.getByTestId('study-table')).toContainText('Observation');
	// A chart whose columns are missing says which column would fill it.
	await expect(page.locator('[data-chart="survival"] [data-testid="empty-state"]')).toContainText(
		'median survival'
	);
});

test('a pasted table loads through the same pipeline', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByText('Paste a table').click();
	await page
		.getByTestId('paste-input')
		.fill('Study\tYear\tHR (95% CI)\nA\t2001\t0.63 (0.55–0.72)\nB\t2002\t0.80 [0.60, 1.10]\n');
	await page.getByTestId('paste-load').click();
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-rows-loaded', '2');
	await expect(page.getByTestId('dataset-name')).toHaveText('Pasted table');
	await expect(page.locator('[data-chart="forest"] [data-study-id]')).toHaveCount(2);
});

test('a dropped file loads', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const dataTransfer = await page.evaluateHandle(() => {
		const dt = new DataTransfer();
		dt.items.add(new File(['Study,Year,N\nDropped,2010,42\n'], 'dropped.csv', { type: 'text/csv' }));
		return dt;
	});
	await page.dispatchEvent('main', 'dragover', { dataTransfer });
	await page.dispatchEvent('main', 'drop', { dataTransfer });
	await expect(page.getByTestId('dataset-name')).toHaveText('dropped.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '1');
});

test('?data= loads a table from this site; another site is refused', async ({ page }) => {
	await page.goto('/?data=/examples/bcg-trials.csv');
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('bcg-trials.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '13');
	await page.goto('/?data=https://example.org/evil.csv');
	await ready(page);
	await expect(page.getByTestId('data-status')).toContainText('Only tables on this site');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
});

test('an uploaded table, its mapping and the view survive a reload and a new tab', async ({
	page,
	context
}) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles('tests/fixtures/malformed.csv');
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await page.getByTestId('column-mapping').getByText('Columns and reading settings').click();
	await page.getByTestId('arm-treated').fill('Operated');
	await page.getByTestId('mapping-confirm').click();
	await expect(page.getByTestId('study-table')).toContainText('Operated');
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', '3');

	await page.reload();
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', '3');
	await expect(page.getByTestId('study-table')).toContainText('Operated');

	const second = await context.newPage();
	await second.goto('/');
	await ready(second);
	await expect(second.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await expect(second).toHaveURL(/design=rct/);
	await expect(second.getByTestId('study-count')).toHaveAttribute('data-shown', '3');

	// Back to the bundled data: forgotten everywhere after a reload.
	await second.getByTestId('reset-data').click();
	await expect(second.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
});

test('when storage is unavailable the session still works and says so', async ({ page }) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'indexedDB', { get: () => undefined });
	});
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles('tests/fixtures/malformed.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '7');
	await expect(page.getByTestId('data-status')).toContainText('not saving data');
});

test('no request leaves the origin while the dashboard is used with an uploaded file', async ({ page }) => {
	const foreign: string[] = [];
	page.on('request', (r) => {
		const url = new URL(r.url());
		if (!['localhost', '127.0.0.1'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol))
			foreign.push(r.url());
	});
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles('tests/fixtures/stats/bcg-ratio.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '13');
	await page.locator('[data-chart="forest"] [data-study-id]').first().hover();
	await page.locator('[data-chart="forest"] [data-study-id]').first().click();
	await page.getByTestId('method-select').selectOption('DL');
	await Promise.all([
		page.waitForEvent('download'),
		page.locator('[data-chart="forest"] [data-export="png"]').click()
	]);
	await Promise.all([page.waitForEvent('download'), page.locator('[data-export="csv"]').click()]);
	expect(foreign).toEqual([]);
	// The policy itself: no inline script or eval allowed, nothing fetched elsewhere.
	const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(csp).toContain("connect-src 'self'");
	expect(csp).toContain("default-src 'self'");
	expect(csp).not.toContain('unsafe-eval');
	expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')+/);
});

/**
 * Hold back the load worker's script until `release` is called, so a test sees the loading state for as long as
 * it needs, whatever the machine's speed. (The 50 MB and 400,000-row cases are measured by `npm run bench`.)
 */
async function holdWorker(page: Page) {
	let release: () => void = () => undefined;
	const released = new Promise<void>((r) => (release = r));
	let requested: () => void = () => undefined;
	const seen = new Promise<void>((r) => (requested = r));
	await page.context().route(/\/workers\/worker-[^/]*\.js$/, async (route) => {
		requested();
		await released;
		await route.continue();
	});
	return { release, seen };
}

/** A file of about `bytes` bytes in the bundled column layout, with long notes (few, wide rows); `n` rows. */
function bundledLayoutCsv(bytes: number) {
	const header =
		'id,first_author,year,journal,pmid,doi,design,data_source,country,accrual_start,accrual_end,n_total,n_surgery,n_no_surgery,median_os_surgery_months,median_os_no_surgery_months,survival_metric_note,hr_os,hr_ci_low,hr_ci_high,ci_level,hr_direction_note,hr_adjusted,p_value,source_confidence,notes,source_urls\n';
	const row = (i: number) =>
		`s${i},Author${i},${1995 + (i % 30)},,,,${['registry', 'rct', 'single-institution'][i % 3]},,,,,${100 + (i % 5000)},,,,,,${(0.5 + (i % 50) / 100).toFixed(2)},${(0.4 + (i % 50) / 100).toFixed(2)},${(0.6 + (i % 50) / 100).toFixed(2)},0.95,,,,,${'x'.repeat(700)},\n`;
	const parts = [header];
	let size = header.length;
	let n = 0;
	while (size < bytes) {
		const r = row(n++);
		parts.push(r);
		size += r.length;
	}
	return { text: parts.join(''), n };
}

test('a 1.5 MB file loads in a worker with progress while the page keeps responding', async ({ page }) => {
	const held = await holdWorker(page);
	await page.goto('/');
	await ready(page);
	const { text, n } = bundledLayoutCsv(1.5 * 1024 * 1024);
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'medium.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
	await held.seen;
	await expect(page.getByTestId('load-progress')).toBeVisible();
	await expect(page.getByTestId('load-progress').getByRole('progressbar')).toBeVisible();
	// While it reads, the page answers: a filter toggles, and the bundled data is still what is shown.
	const rct = page.locator('[data-filter="design"] [data-value="rct"]');
	await rct.click();
	await expect(rct).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
	held.release();
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-rows-loaded', String(n));
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'ok');
	await expect(page.getByTestId('load-progress')).toHaveCount(0);
	await expect(page.getByTestId('dataset-name')).toHaveText('medium.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(n));
	// More studies than a chart draws row by row: the forest says how many it left out.
	await expect(page.locator('[data-chart="forest"] [data-testid="capped-note"]')).toBeVisible();
});

test('a load can be cancelled and the current dataset stays', async ({ page }) => {
	const held = await holdWorker(page);
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'cancel-me.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Study,Year,N\nA,2010,10\nB,2011,20\n')
	});
	await held.seen;
	// The worker cannot have finished: its script is still held back.
	await page.getByTestId('load-cancel').click();
	await expect(page.getByTestId('data-status')).toContainText('cancelled');
	await expect(page.getByTestId('load-progress')).toHaveCount(0);
	held.release();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
	await expect(page.getByTestId('dataset-name')).toContainText('stage IV breast cancer');
	await expect(page.getByTestId('load-report')).not.toContainText('cancel-me.csv');
	// Cancelling leaves the input usable: the next file loads.
	await page.getByTestId('file-input').setInputFiles('tests/fixtures/malformed.csv');
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
});

test('a file over the size limit is refused before it is read', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.evaluate(() => {
		const input = document.querySelector<HTMLInputElement>('[data-testid="file-input"]');
		if (!input) throw new Error('no input');
		const file = new File([new Uint8Array(1)], 'huge.csv');
		Object.defineProperty(file, 'size', { value: 300 * 1024 * 1024 });
		const dt = new DataTransfer();
		dt.items.add(file);
		input.files = dt.files;
		input.dispatchEvent(new Event('change', { bubbles: true }));
	});
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'rejected');
	await expect(page.getByTestId('load-issue')).toContainText('over the 100 MB');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
});
