/**
 * The page's exports, end to end: the charts drawn as scenes for the export frame (the view's data and chart
 * options, never a copy of the screen), written as SVG strings, PNGs rasterised from them, or vector PDFs, and
 * what happened in a sentence. Every path ends in a status message, never an unhandled error.
 */
import type { ViewState } from '$lib/filters/clauses';
import { chartEntry, type ChartId } from '$lib/charts/registry';
import type { PdfPreset, PdfSpec } from '$lib/figure/pdf';
import type { Scene } from '$lib/figure/scene';
import type { Caption, Dashboard } from '$lib/state/dashboard.svelte';
import { buildCaption, publicSite } from './caption';
import { exportName, variantSuffix } from './names';
import { PRESETS, type ExportSettings } from './settings';
import { copyPng, download, EmptyChartError, rasterise, scaledDown } from './svg';

/** What the page gives the exporter: the view, the settings, and the scenes of its figures. */
export interface ExportContext {
	view: ViewState;
	settings: ExportSettings;
	titleOf: (chart: ChartId) => string;
	/** The chart drawn for the export settings: one scene, or its parts when the preset's frame splits it. */
	scenes: (chart: ChartId) => Promise<Scene[]>;
	/** Every chart in one scene (the dashboard image), and the charts left out (nothing to draw). */
	dashboard: () => Promise<{ scene: Scene; skipped: string[] }>;
	/** What a PDF holds: A4 (cover, charts two to a page, summary) or the talk's 16:9 pages. */
	pdf: (preset: PdfPreset) => Promise<PdfSpec>;
}

/** The file-name part for a dark or transparent export (none for the default look). */
const variantOf = (s: ExportSettings) => variantSuffix(s.theme, s.background);

const message = (e: unknown, fallback: string) => (e instanceof Error && e.message ? e.message : fallback);

/** The smallest text of a preset's frame, in words (a split's reason). */
const FLOOR: Record<string, string> = {
	slide: '12 pt on a 16:9 slide',
	square: '20 px of 1080',
	column: '7 pt in the column'
};

/**
 * One chart as SVG, PNG or to the clipboard, in the chosen preset. A chart that a fixed frame (a slide, a square)
 * cannot hold at its type size is split: every part is saved as its own file (`-part1of3`), the clipboard takes
 * the first part; the status says so.
 */
export async function exportChart(
	ctx: ExportContext,
	chart: ChartId,
	format: 'svg' | 'png' | 'copy'
): Promise<string> {
	try {
		const scenes = await ctx.scenes(chart);
		const first = scenes[0];
		if (!first) throw new Error(`${ctx.titleOf(chart)} could not be drawn for export.`);
		if (first.empty) throw new EmptyChartError(`${ctx.titleOf(chart)} has nothing to export: ${first.empty}`);
		const count = scenes.length;
		const split =
			count > 1
				? ` (split into ${count} parts so that no text is below ${FLOOR[ctx.settings.preset] ?? "the frame's minimum"})`
				: '';
		if (format === 'copy') {
			const blob = await png(ctx, first);
			return (await copyPng(blob))
				? `${ctx.titleOf(chart)}${count > 1 ? ` (part 1 of ${count})` : ''} copied to the clipboard${count > 1 ? '; save it as PNG for every part' : ''}`
				: 'This browser does not allow copying images; use PNG instead.';
		}
		const names: string[] = [];
		let reduced: number | null = null;
		for (const scene of scenes) {
			const { blob, name } = await file(ctx, chart, format, scene, count);
			download(blob, name);
			names.push(name);
			reduced ??= format === 'png' ? scaledDown(blob) : null;
		}
		const saved = count > 1 ? `${names[0]} and ${count - 1} more part${count > 2 ? 's' : ''}` : names[0];
		return `Saved ${saved}${split}${reduced ? ` at ${reduced}× (the largest image this browser can draw)` : ''}`;
	} catch (e) {
		return message(e, 'The export failed.');
	}
}

/** A scene's PNG at the export settings' density. */
async function png(ctx: ExportContext, scene: Scene): Promise<Blob> {
	const { toSvgString, pngScale } = await import('./scene-export');
	return rasterise(
		toSvgString(scene),
		scene.width,
		scene.height,
		pngScale(ctx.settings.preset, scene, ctx.settings.scale)
	);
}

