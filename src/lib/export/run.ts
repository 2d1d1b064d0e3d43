/**
 * The page's exports, end to end: draw the charts for the export frame (off-screen, studies in view only), write
 * the file, and report what happened in a sentence. Every path ends in a status message, never an unhandled error.
 */
import type { ViewState } from '$lib/filters/clauses';
import { chartEntry, type ChartId } from '$lib/charts/registry';
import { copyPng, chartPng, chartSvg, dashboardPng, DASHBOARD_COLUMN, DASHBOARD_GAP } from './figure';
import { exportName, variantSuffix } from './names';
import { PRESETS, type ExportSettings } from './settings';
import type { StageItem } from './stage';
import type { PlannedSlide } from '$lib/present/slides';
import { download, EmptyChartError, rasterise, scaledDown } from './svg';
import type { Caption, Dashboard } from '$lib/state/dashboard.svelte';
import { CHART_IDS } from '$lib/charts/registry';
import { planSlides, slideCharts, slideRows } from '$lib/present/slides';
import { buildCaption, publicSite } from './caption';
import { settled } from './stage';
import { fillZoom } from './fit';

/** What the page gives the exporter: the view, the settings, captions, and a way to draw charts off-screen. */
export interface ExportContext {
	view: ViewState;
	settings: ExportSettings;
	/** The charts in page order (those with something to show go into the dashboard and the PDF). */
	charts: readonly ChartId[];
	titleOf: (chart: ChartId) => string;
	caption: (chart: ChartId) => Caption;
	/** The dashboard's own caption. */
	dashboardCaption: () => Caption;
	/** Draw charts off-screen at the given widths; resolves with their figures by key; `release` removes them. */
	stage: (items: StageItem[]) => Promise<Map<string, Element>>;
	/** The talk's slides (long charts split), for the slides PDF. */
	slides: () => PlannedSlide[];
	/** The plain-language summary, for the slides PDF's closing page. */
	summary: () => readonly string[];
	release: () => void;
	/** The chart's plot width on the page, if it is drawn there. */
	screenWidth: (chart: ChartId) => number | null;
	/** The chart drawn as a scene for the export settings (null: a fixed frame splits it; the staged path draws it). */
	scene?: (chart: ChartId) => Promise<import('$lib/figure/scene').Scene | null>;
}

/** The file-name part for a dark or transparent export (none for the default look). */
const variantOf = (s: ExportSettings) => variantSuffix(s.theme, s.background);

const message = (e: unknown, fallback: string) => (e instanceof Error && e.message ? e.message : fallback);

/** One chart as SVG, PNG or to the clipboard, in the chosen preset. */
export async function exportChart(
	ctx: ExportContext,
	chart: ChartId,
	format: 'svg' | 'png' | 'copy'
): Promise<string> {
	const preset = PRESETS[ctx.settings.preset];
	try {
		const scene = await ctx.scene?.(chart);
		if (scene) return await sceneFile(ctx, chart, format, scene);
		// "As drawn": the chart's width on the page (when it is on the page), else the preset's.
		const width =
			ctx.settings.preset === 'natural' ? (ctx.screenWidth(chart) ?? preset.layoutWidth) : preset.layoutWidth;
		let figure = (await ctx.stage([{ key: chart, id: chart, width }])).get(chart);
		const frame = preset.frame ?? undefined;
		// In a slide or a square, a short chart is laid out narrower and scaled up to fill the frame.
		const zoom = fillZoom(
			figure?.querySelector<SVGSVGElement>('.plot > svg')?.viewBox.baseVal.height ?? 0,
			frame?.height ?? null,
			width
		);
		if (figure && zoom > 1.05) {
			const key = `${chart}-fill`;
			figure = (await ctx.stage([{ key, id: chart, width: Math.round(width / zoom) }])).get(key);
		}
		if (!figure) throw new Error(`${ctx.titleOf(chart)} could not be drawn for export.`);
		const caption = ctx.caption(chart);
		if (format === 'svg') {
			const { text } = chartSvg(figure, caption, ctx.settings, frame);
			const name = exportName(chartEntry(chart).exportName, ctx.view, 'svg', {
				preset: ctx.settings.preset,
				variant: variantOf(ctx.settings)
			});
			download(new Blob([text], { type: 'image/svg+xml' }), name);
			return `Saved ${name}`;
		}
		const scale = preset.scale ?? ctx.settings.scale;
		const blob = await chartPng(figure, caption, ctx.settings, frame, scale);
		if (format === 'copy')
			return (await copyPng(blob))
				? `${ctx.titleOf(chart)} copied to the clipboard`
				: 'This browser does not allow copying images; use PNG instead.';
		const name = exportName(chartEntry(chart).exportName, ctx.view, 'png', {
			preset: ctx.settings.preset,
			variant: variantOf(ctx.settings),
			// A preset with its own density (the journal column) is named by the preset alone.
			scale: preset.scale ? undefined : scale
		});
		download(blob, name);
		const reduced = scaledDown(blob);
		return reduced
			? `Saved ${name} at ${reduced}× (the largest image this browser can draw)`
			: `Saved ${name}`;
	} catch (e) {
		return message(e, 'The export failed.');
	} finally {
		ctx.release();
	}
}

