/**
 * Funnel plot geometry: each study with an estimate and a standard error at (log effect, SE), SE growing downwards,
 * with the pseudo-95% region around the pooled estimate. The points and axes come from the studies given (the
 * dataset on the page), once per dataset and width, and never from the filters: a toggle only moves the region and
 * the centre line (`funnelLines`) and fades or restores points, so no point is re-created or moved.
 */
import { toRatio } from '$lib/domain/ratio';
import type { Frame } from '$lib/figure/scene';
import { scaleLinear } from 'd3-scale';
import { normalQuantile } from '$lib/stats/distributions';
import { logEffect, type EffectInput } from '$lib/stats/effects';
import type { StudyId } from '$lib/types';
import type { FunnelData } from '$lib/stats/bias';
import { capRows, logTicks, MAX_POINTS, maxOf, minOf, type Margin } from '../common';

/** One study's point: its place, and what its accessible name says. */
export interface FunnelMark {
	id: StudyId;
	label: string;
	cx: number;
	cy: number;
	ratio: number;
	se: number;
}

/** The points and axes of a funnel: independent of the filters. */
export interface FunnelPlaced {
	width: number;
	height: number;
	margin: Margin;
	/** The drawn points, in the studies' order. */
	points: readonly FunnelMark[];
	xTicks: { value: number; x: number }[];
	yTicks: { value: number; y: number }[];
	xNull: number | null;
	/** Studies with an estimate and a standard error. */
	total: number;
	/** Of those, not drawn because there were more than MAX_POINTS (the least precise, whatever the filters). */
	hidden: number;
	/** Log effect → x (px). */
	x: (v: number) => number;
	/** Standard error → y (px). */
	y: (se: number) => number;
	/** The standard error at the bottom of the plot. */
	seEnd: number;
	/** The log effects at the plot's left and right edges. */
	domain: readonly [number, number];
}

/** The lines that follow the studies pooled in view: the pseudo-confidence region and the pooled estimate. */
export interface FunnelLines {
	/** The pseudo-confidence triangle (clipped to the plot) and the centre line, as SVG paths. */
	region: string;
	centre: string;
}

export type FunnelLayout = FunnelPlaced & FunnelLines;

/** Studies to place: anything a log effect is derived from (a study), with its label. */
export type FunnelStudy = EffectInput;

/** The placed studies' funnel (points, axes) and the view's pooled statistics (region, centre; none when null). */
export interface FunnelInput {
	studies: readonly FunnelStudy[];
	data: FunnelData | null;
}

/** Normal quantile of the pseudo-95% region, which the axes leave room for. */
const Z95 = normalQuantile(0.975);

/** Placements by studies array and width: a toggle (or a second chart reading them) never recomputes them. */
const placements = new WeakMap<readonly FunnelStudy[], Map<number, FunnelPlaced>>();

/**
 * Place every study with a log effect and standard error (as pooling derives them, stats/effects.ts): x = log
 * effect, y = SE. Beyond MAX_POINTS the most precise studies are drawn, chosen once for the studies given. The
 * axes span the drawn studies and ratio 1, and leave room for the pseudo-95% region around their precision-
 * weighted mean, so they stay put while filtering. Memoised on the studies array and the width.
 */
export function funnelPlaced(studies: readonly FunnelStudy[], width: number): FunnelPlaced {
	let byWidth = placements.get(studies);
	if (!byWidth) placements.set(studies, (byWidth = new Map()));
	let out = byWidth.get(width);
	if (!out) {
		if (byWidth.size >= 8) byWidth.clear();
		out = place(studies, width);
		byWidth.set(width, out);
	}
	return out;
}

