import type { Page } from '@playwright/test';
import { CASES, CP1252_NAMES, LONG_ROWS, type HostileCase } from '../fixtures/hostile/corpus';
import { expect, ready, test } from './fixtures';

/** Every hostile file goes through the real file input; a few files share one page to keep the run short. */

const BUNDLED_TOTAL = '36';
const byName = new Map(CASES.map((c) => [c.name, c]));
const pick = (...names: string[]): HostileCase[] =>
	names.map((name) => {
		const found = byName.get(name);
		if (!found) throw new Error(`no corpus case ${name}`);
		return found;
	});

/** Each case exactly once, in pages of a few files each. */
const GROUPS: Record<string, HostileCase[]> = {
	'files that are not study tables': pick(
		'empty.csv',
		'whitespace-only.csv',
		'header-only.csv',
		'image.png.csv',
		'workbook.xlsx.csv',
		'paper.pdf.csv',
		'nul-in-cell.csv',
		'no-known-columns.csv',
		'names-only.csv',
		'unnamed-rows.csv'
	),
	'markup, formulas and prototype names in cells': pick(
		'markup.csv',
		'formulas.csv',
		'prototype-headers.csv',
		'duplicate-ids.csv'
	),
	'encodings, scripts and delimiters': pick(
		'utf8-bom.csv',
		'utf16le-bom.csv',
		'utf16be-bom.csv',
		'windows-1252.csv',
		'unicode-scripts.csv',
		'european-semicolon.csv',
		'tab-separated.tsv',
		'pipe-separated.txt',
		'crlf.csv',
		'cr-only.csv'
	),
	'messy cells and rows': pick(
		'ragged-rows.csv',
		'unclosed-quote.csv',
		'quoted-newlines.csv',
		'absurd-values.csv',
		'comments-blank-lines.csv',
		'thousands-separators.csv',
		'effect-in-one-cell.csv',
		'accrual-range.csv',
		'not-reported-tokens.csv',
		'bundled-names.csv',
		'blank-headers.csv',
		'padded-cells.csv'
	),
	'a 5,000-row file': pick('long.csv'),
	'a 2,000-column header and a 2,000-cell row': pick('wide.csv', 'wide-row.csv')
};

/** Cases loaded by a test of their own at the end (they once exposed a bug). */
const KNOWN_BUGS = ['duplicate-headers.csv'];

test('every corpus case is loaded by exactly one e2e group or named as a known bug', () => {
	const covered = [
		...Object.values(GROUPS)
			.flat()
			.map((c) => c.name),
		...KNOWN_BUGS
	].sort();
	expect(covered).toEqual(CASES.map((c) => c.name).sort());
});

async function choose(page: Page, c: HostileCase) {
	const input = page.getByTestId('file-input');
	if (c.path) await input.setInputFiles(c.path);
	else await input.setInputFiles({ name: c.name, mimeType: 'text/csv', buffer: c.bytes() });
}

/** Nothing from a cell ran or became an element. */
async function expectInert(page: Page) {
	const found = await page.evaluate(() => ({
		pwned: (window as unknown as Record<string, unknown>).__pwned,
		imgX: document.querySelectorAll('img[src="x"]').length,
		handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
		jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
		cellElements: document.querySelectorAll(
			'[data-testid="study-table"] :is(script, img, svg, b, i, iframe, circle), [data-testid="load-report"] :is(script, img, svg, b)'
		).length
	}));
	expect(found).toEqual({ pwned: undefined, imgX: 0, handlers: 0, jsLinks: 0, cellElements: 0 });
}

/** Load one case and check the report, the counts and the dataset name against the corpus table. */
async function loadCase(page: Page, c: HostileCase, bundledName: string) {
	const report = page.getByTestId('load-report');
	const count = page.getByTestId('study-count');
	const name = page.getByTestId('dataset-name');
	if (c.status === 'rejected') {
		// A rejected file must leave the bundled dataset in place, so start from it.
		const reset = page.getByTestId('reset-data');
		if (await reset.isEnabled()) await reset.click();
		await expect(count).toHaveAttribute('data-total', BUNDLED_TOTAL);
	}
	await choose(page, c);
	// Rendering 5,000 studies in every chart takes seconds on a slow machine.
	await expect(report, c.name).toContainText(c.name, { timeout: 30_000 });
	await expect(report).toHaveAttribute('data-status', c.status);
	await expect(report).toHaveAttribute('data-rows-loaded', String(c.rowsLoaded));
	await expect(report).toHaveAttribute('data-rows-skipped', String(c.rowsSkipped));
	// The report lists at most 200 issues, sorted by row: the errors shown are the first of the expected ones.
	const issues = report.getByTestId('load-issue');
	const errorRows = await issues.evaluateAll((els) =>
		els
			.filter((e) => e.getAttribute('data-severity') === 'error')
			.map((e) => Number(e.getAttribute('data-row')))
	);
	if ((await issues.count()) < 200) expect(errorRows).toEqual(c.errorRows);
	else expect(errorRows).toEqual(c.errorRows.slice(0, errorRows.length));
	if (c.status === 'rejected') {
		await expect(count).toHaveAttribute('data-total', BUNDLED_TOTAL);
		await expect(name).toHaveText(bundledName);
	} else {
		await expect(name).toHaveText(c.name);
		await expect(count).toHaveAttribute('data-total', String(c.rowsLoaded));
		await expect(count).toHaveAttribute('data-shown', String(c.rowsLoaded));
		await expect(page.locator('figure[data-chart]')).not.toHaveCount(0);
	}
	await expectInert(page);
}

