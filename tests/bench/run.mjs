#!/usr/bin/env node
/**
 * `npm run bench`: the dashboard measured in real headless Chromium against the built site (vite preview),
 * on the bundled data and on synthetic tables (tests/bench/synth.mjs), beside a Vega-Lite page drawing the
 * same five charts (tests/bench/competitor.mjs). Prints one markdown table of medians with the budgets, and
 * writes bench-results/bench.json (+ bench.md).
 *
 * Environment:
 *   BENCH_RUNS=5            cold loads per page (medians)
 *   BENCH_LOAD_RUNS=3       CSV loads per size, and Vega-Lite loads per synthetic size
 *   BENCH_SAMPLES=30        input→paint samples per interaction and size
 *   BENCH_PNG_RUNS=3        PNG exports per scale and size
 *   BENCH_SIZES=bundled,1000,10000,100000
 *   BENCH_STEP_TIMEOUT=60000  ms; a step over this is recorded as "timeout" and the bench moves on
 *   BENCH_REPEAT_LIMIT=15000  ms; a load or export slower than this is not repeated (one run is enough to see it)
 *   BENCH_COMPETITOR=0      skip the Vega-Lite baseline
 *   BENCH_CPU=0             do not trace interactions (no main-thread CPU per input)
 *   BENCH_PNG=0             skip the PNG exports
 *   BENCH_STRESS=0          skip the stress cases (50 MB upload, 400,000-row cancel, 5,000-row hostile file;
 *                           tests/bench/stress.mjs)
 *   BENCH_ONLY=interactions only what the interaction steps need: one cold load (bundled) or CSV load per size,
 *                           then the idle floor, toggle, hover, brush and search steps (and Vega-Lite's toggle);
 *                           no first clicks, PNG (unless BENCH_PNG=1), stress or bundled CSV loads
 *   BENCH_PROFILE=1         also trace (script/style/layout/paint) and CPU-profile a toggle and a CSV load
 *   BENCH_OUT=bench-results
 *   BENCH_SERVER=static     serve a snapshot of build/ (copied to bench-results/site-PID and removed afterwards,
 *                           so a rebuild during the run changes nothing); BENCH_SERVER=vite: `vite preview`
 * Run after a build: `node tests/bench/run.mjs` (npm run bench builds first).
 */
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { chromium } from 'playwright';
import { findChromium } from '../setup/chromium.mjs';
import { shippedBytes } from './bytes.mjs';
import { startCompetitorServer } from './competitor.mjs';
import { serveStatic } from './serve.mjs';
import { benchInit } from './inpage.mjs';
import { cpuOf, hotFunctions, traceBreakdown, windowBreakdowns } from './profile.mjs';
import { fmtKb, fmtMb, fmtMs, fmtRatio, markdownTable, median, summarise } from './stats.mjs';
import { synthCsv } from './synth.mjs';
import { benchStress, stressTable } from './stress.mjs';

/** @typedef {import('playwright').Browser} Browser */
/** @typedef {import('playwright').BrowserContext} BrowserContext */
/** @typedef {import('playwright').Page} Page */
/** @typedef {import('playwright').CDPSession} CDPSession */
/** @typedef {import('./inpage.mjs').BenchWindow} BenchWindow */
/** @typedef {import('./stats.mjs').Summary} Summary */
/** @typedef {import('./profile.mjs').Breakdown} Breakdown */
/** @typedef {import('./profile.mjs').HotFunction} HotFunction */
/**
 * A step's outcome: a value, or why there is none.
 * @template T
 * @typedef {{ ok: true, value: T, ms: number } | { ok: false, status: 'timeout' | 'error' | 'skipped', message: string, ms: number }} Step
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILD = join(ROOT, 'build');
const env = process.env;
/** @param {string | undefined} v @param {number} fallback */
const int = (v, fallback) =>
	v && Number.isFinite(Number(v)) ? Math.max(1, Math.round(Number(v))) : fallback;
const ONLY_INTERACTIONS = env.BENCH_ONLY === 'interactions';
const RUNS = ONLY_INTERACTIONS ? 1 : int(env.BENCH_RUNS, 5);
const CONFIG = {
	runs: RUNS,
	loadRuns: int(env.BENCH_LOAD_RUNS, Math.min(3, RUNS)),
	samples: int(env.BENCH_SAMPLES, 30),
	pngRuns: int(env.BENCH_PNG_RUNS, 3),
	sizes: (env.BENCH_SIZES ?? 'bundled,1000,10000,100000')
		.split(',')
		.map((s) => s.trim().replace(/_/g, ''))
		.filter((s) => s === 'bundled' || /^\d+$/.test(s)),
	stepTimeout: int(env.BENCH_STEP_TIMEOUT, 60_000),
	repeatLimit: int(env.BENCH_REPEAT_LIMIT, 15_000),
	competitor: env.BENCH_COMPETITOR !== '0',
	cpu: env.BENCH_CPU !== '0',
	png: ONLY_INTERACTIONS ? env.BENCH_PNG === '1' : env.BENCH_PNG !== '0',
	stress: !ONLY_INTERACTIONS && env.BENCH_STRESS !== '0',
	onlyInteractions: ONLY_INTERACTIONS,
	profile: env.BENCH_PROFILE === '1',
	out: resolve(ROOT, env.BENCH_OUT ?? 'bench-results'),
	server: env.BENCH_SERVER === 'vite' ? 'vite preview' : 'static snapshot of build/'
};
const LAUNCH_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const VIEWPORT = { width: 1280, height: 900 };
/** A PNG export this slow fails its budget many times over; don't wait the whole step for it. */
const PNG_TIMEOUT = Math.min(CONFIG.stepTimeout, 30_000);
/** An interaction step: samples start within the step time, and the last may take the step time again. */
const LATENCY_STEP = CONFIG.stepTimeout * 2 + 5000;

