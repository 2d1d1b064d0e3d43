/**
 * Size and race cases that are too slow or too timing-dependent for the functional suite (tests/e2e has small,
 * deterministic counterparts): a 50 MB upload read in the worker while the page answers a filter toggle; a
 * 400,000-row load cancelled mid-read; the 5,000-row hostile corpus file (tests/fixtures/hostile/corpus.ts,
 * `longText`) with its issue cap and the windowed table. Each case prints numbers; none of them passes or fails.
 *
 * Called by run.mjs (set BENCH_STRESS=0 to skip), or on its own after a build: `node tests/bench/stress.mjs`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable } from './stats.mjs';

/** @typedef {import('playwright').Browser} Browser */
/** @typedef {import('playwright').Page} Page */
/** @typedef {{ case: string, metric: string, value: string }} StressRow */

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'];

/**
 * The bundled column layout, one synthetic study per row, until `bytes` is reached (as the old e2e test did).
 * @param {number} bytes
 */
export function bigCsv(bytes) {
	const header =
		'id,first_author,year,journal,pmid,doi,design,data_source,country,accrual_start,accrual_end,n_total,n_surgery,n_no_surgery,median_os_surgery_months,median_os_no_surgery_months,survival_metric_note,hr_os,hr_ci_low,hr_ci_high,ci_level,hr_direction_note,hr_adjusted,p_value,source_confidence,notes,source_urls\n';
	/** @param {number} i */
	const row = (i) =>
		`s${i},Author${i},${1995 + (i % 30)},,,,${['registry', 'rct', 'single-institution'][i % 3]},,,,,${100 + (i % 5000)},,,,,,${(0.5 + (i % 50) / 100).toFixed(2)},${(0.4 + (i % 50) / 100).toFixed(2)},${(0.6 + (i % 50) / 100).toFixed(2)},0.95,,,,,${'x'.repeat(60)},\n`;
	const parts = [header];
	let size = header.length;
	let n = 0;
	while (size < bytes) {
		const r = row(n++);
		parts.push(r);
		size += r.length;
	}
	return { buffer: Buffer.from(parts.join('')), rows: n };
}

/** The hostile corpus's long.csv (same rule as corpus.ts `longText`): every 1,000th unnamed, every 7th N negative. */
export function longCsv(rows = 5000) {
	const lines = ['Study,Year,N,HR,Lower 95% CI,Upper 95% CI,Design,Country'];
	for (let row = 1; row <= rows; row++) {
		const name = row % 1000 === 0 ? '' : `Study ${row}`;
		const n = row % 7 === 0 ? -row : row;
		lines.push(`${name},${1990 + (row % 30)},${n},0.8,0.7,0.9,Registry,USA`);
	}
	return { buffer: Buffer.from(lines.join('\n') + '\n'), loaded: rows - Math.floor(rows / 1000) };
}

/** @param {number} ms */
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** @param {Page} page @param {string} url */
async function open(page, url) {
	await page.goto(url);
	await page.waitForSelector('html[data-hydrated="true"]');
}

/**
 * Run the three cases against the site at `url`; each has its own fresh page.
 * @param {{ browser: Browser, url: string, log: (text: string) => void, timeout?: number }} options
 * @returns {Promise<StressRow[]>}
 */
