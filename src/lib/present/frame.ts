/**
 * The 16:9 slide frame and what goes in it, in design pixels of a 1920×1080 slide: the header, the footer, and the
 * boxes a slide's charts and panels are drawn in, each chart laid out at a width and magnified by a zoom so its
 * smallest text (10 px in every chart) reads at ≥ 24 px. Pure: heights come from the charts' layout rules.
 */
import { ROW_HEIGHT } from '$lib/charts/common';
import type { ChartId } from '$lib/charts/registry';

/** The slide's size in design px; the projected stage scales it to the screen. */
export const FRAME = { width: 1920, height: 1080 } as const;
/** Type sizes on a 1920×1080 slide (px): titles ≥ 40, every other text ≥ 24. */
export const TYPE = { title: 48, subtitle: 28, text: 24, big: 36 } as const;
/** The smallest text any chart draws, in its own layout px (tick and estimate labels). */
export const CHART_TEXT = 10;
/** A chart is never magnified less than this: 10-px chart text reads at 24 px. */
export const MIN_ZOOM = TYPE.text / CHART_TEXT;
/** Nor more than this (a short chart fills the frame, but its text stays a sensible size). */
export const MAX_ZOOM = 4.8;
const PAD_X = 64;
/** Where the body starts (below title and subtitle) and ends (above the footer). */
export const BODY = { x: PAD_X, y: 162, width: FRAME.width - 2 * PAD_X, height: 1080 - 162 - 64 } as const;
const GAP = 48;
/** The forest's statistics panel beside the chart. */
const PANEL_WIDTH = 400;
/** The forest's statistics panel under the chart (a short forest), its height. */
const PANEL_BELOW = 130;

/** A box on the slide, in design px. */
export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** A chart drawn on a slide: its box, the width it is laid out at (CSS px) and the zoom that magnifies it. */
export interface ChartBox extends Box {
	chart: ChartId;
	layoutWidth: number;
	zoom: number;
}

/** What a slide holds: its charts, and the statistics panel beside or below a forest. */
export interface SlideGeometry {
	charts: ChartBox[];
	panel: (Box & { placement: 'beside' | 'below' }) | null;
	/** The share of the frame's height the content takes (top of the first box to the bottom of the last). */
	fill: number;
}

/** The legend and caption a chart's figure draws under its plot, in layout px (one line, two when narrow). */
function captionHeight(chart: ChartId, width: number): number {
	const lines = chart === 'funnel' || width < 560 ? 2 : 1;
	return chart === 'influence' || chart === 'forest' ? 20 : 6 + lines * 18;
}