/** The site measured: a snapshot of build/ (or build/ itself with BENCH_SERVER=vite). */
const SITE = env.BENCH_SERVER === 'vite' ? BUILD : join(CONFIG.out, `site-${process.pid}`);
const started = performance.now();
/** @param {string} text */
const log = (text) =>
	console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${text}`);
/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class StepTimeout extends Error {}

/**
 * Race a promise against a timeout; the loser's rejection is swallowed so nothing is left unhandled.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} label
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, label) {
	promise.catch(() => {});
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let timer;
	const timeout = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new StepTimeout(`${label}: over ${Math.round(ms / 1000)} s`)), ms);
	});
	return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/**
 * Run one time-bounded step; never throws.
 * @template T
 * @param {string} label
 * @param {() => Promise<T>} fn
 * @param {number} [ms]
 * @returns {Promise<Step<T>>}
 */
async function step(label, fn, ms = CONFIG.stepTimeout) {
	const t0 = performance.now();
	try {
		const value = await withTimeout(fn(), ms, label);
		const took = performance.now() - t0;
		log(`${label}: ok (${(took / 1000).toFixed(1)} s)`);
		return { ok: true, value, ms: took };
	} catch (error) {
		const took = performance.now() - t0;
		const status = error instanceof StepTimeout ? 'timeout' : 'error';
		const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
		log(`${label}: ${status.toUpperCase()} – ${message}`);
		return { ok: false, status, message, ms: took };
	}
}

/** @param {string} message @returns {Step<never>} */
const skipped = (message) => ({ ok: false, status: 'skipped', message, ms: 0 });

// ---------------------------------------------------------------------------------------------- browser

/** @type {{ browser: Browser | null, executablePath: string }} */
const chrome = { browser: null, executablePath: '' };

async function ensureBrowser() {
	if (chrome.browser?.isConnected()) return chrome.browser;
	chrome.browser = await chromium.launch({ executablePath: chrome.executablePath, args: LAUNCH_ARGS });
	return chrome.browser;
}

async function restartBrowser() {
	const old = chrome.browser;
	chrome.browser = null;
	if (old) await withTimeout(old.close(), 20_000, 'closing the browser').catch(() => {});
	return ensureBrowser();
}

/** @type {string[]} */
const pageErrors = [];

/**
 * A fresh context (empty cache) and page with the benchmark's in-page helpers.
 * @param {{ firstClick?: boolean }} [options] click a design toggle as soon as the page is hydrated
 */
async function openPage(options = {}) {
	const browser = await ensureBrowser();
	const context = await browser.newContext({
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		acceptDownloads: true
	});
	await context.addInitScript(benchInit);
	if (options.firstClick)
		await context.addInitScript(() => {
			/** @type {{ __benchFirstClick?: boolean }} */ (/** @type {unknown} */ (window)).__benchFirstClick =
				true;
		});
	const page = await context.newPage();
	page.on('pageerror', (e) => pageErrors.push(`${new URL(page.url()).port}: ${e.message.split('\n')[0]}`));
	return { context, page };
}

/** Close a context; if the renderer is wedged and that hangs, replace the browser. @param {BrowserContext} context */
async function dispose(context) {
	try {
		await withTimeout(context.close(), 15_000, 'closing a page');
	} catch {
		log('a page would not close: restarting the browser');
		await restartBrowser();
	}
}

/** The page of the latest run, kept open for the interactions that follow; the one before is closed. */
class Keeper {
	/** @type {{ context: BrowserContext, page: Page } | null} */
	current = null;
	/** @param {{ context: BrowserContext, page: Page }} run */
	async keep(run) {
		const old = this.current;
		this.current = { context: run.context, page: run.page };
		if (old) await dispose(old.context);
	}
}

/** @param {CDPSession} cdp */
async function heapUsed(cdp) {
	const { metrics } = await cdp.send('Performance.getMetrics');
	return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

/** In-page: wait for the frame after the next one to be painted. */
const settle = () =>
	new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));

// ---------------------------------------------------------------------------------------------- measurements

/**
 * @typedef {{ drawn: number, lcp: number | null, fcp: number | null, mark: number | null, domContentLoaded: number | null,
 *   longestTask: number, tbt: number, embedToDrawn: number | null, svgElements: number,
 *   hydratedJs?: string[] | null, hydratedJsGzip?: number | null }} ColdLoad hydratedJs: the scripts fetched before
 *   `html[data-hydrated]` (paths), hydratedJsGzip: their gzip bytes (level 9, from the site's files)
 */

/** Gzip bytes of the site's files at these paths (those not in the site, e.g. another server's, count 0). @param {string[]} paths */
function gzipOfSite(paths) {
	let total = 0;
	for (const p of new Set(paths)) {
		const file = join(SITE, decodeURIComponent(p));
		if (existsSync(file)) total += gzipSync(readFileSync(file), { level: 9 }).length;
	}
	return total;
}

/**
 * Navigate a fresh page to `url` and wait until every chart is drawn (polled from navigation, in the page).
 * The page is returned open; the caller disposes of it.
 * @param {string} url
 */
async function coldLoad(url) {
	const { context, page } = await openPage();
	try {
		await page.goto(url, { waitUntil: 'commit', timeout: CONFIG.stepTimeout });
		await page.waitForFunction(
			() => {
				const root = document.documentElement;
				if (root.dataset.drawn === 'error') throw new Error(`page failed: ${root.dataset.error}`);
				return /** @type {BenchWindow} */ (window).__bench.drawnAt !== null;
			},
			null,
			{ timeout: CONFIG.stepTimeout, polling: 50 }
		);
		await page.evaluate(settle);
		/** @type {ColdLoad} */
		const result = await page.evaluate(() => {
			const b = /** @type {BenchWindow} */ (window).__bench;
			const drawn = b.drawnAt ?? NaN;
			const nav = /** @type {PerformanceNavigationTiming | undefined} */ (
				performance.getEntriesByType('navigation')[0]
			);
			const mark = performance.getEntriesByName('charts-drawn')[0];
			const tasks = b.longtasks.filter((t) => t.start < drawn);
			const embed = Number(document.documentElement.dataset.embedStart);
			return {
				drawn,
				lcp: b.lcp,
				fcp: b.fcp,
				mark: mark ? mark.startTime : null,
				domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
				longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
				tbt: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
				embedToDrawn: Number.isFinite(embed) && mark ? mark.startTime - embed : null,
				svgElements: b.domCount().svgElements,
				hydratedJs: b.hydratedJs
			};
		});
		result.hydratedJsGzip = result.hydratedJs ? gzipOfSite(result.hydratedJs) : null;
		return { context, page, result };
	} catch (error) {
		await dispose(context);
		throw error;
	}
}

/** @typedef {{ paint: number, wait: number, respond: number, value: string | null, countChanged: boolean }} FirstClickResult */

/**
 * Open a fresh page and let the in-page helper click the first unpressed design toggle in the first task after
 * `html[data-hydrated]` is set; `paint` is click → the painted frame showing the toggle pressed, `wait` is
 * hydrated → click dispatched (how long the main thread stayed busy), `respond` is click → toggle pressed.
 * @param {string} url
 * @returns {Promise<FirstClickResult>}
 */
async function firstClick(url) {
	const { context, page } = await openPage({ firstClick: true });
	try {
		await page.goto(url, { waitUntil: 'commit', timeout: CONFIG.stepTimeout });
		const handle = await page.waitForFunction(
			() => {
				const f = /** @type {BenchWindow} */ (window).__bench.firstClick;
				if (f?.error) throw new Error(f.error);
				return f && f.paintAt !== null ? f : null;
			},
			null,
			{ timeout: CONFIG.stepTimeout, polling: 50 }
		);
		const f = /** @type {import('./inpage.mjs').FirstClick} */ (await handle.jsonValue());
		const clicked = f.clickedAt ?? NaN;
		return {
			paint: (f.paintAt ?? NaN) - clicked,
			wait: clicked - f.hydratedAt,
			respond: (f.respondedAt ?? NaN) - clicked,
			value: f.value,
			countChanged: f.shownAfter !== f.shownBefore
		};
	} finally {
		await dispose(context);
	}
}

/**
 * @typedef {{ toReport: number, toDrawn: number, toPaint: number, status: string | null, rowsSkipped: string | null,
 *   issues: number | null, longestTask: number, tbt: number, longTasks: number, heapBefore: number, heapPeak: number,
 *   heapAfterGc: number, mark: number | null, dom: { svgElements: number, marks: Record<string, number> },
 *   profile?: HotFunction[], trace?: Breakdown }} FileLoadResult
 */

/**
 * Open the dashboard, then load a CSV through the file input and time report and redraw.
 * @param {string} baseUrl
 * @param {Buffer} csv
 * @param {number} rows
 * @param {string} name
 * @param {{ profileAs?: string }} [options] CPU-profile and trace the load, saving under this name
 */
async function fileLoad(baseUrl, csv, rows, name, options = {}) {
	const { context, page } = await openPage();
	try {
		await page.goto(baseUrl, { timeout: CONFIG.stepTimeout });
		await page.waitForFunction(() => /** @type {BenchWindow} */ (window).__bench.drawnAt !== null, null, {
			timeout: CONFIG.stepTimeout
		});
		const cdp = await context.newCDPSession(page);
		await cdp.send('Performance.enable');
		await cdp.send('HeapProfiler.collectGarbage');
		const heapBefore = await heapUsed(cdp);
		let heapPeak = heapBefore;
		await page.evaluate(
			({ n, file }) => {
				const b = /** @type {BenchWindow} */ (window).__bench;
				b.expectRows = n;
				b.expectName = file;
			},
			{ n: rows, file: name }
		);
		if (options.profileAs) await startProfiling(page, cdp);
		await page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'text/csv', buffer: csv });
		for (;;) {
			const [heap, load] = await Promise.all([
				heapUsed(cdp),
				page.evaluate(() => {
					const l = /** @type {BenchWindow} */ (window).__bench.load;
					return l && { paintAt: l.paintAt, status: l.status, rows: l.rowsLoaded };
				})
			]);
			if (Number.isFinite(heap)) heapPeak = Math.max(heapPeak, heap);
			if (load?.paintAt != null) break;
			if (load?.status === 'rejected') throw new Error(`file rejected (${load.rows} rows loaded)`);
			await sleep(100);
		}
		const profiled = options.profileAs ? await stopProfiling(page, cdp, options.profileAs) : null;
		await page.evaluate(settle);
		heapPeak = Math.max(heapPeak, await heapUsed(cdp));
		await cdp.send('HeapProfiler.collectGarbage');
		const heapAfterGc = await heapUsed(cdp);
		const m = await page.evaluate(() => {
			const b = /** @type {BenchWindow} */ (window).__bench;
			const l = b.load;
			if (!l || l.reportAt === null || l.drawnAt === null || l.paintAt === null)
				throw new Error('no load record');
			const end = l.paintAt;
			const tasks = b.longtasks.filter((t) => t.start + t.duration > l.t0 && t.start < end);
			const marks = performance.getEntriesByName('charts-drawn').filter((e) => e.startTime >= l.t0);
			return {
				toReport: l.reportAt - l.t0,
				toDrawn: l.drawnAt - l.t0,
				toPaint: l.paintAt - l.t0,
				status: l.status,
				rowsSkipped: l.rowsSkipped,
				issues: l.issues,
				longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
				tbt: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
				longTasks: tasks.length,
				mark: marks[0] ? marks[0].startTime - l.t0 : null,
				dom: b.domCount()
			};
		});
		/** @type {FileLoadResult} */
		const result = { ...m, heapBefore, heapPeak, heapAfterGc, ...(profiled ?? {}) };
		await cdp.detach().catch(() => {});
		return { context, page, result };
	} catch (error) {
		await dispose(context);
		throw error;
	}
}

/**
 * @typedef {{ paint: Summary, processing: Summary, cpu: Summary | null, cpuIdle: Summary | null, parts: Breakdown | null, samples: number,
 *   changed: number, partial: boolean, stuck: boolean }} Latency stuck: the last input did not finish within the
 *   step time; cpu: main-thread CPU per input (trace: script + GC + style + layout + paint) to its painted frame,
 *   cpuIdle: the same to the next idle period and frame after it (work the input deferred), parts: cpu's medians
 */

/**
 * Input→paint samples for one interaction, inside the page (see inpage.mjs `measure`). New samples start
 * only within the step time; one sample may take up to the step time on its own (so a step lasts at most
 * twice the step time: run it with LATENCY_STEP). `pairs` keeps an even number of samples, for toggles that
 * must end where they started.
 * @param {Page} page
 * @param {string} kind
 * @param {string} [arg]
 * @param {{ pairs?: boolean }} [options]
 * @returns {Promise<Latency>}
 */
async function latency(page, kind, arg = '', options = {}) {
	const deadline = performance.now() + CONFIG.stepTimeout;
	// The samples run under a trace: each input's main-thread CPU is read between its `bench:in`/`bench:out` marks.
	const browser = await ensureBrowser();
	let tracing = false;
	if (CONFIG.cpu)
		tracing = await browser
			.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute'] })
			.then(() => true)
			.catch(() => false);
	/** @type {import('./inpage.mjs').Sample[]} */
	const samples = [];
	let partial = false;
	let stuck = false;
	const sample = (/** @type {number} */ i) =>
		withTimeout(
			page.evaluate(({ k, n, a }) => /** @type {BenchWindow} */ (window).__bench.measure(k, n, a), {
				k: kind,
				n: i,
				a: arg
			}),
			CONFIG.stepTimeout,
			`${kind} sample ${i + 1}`
		);
	/** @type {Breakdown[]} */
	let windows = [];
	/** @type {Breakdown[]} */
	let withIdle = [];
	try {
		for (let i = 0; i < CONFIG.samples; i++) {
			if (performance.now() > deadline && !(options.pairs && i % 2 === 1)) {
				partial = true;
				break;
			}
			try {
				samples.push(await sample(i));
			} catch (error) {
				// One input took the whole step time: keep what was measured, and say the page is stuck.
				if (!(error instanceof StepTimeout) || samples.length === 0) throw error;
				partial = true;
				stuck = true;
				break;
			}
		}
	} finally {
		if (tracing) {
			const trace = await browser.stopTracing().catch(() => null);
			if (trace) {
				windows = windowBreakdowns(trace, 'bench:in', 'bench:out');
				withIdle = windowBreakdowns(trace, 'bench:in', 'bench:idle');
			}
		}
	}
	const changed = samples.filter((s) => s.changed).length;
	if (changed === 0) throw new Error(`${kind}: the input changed nothing on the page (a hook moved?)`);
	const parts = windows.length
		? /** @type {Breakdown} */ (
				Object.fromEntries(
					/** @type {(keyof Breakdown)[]} */ (Object.keys(windows[0] ?? {})).map((k) => [
						k,
						median(windows.map((w) => w[k])) ?? 0
					])
				)
			)
		: null;
	return {
		paint: summarise(samples.map((s) => s.paint)),
		processing: summarise(samples.map((s) => s.processing)),
		cpu: windows.length ? summarise(windows.map(cpuOf)) : null,
		cpuIdle: withIdle.length ? summarise(withIdle.map(cpuOf)) : null,
		parts,
		samples: samples.length,
		changed,
		partial,
		stuck
	};
}

/** @typedef {{ clickToDownload: number, clickToAnchor: number | null, width: number, height: number, scale: number | null, bytes: number }} PngExport */

/**
 * Export the forest chart as PNG at `scale`, timing click → download event. Null when the page offers no
 * way to choose that scale (it looks for `[data-export="png"][data-scale="N"]`, `[data-export="png-Nx"]`, or a
 * `select[data-export-scale]` / `select[data-testid="export-scale"]` with that option; without any of these,
 * 2× is the plain PNG button).
 * @param {Page} page
 * @param {number} scale
 * @returns {Promise<PngExport | null>}
 */
async function pngExport(page, scale) {
	const target = await page.evaluate((s) => {
		const figure = document.querySelector('figure[data-chart="forest"]');
		if (!figure) throw new Error('no forest chart');
		const mark = (/** @type {Element} */ el) => {
			for (const e of document.querySelectorAll('[data-bench-png]')) e.removeAttribute('data-bench-png');
			el.setAttribute('data-bench-png', '');
			return '[data-bench-png]';
		};
		const exact = figure.querySelector(`[data-export="png"][data-scale="${s}"], [data-export="png-${s}x"]`);
		if (exact) return mark(exact);
		const select =
			figure.querySelector('select[data-export-scale]') ??
			document.querySelector('select[data-testid="export-scale"], select[data-testid="png-scale"]');
		const plain = figure.querySelector('[data-export="png"]');
		if (
			select instanceof HTMLSelectElement &&
			[...select.options].some((o) => o.value === String(s)) &&
			plain
		) {
			select.value = String(s);
			select.dispatchEvent(new Event('input', { bubbles: true }));
			select.dispatchEvent(new Event('change', { bubbles: true }));
			return mark(plain);
		}
		if (s === 2 && plain) return mark(plain);
		return null;
	}, scale);
	if (target === null) return null;
	await page.evaluate(settle);
	const svgWidth = await page.evaluate(() => {
		const svg = document.querySelector(
			'figure[data-chart="forest"] .plot > svg, figure[data-chart="forest"] svg'
		);
		return svg ? Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width : NaN;
	});
	const t0 = performance.now();
	const [download, clickedAt] = await Promise.all([
		page.waitForEvent('download', { timeout: PNG_TIMEOUT }),
		page.evaluate((sel) => {
			const b = /** @type {BenchWindow} */ (window).__bench;
			const el = document.querySelector(sel);
			if (!(el instanceof HTMLElement)) throw new Error('export button gone');
			b.clickedAt = performance.now();
			el.click();
			return b.clickedAt;
		}, target)
	]);
	const clickToDownload = performance.now() - t0;
	const anchor = await page.evaluate(() => {
		const clicks = /** @type {BenchWindow} */ (window).__bench.anchorClicks;
		return clicks[clicks.length - 1]?.at ?? null;
	});
	const file = readFileSync(await download.path());
	await download.delete().catch(() => {});
	// PNG: 8-byte signature, then the IHDR chunk with width and height (big-endian) at bytes 16 and 20.
	const isPng = file.subarray(1, 4).toString('latin1') === 'PNG';
	const width = isPng ? file.readUInt32BE(16) : NaN;
	const height = isPng ? file.readUInt32BE(20) : NaN;
	return {
		clickToDownload,
		clickToAnchor: anchor === null ? null : anchor - clickedAt,
		width,
		height,
		scale: Number.isFinite(svgWidth) && svgWidth > 0 ? width / svgWidth : null,
		bytes: file.length
	};
}

// ---------------------------------------------------------------------------------------------- profiling

/** @param {Page} page @param {CDPSession} cdp */
async function startProfiling(page, cdp) {
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await (
		await ensureBrowser()
	).startTracing(page, {
		categories: [
			'devtools.timeline',
			'disabled-by-default-devtools.timeline',
			'v8.execute',
			'blink.user_timing'
		]
	});
	await cdp.send('Profiler.start');
}

/** @param {Page} _page @param {CDPSession} cdp @param {string} name */
async function stopProfiling(_page, cdp, name) {
	const { profile } = await cdp.send('Profiler.stop');
	const trace = await (await ensureBrowser()).stopTracing();
	const dir = join(CONFIG.out, 'profiles');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
	writeFileSync(join(dir, `${name}.trace.json`), trace);
	return {
		profile: hotFunctions(/** @type {import('./profile.mjs').CpuProfile} */ (profile), SITE, 15),
		trace: traceBreakdown(trace)
	};
}

/**
 * Trace and profile a run of design toggles on an open page.
 * @param {Page} page
 * @param {string} design
 * @param {string} name
 */
async function profileToggles(page, design, name) {
	const cdp = await page.context().newCDPSession(page);
	await startProfiling(page, cdp);
	const n = 10;
	for (let i = 0; i < n; i++)
		await page.evaluate(({ d, k }) => /** @type {BenchWindow} */ (window).__bench.measure('toggle', k, d), {
			d: design,
			k: i
		});
	const out = await stopProfiling(page, cdp, name);
	await cdp.detach().catch(() => {});
	const perToggle = /** @type {Breakdown} */ (
		Object.fromEntries(Object.entries(out.trace).map(([k, v]) => [k, v / n]))
	);
	return { toggles: n, perToggle, profile: out.profile };
}

// ---------------------------------------------------------------------------------------------- servers

async function freePort() {
	return new Promise((resolvePort, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolvePort(port));
		});
	});
}

/** `vite preview` of the built site on 127.0.0.1; resolves once it answers. */
async function startPreview() {
	const port = Number(env.BENCH_PORT) || (await freePort());
	const child = spawn(
		process.execPath,
		[
			join(ROOT, 'node_modules/vite/bin/vite.js'),
			'preview',
			'--port',
			String(port),
			'--strictPort',
			'--host',
			'127.0.0.1'
		],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	const url = `http://127.0.0.1:${port}/`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`vite preview exited: ${output}`);
		try {
			const res = await fetch(url);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill();
			throw new Error(`vite preview did not answer on ${url}: ${output}`);
		}
		await sleep(200);
	}
	return {
		url,
		close: async () => {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
			if (child.exitCode === null && child.pid) child.kill('SIGKILL');
		}
	};
}

