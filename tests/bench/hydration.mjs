/**
 * The first-answer budget on its own, in seconds instead of a bench run: one cold load of build/ (served as a
 * snapshot-free static site), the scripts fetched by the time `html[data-hydrated]` is set (as run.mjs counts them:
 * gzip level 9 of each file, once), listed by size, beside what build/index.html ships to first paint (bytes.mjs),
 * and the longest main-thread task until then (hydration: the charts turn live one per task after it).
 *
 *   npx vite build && node tests/bench/hydration.mjs [path?query]
 *
 * Exits 1 when the scripts before `data-hydrated` pass the budget (80 KB gzip, issue 21).
 */
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { shippedBytes } from './bytes.mjs';
import { findChromium } from '../setup/chromium.mjs';
import { serveStatic } from './serve.mjs';

const SITE = fileURLToPath(new URL('../../build', import.meta.url));
const BUDGET = 80 * 1024;

/** @param {string} path a path of the site @returns {number} its gzip bytes (0 when not in the site) */
const gzipOf = (path) => {
	const file = join(SITE, decodeURIComponent(path));
	return existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
};
/** @param {number} bytes */
const kb = (bytes) => (bytes / 1024).toFixed(1);

const executablePath = await findChromium();
if (!executablePath) throw new Error('No Chromium found: run `node tests/setup/chromium.mjs --ensure`.');
const server = await serveStatic(SITE);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
	const page = await browser.newPage();
	await page.addInitScript(() => {
		// Main-thread tasks over 50 ms from the start (hydration is the longest of them when nothing else runs).
		/** @type {number[]} */
		const long = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) long.push(e.duration);
		}).observe({ type: 'longtask', buffered: true });
		new MutationObserver((_, observer) => {
			if (document.documentElement.dataset.hydrated !== 'true') return;
			observer.disconnect();
			sessionStorage.setItem('bench-hydrated-tasks', JSON.stringify(long));
			sessionStorage.setItem(
				'bench-hydrated-js',
				JSON.stringify(
					performance
						.getEntriesByType('resource')
						.filter((e) => /\.m?js(\?|$)/.test(e.name))
						.map((e) => new URL(e.name).pathname)
				)
			);
		}).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
	});
	await page.goto(new URL(process.argv[2] ?? '', server.url).href);
	const found = await page.waitForFunction(() => sessionStorage.getItem('bench-hydrated-js'));
	/** @type {string[]} */
	const paths = JSON.parse(String(await found.jsonValue()));
	const files = [...new Set(paths)].map((path) => ({ path, gzip: gzipOf(path) }));
	files.sort((a, b) => b.gzip - a.gzip);
	for (const f of files) console.log(`${kb(f.gzip).padStart(6)} KB  ${f.path}`);
	const total = files.reduce((s, f) => s + f.gzip, 0);
	console.log(`JS fetched before html[data-hydrated]: ${kb(total)} KB gzip (budget ${kb(BUDGET)} KB)`);
	console.log(`JS to first paint (build/index.html): ${kb(shippedBytes(SITE).js.gzip)} KB gzip`);
	/** @type {number[]} */
	const tasks = JSON.parse(
		(await page.evaluate(() => sessionStorage.getItem('bench-hydrated-tasks'))) ?? '[]'
	);
	console.log(
		`Main-thread tasks over 50 ms before html[data-hydrated] (a cold load, hydration among them): ${tasks.length}, longest ${Math.round(Math.max(0, ...tasks))} ms`
	);
	process.exitCode = total <= BUDGET ? 0 : 1;
} finally {
	await browser.close();
	await server.close();
}
