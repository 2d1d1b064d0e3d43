/**
 * Every export's figures as scenes (no staging, no scraping of the page): one chart for a preset (all its parts
 * when a fixed frame splits it), the dashboard image, the A4 PDF's charts and the 16:9 PDF's pages, which follow
 * the talk's planned slides part by part. Each is the figure of the view's data, the chosen chart options and a
 * frame. No DOM: the same functions run in the page and in Node tests.
 */
import { chartEntry, CHART_IDS, type ChartId } from '$lib/charts/registry';
import { chartScenes, type FigureInput } from '$lib/figure/charts';
import { r2 } from '$lib/figure/compose';
import { a4Frame, a4Room } from '$lib/figure/pdf';
import { framePreset, type Frame, type Scene, type SceneNode } from '$lib/figure/scene';
import { toSvgString } from '$lib/figure/svg';
import { wrapText } from '$lib/figure/text';
import { planSlides, slideCharts, slideRows, type PlannedSlide } from '$lib/present/slides';
import type { Caption, Dashboard } from '$lib/state/dashboard.svelte';
import { figureInput, figureOptions } from './deck';
/** The talk's pages of sentences, for the PDFs (with the scenes, one module loaded on demand). */
export { talkPages } from './deck';
import type { PresetId } from './names';
import { PRESETS, type ExportSettings } from './settings';

/** The frame of a preset: "as drawn" at the chart's width on the page (at least 560 px), the others fixed. */
export function frameFor(
	preset: PresetId,
	theme: Frame['theme'],
	background: Frame['background'],
	screen: number | null
): Frame {
	const frame = framePreset(preset, theme, background);
	return preset === 'natural' && screen !== null
		? { ...frame, width: Math.max(560, Math.round(screen)) }
		: frame;
}

/**
 * Pixels per scene px in a PNG at `scale`: a slide scene is 1920 px wide and its preset's PNG 1280 at 1×; the
 * journal column is printed at 300 dpi whatever the scale.
 */
export function pngScale(preset: PresetId, scene: Scene, scale: number): number {
	const target = PRESETS[preset];
	if (target.scale) return (target.frame?.width ?? scene.width) * (target.scale / scene.width);
	return target.frame ? (target.frame.width / scene.width) * scale : scale;
}

/** "As drawn": a chart the page draws across its whole width (the forest) at a desktop page's width. */
export const WIDE_WIDTH = 1200;

/**
 * The chart's scenes for the export settings: one, or its parts in order when the preset's frame splits it. "As
 * drawn" keeps the page's proportions: a wide chart at `WIDE_WIDTH`, the others at the preset's width.
 */
export function exportScenes(
	dash: Dashboard,
	chart: ChartId,
	settings: ExportSettings,
	theme: Frame['theme'],
	caption: Caption
): Scene[] {
	const screen = chartEntry(chart).wide ? WIDE_WIDTH : null;
	const frame = frameFor(settings.preset, theme, settings.background, screen);
	return chartScenes(chart, figureInput(dash, chart), figureOptions(dash), frame, caption);
}

/**
 * A chart's input cut to one planned slide part: the studies the slide lists, the pooled rows that close on it
 * (the overall estimate and the test for subgroup differences on the last part), and for leave-one-out the rows
 * of the studies it lists. The same share as the slide on screen draws (present/slides.ts).
 */
export function partInput(input: FigureInput, part: PlannedSlide['part']): FigureInput {
	if (!part) return input;
	const ids = new Set(part.ids);
	const influence = input.influence
		? {
				...input.influence,
				rows: input.influence.rows.filter((r) => ids.has(input.effectIds[r.omitted] ?? ''))
			}
		: null;
	return {
		...input,
		studies: input.studies.filter((s) => ids.has(s.id)),
		pooled: input.pooled.filter((p) => (p.group === 'all' ? part.overall : part.groups.includes(p.group))),
		overall: part.overall ? input.overall : null,
		subgroupTest: part.overall ? input.subgroupTest : null,
		influence
	};
}

/** The talk's planned slides for the dashboard's view (the same plan the slides on screen follow). */
export function plannedSlides(dash: Dashboard): PlannedSlide[] {
	const pooled = dash.summary.effects.map((e) => e.id);
	const order = dash.filters.view.order ?? 'year';
	return planSlides((chart) => slideRows(chart, dash.inView(chart), dash.classOf, pooled, order));
}

/**
 * The 16:9 PDF's pages: every chart of every planned slide on its own page (a pair's two charts one after the
 * other), a split chart part by part as on the slides, each titled as its slide, in the slide frame.
 */
export function slidePdfScenes(
	dash: Dashboard,
	theme: Frame['theme'],
	caption: (chart: ChartId) => Caption
): Scene[] {
	const frame = framePreset('slide', theme, 'solid');
	const options = figureOptions(dash);
	return plannedSlides(dash).flatMap((slide) =>
		slideCharts(slide).flatMap((chart, i) => {
			const title = i === 0 && !slide.pair ? slide.title : chartEntry(chart).title;
			const input = partInput(figureInput(dash, chart), i === 0 ? slide.part : undefined);
			const scenes = chartScenes(chart, input, options, frame, { ...caption(chart), title });
			return scenes.filter((s) => s.empty === null);
		})
	);
}

