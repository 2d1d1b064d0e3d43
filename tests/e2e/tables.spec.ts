import { readFileSync } from 'node:fs';
import { expect, ready, test } from './fixtures';

/** metafor's REML fits of each fixture (tests/fixtures/tables/make.R). */
const expected = JSON.parse(readFileSync('tests/fixtures/tables/expected.json', 'utf8')) as Record<
	string,
	{ k: number; estimate: number; ci_low: number; ci_high: number }
>;
const fixture = (name: string) => ({
	name: `${name}.csv`,
	mimeType: 'text/csv',
	buffer: readFileSync(`tests/fixtures/tables/${name}.csv`)
});
/** Relative difference, for "within 0.2%". */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

for (const name of ['hackshaw-revman', 'bcg-counts', 'bcg-european']) {
	test(`${name}: loads through the file input with no hand mapping and pools to metafor’s REML`, async ({
		page
	}) => {
		const ref = expected[name]!;
		// bcg-counts pools its allocations apart: every trial together is asked for (overall=1).
		await page.goto('/?method=REML&overall=1');
		await ready(page);
		await page.getByTestId('file-input').setInputFiles(fixture(name));
		const report = page.getByTestId('load-report');
		await expect(report).toHaveAttribute('data-status', 'ok');
		await expect(page.getByTestId('dataset-name')).toHaveText(`${name}.csv`);
		await expect(page.getByTestId('load-issue').filter({ hasText: 'not a number' })).toHaveCount(0);
		const pooled = page.locator('[data-testid="pooled-estimate"][data-group="all"]');
		await expect(pooled).toHaveAttribute('data-k', String(ref.k));
		await expect(pooled).toHaveAttribute('data-method', 'REML');
		const value = async (attr: string) => Number(await pooled.getAttribute(attr));
		expect(rel(await value('data-estimate'), ref.estimate)).toBeLessThan(0.002);
		expect(rel(await value('data-ci-low'), ref.ci_low)).toBeLessThan(0.002);
		expect(rel(await value('data-ci-high'), ref.ci_high)).toBeLessThan(0.002);
	});
}

test('the RevMan Total row and summary lines are left out, in one report line', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles(fixture('hackshaw-revman'));
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'ok');
	await expect(page.getByTestId('load-issue').filter({ hasText: 'summary rows were left out' })).toHaveCount(
		1
	);
	await expect(page.getByTestId('study-count')).toHaveAttribute(
		'data-total',
		String(expected['hackshaw-revman']!.k)
	);
});

test('a table without a recognised study name points at the Study select', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'who.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Who,Hazard Ratio,Lower CI,Upper CI,Weight\nA,0.8,0.6,1.0,50%\nB,0.9,0.7,1.2,50%\n')
	});
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'rejected');
	await expect(page.getByTestId('load-issue').first()).toContainText('study name');
	const select = page.locator('[data-testid="column-mapping"] select[data-role="label"]');
	await expect(select).toBeFocused();
	await expect(select).toHaveAttribute('aria-invalid', 'true');
	await select.selectOption({ label: 'Who' });
	await page.getByTestId('mapping-confirm').click();
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'ok');
	await expect(page.locator('[data-testid="pooled-estimate"][data-group="all"]')).toHaveAttribute(
		'data-k',
		'2'
	);
});

test('a table with a ratio but no interval says why nothing can be pooled', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'ratios.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Study,Ratio,Spread\nA 2001,0.8,x\nB 2002,0.9,y\n')
	});
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-status', 'ok');
	await expect(page.getByTestId('load-hint')).toContainText('No study can be pooled');
	await expect(page.locator('[data-testid="column-mapping"] select[data-role="ci_low"]')).toBeFocused();
});

test('a 2×2 table can be pooled as odds ratios, chosen in the mapping panel', async ({ page }) => {
	await page.goto('/?method=REML&overall=1');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles(fixture('bcg-counts'));
	const pooled = page.locator('[data-testid="pooled-estimate"][data-group="all"]');
	await expect(pooled).toHaveAttribute('data-k', '13');
	const rr = Number(await pooled.getAttribute('data-estimate'));
	await page.getByText('Columns and reading settings').click();
	await page.getByTestId('measure-select').selectOption('OR');
	await page.getByTestId('mapping-confirm').click();
	await expect(pooled).not.toHaveAttribute('data-estimate', String(rr));
	await expect(pooled).toContainText('OR');
});

test('patients come from the arms when no total is given, never “0 patients”', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'arms.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'Study,Year,n_treated,n_control,HR,Lower,Upper\nA,2001,120,80,0.8,0.6,1.0\nB,2002,30,20,0.9,0.7,1.2\n'
		)
	});
	await expect(page.getByTestId('study-count')).toContainText(
		`${(120 + 80 + 30 + 20).toLocaleString('en')} patients`
	);
	await page.getByTestId('file-input').setInputFiles({
		name: 'none.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Study,HR,Lower,Upper\nA 2001,0.8,0.6,1.0\n')
	});
	await expect(page.getByTestId('study-count')).toContainText('patients not reported');
});

test('a saved record of the wrong shape is dropped with a message, and the page works', async ({ page }) => {
	// Written from a page of the same origin that does not run the dashboard, so no save of its own can overwrite it.
	await page.goto('/favicon.svg');
	// The record of issue 13: right version, wrong field types.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('evidence-dashboard');
				open.onupgradeneeded = () => open.result.createObjectStore('state');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('state', 'readwrite');
					tx.objectStore('state').put({ version: 1, table: {} }, 'session');
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			})
	);
	await page.goto('/');
	await ready(page);
	await expect(page.getByTestId('data-status')).toContainText('could not be read back');
	const total = await page.getByTestId('study-count').getAttribute('data-total');
	expect(Number(total)).toBeGreaterThan(0);
	// Dropped for good: the next visit has nothing to complain about.
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', total ?? '');
	await expect(page.getByTestId('data-status')).toHaveCount(0);
});