// ---------------------------------------------------------------------------------------------- the run

/**
 * @typedef {{
 *   rows: number,
 *   coldLoad?: { runs: Step<ColdLoad>[], median: Partial<Record<keyof ColdLoad, number | null>> },
 *   fileLoad?: { runs: Step<FileLoadResult>[], median: Partial<Record<string, number | null>>, status: string | null,
 *     rowsSkipped: string | null, dom: FileLoadResult['dom'] | null, profile?: HotFunction[], trace?: Breakdown },
 *   floor?: Step<Latency>, toggle?: Step<Latency>, brush?: Step<Latency>, hover?: Step<Latency>,
 *   search?: Step<Latency>,
 *   png2?: { runs: Step<PngExport | null>[], median: number | null, scale: number | null, size: string | null, unavailable: boolean },
 *   png4?: { runs: Step<PngExport | null>[], median: number | null, scale: number | null, size: string | null, unavailable: boolean },
 *   firstClick?: { runs: Step<FirstClickResult>[], paint: Summary, wait: Summary, respond: Summary },
 *   toggleProfile?: Step<{ toggles: number, perToggle: Breakdown, profile: HotFunction[] }>,
 *   design?: string
 * }} OursResult
 */
/**
 * @typedef {{
 *   rows: number,
 *   coldLoad: { runs: Step<ColdLoad>[], median: Partial<Record<keyof ColdLoad, number | null>> },
 *   toggle?: Step<Latency>
 * }} CompetitorResult
 */