/**
 * The A4 PDF's charts in page order, at print size: a chart taller than a page is split into page-high parts
 * (never shrunk below the A4 floor); charts with nothing to draw are left out.
 */
export function a4PdfScenes(
	dash: Dashboard,
	theme: Frame['theme'],
	caption: (chart: ChartId) => Caption,
	charts: readonly ChartId[] = CHART_IDS
): Scene[] {
	const options = figureOptions(dash);
	return charts.flatMap((chart) => {
		const input = figureInput(dash, chart);
		const free = chartScenes(chart, input, options, a4Frame(theme), caption(chart));
		const scenes = free.some((s) => s.height > a4Room())
			? chartScenes(chart, input, options, a4Frame(theme, a4Room()), caption(chart))
			: free;
		return scenes.filter((s) => s.empty === null);
	});
}

/** Nodes moved by (dx, dy). */
function moved(nodes: readonly SceneNode[], dx: number, dy: number): SceneNode[] {
	return nodes.map((n): SceneNode => {
		switch (n.kind) {
			case 'group':
				return { ...n, children: moved(n.children, dx, dy) };
			case 'text':
				return { ...n, x: r2(n.x + dx), y: r2(n.y + dy) };
			case 'line':
				return { ...n, x1: r2(n.x1 + dx), x2: r2(n.x2 + dx), y1: r2(n.y1 + dy), y2: r2(n.y2 + dy) };
			case 'rect':
				return { ...n, x: r2(n.x + dx), y: r2(n.y + dy) };
			case 'circle':
				return { ...n, cx: r2(n.cx + dx), cy: r2(n.cy + dy) };
			case 'poly':
				return { ...n, points: n.points.map(([x, y]) => [r2(x + dx), r2(y + dy)] as const) };
		}
	});
}

/** Width of one dashboard column; the first chart (the forest) spans both. */
export const DASHBOARD_COLUMN = 760;
export const DASHBOARD_GAP = 24;

/**
 * Every chart in one scene: a title block, the first chart full width, the others two by two (each drawn at the
 * column's width), then the source line. Charts with nothing to draw are left out (named in `skipped`).
 */
export function dashboardScene(
	dash: Dashboard,
	theme: Frame['theme'],
	background: Frame['background'],
	caption: Caption,
	charts: readonly ChartId[] = CHART_IDS
): { scene: Scene; skipped: string[] } {
	const gap = DASHBOARD_GAP;
	const width = DASHBOARD_COLUMN * 2 + gap * 3;
	const base = framePreset('natural', theme, 'transparent');
	const { type } = base;
	const options = figureOptions(dash);
	const skipped: string[] = [];
	const drawn = charts.flatMap((chart, i) => {
		const frame: Frame = { ...base, width: i === 0 ? width - 2 * gap : DASHBOARD_COLUMN, pad: 8 };
		const [scene] = chartScenes(chart, figureInput(dash, chart), options, frame, {
			title: chartEntry(chart).title,
			subtitle: '',
			source: ''
		});
		if (!scene || scene.empty !== null) {
			skipped.push(chartEntry(chart).title);
			return [];
		}
		return [scene];
	});
	if (drawn.length === 0)
		throw new Error('No chart has anything to draw, so there is no dashboard to export.');
	const nodes: SceneNode[] = [];
	const lead = (size: number) => Math.round(size * 1.3);
	let y = gap;
	const lines = (text: string, size: number, bold: boolean, fill: 'fg' | 'muted') => {
		for (const line of wrapText(text, width - 2 * gap, size, bold)) {
			nodes.push({
				kind: 'text',
				x: gap,
				y: y + lead(size) / 2,
				text: line,
				size,
				anchor: 'start',
				fill,
				...(bold ? { bold } : {}),
				role: 'caption'
			});
			y += lead(size);
		}
	};
	lines(caption.title, Math.round(type.title * 1.33), true, 'fg');
	lines(caption.subtitle, type.subtitle, false, 'muted');
	y += gap / 2;
	let x = gap;
	let rowHeight = 0;
	drawn.forEach((scene, i) => {
		if (i === 0 || x + scene.width > width - gap + 1) {
			if (rowHeight) y += rowHeight + gap;
			x = gap;
			rowHeight = 0;
		}
		nodes.push({
			kind: 'group',
			role: 'chart',
			data: { chart: scene.chart },
			children: moved(scene.nodes, x, y)
		});
		rowHeight = Math.max(rowHeight, scene.height);
		x = i === 0 ? width : x + scene.width + gap;
	});
	y += rowHeight + gap / 2;
	lines(caption.source, type.small, false, 'muted');
	const height = Math.ceil(y + gap);
	return {
		scene: {
			chart: 'dashboard',
			part: null,
			width,
			height,
			frame: { ...base, width, height, background },
			title: caption.title,
			nodes,
			rows: drawn.flatMap((s) => s.rows),
			empty: null
		},
		skipped
	};
}

export { toSvgString };
