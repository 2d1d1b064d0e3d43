#!/usr/bin/env node
/**
 * Large tables (issues 18 and 21): synthetic study tables (tests/bench/synth.mjs) of 100,000 and 1,000,000 rows,
 * each loaded through the file input of the built site in headless Chromium, then the page reloaded (the table
 * comes back from IndexedDB). Prints, per size and phase, the longest main-thread task (PerformanceObserver
 * 'longtask', from choosing the file, or from the reload's start, until the page is idle) and the time from
 * choosing the file (or reloading) to the load report, with PASS/FAIL against the budgets:
 *   100,000 rows: no main-thread task over 50 ms;
 *   1,000,000 rows: no main-thread task over 200 ms, the report in under 30 s.
 *
 * Environment: LARGE_SIZES=100000,1000000 (rows), LARGE_PROFILE=1 (CPU-profile the main thread of each phase and
 * print its hottest functions; profiles saved under bench-results/profiles/large-*), LARGE_TIMEOUT=300000 (ms).
 * Run after a build: `node tests/bench/large.mjs` (a step of `npm run bench`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { findChromium } from '../setup/chromium.mjs';
import { hotFunctions } from './profile.mjs';
import { serveStatic } from './serve.mjs';
import { synthCsv } from './synth.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILD = join(ROOT, 'build');
const OUT = join(ROOT, 'bench-results', 'profiles');
const env = process.env;
const SIZES = (env.LARGE_SIZES ?? '100000,1000000')
	.split(',')
	.map((s) => Number(s.trim().replace(/_/g, '')))
	.filter((n) => Number.isInteger(n) && n > 0);
const PROFILE = env.LARGE_PROFILE === '1';
const TIMEOUT = Number(env.LARGE_TIMEOUT ?? 300_000);

/** The budgets of issues 18 and 21, by size (the smallest budget whose size is at least the table's applies). */
/** @param {number} rows */
function budget(rows) {
	if (rows <= 100_000) return { taskMs: 50, reportMs: null };
	return { taskMs: 200, reportMs: 30_000 };
}

/** Long tasks of the current document, from its start (buffered observer installed before any script). */
const OBSERVE = () => {
	const w = /** @type {any} */ (window);
	w.__longtasks = [];
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
	}).observe({ type: 'longtask', buffered: true });
};

/** Wait until the main thread has been idle (two idle callbacks after two frames), so every task has finished. */
const settle = () =>
	new Promise((resolve) =>
		requestAnimationFrame(() =>
			requestAnimationFrame(() =>
				requestIdleCallback(() => requestIdleCallback(() => resolve(undefined), { timeout: 20_000 }), {
					timeout: 20_000
				})
			)
		)
	);

/**
 * The long tasks since `t0` (page clock): the longest, how many, and the five longest.
 * @param {import('playwright').Page} page @param {number} t0
 */
const tasksSince = (page, t0) =>
	page.evaluate((since) => {
		/** @type {{ start: number, duration: number }[]} */
		const all = /** @type {any} */ (window).__longtasks.filter(
			(/** @type {{start: number, duration: number}} */ t) => t.start + t.duration > since
		);
		const top = [...all].sort((a, b) => b.duration - a.duration).slice(0, 5);
		return {
			longestMs: Math.max(0, ...all.map((t) => t.duration)),
			count: all.length,
			top: top.map((t) => `${Math.round(t.duration)} ms at ${((t.start - since) / 1000).toFixed(1)} s`)
		};
	}, t0);

/** @param {import('playwright').Page} page @param {string} name */
const shows = (page, name) =>
	page.waitForFunction(
		(n) =>
			document.querySelector('[data-testid="dataset-name"]')?.textContent?.trim() === n &&
			document.querySelector('[data-testid="load-report"]')?.getAttribute('data-status') !== null,
		name,
		{ timeout: TIMEOUT, polling: 200 }
	);

/**
 * @param {import('playwright').CDPSession} cdp
 */
async function startProfile(cdp) {
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
	await cdp.send('Profiler.start');
}

/**
 * @param {import('playwright').CDPSession} cdp @param {string} name
 * @returns {Promise<string[]>}
 */
async function stopProfile(cdp, name) {
	const { profile } = await cdp.send('Profiler.stop');
	mkdirSync(OUT, { recursive: true });
	writeFileSync(join(OUT, `${name}.cpuprofile`), JSON.stringify(profile));
	const hot = hotFunctions(/** @type {import('./profile.mjs').CpuProfile} */ (profile), BUILD, 12);
	return hot.map((h) => `${h.ms.toFixed(0)} ms ${h.name} ${h.where} ${h.snippet}`.slice(0, 220));
}

