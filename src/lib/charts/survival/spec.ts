/** Median overall survival in each arm, by year or by survival gain (the view's `order=`). */
import { emptyScene, rowScenes, type RowItem } from '$lib/figure/compose';
import type { SceneNode } from '$lib/figure/scene';
import { defineChart, layoutFrame } from '../shared/spec';
import { SURVIVAL_ROWS, survivalLayout, survivalOrder } from './layout';

export default defineChart({
	id: 'survival',
	title: 'Median overall survival',
	slide: { order: 3, title: 'Median survival in each arm', split: 'rows' },
	exportName: 'survival',
	wide: false,
	lazy: false,
	options: ['order'],
	passes: () => [SURVIVAL_ROWS],
	layout: (input, options, frame) =>
		survivalLayout({ studies: input.studies }, { order: options.order ?? 'year' }, frame),
	rows(inView, _groupOf, _pooled, options) {
		return inView
			.filter((s) => s.medianTreated !== null || s.medianControl !== null)
			.sort(survivalOrder(options?.order ?? 'year'))
			.map((s) => ({ id: s.id, group: '' }));
	},
	scene(input, options, frame, caption) {
		const order = options.order ?? 'year';
		const width = layoutFrame(frame).width;
		const layout = survivalLayout({ studies: input.studies }, { order }, layoutFrame(frame));
		if (layout.rows.length === 0)
			return [emptyScene('survival', caption, frame, 'No study in view reports a median overall survival.')];
		const items: RowItem[] = layout.rows.map((r) => ({
			id: r.id,
			label: r.label,
			cells: [
				r.gain === null ? '' : `${r.gain > 0 ? '+' : r.gain < 0 ? '−' : ''}${Math.abs(r.gain).toFixed(1)}`
			],
			marks: (y, x, k) => {
				const out: SceneNode[] = [];
				if (r.xTreated !== null && r.xControl !== null)
					out.push({
						kind: 'line',
						x1: x(r.xControl),
						x2: x(r.xTreated),
						y1: y,
						y2: y,
						stroke: 'muted',
						width: 2
					});
				if (r.xControl !== null)
					out.push({
						kind: 'circle',
						cx: x(r.xControl),
						cy: y,
						r: 4.5 * k,
						fill: 'control',
						role: 'control'
					});
				if (r.xTreated !== null)
					out.push({
						kind: 'circle',
						cx: x(r.xTreated),
						cy: y,
						r: 4.5 * k,
						fill: 'treated',
						role: 'treated'
					});
				return out;
			}
		}));
		return rowScenes(
			{
				chart: 'survival',
				items,
				columns: ['Gain (mo)'],
				domain: [layout.margin.left, width - layout.margin.right],
				ticks: layout.ticks.map((t) => ({ x: t.x, label: String(t.value) })),
				axisTitle: `Median overall survival, months${order === 'gain' ? ' (ordered by gain)' : ''}`,
				refs: [{ x: layout.x0, paint: 'rule' }]
			},
			caption,
			[
				{ shape: 'dot', paint: 'treated', label: input.arms.treated },
				{ shape: 'dot', paint: 'control', label: input.arms.control }
			],
			frame
		);
	},
	notes(ctx) {
		const both = ctx.studies.filter((s) => s.medianTreated !== null && s.medianControl !== null).length;
		return [
			`${both} of ${ctx.studies.length} studies report median survival in both arms.`,
			'Medians from retrospective series carry selection: fitter patients were operated on.'
		];
	}
});
