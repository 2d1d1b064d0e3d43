/**
 * The page's exports wired to the dashboard's state: each chart as SVG / PNG / clipboard, the whole dashboard as a
 * PNG, the PDFs and the filtered table as CSV. Every figure is a scene of the view's data for the export's frame
 * (nothing is drawn off-screen or copied from the page); the export code itself loads on first use.
 */
import type { ChartId } from '$lib/charts/registry';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import { DEFAULT_EXPORT, type ExportSettings } from './settings';

export type ChartFormat = 'svg' | 'png' | 'copy';

export class Exports {
	readonly #dash: Dashboard;
	settings = $state<ExportSettings>({ ...DEFAULT_EXPORT });
	/** The outcome of the latest export, in words. */
	status = $state('');

	constructor(dash: Dashboard) {
		this.#dash = dash;
	}

	/** What the export code needs from the page (built by run.ts, which loads on first use). */
	#context() {
		return import('./run').then((run) => ({ run, ctx: run.contextFor(this.#dash, this) }));
	}

	/** Export one chart as a file or to the clipboard, drawn for the chosen preset. */
	async chart(chart: ChartId, format: ChartFormat): Promise<void> {
		const { run, ctx } = await this.#context();
		this.status = await run.exportChart(ctx, chart, format);
	}

	/** The whole dashboard as one PNG. */
	async dashboard(): Promise<void> {
		const { run, ctx } = await this.#context();
		this.status = await run.exportDashboard(ctx);
	}

	/** Every chart as a vector PDF, A4 pages or 16:9 slides. */
	async pdf(preset: 'a4' | 'slide'): Promise<void> {
		this.status = 'Preparing PDF…';
		const { run, ctx } = await this.#context();
		this.status = await run.exportPdf(ctx, preset);
	}

	/** The talk as an editable PowerPoint deck (native text and shapes, talking points as notes). */
	async pptx(): Promise<void> {
		this.status = 'Preparing slides…';
		const { exportPptx } = await import('./pptx');
		this.status = await exportPptx(this.#dash, this.settings);
	}

	/** The filtered rows as loaded, plus the computed columns, as CSV. */
	async csv(): Promise<void> {
		const { exportTableCsv } = await import('./table-csv');
		this.status = await exportTableCsv(this.#dash);
	}
}