/** One scene's file: the SVG string itself, or that string rasterised; named by chart, view, preset and part. */
async function file(
	ctx: ExportContext,
	chart: ChartId,
	format: 'svg' | 'png',
	scene: Scene,
	count: number
): Promise<{ blob: Blob; name: string }> {
	const preset = PRESETS[ctx.settings.preset];
	const part = count > 1 && scene.part ? { index: scene.part.index, count } : undefined;
	if (format === 'svg') {
		const { toSvgString } = await import('./scene-export');
		return {
			blob: new Blob([toSvgString(scene)], { type: 'image/svg+xml' }),
			name: exportName(chartEntry(chart).exportName, ctx.view, 'svg', {
				preset: ctx.settings.preset,
				variant: variantOf(ctx.settings),
				part
			})
		};
	}
	const scale = preset.scale ?? ctx.settings.scale;
	return {
		blob: await png(ctx, scene),
		name: exportName(chartEntry(chart).exportName, ctx.view, 'png', {
			preset: ctx.settings.preset,
			variant: variantOf(ctx.settings),
			// A preset with its own density (the journal column) is named by the preset alone.
			scale: preset.scale ? undefined : scale,
			part
		})
	};
}

/** Every chart in one PNG: the first full width, the others two by two, drawn from one composed scene. */
export async function exportDashboard(ctx: ExportContext): Promise<string> {
	try {
		const { scene, skipped } = await ctx.dashboard();
		const { toSvgString } = await import('./scene-export');
		const blob = await rasterise(toSvgString(scene), scene.width, scene.height, ctx.settings.scale);
		const name = exportName('dashboard', ctx.view, 'png', {
			scale: ctx.settings.scale,
			variant: variantOf(ctx.settings)
		});
		download(blob, name);
		const reduced = scaledDown(blob);
		return `Saved ${name}${reduced ? ` at ${reduced}× (the largest image this browser can draw)` : ''}${skipped.length ? ` (without ${skipped.join(', ')}: nothing to draw)` : ''}`;
	} catch (e) {
		return `The dashboard could not be exported: ${message(e, 'unknown error')}`;
	}
}

/**
 * Every chart with something to draw as a vector PDF with an embedded font, drawn from scenes. A4: a cover, the
 * charts two to a page where they fit, the summary. 16:9: the talk's slides part by part, then the summary.
 */
export async function exportPdf(ctx: ExportContext, preset: PdfPreset): Promise<string> {
	try {
		const [spec, { pdfBlob }] = await Promise.all([ctx.pdf(preset), import('./pdf')]);
		const blob = await pdfBlob(spec);
		const name = exportName(`charts-${preset}`, ctx.view, 'pdf', { variant: variantOf(ctx.settings) });
		download(blob, name);
		return `Saved ${name}`;
	} catch (e) {
		return `The PDF could not be made: ${message(e, 'unknown error')}`;
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

/** The exporter's view of the page: the dashboard's state and the export settings. */
export function contextFor(dash: Dashboard, exports: { settings: ExportSettings }): ExportContext {
	/** `views`: the figure needs the funnel, leave-one-out or evidence-over-time statistics (loaded after first
	 * paint; costly for a large table, so only when drawn). */
	const modules = async (views: boolean) => {
		const [scenes, { exportTheme }] = await Promise.all([import('./scene-export'), import('./pptx')]);
		if (views) await dash.loadViews();
		return { scenes, theme: exportTheme(exports.settings) };
	};
	const caption = (chart: ChartId) => captionFor(dash, chart, exports.settings.summary);
	return {
		view: dash.filters.view,
		settings: exports.settings,
		titleOf: (chart) => chartEntry(chart).title,
		scenes: async (chart) => {
			const { scenes, theme } = await modules(
				chart === 'funnel' || chart === 'influence' || chart === 'cumulative'
			);
			return scenes.exportScenes(dash, chart, exports.settings, theme, caption(chart));
		},
		dashboard: async () => {
			const { scenes, theme } = await modules(true);
			return scenes.dashboardScene(dash, theme, exports.settings.background, captionFor(dash, null, false));
		},
		pdf: async (preset) => {
			const { scenes, theme } = await modules(true);
			const head = captionFor(dash, null, false);
			const { opening, methods, closing } = scenes.talkPages(dash);
			// Both open as the live talk does (question, dataset, view, day), with where the numbers come from.
			const cover = { title: opening.title, lines: [...opening.lines, head.source] };
			const base = { preset, theme, title: head.title, cover, methods, closing };
			return preset === 'a4'
				? { ...base, scenes: scenes.a4PdfScenes(dash, theme, caption) }
				: { ...base, footer: head.source, scenes: scenes.slidePdfScenes(dash, theme, caption) };
		}
	};
}
