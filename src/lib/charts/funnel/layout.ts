/** Funnel plot geometry: each pooled study at (log effect, SE), SE growing downwards, with the pseudo-95% region. */
import { toRatio } from '$lib/domain/ratio';
import type { Frame } from '$lib/figure/scene';
import { scaleLinear } from 'd3-scale';
import type { StudyId } from '$lib/types';
import type { FunnelData } from '$lib/stats/bias';
import { capRows, logTicks, MAX_POINTS, maxOf, minOf, type Margin } from '../common';

export interface FunnelLayout {
	width: number;
	height: number;
	margin: Margin;
	points: { id: StudyId; label: string; cx: number; cy: number; ratio: number; se: number }[];
	/** The pseudo-confidence triangle and the centre line, as SVG paths. */
	region: string;
	centre: string;
	xTicks: { value: number; x: number }[];
	yTicks: { value: number; y: number }[];
	xNull: number | null;
	/** Studies not drawn because there were more than MAX_POINTS. */
	hidden: number;
}

/** Lay out a funnel for studies `ids[i]` ↔ `data.points[i]`. */
export interface FunnelInput {
	data: FunnelData;
	studies: readonly { id: StudyId; label: string }[];
}

export function funnelLayout(
	{ data, studies }: FunnelInput,
	_options: Record<string, never>,
	frame: Frame
): FunnelLayout {
	const width = frame.width;

	const height = Math.round(Math.min(380, Math.max(240, width * 0.6)));
	const margin: Margin = { top: 12, right: 16, bottom: 40, left: 52 };
	const seMax = Math.max(data.seMax * 1.08, 0.05);
	const spread = data.z * seMax;
	const ys = data.points.map((p) => p.yi);
	const lo = minOf(ys, Math.min(data.center - spread, 0));
	const hi = maxOf(ys, Math.max(data.center + spread, 0));
	const x = scaleLinear()
		.domain([lo - 0.05, hi + 0.05])
		.range([margin.left, width - margin.right]);
	const y = scaleLinear()
		.domain([0, seMax])
		.range([margin.top, height - margin.bottom]);
	// Beyond MAX_POINTS the most precise studies are drawn (the test and the region still use every study).
	const { kept, hidden } = capRows(
		data.points.map((p) => ({ ...p, id: studies[p.index]?.id ?? '' })),
		MAX_POINTS,
		(p) => 1 / p.sei
	);
	const points = kept.flatMap((p) => {
		const s = studies[p.index];
		return s
			? [{ id: s.id, label: s.label, cx: x(p.yi), cy: y(p.sei), ratio: toRatio(p.yi), se: p.sei }]
			: [];
	});
	const c = data.center;
	const region = `M${x(c)},${y(0)}L${x(c - spread)},${y(seMax)}L${x(c + spread)},${y(seMax)}Z`;
	const [d0, d1] = x.domain() as [number, number];
	return {
		width,
		height,
		margin,
		points,
		region,
		centre: `M${x(c)},${y(0)}V${y(seMax)}`,
		xTicks: logTicks(toRatio(d0), toRatio(d1), [1, 2, 5]).map((value) => ({
			value,
			x: x(Math.log(value))
		})),
		yTicks: y.ticks(5).map((value) => ({ value, y: y(value) })),
		xNull: d0 <= 0 && d1 >= 0 ? x(0) : null,
		hidden
	};
}
