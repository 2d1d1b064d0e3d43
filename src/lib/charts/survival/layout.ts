/** Dumbbell geometry for median overall survival, surgery vs no surgery, one row per study. */
import { scaleLinear } from 'd3-scale';
import type { Frame } from '$lib/figure/scene';
import type { Study, StudyId } from '$lib/types';
import { runPass } from '$lib/domain/pass';
import {
	byYear,
	keepInView,
	labelMargin,
	MAX_ROWS,
	maxOf,
	rowsPass,
	ROW_HEIGHT,
	type Margin
} from '../common';

export type SurvivalOrder = 'year' | 'gain';

export interface SurvivalRow {
	id: StudyId;
	label: string;
	y: number;
	treated: number | null;
	control: number | null;
	xTreated: number | null;
	xControl: number | null;
	/** Treated minus control, months; null unless both are reported. */
	gain: number | null;
}

export interface SurvivalLayout {
	width: number;
	height: number;
	margin: Margin;
	rows: SurvivalRow[];
	/** Studies with no median in either arm: listed, not drawn. */
	missing: readonly Study[];
	/** Studies with a median not drawn because there were more than MAX_ROWS. */
	hidden: number;
	ticks: { value: number; x: number }[];
	x0: number;
}

const gainOf = (s: Study) =>
	s.medianTreated !== null && s.medianControl !== null ? s.medianTreated - s.medianControl : null;

/** The rows' order: by year, or by survival gain (largest first, then by year; one arm only last). */
export const survivalOrder =
	(order: SurvivalOrder) =>
	(a: Study, b: Study): number =>
		order === 'gain' ? (gainOf(b) ?? -Infinity) - (gainOf(a) ?? -Infinity) || byYear(a, b) : byYear(a, b);

/** Place every study with at least one reported median; order by year or by survival gain. */
export interface SurvivalInput {
	studies: readonly Study[];
	active?: ReadonlySet<string>;
}

/** The studies with a median (the largest MAX_ROWS), once per dataset. */
export const SURVIVAL_ROWS = rowsPass<Study>(
	'survival medians',
	(s) => s.medianTreated !== null || s.medianControl !== null,
	MAX_ROWS,
	(s) => s.nTotal ?? 0
);

export function survivalLayout(
	{ studies, active }: SurvivalInput,
	{ order = 'year' }: { order?: SurvivalOrder },
	frame: Frame
): SurvivalLayout {
	const width = frame.width;

	const { kept: withMedian, hidden, lacking } = runPass(studies, SURVIVAL_ROWS);
	// Only studies in this chart's view are listed: a study the other filters exclude is not.
	const missing = active ? keepInView(lacking, active) : lacking;
	const sorted = [...withMedian].sort(survivalOrder(order));
	const margin: Margin = { top: 8, right: 64, bottom: 36, left: labelMargin(width) };
	const max = maxOf(
		withMedian.flatMap((s) => [s.medianTreated ?? 0, s.medianControl ?? 0]),
		12
	);
	const x = scaleLinear()
		.domain([0, max])
		.nice()
		.range([margin.left, Math.max(margin.left + 40, width - margin.right)]);
	const rows = sorted.map((s, i) => ({
		id: s.id,
		label: s.label,
		y: margin.top + (i + 0.5) * ROW_HEIGHT,
		treated: s.medianTreated,
		control: s.medianControl,
		xTreated: s.medianTreated === null ? null : x(s.medianTreated),
		xControl: s.medianControl === null ? null : x(s.medianControl),
		gain: gainOf(s)
	}));
	return {
		width,
		height: margin.top + rows.length * ROW_HEIGHT + margin.bottom,
		margin,
		rows,
		missing,
		hidden,
		ticks: x
			.ticks(Math.max(2, Math.floor((width - margin.left - margin.right) / 70)))
			.map((value) => ({ value, x: x(value) })),
		x0: x(0)
	};
}
