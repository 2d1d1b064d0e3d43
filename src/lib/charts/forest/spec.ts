/** Effect estimates: one row per study, grouped by design class, with the pooled diamonds (a forest plot). */
import { designTestText } from '$lib/domain/method';
import { designInfo, designsOf } from '$lib/domain/design';
import { emptyScene, rowScenes, type LegendItem, type RowItem } from '$lib/figure/compose';
import type { Paint, SceneNode } from '$lib/figure/scene';
import { inSentence } from '$lib/format';
import { byYear } from '../common';
import { diamond, effectCell, heterogeneityLine } from '../shared/figure';
import { defineChart, layoutFrame, type FigureInput } from '../shared/spec';
import type { Frame } from '$lib/figure/scene';
import { FOREST_ROWS, forestLayout } from './layout';

/** "Surgery" → "S", "No surgery" → "NS": arm initials for a narrow column title. */
const abbrev = (label: string) =>
	label
		.split(/\s+/)
		.map((w) => w.charAt(0).toUpperCase())
		.join('');

const layoutOf = (input: FigureInput, frame: Frame) =>
	forestLayout(
		{ studies: input.studies, weights: input.weights, pooled: input.pooled, superseded: input.superseded },
		{
			groupOf: input.groupOf
		},
		frame
	);

export default defineChart({
	id: 'forest',
	title: 'Effect estimates',
	slide: { order: 8, title: 'Effect estimates by design, pooled', split: 'groups' },
	exportName: 'forest',
	wide: true,
	lazy: false,
	options: [],
	passes: () => [FOREST_ROWS],
	layout: (input, _options, frame) => layoutOf(input, frame),
	rows(inView, groupOf) {
		const list = inView.filter((s) => s.effect !== null).sort(byYear);
		list.sort((a, b) => designInfo(a.design).order - designInfo(b.design).order);
		const order = [...new Set(list.map(groupOf))];
		list.sort((a, b) => order.indexOf(groupOf(a)) - order.indexOf(groupOf(b)));
		return list.map((s) => ({ id: s.id, group: groupOf(s) }));
	},
	scene(input, _options, frame, caption) {
		const width = layoutFrame(frame).width;
		const layout = layoutOf(input, layoutFrame(frame));
		if (layout.rows.length === 0)
			return [
				emptyScene(
					'forest',
					caption,
					frame,
					'No study in this table reports an effect estimate (map an effect column, with its interval, to fill this chart).'
				)
			];
		const byId = new Map(input.studies.map((s) => [s.id, s]));
		const hasArms = input.studies.some((s) => s.nTreated !== null && s.nControl !== null);
		const items: RowItem[] = [];
		let previous: string | null = null;
		for (const r of layout.rows) {
			const gap = previous === 'pooled' || (previous === 'study' && r.kind === 'header') ? 1 / 3 : 0;
			previous = r.kind;
			if (r.kind === 'header') {
				items.push({ kind: 'header', label: r.label, gapBefore: gap });
				continue;
			}
			if (r.kind === 'study') {
				const s = byId.get(r.id);
				const w = input.weights.get(r.id);
				const n = s
					? hasArms && s.nTreated !== null && s.nControl !== null
						? `${s.nTreated}/${s.nControl}`
						: s.nTotal !== null
							? String(s.nTotal)
							: ''
					: '';
				const paint: Paint = r.supersededBy ? 'muted' : `design:${designInfo(s?.design ?? null).key}`;
				items.push({
					id: r.id,
					label: r.label + (r.flags.length > 0 ? ' †' : ''),
					labelPaint: r.supersededBy ? 'muted' : 'fg',
					cells: [n, effectCell(r.effect, r.ciLow, r.ciHigh), w === undefined ? '—' : `${w.toFixed(1)}%`],
					marks: (y, x, k) => {
						const out: SceneNode[] = [];
						if (r.x0 !== null && r.x1 !== null)
							out.push({
								kind: 'line',
								x1: x(r.x0),
								x2: x(r.x1),
								y1: y,
								y2: y,
								stroke: paint,
								width: 1.5,
								role: 'ci'
							});
						const h = r.size * k * 0.9;
						out.push({
							kind: 'rect',
							x: x(r.x) - h,
							y: y - h,
							w: 2 * h,
							h: 2 * h,
							fill: r.pooled ? paint : 'bg',
							stroke: paint,
							strokeWidth: 1.5,
							role: 'estimate'
						});
						return out;
					}
				});
				continue;
			}
			const est = r.estimate;
			const group = r.key === 'all' ? input.overall : input.groups.find((g) => g.key === r.key)?.result;
			items.push({
				label: r.label,
				gapBefore: r.key === 'all' ? 1 / 3 : 0,
				cells: ['', effectCell(est.estimate, est.ciLow, est.ciHigh), r.key === 'all' ? '100%' : ''],
				marks: (y, x, k) => {
					const out: SceneNode[] = [];
					if (r.pi)
						out.push({
							kind: 'line',
							x1: x(r.pi.x0),
							x2: x(r.pi.x1),
							y1: y,
							y2: y,
							stroke: 'pooled',
							width: 1.5,
							dash: true,
							role: 'pi'
						});
					out.push(diamond(x(r.x0), x(r.x), x(r.x1), y, 6 * k, r.key === 'selected' ? 'accent' : 'pooled'));
					return out;
				}
			});
			if (group && group.k > 1 && r.key !== 'selected')
				items.push({ kind: 'note', label: heterogeneityLine(group) });
		}
		// The one test for a difference between design classes, named as on screen, in the summary and on slides.
		if (input.subgroupTest) items.push({ kind: 'note', label: designTestText(input.subgroupTest) });
		const notes: string[] = [];
		// A fixed frame (a slide) counts them, so the rows keep the room; a free one lists them.
		if (layout.missing.length > 0)
			notes.push(
				frame.height !== null
					? `Not drawn: ${layout.missing.length} ${layout.missing.length === 1 ? 'study' : 'studies'} without an effect estimate.`
					: `Not drawn (no estimate): ${layout.missing.map((s) => s.label).join(', ')}.`
			);
		if (input.studies.some((s) => s.flags.length > 0))
			notes.push('† a study flagged for care (see its page).');
		return rowScenes(
			{
				chart: 'forest',
				items,
				columns: [
					hasArms ? `n (${abbrev(input.arms.treated)}/${abbrev(input.arms.control)})` : 'n',
					`${input.measure} (95% CI)`,
					'Weight'
				],
				// A narrow frame keeps the estimates: the counts go first, then the weights.
				droppable: [0, 2],
				domain: [layout.margin.left, width - layout.margin.right],
				ticks: layout.ticks.map((t) => ({ x: t.x, label: String(t.value) })),
				axisTitle: `${input.measure} (log scale)`,
				refs: [{ x: layout.xNull, paint: 'muted' }],
				favours: {
					x: layout.xNull,
					left: `← favours ${inSentence(input.arms.treated)}`,
					right: `favours ${inSentence(input.arms.control)} →`
				},
				notes
			},
			caption,
			[
				...designsOf(input.studies.filter((s) => s.effect !== null)).map((d): LegendItem => ({
					shape: 'square',
					paint: `design:${d.key}`,
					label: d.label
				})),
				{ shape: 'ring', paint: 'fg', label: 'Not pooled (area ∝ weight when pooled)' },
				{ shape: 'diamond', paint: 'pooled', label: `Pooled (${input.method})` },
				{ shape: 'dash', paint: 'pooled', label: 'Prediction interval' }
			],
			frame
		);
	},
	notes: (ctx) => [...ctx.summary.slice(0, 2), ...ctx.cautions]
});