const row = (page: Page, id: string) =>
	page.locator(`[data-testid="study-table"] tbody tr[data-study-id="${id}"]`);

/** Checks beyond the counts, for cases whose content must survive the trip to the screen exactly. */
const AFTER: Record<string, (page: Page) => Promise<void>> = {
	'markup.csv': async (page) => {
		await expect(row(page, 'script-window-pwned-1-script-2001')).toContainText(
			'<script>window.__pwned=1</script> 2001'
		);
		await expect(row(page, 'img-src-x-onerror-window-pwned-1-2002')).toContainText(
			'<img src=x onerror="window.__pwned=1"> 2002'
		);
		await expect(row(page, 'amp-lt-smith-amp-gt-60-i-62-2003')).toContainText(
			'&amp;lt;Smith&amp;gt; &#60;i&#62; 2003'
		);
		// A DOI with markup in it is a link to doi.org (its characters escaped), never anything else.
		const hrefs = await page
			.locator('[data-testid="study-table"] a[href]')
			.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
		expect(hrefs.length).toBeGreaterThan(0);
		for (const href of hrefs) expect(href).toMatch(/^https:\/\/(doi\.org|pubmed\.ncbi\.nlm\.nih\.gov)\//);
		// Hovering a mark renders the tooltip with the label: still text.
		await page.locator('[data-chart="forest"] [data-study-id]').first().hover();
		await expectInert(page);
	},
	'formulas.csv': async (page) => {
		await expect(row(page, 'hyperlink-http-evil-example-click-2001')).toContainText(
			'=HYPERLINK("http://evil.example/","Click") 2001'
		);
		await expect(row(page, 'sum-a1-2004')).toContainText('@SUM(A1) 2004');
	},
	'prototype-headers.csv': async (page) => {
		await expect(row(page, 'proto-2001')).toContainText('__proto__ 2001');
		const polluted = await page.evaluate(() => ({
			polluted: ({} as Record<string, unknown>).polluted,
			toString: typeof ({} as Record<string, unknown>).toString
		}));
		expect(polluted).toEqual({ polluted: undefined, toString: 'function' });
	},
	'windows-1252.csv': async (page) => {
		// In the browser, Windows-1252 maps 0x96 to an en dash (Node 20's decoder does not; see the unit test).
		for (const [i, author] of CP1252_NAMES.entries())
			await expect(page.getByTestId('study-table')).toContainText(`${author} ${2001 + i}`);
	},
	'utf16le-bom.csv': async (page) => {
		await expect(page.getByTestId('study-table')).toContainText('王 2015');
		await expect(page.getByTestId('study-table')).toContainText('Smith 🧬 2019');
	},
	'unicode-scripts.csv': async (page) => {
		for (const label of ['王 2015', '田中 2016', 'العلي 2017', 'כהן 2018', 'Smith 🧬🎗️ 2019'])
			await expect(page.getByTestId('study-table')).toContainText(label);
	},
	'long.csv': async (page) => {
		// 714 negative counts (every 7th row) and 5 unnamed rows: 719 issues, 200 of them listed.
		await expect(page.getByTestId('load-report').getByTestId('load-issue')).toHaveCount(200);
		await expect(page.getByTestId('load-report')).toContainText('…and 519 more problems');
		// The table counts every study and draws only the rows near its viewport (windowed above 200).
		await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(LONG_ROWS - 5));
		await expect(page.getByTestId('study-table')).toHaveAttribute('data-rows-total', String(LONG_ROWS - 5));
		await expect(page.locator('[data-testid="study-table"] tbody tr[data-study-id]').first()).toBeAttached();
		expect(await page.locator('[data-testid="study-table"] tbody tr[data-study-id]').count()).toBeLessThan(
			200
		);
	}
};

// Trace DOM snapshots of a page holding 5,000 studies take longer than the test itself; keep the rest of the trace.
test.use({ trace: { mode: 'retain-on-failure', snapshots: false } });

for (const [title, cases] of Object.entries(GROUPS)) {
	test(`hostile files: ${title}`, async ({ page }) => {
		test.setTimeout(60_000);
		await page.goto('/');
		await ready(page);
		const bundledName = (await page.getByTestId('dataset-name').textContent()) ?? '';
		await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED_TOTAL);
		for (const c of cases) {
			await test.step(c.name, async () => {
				await loadCase(page, c, bundledName);
				await AFTER[c.name]?.(page);
			});
		}
	});
}

// Was a bug: unmapped columns repeating a header ("Journal" twice) crashed the table's keyed each block.
test('hostile files: duplicate headers render without a page error', async ({ page }) => {
	const c = byName.get('duplicate-headers.csv');
	if (!c) throw new Error('missing case');
	await page.goto('/');
	await ready(page);
	await loadCase(page, c, '');
});