/**
 * Medians of the numeric fields of the successful runs.
 * @template {object} T
 * @param {Step<T>[]} runs
 * @param {(keyof T)[]} keys
 */
function medians(runs, keys) {
	const values = runs.flatMap((r) => (r.ok ? [r.value] : []));
	/** @type {Partial<Record<keyof T, number | null>>} */
	const out = {};
	for (const k of keys) {
		const nums = values.map((v) => v[k]).filter((x) => typeof x === 'number' && Number.isFinite(x));
		out[k] = values.length ? median(/** @type {number[]} */ (nums)) : null;
	}
	return out;
}

/** @param {number} n */
const sizeLabel = (n) => n.toLocaleString('en');

/**
 * Everything measured on the dashboard for one dataset.
 * @param {string} baseUrl
 * @param {string} key "bundled" or a row count
 * @param {Buffer} csv
 * @param {number} rows
 * @returns {Promise<OursResult>}
 */
async function benchOurs(baseUrl, key, csv, rows) {
	/** @type {OursResult} */
	const result = { rows };
	const keeper = new Keeper();

	if (key === 'bundled') {
		/** @type {Step<ColdLoad>[]} */
		const runs = [];
		for (let i = 0; i < CONFIG.runs; i++) {
			const s = await step(`dashboard cold load ${i + 1}/${CONFIG.runs}`, async () => {
				const r = await coldLoad(baseUrl);
				await keeper.keep(r);
				return r.result;
			});
			runs.push(s);
			if (!s.ok || s.ms > CONFIG.repeatLimit) break;
		}
		result.coldLoad = {
			runs,
			median: medians(runs, [
				'drawn',
				'lcp',
				'fcp',
				'mark',
				'domContentLoaded',
				'longestTask',
				'tbt',
				'svgElements',
				'hydratedJsGzip'
			])
		};
		// First click after hydration, on as many fresh cold loads (issue 11: "no dead clicks").
		/** @type {Step<FirstClickResult>[]} */
		const clicks = [];
		for (let i = 0; i < (CONFIG.onlyInteractions ? 0 : CONFIG.runs); i++) {
			const s = await step(`first click after hydration ${i + 1}/${CONFIG.runs}`, () => firstClick(baseUrl));
			clicks.push(s);
			if (!s.ok && s.status === 'timeout') break;
		}
		const ok = clicks.flatMap((c) => (c.ok ? [c.value] : []));
		result.firstClick = {
			runs: clicks,
			paint: summarise(ok.map((c) => c.paint)),
			wait: summarise(ok.map((c) => c.wait)),
			respond: summarise(ok.map((c) => c.respond))
		};
	}

	/** @type {Step<FileLoadResult>[]} */
	const loads = [];
	for (let i = 0; i < (CONFIG.onlyInteractions && key === 'bundled' ? 0 : CONFIG.loadRuns); i++) {
		const s = await step(
			`dashboard CSV load ${sizeLabel(rows)} rows ${i + 1}/${CONFIG.loadRuns}`,
			async () => {
				const r = await fileLoad(baseUrl, csv, rows, `studies-${key}.csv`);
				if (key === 'bundled') await dispose(r.context);
				else await keeper.keep(r);
				return r.result;
			}
		);
		loads.push(s);
		if (!s.ok || s.ms > CONFIG.repeatLimit) break; // a timeout or error would repeat: record it once
	}
	const firstOk = loads.find((s) => s.ok);
	// Profiling slows the page down: an extra load, left out of the medians.
	const profiled =
		CONFIG.profile && firstOk
			? await step(`profile CSV load ${sizeLabel(rows)}`, async () => {
					const r = await fileLoad(baseUrl, csv, rows, `studies-${key}.csv`, { profileAs: `load-${key}` });
					await dispose(r.context);
					return r.result;
				})
			: null;
	result.fileLoad = {
		runs: loads,
		median: medians(loads, [
			'toReport',
			'toDrawn',
			'toPaint',
			'longestTask',
			'tbt',
			'heapBefore',
			'heapPeak',
			'heapAfterGc',
			'mark'
		]),
		status: firstOk?.ok ? firstOk.value.status : null,
		dom: firstOk?.ok ? firstOk.value.dom : null,
		rowsSkipped: firstOk?.ok ? firstOk.value.rowsSkipped : null,
		...(profiled?.ok ? { profile: profiled.value.profile, trace: profiled.value.trace } : {})
	};

	if (!keeper.current) {
		const why = key === 'bundled' ? 'cold load failed' : 'the CSV did not load in time';
		result.floor = result.toggle = result.brush = result.hover = result.search = skipped(why);
		return result;
	}
	const { context, page } = keeper.current;
	let alive = true;
	/**
	 * @template T
	 * @param {string} label
	 * @param {() => Promise<T>} fn
	 * @param {number} [ms]
	 * @returns {Promise<Step<T>>}
	 */
	const onPage = async (label, fn, ms = CONFIG.stepTimeout) => {
		if (!alive) return skipped('page frozen in an earlier step');
		const s = await step(label, fn, ms);
		if (!s.ok && s.status === 'timeout') alive = false;
		const value = s.ok ? /** @type {unknown} */ (s.value) : null;
		if (value && typeof value === 'object' && 'stuck' in value && value.stuck) alive = false;
		return s;
	};
	const design = await page
		.evaluate(() => {
			const values = [...document.querySelectorAll('[data-filter="design"] button[data-value]')].map(
				(b) => b.getAttribute('data-value') ?? ''
			);
			return values.includes('rct') ? 'rct' : (values[0] ?? null);
		})
		.catch(() => null);
	result.design = design ?? undefined;
	const n = sizeLabel(rows);
	result.floor = await onPage(`idle frame floor ${n}`, () => latency(page, 'noop'), LATENCY_STEP);
	result.toggle = design
		? await onPage(
				`design toggle "${design}" ${n}`,
				() => latency(page, 'toggle', design, { pairs: true }),
				LATENCY_STEP
			)
		: skipped('no design toggles');
	result.hover = await onPage(
		`hover ${n}`,
		async () => {
			const targets = await page.evaluate(() => /** @type {BenchWindow} */ (window).__bench.hoverTargets());
			if (targets === 0) throw new Error('no [data-chart="cohort"] [data-study-id] mark');
			return latency(page, 'hover');
		},
		LATENCY_STEP
	);
	result.brush = await onPage(
		`brush step ${n}`,
		async () => {
			const down = await page.evaluate(() => /** @type {BenchWindow} */ (window).__bench.brushDown());
			if (!down) throw new Error('no brush overlay in [data-chart="years"]');
			const r = await latency(page, 'brush');
			await page.evaluate(() => /** @type {BenchWindow} */ (window).__bench.brushUp());
			await page.evaluate(settle);
			await page.locator('[data-testid="clear-filters"]').click({ timeout: CONFIG.stepTimeout });
			await page.evaluate(settle);
			return r;
		},
		LATENCY_STEP + CONFIG.stepTimeout
	);
	result.search = await onPage(
		`search keystroke ${n}`,
		async () => {
			const r = await latency(page, 'search', 'usa', { pairs: true });
			await page.evaluate(settle);
			return r;
		},
		LATENCY_STEP
	);
	for (const scale of /** @type {(2 | 4)[]} */ (CONFIG.png ? [2, 4] : [])) {
		/** @type {Step<PngExport | null>[]} */
		const runs = [];
		const failedBefore =
			scale === 4 && result.png2 && result.png2.median === null && !result.png2.unavailable;
		for (let i = 0; i < CONFIG.pngRuns && !failedBefore; i++) {
			const s = await onPage(
				`PNG ${scale}× ${n} ${i + 1}/${CONFIG.pngRuns}`,
				() => pngExport(page, scale),
				PNG_TIMEOUT + 5000
			);
			runs.push(s);
			if (!s.ok || s.value === null || s.ms > CONFIG.repeatLimit) break;
		}
		if (failedBefore) runs.push(skipped('2× export failed'));
		const ok = runs.flatMap((r) => (r.ok && r.value ? [r.value] : []));
		const entry = {
			runs,
			median: median(ok.map((r) => r.clickToDownload)),
			scale: median(ok.flatMap((r) => (r.scale === null ? [] : [r.scale]))),
			size: ok[0] ? `${ok[0].width}×${ok[0].height}` : null,
			unavailable: runs.length > 0 && runs.every((r) => r.ok && r.value === null)
		};
		if (scale === 2) result.png2 = entry;
		else result.png4 = entry;
	}
	if (CONFIG.profile && design)
		result.toggleProfile = await onPage(`profile toggles ${n}`, () =>
			profileToggles(page, design, `toggle-${key}`)
		);
	await dispose(context);
	return result;
}