/** One chart's file drawn from its scene: the SVG string itself, or that string rasterised. */
async function sceneFile(
	ctx: ExportContext,
	chart: ChartId,
	format: 'svg' | 'png' | 'copy',
	scene: import('$lib/figure/scene').Scene
): Promise<string> {
	if (scene.empty) throw new EmptyChartError(`${ctx.titleOf(chart)} has nothing to export: ${scene.empty}`);
	const { toSvgString, pngScale } = await import('./scene-export');
	const text = toSvgString(scene);
	const preset = PRESETS[ctx.settings.preset];
	if (format === 'svg') {
		const name = exportName(chartEntry(chart).exportName, ctx.view, 'svg', {
			preset: ctx.settings.preset,
			variant: variantOf(ctx.settings)
		});
		download(new Blob([text], { type: 'image/svg+xml' }), name);
		return `Saved ${name}`;
	}
	const scale = preset.scale ?? ctx.settings.scale;
	const blob = await rasterise(
		text,
		scene.width,
		scene.height,
		pngScale(ctx.settings.preset, scene, ctx.settings.scale)
	);
	if (format === 'copy')
		return (await copyPng(blob))
			? `${ctx.titleOf(chart)} copied to the clipboard`
			: 'This browser does not allow copying images; use PNG instead.';
	const name = exportName(chartEntry(chart).exportName, ctx.view, 'png', {
		preset: ctx.settings.preset,
		variant: variantOf(ctx.settings),
		scale: preset.scale ? undefined : scale
	});
	download(blob, name);
	return `Saved ${name}`;
}

/** Every chart in one PNG: the first full width, the others two by two. */
export async function exportDashboard(ctx: ExportContext): Promise<string> {
	try {
		const figures = await ctx.stage(
			ctx.charts.map((id, i) => ({
				key: id,
				id,
				width: i === 0 ? DASHBOARD_COLUMN * 2 + DASHBOARD_GAP : DASHBOARD_COLUMN
			}))
		);
		const { blob, skipped } = await dashboardPng(
			ctx.charts.flatMap((id) => {
				const figure = figures.get(id);
				return figure ? [{ figure, title: ctx.titleOf(id) }] : [];
			}),
			ctx.dashboardCaption(),
			ctx.settings
		);
		const name = exportName('dashboard', ctx.view, 'png', {
			scale: ctx.settings.scale,
			variant: variantOf(ctx.settings)
		});
		download(blob, name);
		const reduced = scaledDown(blob);
		return `Saved ${name}${reduced ? ` at ${reduced}× (the largest image this browser can draw)` : ''}${skipped.length ? ` (without ${skipped.join(', ')}: nothing to draw)` : ''}`;
	} catch (e) {
		return `The dashboard could not be exported: ${message(e, 'unknown error')}`;
	} finally {
		ctx.release();
	}
}

/**
 * Every chart with something to draw, one per page, as a vector PDF with an embedded font. The 16:9 preset
 * follows the talk: long charts split as on the slides, then a closing page with the summary.
 */
