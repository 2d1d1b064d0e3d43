/**
 * One chart's SVG/PNG drawn from its scene (no staging, no scraping of the page): the figure of the view's data,
 * the chosen chart options and the preset's frame. A chart that a fixed frame splits into parts is left to the
 * staged path (run.ts) for now: one image holds one part.
 */
import type { ChartId } from '$lib/charts/registry';
import { chartScenes } from '$lib/figure/charts';
import { framePreset, type Frame, type Scene } from '$lib/figure/scene';
import { toSvgString } from '$lib/figure/svg';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import type { Caption } from '$lib/state/dashboard.svelte';
import { figureInput, figureOptions } from './deck';
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

/** The chart's one scene for the export settings, or null when the frame splits it (or nothing can draw it). */
export function exportScene(
	dash: Dashboard,
	chart: ChartId,
	settings: ExportSettings,
	theme: Frame['theme'],
	caption: Caption,
	screen: number | null
): Scene | null {
	const frame = frameFor(settings.preset, theme, settings.background, screen);
	const scenes = chartScenes(chart, figureInput(dash, chart), figureOptions(dash), frame, caption);
	return scenes.length === 1 ? (scenes[0] ?? null) : null;
}

export { toSvgString };
