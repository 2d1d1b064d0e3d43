/**
 * Every chart as a pure function of its data, options and a frame: `chartScenes(chart, input, options, frame,
 * caption) → Scene[]` (more than one when a long chart is split for a fixed frame). Each chart's figure lives in its
 * spec (`charts/<id>/spec.ts`, built on its layout and placed by the one fitter in compose.ts); this dispatches. Pure.
 */
import { chartEntry, type ChartId } from '$lib/charts/registry';
import type { FigureInput, FigureOptions } from '$lib/charts/shared/spec';
import type { Frame, Scene, SceneCaption } from './scene';

export type { FigureInput, FigureOptions } from '$lib/charts/shared/spec';
export { heterogeneityLine } from '$lib/charts/shared/figure';

export type FigureChart = ChartId;

/** A chart's figure for a frame: one scene, or its parts in order when it is split. */
export function chartScenes(
	chart: FigureChart,
	input: FigureInput,
	options: FigureOptions,
	frame: Frame,
	caption: SceneCaption
): Scene[] {
	return chartEntry(chart).scene(input, options, frame, caption);
}