export async function exportPdf(ctx: ExportContext, preset: 'a4' | 'slide'): Promise<string> {
	try {
		const { chartsPdf, PDF_PAGES } = await import('./pdf');
		const width = PDF_PAGES[preset].layoutWidth;
		const items: (StageItem & { title: string })[] =
			preset === 'slide'
				? ctx
						.slides()
						// Each chart of a slide on its own page (two side by side on screen); no text slides.
						.flatMap((s) =>
							slideCharts(s).map((id, i) =>
								i === 0
									? { key: s.key, id, width, part: s.part, title: s.pair ? ctx.titleOf(id) : s.title }
									: { key: `${s.key}-${id}`, id, width, title: ctx.titleOf(id) }
							)
						)
				: ctx.charts.map((id) => ({ key: id, id, width, title: ctx.titleOf(id) }));
		let figures = await ctx.stage(items);
		// On 16:9 pages a short chart is laid out narrower and scaled up to fill its page, as in chart exports.
		const frameHeight = PDF_PAGES[preset].frame.height;
		const fitted = items.map((item) => {
			const height = figures.get(item.key)?.querySelector<SVGSVGElement>('.plot > svg')?.viewBox
				.baseVal.height;
			const zoom = fillZoom(height ?? 0, frameHeight, item.width);
			return zoom > 1.05 ? { ...item, key: `${item.key}-fill`, width: Math.round(item.width / zoom) } : item;
		});
		if (fitted.some((item, i) => item !== items[i])) {
			ctx.release();
			figures = await ctx.stage(fitted);
		}
		const charts = fitted.flatMap((item) => {
			const figure = figures.get(item.key);
			return figure?.querySelector('.plot > svg')
				? [{ figure, caption: { ...ctx.caption(item.id), title: item.title } }]
				: [];
		});
		// A4: a cover page first (title, view, sources), two charts to a page where they fit, the summary last.
		const head = ctx.dashboardCaption();
		const cover = preset === 'a4' ? { title: head.title, lines: [head.subtitle, head.source] } : null;
		const blob = await chartsPdf(charts, preset, ctx.settings, ctx.summary(), cover);
		const name = exportName(`charts-${preset}`, ctx.view, 'pdf', { variant: variantOf(ctx.settings) });
		download(blob, name);
		return `Saved ${name}`;
	} catch (e) {
		return `The PDF could not be made: ${message(e, 'unknown error')}`;
	} finally {
		ctx.release();
	}
}

const today = () => new Date().toISOString().slice(0, 10);

/** The caption every exported file carries (export/caption.ts): the chart's, or the whole dashboard's (null). */
export function captionFor(dash: Dashboard, chart: ChartId | null, withSummary: boolean): Caption {
	return buildCaption({
		...dash.captionParts(chart),
		target: 'export',
		site: publicSite(window.location),
		date: today(),
		summary: withSummary ? dash.sentences.join(' ') : undefined
	});
}

/** The exporter's view of the page: the dashboard's state and the off-screen stage the page renders. */
export function contextFor(
	dash: Dashboard,
	stage: { settings: ExportSettings; stageItems: StageItem[]; stageRoot: HTMLElement | undefined }
): ExportContext {
	return {
		view: dash.filters.view,
		settings: stage.settings,
		charts: CHART_IDS,
		titleOf: (chart) => chartEntry(chart).title,
		caption: (chart) => captionFor(dash, chart, stage.settings.summary),
		dashboardCaption: () => captionFor(dash, null, false),
		stage: async (items) => {
			stage.stageItems = items;
			// The stage mounts on the next update; wait for it, then for the charts to lay out.
			for (let i = 0; i < 60 && !stage.stageRoot; i++)
				await new Promise((r) => requestAnimationFrame(() => r(null)));
			if (!stage.stageRoot) throw new Error('The export area is missing.');
			return settled(
				stage.stageRoot,
				items.map((i) => i.key)
			);
		},
		release: () => (stage.stageItems = []),
		screenWidth: (chart) => {
			const plot = document.querySelector(`.charts figure[data-chart="${chart}"] .plot`);
			return plot && plot.clientWidth > 0 ? plot.clientWidth : null;
		},
		slides: () =>
			planSlides((chart) =>
				slideRows(
					chart,
					dash.inView(chart),
					dash.classOf,
					dash.summary.effects.map((e) => e.id)
				)
			),
		scene: async (chart) => {
			const [{ exportScene }, { exportTheme }] = await Promise.all([
				import('./scene-export'),
				import('./pptx')
			]);
			if (chart === 'funnel' || chart === 'influence' || chart === 'cumulative') await dash.loadViews();
			const plot = document.querySelector(`.charts figure[data-chart="${chart}"] .plot`);
			const screen = plot && plot.clientWidth > 0 ? plot.clientWidth : null;
			return exportScene(
				dash,
				chart,
				stage.settings,
				exportTheme(stage.settings),
				captionFor(dash, chart, stage.settings.summary),
				screen
			);
		},
		summary: () => dash.sentences
	};
}
