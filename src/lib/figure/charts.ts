/**
 * Every chart as a pure function of its data, options and a frame: `chartScenes(chart, input, options, frame,
 * caption) → Scene[]` (more than one when a long chart is split for a fixed frame). Built on the charts' own
 * layouts (order, grouping, scales, ticks), placed by the one fitter in compose.ts. Pure.
 */
import { designTestText, pText } from '$lib/domain/method';
import { cohortLayout } from '$lib/charts/cohort/layout';
import { cumulativeLayout } from '$lib/charts/cumulative/layout';
import { forestLayout, type PooledEstimate } from '$lib/charts/forest/layout';
import { funnelLayout } from '$lib/charts/funnel/layout';
import { influenceLayout } from '$lib/charts/influence/layout';
import { survivalLayout, type SurvivalOrder } from '$lib/charts/survival/layout';
import { trendLayout, type TrendMeasure } from '$lib/charts/trend/layout';
import { yearsLayout } from '$lib/charts/years/layout';
import { designInfo, designsOf } from '$lib/domain/design';
import { fmtRatio, fmtSi, inSentence } from '$lib/format';
import type { Cumulative } from '$lib/stats/cumulative';
import type { LeaveOneOut, PoolResult, SubgroupTest } from '$lib/stats/meta';
import type { FunnelData } from '$lib/stats/bias';
import type { ArmLabels, Study, StudyId } from '$lib/types';
import { emptyScene, pathPoints, plotScene, rowScenes, type LegendItem, type RowItem } from './compose';
import type { Frame, Paint, Scene, SceneCaption, SceneNode } from './scene';

/** What a chart's figure is made of: the studies in its view and the statistics of the view. */
export interface FigureInput {
	/** The studies in this chart's view, in table order. */
	studies: readonly Study[];
	arms: ArmLabels;
	measure: string;
	/** Weight (percent) of every pooled study. */
	weights: ReadonlyMap<StudyId, number>;
	pooled: readonly PooledEstimate[];
	superseded: ReadonlyMap<StudyId, Study>;
	/** The forest's row groups: the design classes, as the page draws them (domain/design.ts). */
	groupOf?: (s: Study) => string;
	/** Per-group and overall results (heterogeneity lines), and the test for subgroup differences. */
	groups: readonly { key: string; result: PoolResult | null }[];
	overall: PoolResult | null;
	subgroupTest: SubgroupTest | null;
	method: string;
	/** Pooled studies' ids in input order (funnel and leave-one-out index them). */
	effectIds: readonly StudyId[];
	labels: ReadonlyMap<StudyId, string>;
	funnel: FunnelData | null;
	influence: LeaveOneOut | null;
	cumulative: Cumulative | null;
	yearSpan: readonly [number, number] | null;
}

/** The chart options a user chose in the view (URL `order=`, `trend=`). */
export interface FigureOptions {
	order?: SurvivalOrder;
	trend?: TrendMeasure;
}

export type FigureChart =
	'forest' | 'cumulative' | 'trend' | 'survival' | 'years' | 'cohort' | 'funnel' | 'influence';

/** Layouts are computed at this width and mapped onto the frame (only their order, scales and ticks are used). */
const LAYOUT_WIDTH = 900;

const num = (v: number, d = 2) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(d));

/** "Heterogeneity: τ² = 0.03; I² = 45%; Q = 12.3 (df = 6), p = 0.05", as RevMan and metafor print it. */
export function heterogeneityLine(r: PoolResult): string {
	const parts = [`τ² = ${num(r.tau2, r.tau2 < 0.01 ? 3 : 2)}`];
	if (r.i2 !== null) parts.push(`I² = ${Math.round(r.i2)}%`);
	const q = `Q = ${num(r.q, 1)} (df = ${r.qDf})${r.qP !== null ? `, ${pText(r.qP)}` : ''}`;
	return `Heterogeneity: ${parts.join('; ')}; ${q}`;
}

const effectCell = (e: number, lo: number | null, hi: number | null) =>
	lo === null || hi === null ? fmtRatio(e) : `${fmtRatio(e)} (${fmtRatio(lo)}–${fmtRatio(hi)})`;

function diamond(x0: number, x: number, x1: number, y: number, h: number, fill: Paint): SceneNode {
	return {
		kind: 'poly',
		closed: true,
		fill,
		role: 'diamond',
		points: [
			[x0, y],
			[x, y - h],
			[x1, y],
			[x, y + h]
		]
	};
}

function forest(input: FigureInput, frame: Frame, caption: SceneCaption): Scene[] {
	const layout = forestLayout(
		input.studies,
		LAYOUT_WIDTH,
		input.weights,
		input.pooled,
		undefined,
		input.superseded,
		undefined,
		{ groupOf: input.groupOf }
	);
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
	if (input.studies.some((s) => s.flags.length > 0)) notes.push('† a study flagged for care (see its page).');
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
			domain: [layout.margin.left, LAYOUT_WIDTH - layout.margin.right],
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
}

/** "Surgery" → "S", "No surgery" → "NS": arm initials for a narrow column title. */
const abbrev = (label: string) =>
	label
		.split(/\s+/)
		.map((w) => w.charAt(0).toUpperCase())
		.join('');