/**
 * @typedef {{ rows: number, phase: string, longestMs: number, count: number, top: string[], reportMs: number,
 *   status: string, hot: string[] }} Result
 */

/**
 * Load `rows` synthetic rows, then reload.
 * @param {import('playwright').Browser} browser @param {string} url @param {number} rows
 * @returns {Promise<Result[]>}
 */
async function measure(browser, url, rows) {
	const name = `synthetic-${rows}.csv`;
	const csv = Buffer.from(synthCsv(rows, 7));
	const context = await browser.newContext();
	await context.addInitScript(OBSERVE);
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	/** @type {Result[]} */
	const results = [];
	try {
		await page.goto(url);
		await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await page.evaluate(settle);
		const cdp = await context.newCDPSession(page);
		if (PROFILE) await startProfile(cdp);
		const t0 = await page.evaluate(() => performance.now());
		const started = Date.now();
		await page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'text/csv', buffer: csv });
		await shows(page, name);
		const reportMs = Date.now() - started;
		await page.evaluate(settle);
		const hot = PROFILE ? await stopProfile(cdp, `large-${rows}-load`) : [];
		const status = (await page.getByTestId('load-report').getAttribute('data-status')) ?? '';
		results.push({ rows, phase: 'load', ...(await tasksSince(page, t0)), reportMs, status, hot });
		// Saved before the report; a reload reads it back through the same pipeline.
		const again = Date.now();
		await page.reload({ waitUntil: 'commit' });
		const cdp2 = await context.newCDPSession(page);
		if (PROFILE) await startProfile(cdp2);
		await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await shows(page, name);
		const reloadMs = Date.now() - again;
		await page.evaluate(settle);
		const hot2 = PROFILE ? await stopProfile(cdp2, `large-${rows}-reload`) : [];
		const status2 = (await page.getByTestId('load-report').getAttribute('data-status')) ?? '';
		results.push({
			rows,
			phase: 'after reload',
			...(await tasksSince(page, 0)),
			reportMs: reloadMs,
			status: status2,
			hot: hot2
		});
	} finally {
		await context.close();
	}
	return results;
}

async function main() {
	const executablePath = await findChromium();
	const site = await serveStatic(BUILD);
	const browser = await chromium.launch({
		executablePath: executablePath ?? undefined,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking']
	});
	/** @type {Result[]} */
	const results = [];
	try {
		for (const rows of SIZES) {
			console.error(`[large] ${rows.toLocaleString('en')} rows…`);
			try {
				results.push(...(await measure(browser, site.url, rows)));
			} catch (error) {
				const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
				results.push({
					rows,
					phase: 'load',
					longestMs: NaN,
					count: 0,
					top: [],
					reportMs: NaN,
					status: `error: ${message}`,
					hot: []
				});
			}
		}
	} finally {
		await browser.close();
		await site.close();
	}
	console.log(
		'\n| rows | phase | longest main-thread task | long tasks | to load report | status | budget | verdict |'
	);
	console.log('|---|---|---|---|---|---|---|---|');
	const failures = [];
	for (const r of results) {
		const b = budget(r.rows);
		const over = !(r.longestMs <= b.taskMs) || (b.reportMs !== null && !(r.reportMs < b.reportMs));
		if (over) failures.push(r);
		const limit = `task ≤ ${b.taskMs} ms${b.reportMs === null ? '' : `, report < ${b.reportMs / 1000} s`}`;
		console.log(
			`| ${r.rows.toLocaleString('en')} | ${r.phase} | ${r.longestMs.toFixed(0)} ms | ${r.count} | ${(r.reportMs / 1000).toFixed(1)} s | ${r.status} | ${limit} | ${over ? 'FAIL' : 'PASS'} |`
		);
	}
	for (const r of results) {
		if (r.top.length) console.log(`\n${r.rows} rows, ${r.phase}: longest tasks ${r.top.join('; ')}`);
		if (r.hot.length) console.log(`  hottest main-thread functions:\n  - ${r.hot.join('\n  - ')}`);
	}
	if (failures.length > 0) {
		console.log(`\nFAIL: ${failures.length} of ${results.length} phases over budget.`);
		process.exitCode = 1;
	} else console.log('\nPASS: every phase within budget.');
}

await main();
