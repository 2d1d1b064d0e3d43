/**
 * The page's exports wired to the dashboard's state: each chart as SVG / PNG / clipboard, the whole dashboard as a
 * PNG, the PDFs and the filtered table as CSV. Charts are drawn off-screen for the export's frame with the studies
 * in view (the page renders `stageItems` through ExportStage); the export code itself loads on first use.
 */
import { CHART_IDS, chartEntry, type ChartId } from '$lib/charts/registry';
import { planSlides } from '$lib/present/slides';
import type { Caption, Dashboard } from '$lib/state/dashboard.svelte';
import { citeSources } from './caption';
import type { ExportContext } from './run';
import { DEFAULT_EXPORT, type ExportSettings } from './settings';
import { settled, type StageItem } from './stage';

export type ChartFormat = 'svg' | 'png' | 'copy';

const today = () => new Date().toISOString().slice(0, 10);

export class Exports {
	readonly #dash: Dashboard;
	settings = $state<ExportSettings>({ ...DEFAULT_EXPORT });
	/** The outcome of the latest export, in words. */
	status = $state('');
	/** Charts being drawn off-screen for an export (empty: none). */
	stageItems = $state.raw<StageItem[]>([]);
	/** The element ExportStage draws them in. */
	stageRoot = $state<HTMLElement | undefined>();

	constructor(dash: Dashboard) {
		this.#dash = dash;
	}

	/** Where the study pages are, for captions that cite them. */
	#site(): string {
		return typeof window === 'undefined'
			? ''
			: `${window.location.origin}${window.location.pathname}`.replace(/\/$/, '');
	}

	/** The caption every export of a chart carries: title, filters, studies in view (+ pooled estimate), sources. */
	caption(chart: ChartId): Caption {
		const dash = this.#dash;
		const studies = dash.inView(chart);
		const subtitle = `${dash.filterText} · ${studies.length} of ${dash.studies.length} studies`;
		return {
			title: chartEntry(chart).title,
			subtitle: chart === 'forest' && dash.pooledText ? `${subtitle} · ${dash.pooledText}` : subtitle,
			source: `${citeSources(studies, { name: dash.dataset.name, bundled: dash.isBundled, site: this.#site() })} Exported ${today()}.`,
			summary: this.settings.summary ? dash.sentences.join(' ') : undefined
		};
	}

	#context(): ExportContext {
		const dash = this.#dash;
		return {
			view: dash.filters.view,
			settings: this.settings,
			charts: CHART_IDS,
			titleOf: (chart) => chartEntry(chart).title,
			caption: (chart) => this.caption(chart),
			dashboardCaption: () => ({
				title: dash.pageTitle,
				subtitle: `${dash.viewText}${dash.pooledText ? ` · ${dash.pooledText}` : ''}`,
				source: `${citeSources(dash.shownStudies, { name: dash.dataset.name, bundled: dash.isBundled, site: this.#site() })} Exported ${today()}.`
			}),
			stage: async (items) => {
				this.stageItems = items;
				// The stage mounts on the next update; wait for it, then for the charts to lay out.
				for (let i = 0; i < 60 && !this.stageRoot; i++)
					await new Promise((r) => requestAnimationFrame(() => r(null)));
				if (!this.stageRoot) throw new Error('The export area is missing.');
				return settled(
					this.stageRoot,
					items.map((i) => i.key)
				);
			},
			release: () => (this.stageItems = []),
			screenWidth: (chart) => {
				const plot = document.querySelector(`.charts figure[data-chart="${chart}"] .plot`);
				return plot && plot.clientWidth > 0 ? plot.clientWidth : null;
			},
			slides: () => planSlides((chart) => dash.slideRows(chart)),
			summary: () => dash.sentences
		};
	}

	/** Export one chart as a file or to the clipboard, drawn for the chosen preset. */
	async chart(chart: ChartId, format: ChartFormat): Promise<void> {
		const { exportChart } = await import('./run');
		this.status = await exportChart(this.#context(), chart, format);
	}

	/** The whole dashboard as one PNG. */
	async dashboard(): Promise<void> {
		const { exportDashboard } = await import('./run');
		this.status = await exportDashboard(this.#context());
	}

	/** Every chart as a vector PDF, A4 pages or 16:9 slides. */
	async pdf(preset: 'a4' | 'slide'): Promise<void> {
		this.status = 'Preparing PDF…';
		const { exportPdf } = await import('./run');
		this.status = await exportPdf(this.#context(), preset);
	}

	/** The filtered rows as loaded, plus the computed columns, as CSV. */
	async csv(): Promise<void> {
		const { dataset, summary, shownStudies } = this.#dash;
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
		const name = exportName('studies', this.#dash.filters.view, 'csv');
		download(new Blob([toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' }), name);
		this.status = `Saved ${name} (${rows.length} rows)`;
	}
}
