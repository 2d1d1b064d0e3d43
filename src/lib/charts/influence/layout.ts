/** Leave-one-out geometry: one row per refit (pooled ratio without that study, with its interval) on a log axis. */
import { toRatio } from '$lib/domain/ratio';
import type { Frame } from '$lib/figure/scene';
import { scaleLog } from 'd3-scale';
import type { StudyId } from '$lib/types';
import type { LeaveOneOut, LeaveOneOutRow } from '$lib/stats/meta';
import type { RemlSafeguard } from '$lib/stats/regression';
import { capRows, labelMargin, logTicks, MAX_ROWS, maxOf, minOf, ROW_HEIGHT, type Margin } from '../common';

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
	/** The refit's REML τ² needed a safeguard (see RemlSafeguard) or did not converge; null when it needed none. */
	caution: RefitCaution;
}

/** What an REML refit's τ² needed: a safeguard, or `notConverged` when even the bracketed search failed. */
export type RefitCaution = NonNullable<RemlSafeguard> | 'notConverged' | null;

/** The caution of one refit, from its `converged` and `safeguard`. */
export function refitCaution(r: Pick<LeaveOneOutRow, 'converged' | 'safeguard'>): RefitCaution {
	return r.converged ? r.safeguard : 'notConverged';
}

export interface InfluenceLayout {
	margin: Margin;
	height: number;
	rows: InfluenceRow[];
	/** Refits not drawn because there were more than MAX_ROWS. */
	hidden: number;
	/** Studies whose refit needed a τ² safeguard or did not converge, drawn or not, in input order. */
	cautioned: StudyId[];
	/** The estimate with every study, and ratio 1, in pixels. */
	xFull: number;
	xNull: number;
	ticks: { value: number; x: number }[];
}

/**
 * Lay out a leave-one-out result; `ids[i]` is the study of `loo.rows[…].omitted === i`. Beyond MAX_ROWS refits,
 * those whose omission moves the estimate most are drawn. Null when there is no pooled result to compare with.
 */
export interface InfluenceInput {
	loo: LeaveOneOut;
	ids: readonly StudyId[];
	labels: ReadonlyMap<StudyId, string>;
}

export function influenceLayout(
	{ loo, ids, labels }: InfluenceInput,
	_options: Record<string, never>,
	frame: Frame
): InfluenceLayout | null {
	const width = frame.width;

	const full = loo.full;
	if (!full) return null;
	const margin: Margin = { top: 8, right: 110, bottom: 40, left: labelMargin(width) };
	const values = loo.rows.flatMap((r) => [r.ciLow, r.ciHigh]).concat([full.ciLow, full.ciHigh, 0]);
	const x = scaleLog()
		.domain([toRatio(minOf(values)) * 0.95, toRatio(maxOf(values)) * 1.05])
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
		x: x(toRatio(r.estimate)),
		x0: x(toRatio(r.ciLow)),
		x1: x(toRatio(r.ciHigh)),
		est: toRatio(r.estimate),
		lo: toRatio(r.ciLow),
		hi: toRatio(r.ciHigh),
		flips: r.changesConclusion,
		caution: refitCaution(r)
	}));
	const [d0, d1] = x.domain() as [number, number];
	return {
		margin,
		height: margin.top + rows.length * ROW_HEIGHT + margin.bottom,
		rows,
		hidden: kept.hidden,
		cautioned: loo.rows.filter((r) => refitCaution(r) !== null).map((r) => ids[r.omitted] ?? ''),
		xFull: x(toRatio(full.estimate)),
		xNull: x(1),
		ticks: logTicks(d0, d1, [1, 2, 5]).map((value) => ({ value, x: x(value) }))
	};
}
