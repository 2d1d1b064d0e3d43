/** Study years: when each study accrued and was published. */
import { emptyScene, rowScenes, type RowItem } from '$lib/figure/compose';
import type { SceneNode } from '$lib/figure/scene';
import { byYear } from '../common';
import { diamond, valueRange } from '../shared/figure';
import { defineChart, layoutFrame } from '../shared/spec';
import { YEAR_ENDS, YEARS_ROWS, yearsLayout } from './layout';

export default defineChart({
	id: 'years',
	title: 'Study years',
	slide: { order: 1, title: 'When the studies ran and were published', split: 'rows' },
	exportName: 'years',
	wide: false,
	lazy: false,
	options: [],
	passes: () => [YEARS_ROWS, YEAR_ENDS],
	layout: (input, _options, frame) => yearsLayout({ studies: input.studies }, {}, frame),
	rows: (inView) =>
		inView
			.filter((s) => s.year !== null || s.accrualStart !== null || s.accrualEnd !== null)
			.sort(byYear)
			.map((s) => ({ id: s.id, group: '' })),
	scene(input, options, frame, caption) {
		const layout = yearsLayout({ studies: input.studies }, {}, layoutFrame(frame));
		if (layout.rows.length === 0)
			return [emptyScene('years', caption, frame, 'No study in view reports a year.')];
		const items: RowItem[] = layout.rows.map((r) => ({
			id: r.id,
			label: r.label,
			marks: (y, x, k, rowH) => {
				const out: SceneNode[] = [];
				if (r.bar)
					out.push({
						kind: 'rect',
						x: x(r.bar.x0),
						y: y - rowH * 0.22,
						w: Math.max(1, x(r.bar.x1) - x(r.bar.x0)),
						h: rowH * 0.44,
						fill: 'accent',
						opacity: 0.45,
						role: 'accrual'
					});
				if (r.xPublished !== null) {
					const h = 5 * k;
					out.push(diamond(x(r.xPublished) - h, x(r.xPublished), x(r.xPublished) + h, y, h, 'fg'));
				}
				return out;
			}
		}));
		return rowScenes(
			{
				chart: 'years',
				items,
				domain: [layout.margin.left, layoutFrame(frame).width - layout.margin.right],
				ticks: layout.ticks.map((t) => ({ x: t.x, label: String(t.value) })),
				axisTitle: 'Year'
			},
			caption,
			[
				{ shape: 'bar', paint: 'accent', label: 'Accrual period' },
				{ shape: 'diamond', paint: 'fg', label: 'Publication year' }
			],
			frame
		);
	},
	notes(ctx) {
		const n = ctx.studies.length;
		const years = valueRange(ctx.studies.flatMap((s) => (s.year === null ? [] : [s.year])));
		return [
			years
				? `${n} studies in view, published ${years[0]}–${years[1]}.`
				: `${n} studies in view; no publication year reported.`,
			'Bars are accrual periods, diamonds the year of publication.'
		];
	}
});
