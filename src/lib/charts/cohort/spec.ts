/** Cohort sizes: each study's total and its arms, on a log scale. */
import { emptyScene, rowScenes, type RowItem } from '$lib/figure/compose';
import type { SceneNode } from '$lib/figure/scene';
import { fmtSi } from '$lib/format';
import { byYear } from '../common';
import { valueRange } from '../shared/figure';
import { defineChart, layoutFrame } from '../shared/spec';
import { COHORT_ROWS, cohortLayout } from './layout';

export default defineChart({
	id: 'cohort',
	title: 'Cohort sizes',
	slide: { order: 2, title: 'How many patients each study had', split: 'rows' },
	exportName: 'cohort',
	wide: false,
	lazy: false,
	options: [],
	passes: () => [COHORT_ROWS],
	layout: (input, _options, frame) => cohortLayout({ studies: input.studies }, {}, frame),
	rows: (inView) =>
		inView
			.filter((s) => s.nTotal !== null || s.nTreated !== null || s.nControl !== null)
			.sort(byYear)
			.map((s) => ({ id: s.id, group: '' })),
	scene(input, options, frame, caption) {
		const width = layoutFrame(frame).width;
		const layout = cohortLayout({ studies: input.studies }, {}, layoutFrame(frame));
		if (layout.rows.length === 0)
			return [emptyScene('cohort', caption, frame, 'No study in view reports a cohort size.')];
		const items: RowItem[] = layout.rows.map((r) => ({
			id: r.id,
			label: r.label,
			cells: [r.total === null ? '' : r.total.toLocaleString('en')],
			marks: (y, x, k) => {
				const out: SceneNode[] = [];
				const xs = [r.xTreated, r.xControl].filter((v): v is number => v !== null);
				if (xs.length === 2)
					out.push({
						kind: 'line',
						x1: x(Math.min(...xs)),
						x2: x(Math.max(...xs)),
						y1: y,
						y2: y,
						stroke: 'rule',
						width: 2
					});
				if (r.xTotal !== null)
					out.push({
						kind: 'line',
						x1: x(r.xTotal),
						x2: x(r.xTotal),
						y1: y - 6 * k,
						y2: y + 6 * k,
						stroke: 'fg',
						width: 2,
						role: 'total'
					});
				if (r.xTreated !== null)
					out.push({ kind: 'circle', cx: x(r.xTreated), cy: y, r: 4 * k, fill: 'treated', role: 'treated' });
				if (r.xControl !== null)
					out.push({ kind: 'circle', cx: x(r.xControl), cy: y, r: 4 * k, fill: 'control', role: 'control' });
				return out;
			}
		}));
		return rowScenes(
			{
				chart: 'cohort',
				items,
				columns: ['Total'],
				domain: [layout.margin.left, width - layout.margin.right],
				ticks: layout.ticks.map((t) => ({ x: t.x, label: fmtSi(t.value) })),
				axisTitle: 'Patients (log scale)',
				notes:
					layout.missing.length > 0
						? [`No cohort size: ${layout.missing.map((s) => s.label).join(', ')}.`]
						: []
			},
			caption,
			[
				{ shape: 'dot', paint: 'treated', label: input.arms.treated },
				{ shape: 'dot', paint: 'control', label: input.arms.control },
				{ shape: 'tick', paint: 'fg', label: 'Total' }
			],
			frame
		);
	},
	notes(ctx) {
		const sizes = valueRange(ctx.studies.flatMap((s) => (s.nTotal === null ? [] : [s.nTotal])));
		return [
			sizes
				? `Cohorts range from ${sizes[0].toLocaleString('en')} to ${sizes[1].toLocaleString('en')} patients (log scale).`
				: 'No cohort size reported in view.',
			`Dots split each cohort into ${ctx.arms.treated} and ${ctx.arms.control}.`
		];
	}
});
