/** Small-study effects: a funnel of each pooled study's estimate against its standard error. */
import { emptyScene, pathPoints, plotScene } from '$lib/figure/compose';
import type { Frame, SceneNode } from '$lib/figure/scene';
import { plotAxes } from '../shared/figure';
import { defineChart, layoutFrame, type FigureInput } from '../shared/spec';
import { funnelLayout } from './layout';

/** The funnel's scene is laid out at this width (its height follows it). */
const SCENE_WIDTH = 560;

/**
 * A figure draws the studies pooled in view (as every chart's figure draws its studies in view; the page also
 * keeps the others, faded), on axes that span them.
 */
const layoutOf = (input: FigureInput, frame: Frame) => {
	if (!input.funnel) return null;
	const pooled = new Set(input.effectIds);
	const studies = input.studies
		.filter((s) => pooled.has(s.id))
		.map((s) => ({
			// Named, not spread: a large table's study reads its fields from columns (io/column-studies.ts).
			id: s.id,
			label: input.labels.get(s.id) ?? s.label,
			effect: s.effect,
			ciLow: s.ciLow,
			ciHigh: s.ciHigh,
			ciLevel: s.ciLevel,
			logEffect: s.logEffect,
			se: s.se
		}));
	return funnelLayout({ data: input.funnel, studies }, {}, frame);
};

export default defineChart({
	id: 'funnel',
	title: 'Small-study effects',
	slide: { order: 5, title: 'Small-study effects', split: 'shaped' },
	exportName: 'funnel',
	wide: false,
	lazy: true,
	options: [],
	layout: (input, _options, frame) => layoutOf(input, frame),
	rows: () => null,
	scene(input, _options, frame, caption) {
		const layout = layoutOf(input, layoutFrame(frame, SCENE_WIDTH));
		if (!layout)
			return [
				emptyScene(
					'funnel',
					caption,
					frame,
					'A funnel needs at least two studies in view with an estimate and an interval.'
				)
			];
		const region = pathPoints(layout.region)[0] ?? [];
		const centre = pathPoints(layout.centre)[0] ?? [];
		return [
			plotScene(
				{
					chart: 'funnel',
					...plotAxes(layout),
					xTitle: `${input.measure} (log scale)`,
					yTitle: 'Standard error of the log ratio (larger studies at the top)',
					ids: layout.points.map((p) => p.id),
					marks: (x, y, k) => {
						const out: SceneNode[] = [
							{
								kind: 'poly',
								closed: true,
								points: region.map(([a, b]) => [x(a), y(b)] as const),
								fill: 'rule',
								opacity: 0.5,
								role: 'region'
							}
						];
						const [c0, c1] = centre;
						if (c0 && c1)
							out.push({
								kind: 'line',
								x1: x(c0[0]),
								y1: y(c0[1]),
								x2: x(c1[0]),
								y2: y(c1[1]),
								stroke: 'fg',
								width: 1,
								dash: true,
								role: 'centre'
							});
						if (layout.xNull !== null)
							out.push({
								kind: 'line',
								x1: x(layout.xNull),
								x2: x(layout.xNull),
								y1: y(layout.margin.top),
								y2: y(layout.height - layout.margin.bottom),
								stroke: 'muted',
								width: 1,
								role: 'null'
							});
						for (const p of layout.points)
							out.push({
								kind: 'circle',
								cx: x(p.cx),
								cy: y(p.cy),
								r: 4 * k,
								fill: 'accent',
								opacity: 0.8,
								stroke: 'bg',
								strokeWidth: 1,
								role: 'study'
							});
						return out;
					}
				},
				caption,
				[
					{ shape: 'dot', paint: 'accent', label: 'Pooled study' },
					{ shape: 'dash', paint: 'fg', label: 'Dashed line: pooled estimate' },
					{ shape: 'line', paint: 'muted', label: 'Solid line: no effect (ratio 1)' },
					{ shape: 'square', paint: 'rule', label: 'Pseudo 95% confidence region' }
				],
				frame
			)
		];
	},
	notes: () => [
		'Each point is a pooled study; larger studies sit higher.',
		'Asymmetry can mean that small studies with null results went unpublished.'
	]
});