export async function benchStress({ browser, url, log, timeout = 180_000 }) {
	/** @type {StressRow[]} */
	const rows = [];
	/** @param {string} name @param {(page: Page, add: (metric: string, value: string) => void) => Promise<void>} fn */
	const run = async (name, fn) => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		page.setDefaultTimeout(timeout);
		const add = (/** @type {string} */ metric, /** @type {string} */ value) => {
			rows.push({ case: name, metric, value });
			log(`stress ${name}: ${metric} ${value}`);
		};
		try {
			await fn(page, add);
		} catch (error) {
			add('error', error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
		} finally {
			await context.close().catch(() => {});
		}
	};

	await run('50 MB upload', async (page, add) => {
		await open(page, url);
		const { buffer, rows: n } = bigCsv(50 * 1024 * 1024);
		add('rows', n.toLocaleString('en'));
		// Playwright passes buffers of at most 50 MB: hand it a file.
		const dir = mkdtempSync(join(tmpdir(), 'bench-stress-'));
		const path = join(dir, 'big.csv');
		writeFileSync(path, buffer);
		const t0 = performance.now();
		await page.setInputFiles('[data-testid="file-input"]', path).catch((error) => {
			rmSync(dir, { recursive: true, force: true });
			throw error;
		});
		await page.waitForSelector('[data-testid="load-progress"]');
		add('file chosen → progress shown', sec(performance.now() - t0));
		const toggle = page.locator('[data-filter="design"] [data-value="rct"]');
		const c0 = performance.now();
		await toggle.click();
		await page.waitForSelector('[data-filter="design"] [data-value="rct"][aria-pressed="true"]');
		const stillLoading = await page.locator('[data-testid="load-progress"]').count();
		add(
			'toggle during the read → pressed',
			`${sec(performance.now() - c0)}${stillLoading ? '' : ' (after the read)'}`
		);
		// The page reads the file from disk: remove it once the report is in (or the case gave up).
		await page
			.waitForSelector(`[data-testid="load-report"][data-rows-loaded="${n}"]`)
			.finally(() => rmSync(dir, { recursive: true, force: true }));
		add('file chosen → report', sec(performance.now() - t0));
		await page.waitForSelector(`[data-testid="study-count"][data-total="${n}"]`);
		await page.waitForSelector('[data-chart="forest"] [data-testid="capped-note"]');
		add('file chosen → count and capped forest', sec(performance.now() - t0));
	});

	await run('400,000-row cancel', async (page, add) => {
		await open(page, url);
		const total = await page.locator('[data-testid="study-count"]').getAttribute('data-total');
		const big = 'Study,Year,N\n' + Array.from({ length: 400_000 }, (_, i) => `S${i},2010,${i}`).join('\n');
		const t0 = performance.now();
		await page.setInputFiles('[data-testid="file-input"]', {
			name: 'cancel-me.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(big)
		});
		const cancel = page.locator('[data-testid="load-cancel"]');
		let clicked = false;
		try {
			await cancel.click({ timeout: 30_000 });
			clicked = true;
		} catch {
			/* the load finished before the button could be pressed */
		}
		if (!clicked) {
			add('outcome', `finished before cancel could be clicked (${sec(performance.now() - t0)})`);
			return;
		}
		const c0 = performance.now();
		await page.waitForSelector('[data-testid="data-status"]:has-text("cancelled")');
		add('cancel click → "cancelled"', sec(performance.now() - c0));
		const after = await page.locator('[data-testid="study-count"]').getAttribute('data-total');
		add('dataset kept', after === total ? `yes (${after})` : `NO: ${total} → ${after}`);
	});

	await run('5,000-row hostile file', async (page, add) => {
		await open(page, url);
		const { buffer, loaded } = longCsv();
		const t0 = performance.now();
		await page.setInputFiles('[data-testid="file-input"]', {
			name: 'long.csv',
			mimeType: 'text/csv',
			buffer
		});
		await page.waitForSelector(`[data-testid="load-report"][data-rows-loaded="${loaded}"]`);
		add('file chosen → report', sec(performance.now() - t0));
		await page.waitForSelector(`[data-testid="study-count"][data-total="${loaded}"]`);
		add('issues listed', String(await page.locator('[data-testid="load-issue"]').count()));
		// The table is windowed above 200 studies: it counts them all and draws the rows near its viewport.
		await page.waitForSelector(`[data-testid="study-table"][data-rows-total="${loaded}"]`);
		add(
			'table rows in the page (windowed)',
			String(await page.locator('[data-testid="study-table"] tbody tr[data-study-id]').count())
		);
		const s0 = performance.now();
		await page.evaluate(() => {
			const box = document.querySelector('[data-testid="study-table"]')?.closest('.wrap');
			if (box) box.scrollTop = box.scrollHeight;
		});
		// The last study's row carries aria-rowindex = studies + 1 (the header is row 1).
		await page.waitForSelector(
			`[data-testid="study-table"] tr[data-study-id][aria-rowindex="${loaded + 1}"]`
		);
		add('scroll to the end → last rows drawn', sec(performance.now() - s0));
	});
	return rows;
}

/** @param {StressRow[]} rows */
export function stressTable(rows) {
	return markdownTable(
		['stress case', 'metric', 'value'],
		rows.map((r) => [r.case, r.metric, r.value])
	);
}

// On its own: serve build/ and run the cases.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const { chromium } = await import('playwright');
	const { findChromium } = await import('../setup/chromium.mjs');
	const { serveStatic } = await import('./serve.mjs');
	const root = fileURLToPath(new URL('../..', import.meta.url));
	readFileSync(join(root, 'build/index.html')); // fails clearly without a build
	const server = await serveStatic(join(root, 'build'));
	const browser = await chromium.launch({
		executablePath: (await findChromium()) ?? undefined,
		args: LAUNCH_ARGS
	});
	try {
		const rows = await benchStress({ browser, url: server.url, log: (t) => console.error(t) });
		console.log(stressTable(rows));
	} finally {
		await browser.close();
		await server.close();
	}
}
