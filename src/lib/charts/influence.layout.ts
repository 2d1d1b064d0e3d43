/** Leave-one-out geometry: one row per refit (pooled ratio without that study, with its interval) on a log axis. */
import { scaleLog } from 'd3-scale';
import type { StudyId } from '$lib/types';
import type { LeaveOneOut } from '$lib/stats/meta';
import { capRows, labelMargin, logTicks, MAX_ROWS, maxOf, minOf, ROW_HEIGHT, type Margin } from './common';

export interface InfluenceRow {
	id: StudyId;
	label: string;
	y: number;
	/** Pixel positions of the estimate and the interval's ends. */
	x: number;
	x0: number;
	x1: number;
	/** The refit on the ratio scale. */
	est: number;
	lo: number;
	hi: number;
	/** Leaving this study out changes whether the interval crosses 1. */
	flips: boolean;
}

export interface InfluenceLayout {
	margin: Margin;
	height: number;
	rows: InfluenceRow[];
	/** Refits not drawn because there were more than MAX_ROWS. */
	hidden: number;
	/** The estimate with every study, and ratio 1, in pixels. */
	xFull: number;
	xNull: number;
	ticks: { value: number; x: number }[];
}

/**
 * Lay out a leave-one-out result; `ids[i]` is the study of `loo.rows[…].omitted === i`. Beyond MAX_ROWS refits,
 * those whose omission moves the estimate most are drawn. Null when there is no pooled result to compare with.
 */
export function influenceLayout(
	loo: LeaveOneOut,
	ids: readonly StudyId[],
	labels: ReadonlyMap<StudyId, string>,
	width: number
): InfluenceLayout | null {
	const full = loo.full;
	if (!full) return null;
	const margin: Margin = { top: 8, right: 110, bottom: 40, left: labelMargin(width) };
	const values = loo.rows.flatMap((r) => [r.ciLow, r.ciHigh]).concat([full.ciLow, full.ciHigh, 0]);
	const x = scaleLog()
		.domain([Math.exp(minOf(values)) * 0.95, Math.exp(maxOf(values)) * 1.05])
		.range([margin.left, width - margin.right]);
	const shift = (r: (typeof loo.rows)[number]) => Math.abs(r.estimate - full.estimate);
	const kept = capRows(
		loo.rows.map((r) => ({ ...r, id: ids[r.omitted] ?? '' })),
		MAX_ROWS,
		shift
	);
	const rows = kept.kept.map((r, i): InfluenceRow => ({
		id: r.id,
		label: labels.get(r.id) ?? r.id,
		y: margin.top + (i + 0.5) * ROW_HEIGHT,
		x: x(Math.exp(r.estimate)),
		x0: x(Math.exp(r.ciLow)),
		x1: x(Math.exp(r.ciHigh)),
		est: Math.exp(r.estimate),
		lo: Math.exp(r.ciLow),
		hi: Math.exp(r.ciHigh),
		flips: r.changesConclusion
	}));
	const [d0, d1] = x.domain() as [number, number];
	return {
		margin,
		height: margin.top + rows.length * ROW_HEIGHT + margin.bottom,
		rows,
		hidden: kept.hidden,
		xFull: x(Math.exp(full.estimate)),
		xNull: x(1),
		ticks: logTicks(d0, d1, [1, 2, 5]).map((value) => ({ value, x: x(value) }))
	};
}