function years(input: FigureInput, frame: Frame, caption: SceneCaption): Scene[] {
	const layout = yearsLayout(input.studies, LAYOUT_WIDTH);
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
			domain: [layout.margin.left, LAYOUT_WIDTH - layout.margin.right],
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
}

function cohort(input: FigureInput, frame: Frame, caption: SceneCaption): Scene[] {
	const layout = cohortLayout(input.studies, LAYOUT_WIDTH);
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
			domain: [layout.margin.left, LAYOUT_WIDTH - layout.margin.right],
			ticks: layout.ticks.map((t) => ({ x: t.x, label: fmtSi(t.value) })),
			axisTitle: 'Patients (log scale)',
			notes:
				layout.missing.length > 0 ? [`No cohort size: ${layout.missing.map((s) => s.label).join(', ')}.`] : []
		},
		caption,
		[
			{ shape: 'dot', paint: 'treated', label: input.arms.treated },
			{ shape: 'dot', paint: 'control', label: input.arms.control },
			{ shape: 'tick', paint: 'fg', label: 'Total' }
		],
		frame
	);
}

function survival(input: FigureInput, frame: Frame, caption: SceneCaption, order: SurvivalOrder): Scene[] {
	const layout = survivalLayout(input.studies, LAYOUT_WIDTH, order);
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
				out.push({ kind: 'circle', cx: x(r.xControl), cy: y, r: 4.5 * k, fill: 'control', role: 'control' });
			if (r.xTreated !== null)
				out.push({ kind: 'circle', cx: x(r.xTreated), cy: y, r: 4.5 * k, fill: 'treated', role: 'treated' });
			return out;
		}
	}));
	return rowScenes(
		{
			chart: 'survival',
			items,
			columns: ['Gain (mo)'],
			domain: [layout.margin.left, LAYOUT_WIDTH - layout.margin.right],
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
}

function influence(input: FigureInput, frame: Frame, caption: SceneCaption): Scene[] {
	const layout = input.influence
		? influenceLayout(input.influence, input.effectIds, input.labels, LAYOUT_WIDTH)
		: null;
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
			domain: [layout.margin.left, LAYOUT_WIDTH - layout.margin.right],
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
}

function trend(input: FigureInput, frame: Frame, caption: SceneCaption, measure: TrendMeasure): Scene[] {
	const layout = trendLayout(input.studies, 640, measure);
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
				box: {
					x0: layout.margin.left,
					x1: layout.width - layout.margin.right,
					y0: layout.margin.top,
					y1: layout.height - layout.margin.bottom
				},
				xTicks: layout.xTicks.map((t) => ({ x: t.x, label: String(t.value) })),
				yTicks: layout.yTicks.map((t) => ({ y: t.y, label: String(t.value) })),
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
}

function funnel(input: FigureInput, frame: Frame, caption: SceneCaption): Scene[] {
	const studies = input.effectIds.map((id) => ({ id, label: input.labels.get(id) ?? id }));
	const layout = input.funnel ? funnelLayout(input.funnel, studies, 560) : null;
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
				box: {
					x0: layout.margin.left,
					x1: layout.width - layout.margin.right,
					y0: layout.margin.top,
					y1: layout.height - layout.margin.bottom
				},
				xTicks: layout.xTicks.map((t) => ({ x: t.x, label: String(t.value) })),
				yTicks: layout.yTicks.map((t) => ({ y: t.y, label: String(t.value) })),
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
}

const CUMULATIVE_GROUPS = [
	{ key: 'all', label: 'All studies', paint: 'pooled' as Paint },
	{ key: 'observational', label: 'Observational', paint: 'design:registry' as Paint },
	{ key: 'randomised', label: 'Randomised', paint: 'design:rct' as Paint }
];

function cumulative(input: FigureInput, frame: Frame, caption: SceneCaption): Scene[] {
	const layout = cumulativeLayout({
		points: input.cumulative?.points ?? [],
		width: 720,
		groups: CUMULATIVE_GROUPS,
		years: input.yearSpan
	});
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
	const paintOf = (key: string) => CUMULATIVE_GROUPS.find((g) => g.key === key)?.paint ?? 'muted';
	return [
		plotScene(
			{
				chart: 'cumulative',
				box: {
					x0: layout.margin.left,
					x1: layout.width - layout.margin.right,
					y0: layout.margin.top,
					y1: layout.height - layout.margin.bottom
				},
				xTicks: layout.xTicks.map((t) => ({ x: t.x, label: String(t.value) })),
				yTicks: layout.yTicks.map((t) => ({ y: t.y, label: String(t.value) })),
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
}

/** A chart's figure for a frame: one scene, or its parts in order when it is split. */
export function chartScenes(
	chart: FigureChart,
	input: FigureInput,
	options: FigureOptions,
	frame: Frame,
	caption: SceneCaption
): Scene[] {
	switch (chart) {
		case 'forest':
			return forest(input, frame, caption);
		case 'years':
			return years(input, frame, caption);
		case 'cohort':
			return cohort(input, frame, caption);
		case 'survival':
			return survival(input, frame, caption, options.order ?? 'year');
		case 'influence':
			return influence(input, frame, caption);
		case 'trend':
			return trend(input, frame, caption, options.trend ?? 'effect');
		case 'funnel':
			return funnel(input, frame, caption);
		case 'cumulative':
			return cumulative(input, frame, caption);
	}
}
