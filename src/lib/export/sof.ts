/** The summary-of-findings table's exports from the page: CSV, SVG and PNG, in the page's current theme. */
import type { Dashboard } from '$lib/state/dashboard.svelte';
import { toCsv } from './csv';
import { captionFor } from './run';
import { exportName } from './names';
import { sofCsv, sofSvg } from './sof-table';
import { download, rasterise } from './svg';

/** Export the table; returns what happened, in words. */
export async function exportSof(dash: Dashboard, format: 'csv' | 'svg' | 'png'): Promise<string> {
	const a = dash.appraisal.result;
	if (!a || a.rows.length === 0) return 'Nothing to export: no pooled estimate in view.';
	if (format === 'csv') {
		const { headers, rows } = sofCsv(a);
		const name = exportName('summary-of-findings', dash.filters.view, 'csv');
		download(new Blob([toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' }), name);
		return `Saved ${name}`;
	}
	const style = getComputedStyle(document.documentElement);
	const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	const svg = sofSvg(a, {
		title: `Summary of findings: ${dash.pageTitle}`,
		subtitle: `${dash.viewText} · ${dash.summary.method}${dash.summary.hk ? ' + Hartung–Knapp' : ''}${dash.filters.view.exclude ? ' · flagged studies left out' : ''}`,
		source: captionFor(dash, null, false).source,
		background: css('--bg', '#ffffff'),
		foreground: css('--fg', '#1a1a1a'),
		muted: css('--muted', '#5c5c5c'),
		rule: css('--rule', '#d9dcdf'),
		patientsInView: dash.patientCount.anyReported ? dash.patients : null
	});
	if (format === 'svg') {
		const name = exportName('summary-of-findings', dash.filters.view, 'svg');
		download(new Blob([svg.text], { type: 'image/svg+xml' }), name);
		return `Saved ${name}`;
	}
	const name = exportName('summary-of-findings', dash.filters.view, 'png');
	download(await rasterise(svg.text, svg.width, svg.height, 2), name);
	return `Saved ${name}`;
}
