import type { Page } from '@playwright/test';
import { CASES, CP1252_NAMES, type HostileCase } from '../fixtures/hostile/corpus';
import { ALL_CHARTS, BUNDLED_TOTAL, expect, ready, test } from './fixtures';

/** Every hostile file goes through the real file input; a few files share one page to keep the run short. */

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
	'a 2,000-column header and a 2,000-cell row': pick('wide.csv', 'wide-row.csv')
};

/** Cases loaded by a test of their own at the end (they once exposed a bug). */
const KNOWN_BUGS = ['duplicate-headers.csv'];
/** Size cases: loaded and timed by `npm run bench` (tests/bench/stress.mjs); a 1,200-row counterpart runs below. */
const BENCH_ONLY = ['long.csv'];

test('every corpus case is loaded by exactly one e2e group, a known-bug test or the benchmark', () => {
	const covered = [
		...Object.values(GROUPS)
			.flat()
			.map((c) => c.name),
		...KNOWN_BUGS,
		...BENCH_ONLY
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
	await expect(report, c.name).toContainText(c.name);
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
		await expectDrawn(page, c.rowsLoaded);
	}
	await expectInert(page);
}

/**
 * The loaded studies reached the screen: one table row each, every chart either drawn or saying why not, and no
 * chart mark for a study that is not in the table.
 */
async function expectDrawn(page: Page, rowsLoaded: number) {
	const tableIds = page.locator('[data-testid="study-table"] tbody tr[data-study-id]');
	// One row per study up to 200; above that the table is windowed (CONTRACT.md "Table").
	await expect(page.getByTestId('study-table')).toHaveAttribute('data-rows-total', String(rowsLoaded));
	if (rowsLoaded <= 200) await expect(tableIds).toHaveCount(rowsLoaded);
	else expect(await tableIds.count()).toBeLessThan(rowsLoaded);
	const inTable = new Set(
		await tableIds.evaluateAll((els) => els.map((e) => e.getAttribute('data-study-id')))
	);
	for (const chart of ALL_CHARTS) {
		const figure = page.locator(`figure[data-chart="${chart}"]`);
		await expect(figure, chart).toHaveCount(1);
		await expect(figure.locator('svg[role], [data-testid="empty-state"]').first(), chart).toBeAttached();
		const marks = await figure
			.locator('[data-study-id]')
			.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-study-id')))]);
		if (rowsLoaded <= 200)
			expect(
				marks.filter((id) => !inTable.has(id)),
				chart
			).toEqual([]);
	}
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
	}
};

for (const [title, cases] of Object.entries(GROUPS)) {
	test(`hostile files: ${title}`, async ({ page }) => {
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

/** The 5,000-row corpus case, small: 1,200 rows, every 5th with a negative N, the 1,000th unnamed. */
function longish() {
	const rows = 1200;
	const lines = ['Study,Year,N,HR,Lower 95% CI,Upper 95% CI,Design,Country'];
	for (let row = 1; row <= rows; row++) {
		const name = row % 1000 === 0 ? '' : `Study ${row}`;
		const n = row % 5 === 0 ? -row : row;
		lines.push(`${name},${1990 + (row % 30)},${n},0.8,0.7,0.9,Registry,USA`);
	}
	const negatives = Math.floor(rows / 5) - 1; // row 1000 is both: skipped, not warned
	return { text: lines.join('\n') + '\n', loaded: rows - 1, issues: negatives + 1 };
}

test('a long file: issues capped at 200 with the rest counted, the table offers the rows past 1,000', async ({
	page
}) => {
	const { text, loaded, issues } = longish();
	await page.goto('/');
	await ready(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'longish.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(text)
	});
	const report = page.getByTestId('load-report');
	await expect(report).toHaveAttribute('data-status', 'partial');
	await expect(report).toHaveAttribute('data-rows-loaded', String(loaded));
	await expect(report).toHaveAttribute('data-rows-skipped', '1');
	await expect(report.getByTestId('load-issue')).toHaveCount(200);
	await expect(report).toContainText(`…and ${issues - 200} more problems`);
	await expect(report.locator('[data-testid="load-issue"][data-severity="error"]')).toHaveAttribute(
		'data-row',
		'1000'
	);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(loaded));
	// The table counts every study and, above 200, draws only the rows near its viewport.
	await expect(page.getByTestId('study-table')).toHaveAttribute('data-rows-total', String(loaded));
	const rows = page.locator('[data-testid="study-table"] tbody tr[data-study-id]');
	await expect(rows.first()).toBeAttached();
	expect(await rows.count()).toBeLessThan(200);
	await expectInert(page);
});
