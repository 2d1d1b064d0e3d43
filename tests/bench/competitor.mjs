/**
 * The competitor baseline: the same five per-study charts as the dashboard (effects with intervals, effect over
 * time, median survival, study years with a publication-year brush, cohort sizes), as one Vega-Lite concat
 * with crossfilter highlighting, drawn by vega-embed in SVG. Lives only in the benchmark.
 *
 * The design filter is a point selection bound to the colour legend (shift-click toggles a design on and off,
 * as the dashboard's toggles do); the years brush is an interval selection. Marks failing the other charts'
 * selections are muted (opacity), never removed, as in the dashboard.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/** A file in the project's node_modules (the UMD builds are not in the packages' exports maps). */
const modules = (/** @type {string} */ path) =>
	fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));

/** The UMD bundles the page loads, by URL path. */
export const VENDOR = {
	'/vendor/vega.min.js': modules('vega/build/vega.min.js'),
	'/vendor/vega-lite.min.js': modules('vega-lite/build/vega-lite.min.js'),
	'/vendor/vega-embed.min.js': modules('vega-embed/build/vega-embed.min.js')
};

const NUMERIC = [
	'year',
	'accrual_start',
	'accrual_end',
	'n_total',
	'n_surgery',
	'n_no_surgery',
	'median_os_surgery_months',
	'median_os_no_surgery_months',
	'hr_os',
	'hr_ci_low',
	'hr_ci_high'
];

/** Opacity for a mark: full when it passes the selections of the other charts, muted otherwise. */
const activeOpacity = (/** @type {string[]} */ params) => ({
	condition: { test: { and: params.map((param) => ({ param, empty: true })) }, value: 1 },
	value: 0.2
});
const color = { field: 'designKey', type: 'nominal', title: 'Design' };
/** The same colours where a second legend would only repeat the first. */
const colorNoLegend = { ...color, legend: null };
/** One row per study, as the dashboard draws them. */
const studyRows = { field: 'id', type: 'nominal', sort: null, title: null, axis: { labelLimit: 120 } };
const rowHeight = { step: 14 };

/**
 * The five-chart Vega-Lite spec over a CSV at `url`.
 * @param {string} url
 * @returns {Record<string, unknown>}
 */
export function vegaLiteSpec(url) {
	return {
		$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
		data: { url, format: { type: 'csv', parse: Object.fromEntries(NUMERIC.map((c) => [c, 'number'])) } },
		transform: [{ calculate: "datum.design ? datum.design : 'not reported'", as: 'designKey' }],
		columns: 2,
		concat: [
			{
				title: 'Effect estimates',
				width: 420,
				height: rowHeight,
				encoding: { y: studyRows },
				layer: [
					{
						mark: 'rule',
						encoding: {
							x: { field: 'hr_ci_low', type: 'quantitative', scale: { type: 'log' }, title: 'Hazard ratio' },
							x2: { field: 'hr_ci_high' },
							opacity: activeOpacity(['design', 'brush'])
						}
					},
					{
						mark: { type: 'square', size: 40 },
						params: [{ name: 'design', select: { type: 'point', fields: ['designKey'] }, bind: 'legend' }],
						encoding: {
							x: { field: 'hr_os', type: 'quantitative', scale: { type: 'log' } },
							color,
							opacity: activeOpacity(['design', 'brush'])
						}
					}
				]
			},
			{
				title: 'Effect over time',
				width: 360,
				height: 300,
				mark: { type: 'circle' },
				encoding: {
					x: {
						field: 'year',
						type: 'quantitative',
						scale: { zero: false },
						title: 'Publication year',
						axis: { format: 'd' }
					},
					y: { field: 'hr_os', type: 'quantitative', scale: { type: 'log' }, title: 'Hazard ratio' },
					size: { field: 'n_total', type: 'quantitative', title: 'Patients' },
					color: colorNoLegend,
					opacity: activeOpacity(['design', 'brush'])
				}
			},
			{
				title: 'Median overall survival',
				width: 360,
				height: rowHeight,
				transform: [
					{ fold: ['median_os_surgery_months', 'median_os_no_surgery_months'], as: ['arm', 'months'] },
					{ filter: 'isValid(datum.months)' }
				],
				mark: { type: 'circle', size: 30 },
				encoding: {
					y: studyRows,
					x: { field: 'months', type: 'quantitative', title: 'Median OS (months)' },
					color: { field: 'arm', type: 'nominal', legend: null },
					opacity: activeOpacity(['design', 'brush'])
				}
			},
			{
				title: 'Study years',
				width: 360,
				height: rowHeight,
				encoding: { y: studyRows },
				layer: [
					{
						mark: 'rule',
						encoding: {
							x: {
								field: 'accrual_start',
								type: 'quantitative',
								scale: { zero: false },
								title: 'Year',
								axis: { format: 'd' }
							},
							x2: { field: 'accrual_end' },
							opacity: activeOpacity(['design'])
						}
					},
					{
						mark: { type: 'point', shape: 'diamond', filled: true },
						params: [{ name: 'brush', select: { type: 'interval', encodings: ['x'] } }],
						encoding: {
							x: { field: 'year', type: 'quantitative' },
							color: colorNoLegend,
							opacity: activeOpacity(['design'])
						}
					}
				]
			},
			{
				title: 'Cohort sizes',
				width: 360,
				height: rowHeight,
				encoding: { y: studyRows },
				layer: [
					{
						mark: { type: 'tick', orient: 'vertical' },
						encoding: {
							x: { field: 'n_total', type: 'quantitative', scale: { type: 'log' }, title: 'Patients' },
							opacity: activeOpacity(['design', 'brush'])
						}
					},
					{
						mark: { type: 'circle', size: 25 },
						transform: [
							{ fold: ['n_surgery', 'n_no_surgery'], as: ['arm', 'patients'] },
							{ filter: 'datum.patients > 0' }
						],
						encoding: {
							x: { field: 'patients', type: 'quantitative' },
							color: { field: 'arm', type: 'nominal', legend: null },
							opacity: activeOpacity(['design', 'brush'])
						}
					}
				]
			}
		],
		resolve: { scale: { color: 'independent' } },
		config: { legend: { symbolType: 'square' } }
	};
}

