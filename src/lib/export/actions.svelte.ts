/**
 * The page's exports wired to the dashboard's state: each chart as SVG / PNG / clipboard, the whole dashboard as a
 * PNG, the PDFs and the filtered table as CSV. The export code itself loads on first use.
 */
import { CHART_IDS, chartEntry, type ChartId } from '$lib/charts/registry';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import { DEFAULT_EXPORT, type ExportSettings } from './settings';

export type ChartFormat = 'svg' | 'png' | 'copy';

/** Export code loads on first use: it is not needed to read the dashboard. */
const exporters = () =>
	Promise.all([import('./figure'), import('./svg'), import('./csv')]).then(([figure, svg, csv]) => ({
		...figure,
		...svg,
		...csv
	}));

const failure = (e: unknown, fallback: string) => (e instanceof Error ? e.message : fallback);

export class Exports {
	readonly #dash: Dashboard;
	settings = $state<ExportSettings>({ ...DEFAULT_EXPORT });
	/** The outcome of the latest export, in words. */
	status = $state('');

	constructor(dash: Dashboard) {
		this.#dash = dash;
	}

	/** Export one chart's figure as a file or to the clipboard. */
	async chart(chart: ChartId, format: ChartFormat, figure: HTMLElement): Promise<void> {
		const svg = figure.querySelector<SVGSVGElement>('.plot > svg');
		if (!svg) return;
		const { chartSvg, chartPng, copyPng, download, fileName } = await exporters();
		const caption = this.#dash.captionFor(chart);
		const name = chartEntry(chart).exportName;
		try {
			if (format === 'svg') {
				const { text } = chartSvg(svg, caption, this.settings);
				download(new Blob([text], { type: 'image/svg+xml' }), fileName(name, 'svg'));
				this.status = `Saved ${fileName(name, 'svg')}`;
				return;
			}
			const blob = await chartPng(svg, caption, this.settings);
			if (format === 'copy') {
				this.status = (await copyPng(blob))
					? `${caption.title} copied to the clipboard`
					: 'This browser does not allow copying images; use PNG instead.';
				return;
			}
			download(blob, fileName(name, `${this.settings.scale}x.png`));
			this.status = `Saved ${fileName(name, `${this.settings.scale}x.png`)}`;
		} catch (e) {
			this.status = failure(e, 'The export failed.');
		}
	}

	/** The whole dashboard as one PNG. */
	async dashboard(): Promise<void> {
		const dash = this.#dash;
		const { dashboardPng, download, fileName } = await exporters();
		const { blob } = await dashboardPng(
			chartSvgs(),
			{
				title: 'Surgery of the primary tumour in de novo stage IV breast cancer',
				subtitle: `${dash.viewText}${dash.pooledText ? ` · ${dash.pooledText}` : ''}`,
				source: dash.sourceLine
			},
			this.settings
		);
		download(blob, fileName('dashboard', `${this.settings.scale}x.png`));
		this.status = `Saved ${fileName('dashboard', `${this.settings.scale}x.png`)}`;
	}

	/** The filtered rows as loaded, plus the computed columns, as CSV. */
	async csv(): Promise<void> {
		const { dataset, summary, shownStudies } = this.#dash;
		const { toCsv, download, fileName } = await exporters();
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
		download(
			new Blob([toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' }),
			fileName('studies', 'csv')
		);
		this.status = `Saved ${fileName('studies', 'csv')} (${rows.length} rows)`;
	}

	/** Every chart as a vector PDF, A4 pages or 16:9 slides. */
	async pdf(preset: 'a4' | 'slide'): Promise<void> {
		this.status = 'Preparing PDF…';
		try {
			const { chartsPdf } = await import('./pdf');
			const { download, fileName } = await exporters();
			const blob = await chartsPdf(
				chartSvgs().map(({ svg, chart }) => ({ svg, caption: this.#dash.captionFor(chart) })),
				preset,
				this.settings
			);
			download(blob, fileName(`charts-${preset}`, 'pdf'));
			this.status = `Saved ${fileName(`charts-${preset}`, 'pdf')}`;
		} catch (e) {
			this.status = failure(e, 'The PDF could not be made.');
		}
	}
}

/** Every chart drawn on the page, in grid order, with its title. */
function chartSvgs(): { svg: SVGSVGElement; chart: ChartId; title: string }[] {
	return CHART_IDS.flatMap((chart) => {
		const svg = document.querySelector<SVGSVGElement>(`[data-chart="${chart}"] .plot > svg`);
		return svg ? [{ svg, chart, title: chartEntry(chart).title }] : [];
	});
}
