/** Effect (or survival gain, the view's `trend=`) against publication year, each study a bubble sized by cohort. */
import { designInfo, designsOf } from '$lib/domain/design';
import { emptyScene, plotScene, type LegendItem } from '$lib/figure/compose';
import type { SceneNode } from '$lib/figure/scene';
import { plotAxes } from '../shared/figure';
import { defineChart, layoutFrame } from '../shared/spec';
import { TREND_ROWS, trendLayout } from './layout';

/** The trend's scene is laid out at this width (its height follows it). */
const SCENE_WIDTH = 640;

export default defineChart({
	id: 'trend',
	title: 'Effect and survival gain over time',
	slide: { order: 4, title: 'Has the benefit shrunk as designs improved?', split: 'shaped' },
	exportName: 'trend',
	wide: false,
	lazy: false,
	options: ['trend'],
	passes: (options) => [TREND_ROWS[options.trend ?? 'effect']],
	layout: (input, options, frame) =>
		trendLayout({ studies: input.studies }, { measure: options.trend ?? 'effect' }, frame),
	rows: () => null,
	scene(input, options, frame, caption) {
		const measure = options.trend ?? 'effect';
		const layout = trendLayout({ studies: input.studies }, { measure }, layoutFrame(frame, SCENE_WIDTH));
		if (layout.points.length === 0)
			return [
				emptyScene(
					'trend',
					caption,
					frame,
					measure === 'effect'
						? 'No study in view has a year and an effect estimate.'
						: 'No study in view has a year and a median survival in both arms.'
				)
			];
		const designs = designsOf(layout.points);
		return [
			plotScene(
				{
					chart: 'trend',
					...plotAxes(layout),
					xTitle: 'Publication year',
					yTitle:
						measure === 'effect'
							? `${input.measure} (log scale); bubble area ∝ cohort size`
							: `Survival gain, months (${input.arms.treated} − ${input.arms.control})`,
					ids: layout.points.map((p) => p.id),
					marks: (x, y, k) => [
						{
							kind: 'line',
							x1: x(layout.margin.left),
							x2: x(layout.width - layout.margin.right),
							y1: y(layout.yNull),
							y2: y(layout.yNull),
							stroke: 'muted',
							width: 1,
							dash: true,
							role: 'null'
						},
						// Each bubble is its study's mark (data-study-id), as on the page.
						...layout.points.map((p): SceneNode => ({
							kind: 'group',
							role: 'study',
							id: p.id,
							children: [
								{
									kind: 'circle',
									cx: x(p.cx),
									cy: y(p.cy),
									r: Math.round(p.r * Math.min(k, 2) * 100) / 100,
									fill: `design:${designInfo(p.design).key}`,
									opacity: 0.7,
									stroke: 'bg',
									strokeWidth: 1,
									role: 'study'
								}
							]
						}))
					]
				},
				caption,
				designs.map((d) => ({ shape: 'dot', paint: `design:${d.key}`, label: d.label }) as LegendItem),
				frame
			)
		];
	},
	notes: () => ['Each bubble is a study, sized by cohort and coloured by design.']
});