/**
 * The Vega-Lite baseline on one dataset: cold loads, then legend toggles on the last page.
 * @param {string} baseUrl
 * @param {string} key
 * @param {number} rows
 * @returns {Promise<CompetitorResult>}
 */
async function benchCompetitor(baseUrl, key, rows) {
	const url = `${baseUrl}/?data=/data/${key}.csv`;
	const count = key === 'bundled' ? CONFIG.runs : CONFIG.loadRuns;
	/** @type {Step<ColdLoad>[]} */
	const runs = [];
	const keeper = new Keeper();
	for (let i = 0; i < count; i++) {
		const s = await step(`Vega-Lite cold load ${sizeLabel(rows)} ${i + 1}/${count}`, async () => {
			const r = await coldLoad(url);
			await keeper.keep(r);
			return r.result;
		});
		runs.push(s);
		if (!s.ok || s.ms > CONFIG.repeatLimit) break;
	}
	/** @type {CompetitorResult} */
	const result = {
		rows,
		coldLoad: {
			runs,
			median: medians(runs, ['drawn', 'lcp', 'fcp', 'embedToDrawn', 'longestTask', 'tbt', 'svgElements'])
		}
	};
	if (!keeper.current) {
		result.toggle = skipped('did not load in time');
		return result;
	}
	const { context, page } = keeper.current;
	result.toggle = await step(
		`Vega-Lite legend toggle "rct" ${sizeLabel(rows)}`,
		() => latency(page, 'legend', 'rct', { pairs: true }),
		LATENCY_STEP
	);
	await dispose(context);
	return result;
}

// ---------------------------------------------------------------------------------------------- report

/** @param {Step<unknown> | undefined} s */
function failure(s) {
	if (!s) return '–';
	if (s.ok) return '';
	if (s.status === 'timeout') return `timeout (>${Math.round(CONFIG.stepTimeout / 1000)} s)`;
	if (s.status === 'skipped') return `skipped: ${s.message}`;
	return `error: ${s.message.slice(0, 60)}`;
}

/** @param {Step<Latency> | undefined} s @param {'paint' | 'processing'} field */
function fmtLatency(s, field) {
	if (!s || !s.ok) return failure(s);
	const v = s.value[field];
	const note = s.value.stuck
		? ` (${s.value.samples} sample${s.value.samples === 1 ? '' : 's'}, the next one timed out)`
		: s.value.partial
			? ` (${s.value.samples} sample${s.value.samples === 1 ? '' : 's'}, then time limit)`
			: '';
	return `${fmtMs(v.p50)} / ${fmtMs(v.p95)}${note}`;
}

/** Main-thread CPU per input, p50 / p95, and the median's split. @param {Step<Latency> | undefined} s */
function fmtCpu(s) {
	if (!s || !s.ok) return failure(s);
	const c = s.value.cpu;
	const p = s.value.parts;
	if (!c || c.n === 0) return 'not traced';
	const split = p
		? ` (script ${fmtMs(p.scripting + p.gc)}, style ${fmtMs(p.style)}, layout ${fmtMs(p.layout)}, paint ${fmtMs(p.paint)})`
		: '';
	const idle = s.value.cpuIdle;
	const deferred =
		idle && idle.n > 0 ? `; to the next idle frame ${fmtMs(idle.p50)} / ${fmtMs(idle.p95)}` : '';
	return `${fmtMs(c.p50)} / ${fmtMs(c.p95)}${split}${deferred}`;
}

/**
 * A median over runs, or why there is none.
 * @param {{ runs: Step<unknown>[] } | undefined} group
 * @param {number | null | undefined} value
 * @param {(v: number) => string} [format]
 */
function fmtRuns(group, value, format = fmtMs) {
	if (!group) return '–';
	if (value !== null && value !== undefined && Number.isFinite(value)) {
		const failed = group.runs.filter((r) => !r.ok).length;
		return format(value) + (failed ? ` (${failed} run failed)` : '');
	}
	return failure(group.runs.find((r) => !r.ok)) || '–';
}

