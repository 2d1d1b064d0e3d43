/** Leave-one-out: the pooled estimate with each study left out in turn. */
import { emptyScene, rowScenes, type RowItem } from '$lib/figure/compose';
import type { Frame } from '$lib/figure/scene';
import { effectCell } from '../shared/figure';
import { defineChart, layoutFrame, type FigureInput } from '../shared/spec';
import { influenceLayout } from './layout';

const layoutOf = (input: FigureInput, frame: Frame) =>
	input.influence
		? influenceLayout({ loo: input.influence, ids: input.effectIds, labels: input.labels }, {}, frame)
		: null;

export default defineChart({
	id: 'influence',
	title: 'Leave-one-out',
	slide: { order: 6, title: 'Does any single study drive the result?', split: 'rows' },
	exportName: 'influence',
	wide: false,
	lazy: true,
	options: [],
	layout: (input, _options, frame) => layoutOf(input, frame),
	rows: (_inView, _groupOf, pooled) => (pooled ? pooled.map((id) => ({ id, group: '' })) : null),
	scene(input, _options, frame, caption) {
		const width = layoutFrame(frame).width;
		const layout = layoutOf(input, layoutFrame(frame));
		if (!layout || layout.rows.length === 0)
			return [
				emptyScene('influence', caption, frame, 'Leave-one-out needs at least three pooled studies in view.')
			];
		const items: RowItem[] = layout.rows.map((r) => ({
			id: r.id,
			label: `without ${r.label}`,
			labelPaint: r.flips ? 'warn' : 'fg',
			cells: [effectCell(r.est, r.lo, r.hi)],
			marks: (y, x, k) => [
				{
					kind: 'line',
					x1: x(r.x0),
					x2: x(r.x1),
					y1: y,
					y2: y,
					stroke: r.flips ? 'warn' : 'fg',
					width: 1.5,
					role: 'ci'
				},
				{
					kind: 'rect',
					x: x(r.x) - 3.5 * k,
					y: y - 3.5 * k,
					w: 7 * k,
					h: 7 * k,
					fill: r.flips ? 'warn' : 'fg',
					role: 'estimate'
				}
			]
		}));
		return rowScenes(
			{
				chart: 'influence',
				items,
				columns: [`${input.measure} (95% CI)`],
				domain: [layout.margin.left, width - layout.margin.right],
				ticks: layout.ticks.map((t) => ({ x: t.x, label: String(t.value) })),
				axisTitle: `Pooled ${input.measure} without the study (log scale)`,
				refs: [
					{ x: layout.xNull, paint: 'muted' },
					{ x: layout.xFull, paint: 'accent', dash: true }
				]
			},
			caption,
			[
				{ shape: 'dash', paint: 'accent', label: 'Pooled with every study' },
				{ shape: 'square', paint: 'warn', label: 'Leaving it out changes whether the interval crosses 1' }
			],
			frame
		);
	},
	notes: () => ['Each row is the pooled estimate with one study left out.']
});
