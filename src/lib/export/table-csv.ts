/**
 * The filtered table as CSV: the rows in view as loaded, plus the computed columns (log effect, its standard error,
 * the weight, the survival gain). Loaded on the first CSV export.
 */
import type { Dashboard } from '$lib/state/dashboard.svelte';

/** Download the view's rows as CSV; returns the status line. */
export async function exportTableCsv(dash: Dashboard): Promise<string> {
	const { dataset, summary, shownStudies } = dash;
	const [{ toCsv }, { download }, { exportName }] = await Promise.all([
		import('./csv'),
		import('./svg'),
		import('./names')
	]);
	const effects = new Map(summary.effects.map((e) => [e.id, e]));
	const rows = shownStudies.map((s) => {
		const raw = dataset.raw[s.row - 1] ?? [];
		const e = effects.get(s.id);
		const gain =
			s.medianTreated !== null && s.medianControl !== null ? s.medianTreated - s.medianControl : null;
		return [
			...raw,
			s.id,
			e ? String(e.yi) : '',
			e ? String(e.sei) : '',
			e ? String(e.level) : '',
			String(summary.weights.get(s.id) ?? ''),
			gain === null ? '' : String(gain)
		];
	});
	const headers = [
		...dataset.headers,
		'computed_study_id',
		'computed_log_effect',
		'computed_se_log_effect',
		'computed_ci_level_used',
		`computed_weight_pct_${summary.method}`,
		'computed_survival_gain_months'
	];
	const name = exportName('studies', dash.filters.view, 'csv');
	download(new Blob([toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' }), name);
	return `Saved ${name} (${rows.length} rows)`;
}