/** How tall a chart is when laid out at `width` (layout px), from its layout's own rules. */
export interface ChartShape {
	chart: ChartId;
	/** Rows drawn (row charts; for the forest: headers, studies and pooled rows). */
	rows: number;
	/** Gaps of a third of a row (the forest: after each group, before the overall row). */
	gaps?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A chart's height at `width` (CSS px), plot and caption, following its layout (see `charts/*.layout.ts`). */
export function chartHeight(shape: ChartShape, width: number): number {
	const rows = (top: number, bottom: number) =>
		top + shape.rows * ROW_HEIGHT + ((shape.gaps ?? 0) * ROW_HEIGHT) / 3 + bottom;
	let plot: number;
	switch (shape.chart) {
		case 'trend':
			plot = Math.round(clamp(width * 0.55, 260, 420));
			break;
		case 'funnel':
			plot = Math.round(clamp(width * 0.6, 240, 380));
			break;
		case 'cumulative':
			plot = Math.round(clamp(width * 0.45, 240, 380));
			break;
		case 'forest':
			plot = rows(8, 52);
			break;
		case 'influence':
			plot = rows(8, 40);
			break;
		default:
			plot = rows(8, 36);
	}
	return plot + captionHeight(shape.chart, width);
}

/** The narrowest and widest a chart is laid out (the forest keeps its estimates column from 560 px). */
function widths(chart: ChartId): [number, number] {
	if (chart === 'forest') return [570, 900];
	if (chart === 'trend' || chart === 'funnel' || chart === 'cumulative') return [360, 900];
	return [380, 900];
}

/**
 * The largest drawing of a chart in a box: a width to lay it out at and a zoom ≥ MIN_ZOOM (≤ `maxZoom`) so it fits,
 * filling as much of the box's height as it can. Null when it cannot fit at MIN_ZOOM.
 */
export function fitChart(
	shape: ChartShape,
	box: Pick<Box, 'width' | 'height'>,
	maxZoom = MAX_ZOOM
): { layoutWidth: number; zoom: number; width: number; height: number } | null {
	const [lo, hi] = widths(shape.chart);
	let best: { layoutWidth: number; zoom: number; width: number; height: number } | null = null;
	for (let zoom = maxZoom; zoom >= MIN_ZOOM - 1e-9; zoom -= 0.02) {
		// The widest layout that fits at this zoom (a chart whose height follows its width gets narrower).
		for (let layoutWidth = Math.floor(Math.min(hi, box.width / zoom)); layoutWidth >= lo; layoutWidth -= 8) {
			const h = chartHeight(shape, layoutWidth) * zoom;
			if (h > box.height) continue;
			if (!best || h > best.height + 0.5) best = { layoutWidth, zoom, width: layoutWidth * zoom, height: h };
			break;
		}
	}
	return best;
}

/** Rows a part of a split chart may hold so it fits the body at MIN_ZOOM (the forest: beside its panel). */
export function rowBudget(chart: ChartId): number {
	const tall = BODY.height / MIN_ZOOM - captionHeight(chart, 600);
	const margins = chart === 'forest' ? 60 + ROW_HEIGHT : chart === 'influence' ? 48 : 44;
	return Math.max(3, Math.floor((tall - margins) / ROW_HEIGHT));
}

const halfWidth = (BODY.width - GAP) / 2;

/** Two charts side by side, each in half the body, when both then fill at least `minFill` of the frame's height. */
export function pairGeometry(a: ChartShape, b: ChartShape, minFill = 0.6): SlideGeometry | null {
	const fits = [a, b].map((s) => fitChart(s, { width: halfWidth, height: BODY.height }));
	const [fa, fb] = fits;
	if (!fa || !fb || Math.min(fa.height, fb.height) < minFill * FRAME.height) return null;
	const charts = [
		{ chart: a.chart, ...fa, x: BODY.x + (halfWidth - fa.width) / 2, y: BODY.y },
		{ chart: b.chart, ...fb, x: BODY.x + halfWidth + GAP + (halfWidth - fb.width) / 2, y: BODY.y }
	];
	return { charts, panel: null, fill: Math.max(fa.height, fb.height) / FRAME.height };
}

/**
 * One chart, as large as the body allows; a forest with its statistics panel beside it (or, for a short forest,
 * below it, when that draws the chart larger). `fixed`: the layout width and zoom every part of a split chart
 * shares, so the parts draw one scale at one size.
 */
export function singleGeometry(
	shape: ChartShape,
	fixed?: { layoutWidth: number; zoom: number; placement?: 'beside' | 'below' }
): SlideGeometry {
	const place = (
		fit: { layoutWidth: number; zoom: number },
		placement: 'beside' | 'below' | null
	): SlideGeometry => {
		const width = fit.layoutWidth * fit.zoom;
		const height = chartHeight(shape, fit.layoutWidth) * fit.zoom;
		const chartX = placement === 'beside' ? BODY.x : BODY.x + (BODY.width - width) / 2;
		const charts = [{ chart: shape.chart, ...fit, x: chartX, y: BODY.y, width, height }];
		const panel =
			placement === 'beside'
				? {
						placement,
						x: BODY.x + width + GAP,
						y: BODY.y,
						width: BODY.width - width - GAP,
						height: Math.min(BODY.height, height)
					}
				: placement === 'below'
					? { placement, x: BODY.x, y: BODY.y + height + 16, width: BODY.width, height: PANEL_BELOW }
					: null;
		const bottom = Math.max(height, panel ? panel.y + panel.height - BODY.y : 0);
		return { charts, panel, fill: Math.min(BODY.height, bottom) / FRAME.height };
	};
	const isForest = shape.chart === 'forest';
	if (fixed) return place(fixed, isForest ? (fixed.placement ?? 'beside') : null);
	if (!isForest) {
		const fit = fitChart(shape, BODY);
		const [lo] = widths(shape.chart);
		return place(
			fit ?? { layoutWidth: Math.max(lo, Math.floor(BODY.width / MIN_ZOOM)), zoom: MIN_ZOOM },
			null
		);
	}
	const beside = fitChart(shape, { width: BODY.width - PANEL_WIDTH - GAP, height: BODY.height });
	const below = fitChart(shape, { width: BODY.width, height: BODY.height - PANEL_BELOW - 16 });
	if (below && (!beside || below.height > beside.height)) return place(below, 'below');
	return place(beside ?? { layoutWidth: 570, zoom: MIN_ZOOM }, 'beside');
}

/** The fit every part of a split chart shares: the tallest part's. */
export function sharedFit(shapes: readonly ChartShape[]): {
	layoutWidth: number;
	zoom: number;
	placement?: 'beside' | 'below';
} {
	const tallest = shapes.reduce((a, b) => (chartHeight(b, 600) > chartHeight(a, 600) ? b : a));
	const g = singleGeometry(tallest);
	const c = g.charts[0] as ChartBox;
	return { layoutWidth: c.layoutWidth, zoom: c.zoom, placement: g.panel?.placement };
}