function place(studies: readonly FunnelStudy[], width: number): FunnelPlaced {
	const effects = studies.flatMap((s) => {
		const r = logEffect(s);
		return r.ok ? [{ id: s.id, label: s.label, yi: r.value.yi, sei: r.value.sei }] : [];
	});
	// Beyond MAX_POINTS the most precise are drawn, and the axes span them (a cap must not squash them to the top).
	const { kept, hidden } = capRows(effects, MAX_POINTS, (e) => 1 / e.sei);
	const height = Math.round(Math.min(380, Math.max(240, width * 0.6)));
	const margin: Margin = { top: 12, right: 16, bottom: 40, left: 52 };
	const seEnd = Math.max(maxOf(kept.map((e) => e.sei)) * 1.08, 0.05);
	// Room for the region around the precision-weighted mean (the region of a view is clipped to the plot).
	let sw = 0;
	let swy = 0;
	for (const e of kept) {
		sw += 1 / (e.sei * e.sei);
		swy += e.yi / (e.sei * e.sei);
	}
	const mid = sw > 0 ? swy / sw : 0;
	const spread = Z95 * seEnd;
	const ys = kept.map((e) => e.yi);
	const lo = minOf(ys, Math.min(mid - spread, 0)) - 0.05;
	const hi = maxOf(ys, Math.max(mid + spread, 0)) + 0.05;
	const x = scaleLinear()
		.domain([lo, hi])
		.range([margin.left, width - margin.right]);
	const y = scaleLinear()
		.domain([0, seEnd])
		.range([margin.top, height - margin.bottom]);
	const points = kept.map((e): FunnelMark => ({
		id: e.id,
		label: e.label,
		cx: x(e.yi),
		cy: y(e.sei),
		ratio: toRatio(e.yi),
		se: e.sei
	}));
	return {
		width,
		height,
		margin,
		points,
		xTicks: logTicks(toRatio(lo), toRatio(hi), [1, 2, 5]).map((value) => ({ value, x: x(Math.log(value)) })),
		yTicks: y.ticks(5).map((value) => ({ value, y: y(value) })),
		xNull: lo <= 0 && hi >= 0 ? x(0) : null,
		total: effects.length,
		hidden,
		x,
		y,
		seEnd,
		domain: [lo, hi]
	};
}

/**
 * The region and centre line of a view's pooled statistics on placed axes: the pseudo-95% triangle
 * centre ± z·SE from SE 0 to the bottom of the plot, cut at the plot's left and right edges.
 */
export function funnelLines(placed: FunnelPlaced, data: FunnelData): FunnelLines {
	const { x, y, seEnd } = placed;
	const [lo, hi] = placed.domain;
	const c = data.center;
	const spread = data.z * seEnd;
	const triangle: [number, number][] = [
		[c, 0],
		[c - spread, seEnd],
		[c + spread, seEnd]
	];
	const inside = clipX(clipX(triangle, lo, 1), hi, -1);
	const region =
		inside.length < 3
			? ''
			: `${inside.map(([v, se], i) => `${i === 0 ? 'M' : 'L'}${x(v)},${y(se)}`).join('')}Z`;
	const centre = c >= lo && c <= hi ? `M${x(c)},${y(0)}V${y(seEnd)}` : '';
	return { region, centre };
}

/** A polygon cut by the vertical line v = at, keeping the side where sign·(v − at) ≥ 0 (Sutherland–Hodgman). */
function clipX(poly: readonly [number, number][], at: number, sign: 1 | -1): [number, number][] {
	const out: [number, number][] = [];
	const keep = (p: readonly [number, number]) => sign * (p[0] - at) >= 0;
	poly.forEach((p, i) => {
		const q = poly[(i + 1) % poly.length] as [number, number];
		if (keep(p)) out.push(p);
		if (keep(p) !== keep(q)) {
			const t = (at - p[0]) / (q[0] - p[0]);
			out.push([at, p[1] + t * (q[1] - p[1])]);
		}
	});
	return out;
}

/** A funnel for a frame: the studies placed (independent of the filters) and the view's lines (none when null). */
export function funnelLayout(
	{ studies, data }: FunnelInput,
	_options: Record<string, never>,
	frame: Frame
): FunnelLayout {
	const placed = funnelPlaced(studies, frame.width);
	return { ...placed, ...(data ? funnelLines(placed, data) : { region: '', centre: '' }) };
}