/**
 * @param {{ status: 'PASS' | 'FAIL' | 'n/a', text: string }} b
 */
const budgetCell = (b) => `${b.text}: **${b.status}**`;

/**
 * @param {Record<string, OursResult>} ours
 * @param {Record<string, CompetitorResult>} competitor
 * @param {import('./bytes.mjs').ShippedBytes} bytes
 */
function budgets(ours, competitor, bytes) {
	/** @param {number | null | undefined} v @param {number} limit */
	const check = (v, limit) =>
		/** @type {'PASS' | 'FAIL' | 'n/a'} */ (
			v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v <= limit ? 'PASS' : 'FAIL'
		);
	/** @param {Step<Latency> | undefined} s */
	const p95 = (s) => (s?.ok ? s.value.paint.p95 : null);
	/** @param {Step<Latency> | undefined} s @param {number} limit */
	const latencyCheck = (s, limit) =>
		/** @type {'PASS' | 'FAIL' | 'n/a'} */ (
			s && !s.ok && s.status === 'timeout' ? 'FAIL' : check(p95(s), limit)
		);
	const load100k = ours['100000']?.fileLoad;
	const load100kOk = load100k?.runs.some((r) => r.ok);
	/** @param {Step<Latency> | undefined} s */
	const cpu95 = (s) => (s?.ok ? (s.value.cpu?.p95 ?? null) : null);
	/** @param {'toggle' | 'brush' | 'search'} what @param {string} key */
	const cpuBudget = (what, key) => {
		const limit = key === 'bundled' || Number(key) <= 1000 ? 8 : 16;
		const s = ours[key]?.[what];
		return {
			text: `${{ toggle: 'design toggle', brush: 'brush step', search: 'search keystroke' }[what]} CPU p95 ≤ ${limit} ms at ${key === 'bundled' ? 'bundled' : sizeLabel(Number(key))}`,
			value: cpu95(s),
			status: /** @type {'PASS' | 'FAIL' | 'n/a'} */ (
				s && !s.ok && s.status === 'timeout' ? 'FAIL' : check(cpu95(s), limit)
			)
		};
	};
	/** @param {string} key: at least 3× less CPU per toggle (p50) than Vega-Lite on the same data */
	const vsCompetitor = (key) => {
		const o = ours[key]?.toggle;
		const c = competitor[key]?.toggle;
		const ratio =
			o?.ok && c?.ok && o.value.cpu?.p50 && c.value.cpu?.p50 ? c.value.cpu.p50 / o.value.cpu.p50 : null;
		return {
			text: `≥ 3× less toggle CPU than Vega-Lite at ${key === 'bundled' ? 'bundled' : sizeLabel(Number(key))}`,
			value: ratio,
			status: /** @type {'PASS' | 'FAIL' | 'n/a'} */ (ratio === null ? 'n/a' : ratio >= 3 ? 'PASS' : 'FAIL')
		};
	};
	const keys = Object.keys(ours);
	const cpu = Object.fromEntries(
		keys.flatMap((k) => [
			[`toggleCpu:${k}`, cpuBudget('toggle', k)],
			[`brushCpu:${k}`, cpuBudget('brush', k)],
			[`searchCpu:${k}`, cpuBudget('search', k)],
			[`vsVegaLite:${k}`, vsCompetitor(k)]
		])
	);
	return {
		...cpu,
		initialJs: {
			text: '≤ 80 KB gzip (KB = 1,024 B)',
			value: bytes.js.gzip,
			status: check(bytes.js.gzip, 80 * 1024)
		},
		hydratedJs: {
			text: 'JS fetched before html[data-hydrated] ≤ 80 KB gzip',
			value: ours.bundled?.coldLoad?.median.hydratedJsGzip ?? null,
			status: check(ours.bundled?.coldLoad?.median.hydratedJsGzip, 80 * 1024)
		},
		chartsDrawn: {
			text: '≤ 1 s',
			value: ours.bundled?.coldLoad?.median.drawn ?? null,
			status: check(ours.bundled?.coldLoad?.median.drawn, 1000)
		},
		toggle1k: {
			text: 'p95 ≤ 16 ms at 1,000',
			value: p95(ours['1000']?.toggle),
			status: latencyCheck(ours['1000']?.toggle, 16)
		},
		toggle10k: {
			text: 'p95 ≤ 50 ms at 10,000',
			value: p95(ours['10000']?.toggle),
			status: latencyCheck(ours['10000']?.toggle, 50)
		},
		brush1k: {
			text: 'p95 ≤ 16 ms at 1,000',
			value: p95(ours['1000']?.brush),
			status: latencyCheck(ours['1000']?.brush, 16)
		},
		brush10k: {
			text: 'p95 ≤ 50 ms at 10,000',
			value: p95(ours['10000']?.brush),
			status: latencyCheck(ours['10000']?.brush, 50)
		},
		hover10k: {
			text: 'p95 ≤ 16 ms at 10,000',
			value: p95(ours['10000']?.hover),
			status: latencyCheck(ours['10000']?.hover, 16)
		},
		csv100k: {
			text: '100,000 rows, no task > 50 ms',
			value: load100kOk ? (load100k?.median.longestTask ?? null) : null,
			status: /** @type {'PASS' | 'FAIL' | 'n/a'} */ (
				!load100k ? 'n/a' : !load100kOk ? 'FAIL' : check(load100k.median.longestTask, 50)
			)
		},
		png4: {
			text: '4× ≤ 500 ms (bundled)',
			value: ours.bundled?.png4?.median ?? null,
			status: check(ours.bundled?.png4?.median, 500)
		},
		png10k: {
			text: 'forest PNG 2× ≤ 5 s at 10,000',
			value: ours['10000']?.png2?.median ?? null,
			status: /** @type {'PASS' | 'FAIL' | 'n/a'} */ (
				ours['10000']?.png2?.runs.some((r) => !r.ok) && !ours['10000']?.png2?.median
					? 'FAIL'
					: check(ours['10000']?.png2?.median, 5000)
			)
		}
	};
}

/**
 * The printed table: one row per metric, one column per dataset, and the budget beside it.
 * @param {string[]} keys
 * @param {Record<string, OursResult>} ours
 * @param {Record<string, CompetitorResult>} competitor
 * @param {import('./bytes.mjs').ShippedBytes} bytes
 * @param {ReturnType<typeof budgets>} b
 */
