/** Evidence over time: the pooled estimate as studies accumulate by publication year, overall and per design class. */
import { emptyScene, pathPoints, plotScene, type LegendItem } from '$lib/figure/compose';
import type { Frame, Paint, SceneNode } from '$lib/figure/scene';
import { plotAxes } from '../shared/figure';
import { defineChart, layoutFrame, type FigureInput } from '../shared/spec';
import { cumulativeLayout } from './layout';

/** The cumulative scene is laid out at this width (its height follows it). */
const SCENE_WIDTH = 720;

const GROUPS = [
	{ key: 'all', label: 'All studies', paint: 'pooled' as Paint },
	{ key: 'observational', label: 'Observational', paint: 'design:registry' as Paint },
	{ key: 'randomised', label: 'Randomised', paint: 'design:rct' as Paint }
];

const layoutOf = (input: FigureInput, frame: Frame) =>
	cumulativeLayout(
		{
			points: input.cumulative?.points ?? [],
			groups: GROUPS,
			years: input.yearSpan
		},
		{},
		frame
	);

export default defineChart({
	id: 'cumulative',
	title: 'Evidence over time',
	slide: { order: 7, title: 'How the pooled estimate moved as studies accumulated', split: 'shaped' },
	exportName: 'cumulative',
	wide: false,
	lazy: true,
	options: [],
	layout: (input, _options, frame) => layoutOf(input, frame),
	rows: () => null,
	scene(input, _options, frame, caption) {
		const layout = layoutOf(input, layoutFrame(frame, SCENE_WIDTH));
		const drawn = layout.series.filter((s) => s.marks.length > 0);
		if (drawn.length === 0)
			return [
				emptyScene(
					'cumulative',
					caption,
					frame,
					'No two studies in view have a publication year and an effect estimate with its interval to pool.'
				)
			];
		const paintOf = (key: string) => GROUPS.find((g) => g.key === key)?.paint ?? 'muted';
		return [
			plotScene(
				{
					chart: 'cumulative',
					...plotAxes(layout),
					xTitle: 'Publication year (studies pooled up to that year)',
					yTitle: `Pooled ${input.measure} (${input.method}, log scale) with 95% CI`,
					ids: [],
					marks: (x, y, k) => {
						const out: SceneNode[] = [
							{
								kind: 'line',
								x1: x(layout.margin.left),
								x2: x(layout.width - layout.margin.right),
								y1: y(layout.yNull),
								y2: y(layout.yNull),
								stroke: 'muted',
								width: 1,
								role: 'null'
							}
						];
						for (const s of drawn) {
							const p = paintOf(s.group);
							for (const band of pathPoints(s.band))
								out.push({
									kind: 'poly',
									closed: true,
									points: band.map(([a, b]) => [x(a), y(b)] as const),
									fill: p,
									opacity: 0.15,
									role: 'band'
								});
							for (const line of pathPoints(s.line))
								out.push({
									kind: 'poly',
									closed: false,
									points: line.map(([a, b]) => [x(a), y(b)] as const),
									fill: null,
									stroke: p,
									strokeWidth: 2,
									role: 'line'
								});
							for (const m of s.marks)
								out.push({
									kind: 'group',
									role: 'point',
									// The same hooks as the page's marks (CONTRACT.md, cumulative).
									data: {
										group: m.group,
										year: String(m.year),
										k: String(m.k),
										estimate: String(m.estimate)
									},
									children: [{ kind: 'circle', cx: x(m.cx), cy: y(m.cy), r: 3 * k, fill: p, role: 'point' }]
								});
						}
						return out;
					}
				},
				caption,
				drawn.map((s) => ({ shape: 'line', paint: paintOf(s.group), label: s.label }) as LegendItem),
				frame
			)
		];
	},
	notes: () => []
});