/**
 * The competitor page: loads the UMD bundles, then embeds the spec for `?data=URL` and marks when drawn,
 * the way the dashboard is measured: `performance.mark('charts-drawn')` and `data-drawn` on the root.
 */
export function competitorHtml() {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vega-Lite baseline</title>
<style>body{font-family:sans-serif;margin:8px}</style>
<script src="/vendor/vega.min.js"></script>
<script src="/vendor/vega-lite.min.js"></script>
<script src="/vendor/vega-embed.min.js"></script>
</head><body><div id="vis"></div>
<script>
const url = new URLSearchParams(location.search).get('data');
const spec = ${JSON.stringify(vegaLiteSpec('__DATA__'))};
spec.data.url = url;
const started = performance.now();
performance.mark('embed-start');
vegaEmbed('#vis', spec, { renderer: 'svg', actions: false })
	.then((result) => {
		window.__view = result.view;
		performance.mark('charts-drawn');
		document.documentElement.dataset.embedStart = String(started);
		document.documentElement.dataset.drawn = 'true';
	})
	.catch((error) => {
		document.documentElement.dataset.drawn = 'error';
		document.documentElement.dataset.error = String(error && error.message || error);
	});
</script></body></html>`;
}

/**
 * A static server on 127.0.0.1 for the competitor page, its vendor bundles and the benchmark's CSV tables.
 * @param {Map<string, string | Buffer>} files extra files by URL path (e.g. "/data/1000.csv")
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startCompetitorServer(files) {
	const html = competitorHtml();
	/** @type {Map<string, Buffer>} */
	const vendor = new Map();
	for (const [path, file] of Object.entries(VENDOR)) vendor.set(path, readFileSync(file));
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		/** @type {[string | Buffer, string] | null} */
		let found = null;
		if (path === '/' || path === '/index.html') found = [html, 'text/html; charset=utf-8'];
		else if (vendor.has(path)) found = [/** @type {Buffer} */ (vendor.get(path)), 'text/javascript'];
		else if (files.has(path)) found = [/** @type {string | Buffer} */ (files.get(path)), 'text/csv'];
		if (!found) {
			res.writeHead(404).end('not found');
			return;
		}
		res.writeHead(200, { 'content-type': found[1], 'cache-control': 'no-store' }).end(found[0]);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