function table(keys, ours, competitor, bytes, b) {
	const header = [
		'metric (median; p50 / p95 for interactions)',
		...keys.map((k) => (k === 'bundled' ? `bundled (${ours[k]?.rows ?? '?'})` : sizeLabel(Number(k)))),
		'budget'
	];
	/** @type {string[][]} */
	const rows = [];
	/** @param {string} label @param {(k: string) => string} cell @param {string} [budget] */
	const row = (label, cell, budget = '') => rows.push([label, ...keys.map((k) => cell(k) || '–'), budget]);
	/** @param {string} label @param {string} value @param {string} [budget] */
	const once = (label, value, budget = '') =>
		rows.push([label, ...keys.map((k, i) => (i === 0 ? value : '·')), budget]);
	const kbPair = (/** @type {{ raw: number, gzip: number }} */ x) => `${fmtKb(x.raw)} / ${fmtKb(x.gzip)} gz`;

	once(
		'JS to first paint (files), raw / gzip',
		`${kbPair(bytes.js)} (${bytes.js.gzip.toLocaleString('en')} B)`,
		budgetCell(b.initialJs)
	);
	once(
		'JS fetched before html[data-hydrated] (cold load), gzip',
		fmtRuns(ours.bundled?.coldLoad, ours.bundled?.coldLoad?.median.hydratedJsGzip, fmtKb),
		budgetCell(b.hydratedJs)
	);
	once('+ inline script (hydration data), raw / gzip', kbPair(bytes.inlineJs));
	once('CSS to first paint, raw / gzip', kbPair(bytes.css));
	once('HTML (prerendered), raw / gzip', kbPair(bytes.html));
	row('cold load: LCP', (k) =>
		ours[k]?.coldLoad ? fmtRuns(ours[k]?.coldLoad, ours[k]?.coldLoad?.median.lcp) : '·'
	);
	row(
		'cold load: charts drawn (poll)',
		(k) => (ours[k]?.coldLoad ? fmtRuns(ours[k]?.coldLoad, ours[k]?.coldLoad?.median.drawn) : '·'),
		budgetCell(b.chartsDrawn)
	);
	row('cold load: `charts-drawn` mark', (k) => {
		const c = ours[k]?.coldLoad;
		if (!c) return '·';
		return c.median.mark === null || c.median.mark === undefined ? 'not emitted' : fmtMs(c.median.mark);
	});
	row('cold load: longest task / TBT', (k) => {
		const c = ours[k]?.coldLoad;
		return c ? `${fmtMs(c.median.longestTask)} / ${fmtMs(c.median.tbt)}` : '·';
	});
	row('cold load: first click after hydration → painted (p50 / p95)', (k) => {
		const f = ours[k]?.firstClick;
		if (!f) return '·';
		if (f.paint.n === 0) return failure(f.runs.find((r) => !r.ok)) || '–';
		const failed = f.runs.filter((r) => !r.ok).length;
		return `${fmtMs(f.paint.p50)} / ${fmtMs(f.paint.p95)} (n = ${f.paint.n}${failed ? `, ${failed} failed` : ''}; hydrated → click dispatched ${fmtMs(f.wait.p50)})`;
	});
	row('CSV file → load report', (k) => fmtRuns(ours[k]?.fileLoad, ours[k]?.fileLoad?.median.toReport));
	row('CSV file → charts drawn + painted', (k) =>
		fmtRuns(ours[k]?.fileLoad, ours[k]?.fileLoad?.median.toPaint)
	);
	row(
		'CSV load: longest main-thread task',
		(k) => fmtRuns(ours[k]?.fileLoad, ours[k]?.fileLoad?.median.longestTask),
		budgetCell(b.csv100k)
	);
	row('CSV load: total blocking time', (k) => fmtRuns(ours[k]?.fileLoad, ours[k]?.fileLoad?.median.tbt));
	row('CSV load: JS heap before → peak seen → after GC', (k) => {
		const f = ours[k]?.fileLoad;
		if (!f || f.median.heapPeak === null || f.median.heapPeak === undefined) return fmtRuns(f, null);
		return `${fmtMb(f.median.heapBefore)} → ${fmtMb(f.median.heapPeak)} → ${fmtMb(f.median.heapAfterGc)}`;
	});
	row('SVG elements drawn (marks with data-study-id)', (k) => {
		const d = ours[k]?.fileLoad?.dom;
		if (!d) return '–';
		const marks = Object.values(d.marks).reduce((a, m) => a + m, 0);
		return `${d.svgElements.toLocaleString('en')} (${marks.toLocaleString('en')})`;
	});
	row('CSV load: report status (rows skipped)', (k) => {
		const f = ours[k]?.fileLoad;
		return f?.status ? `${f.status} (${f.rowsSkipped ?? '?'})` : '–';
	});
	row(
		'design toggle → paint',
		(k) => fmtLatency(ours[k]?.toggle, 'paint'),
		`${budgetCell(b.toggle1k)}; ${budgetCell(b.toggle10k)}`
	);
	row('  of which script + style + layout', (k) => fmtLatency(ours[k]?.toggle, 'processing'));
	row(
		'design toggle: main-thread CPU (trace)',
		(k) => fmtCpu(ours[k]?.toggle),
		Object.entries(b)
			.filter(([name]) => name.startsWith('toggleCpu:'))
			.map(([, v]) => budgetCell(v))
			.join('; ')
	);
	row(
		'brush step (years) → paint',
		(k) => fmtLatency(ours[k]?.brush, 'paint'),
		`${budgetCell(b.brush1k)}; ${budgetCell(b.brush10k)}`
	);
	row('  of which script + style + layout', (k) => fmtLatency(ours[k]?.brush, 'processing'));
	row(
		'brush step: main-thread CPU (trace)',
		(k) => fmtCpu(ours[k]?.brush),
		Object.entries(b)
			.filter(([name]) => name.startsWith('brushCpu:'))
			.map(([, v]) => budgetCell(v))
			.join('; ')
	);
	row('search keystroke (debounced filter applied) → paint', (k) => fmtLatency(ours[k]?.search, 'paint'));
	row(
		'search keystroke: main-thread CPU (trace)',
		(k) => fmtCpu(ours[k]?.search),
		Object.entries(b)
			.filter(([name]) => name.startsWith('searchCpu:'))
			.map(([, v]) => budgetCell(v))
			.join('; ')
	);
	row('hover (cohort mark) → paint', (k) => fmtLatency(ours[k]?.hover, 'paint'), budgetCell(b.hover10k));
	row('  of which script + style + layout', (k) => fmtLatency(ours[k]?.hover, 'processing'));
	row('hover: main-thread CPU (trace)', (k) => fmtCpu(ours[k]?.hover));
	row('idle frame floor (no input) → paint', (k) => fmtLatency(ours[k]?.floor, 'paint'));
	row('idle frame floor: main-thread CPU (trace)', (k) => fmtCpu(ours[k]?.floor));
	/** @param {OursResult['png2']} p */
	const png = (p) => {
		if (!p) return '–';
		if (p.unavailable) return 'n/a: no such scale offered';
		if (p.median === null) return failure(p.runs.find((r) => !r.ok)) || '–';
		const scale = p.scale === null ? '' : `, ${p.scale.toFixed(1)}× ${p.size}`;
		return `${fmtMs(p.median)}${scale}`;
	};
	row('PNG export forest 2×: click → download', (k) => png(ours[k]?.png2));
	row('PNG export forest 4×: click → download', (k) => png(ours[k]?.png4), budgetCell(b.png4));
	if (Object.keys(competitor).length) {
		row('Vega-Lite: cold load → charts drawn', (k) =>
			fmtRuns(competitor[k]?.coldLoad, competitor[k]?.coldLoad.median.drawn)
		);
		row('Vega-Lite: data → charts drawn (embed)', (k) =>
			fmtRuns(competitor[k]?.coldLoad, competitor[k]?.coldLoad.median.embedToDrawn)
		);
		row('Vega-Lite: legend design toggle → paint', (k) => fmtLatency(competitor[k]?.toggle, 'paint'));
		row('Vega-Lite: legend toggle main-thread CPU (trace)', (k) => fmtCpu(competitor[k]?.toggle));
		row('Vega-Lite: SVG elements drawn', (k) => {
			const v = competitor[k]?.coldLoad.median.svgElements;
			return v === null || v === undefined
				? failure(competitor[k]?.coldLoad.runs.find((r) => !r.ok)) || '–'
				: v.toLocaleString('en');
		});
		row('ratio dashboard / Vega-Lite: load → drawn', (k) => {
			const c = competitor[k]?.coldLoad.median;
			if (k === 'bundled') return fmtRatio(ours[k]?.coldLoad?.median.drawn, c?.drawn);
			return fmtRatio(ours[k]?.fileLoad?.median.toPaint, c?.embedToDrawn);
		});
		row('ratio dashboard / Vega-Lite: toggle p50 (p95)', (k) => {
			const o = ours[k]?.toggle;
			const c = competitor[k]?.toggle;
			if (!o?.ok || !c?.ok) return '–';
			return `${fmtRatio(o.value.paint.p50, c.value.paint.p50)} (${fmtRatio(o.value.paint.p95, c.value.paint.p95)})`;
		});
		row(
			'ratio dashboard / Vega-Lite: toggle CPU p50 (p95)',
			(k) => {
				const o = ours[k]?.toggle;
				const c = competitor[k]?.toggle;
				if (!o?.ok || !c?.ok || !o.value.cpu || !c.value.cpu) return '–';
				return `${fmtRatio(o.value.cpu.p50, c.value.cpu.p50)} (${fmtRatio(o.value.cpu.p95, c.value.cpu.p95)})`;
			},
			Object.entries(b)
				.filter(([name]) => name.startsWith('vsVegaLite:'))
				.map(([, v]) => budgetCell(v))
				.join('; ')
		);
	}
	return markdownTable(header, rows);
}

/** @param {Record<string, OursResult>} ours */
function profileReport(ours) {
	const lines = [];
	for (const [key, r] of Object.entries(ours)) {
		const t = r.toggleProfile;
		if (t?.ok) {
			const p = t.value.perToggle;
			lines.push(
				`\nDesign toggle at ${key} (trace, per toggle, renderer main thread): script ${fmtMs(p.scripting)}, style ${fmtMs(p.style)}, layout ${fmtMs(p.layout)}, paint ${fmtMs(p.paint)}, GC ${fmtMs(p.gc)}, other ${fmtMs(p.other)}`
			);
			lines.push(hotTable(t.value.profile));
		}
		const f = r.fileLoad;
		if (f?.trace && f.profile) {
			const p = f.trace;
			lines.push(
				`\nCSV load at ${key} (trace, renderer main thread): script ${fmtMs(p.scripting)}, style ${fmtMs(p.style)}, layout ${fmtMs(p.layout)}, paint ${fmtMs(p.paint)}, GC ${fmtMs(p.gc)}, other ${fmtMs(p.other)}`
			);
			lines.push(hotTable(f.profile));
		}
	}
	return lines.join('\n');
}

/** @param {HotFunction[]} hot */
function hotTable(hot) {
	return markdownTable(
		['self ms', 'share', 'function', 'where', 'source at that position'],
		hot.map((h) => [
			h.ms.toFixed(1),
			`${(h.share * 100).toFixed(0)}%`,
			h.name,
			h.where,
			'`' + h.snippet.replace(/\|/g, '\\|').replace(/`/g, "'") + '`'
		])
	);
}

/** @param {string} dir */
function buildId(dir) {
	try {
		return createHash('sha256')
			.update(readFileSync(join(dir, 'index.html')))
			.digest('hex')
			.slice(0, 12);
	} catch {
		return null;
	}
}

function gitDescribe() {
	try {
		const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', 'src'], {
			cwd: ROOT,
			encoding: 'utf8'
		}).trim();
		return dirty ? `${rev} + uncommitted src changes` : rev;
	} catch {
		return null;
	}
}

async function main() {
	mkdirSync(CONFIG.out, { recursive: true });
	const executablePath = await findChromium();
	if (!executablePath) throw new Error('No Chromium found: run `node tests/setup/chromium.mjs --ensure`.');
	chrome.executablePath = executablePath;
	const buildAtStart = buildId(BUILD);
	const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));
	if (!buildAtStart) throw new Error('No build/index.html: run `npx vite build` first (npm run bench does).');
	if (SITE !== BUILD) {
		if (existsSync(SITE)) rmSync(SITE, { recursive: true, force: true });
		cpSync(BUILD, SITE, { recursive: true });
		if (buildId(SITE) !== buildAtStart)
			throw new Error('build/ changed while it was being copied: run again.');
	}
	const bytes = shippedBytes(SITE);
	log(
		`sizes ${CONFIG.sizes.join(', ')}; ${CONFIG.runs} cold loads, ${CONFIG.loadRuns} CSV loads, ${CONFIG.samples} samples`
	);

	const bundledCsv = readFileSync(join(ROOT, 'data/studies.csv'));
	const bundledRows = bundledCsv.toString('utf8').trim().split('\n').length - 1; // no line breaks inside cells
	/** @type {Map<string, { csv: Buffer, rows: number }>} */
	const datasets = new Map();
	for (const key of CONFIG.sizes)
		datasets.set(
			key,
			key === 'bundled'
				? { csv: bundledCsv, rows: bundledRows }
				: { csv: Buffer.from(synthCsv(Number(key))), rows: Number(key) }
		);

	const preview = env.BENCH_SERVER === 'vite' ? await startPreview() : await serveStatic(SITE);
	const vega = CONFIG.competitor
		? await startCompetitorServer(new Map([...datasets].map(([k, d]) => [`/data/${k}.csv`, d.csv])))
		: null;
	let siteAtEnd = /** @type {string | null} */ (null);
	const stop = async () => {
		await chrome.browser?.close().catch(() => {});
		await preview.close();
		await vega?.close();
		siteAtEnd ??= buildId(SITE);
		if (SITE !== BUILD) rmSync(SITE, { recursive: true, force: true });
	};
	process.once('SIGINT', () => void stop().then(() => process.exit(130)));

	/** @type {Record<string, OursResult>} */
	const ours = {};
	/** @type {Record<string, CompetitorResult>} */
	const competitor = {};
	/** @type {import('./stress.mjs').StressRow[]} */
	let stress = [];
	/** @type {string} */
	let version;
	try {
		version = (await ensureBrowser()).version();
		for (const [key, { csv, rows }] of datasets) {
			log(
				`— ${key === 'bundled' ? `bundled data (${rows} studies)` : `${sizeLabel(rows)} synthetic studies`}`
			);
			ours[key] = await benchOurs(preview.url, key, csv, rows);
			if (vega) competitor[key] = await benchCompetitor(vega.url, key, rows);
		}
		if (CONFIG.stress) {
			log('— stress cases');
			stress = await benchStress({ browser: await ensureBrowser(), url: preview.url, log });
		}
	} finally {
		await stop();
	}

	const buildAtEnd = buildId(BUILD);
	const b = budgets(ours, competitor, bytes);
	const keys = [...datasets.keys()];
	const printed = table(keys, ours, competitor, bytes, b);
	const profiles = CONFIG.profile ? profileReport(ours) : '';
	const meta = {
		date: new Date().toISOString(),
		git: gitDescribe(),
		build: buildAtStart,
		server: CONFIG.server,
		siteChangedDuringRun: siteAtEnd !== buildAtStart,
		buildRebuiltDuringRun: buildAtEnd !== buildAtStart,
		node: process.version,
		chromium: { path: executablePath, version },
		cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
		loadAverage: { start: loadAtStart, end: loadavg().map((x) => Number(x.toFixed(2))) },
		config: CONFIG,
		durationSeconds: Math.round((performance.now() - started) / 1000),
		pageErrors: [...new Set(pageErrors)]
	};
	const notes = [
		`Medians over ${CONFIG.runs} cold loads (fresh browser context each) and ${CONFIG.loadRuns} CSV loads; interactions: p50 / p95 of ${CONFIG.samples} samples, input dispatched in the page at a random phase of the frame, timed to the next painted frame (rAF + setTimeout 0); "script + style + layout" stops after a forced layout, before waiting for the frame.`,
		'Dashboard synthetic columns: "CSV file → …" from the file input\'s change event; Vega-Lite: "data → drawn" from vegaEmbed() to its promise (fetch + parse + render). Ratios > 1: the dashboard is slower.',
		`Heap: CDP JSHeapUsedSize; "peak seen" is the highest of samples taken every 100 ms, which cannot see inside one long task.`,
		meta.siteChangedDuringRun ? '**The site changed during the run: figures may mix two builds.**' : '',
		SITE !== BUILD && meta.buildRebuiltDuringRun
			? 'build/ was rebuilt during the run; the snapshot taken at the start is what was measured.'
			: '',
		`Load average (1/5/15 min) at start ${loadAtStart.join(' ')}, at end ${meta.loadAverage.end.join(' ')}: other work on the machine shows up in the timings.`,
		meta.pageErrors.length ? `Page errors: ${meta.pageErrors.slice(0, 5).join(' · ')}` : ''
	].filter(Boolean);
	const budgetList = Object.values(b).map(
		(v) =>
			`- ${v.status === 'PASS' ? 'PASS' : v.status === 'FAIL' ? '**FAIL**' : 'n/a'}: ${v.text}` +
			(v.value === null || v.value === undefined
				? ''
				: ` (${v.text.includes('Vega-Lite') ? `${v.value.toFixed(1)}×` : v.text.includes('KB') ? fmtKb(v.value) : fmtMs(v.value)})`)
	);
	const markdown = [
		`## Benchmark ${meta.date} · ${meta.git ?? ''} · build ${meta.build} · Chromium ${version} · ${meta.cpus}`,
		'',
		printed,
		'',
		'### Budgets',
		'',
		...budgetList,
		'',
		...(stress.length ? [stressTable(stress), ''] : []),
		...notes.map((n) => `- ${n}`),
		profiles
	].join('\n');
	console.log(markdown);
	writeFileSync(join(CONFIG.out, 'bench.md'), markdown + '\n');
	writeFileSync(
		join(CONFIG.out, 'bench.json'),
		JSON.stringify({ meta, bytes, budgets: b, dashboard: ours, vegaLite: competitor, stress }, null, '\t') +
			'\n'
	);
	log(`wrote ${join(CONFIG.out, 'bench.json')} and bench.md in ${meta.durationSeconds} s`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
