/** Cohort sizes per study on a log scale: operated and not-operated arms as paired dots, the total as a tick. */
import { scaleLog } from 'd3-scale';
import type { Frame } from '$lib/figure/scene';
import type { Study, StudyId } from '$lib/types';
import { runPass } from '$lib/domain/pass';
import {
	byYear,
	keepInView,
	labelMargin,
	logTicks,
	type Margin,
	MAX_ROWS,
	maxOf,
	minOf,
	ROW_HEIGHT,
	rowsPass
} from '../common';

export interface CohortRow {
	id: StudyId;
	label: string;
	y: number;
	total: number | null;
	treated: number | null;
	control: number | null;
	xTotal: number | null;
	xTreated: number | null;
	xControl: number | null;
}

export interface CohortLayout {
	width: number;
	height: number;
	margin: Margin;
	rows: CohortRow[];
	missing: readonly Study[];
	/** Studies with a count not drawn because there were more than MAX_ROWS. */
	hidden: number;
	ticks: { value: number; x: number }[];
}

/** One row per study with any count, in publication order; counts of 0 sit at the axis start. */
export interface CohortInput {
	studies: readonly Study[];
	active?: ReadonlySet<string>;
}

/** The studies with a count (the largest MAX_ROWS), once per dataset. */
export const COHORT_ROWS = rowsPass<Study>(
	'cohort sizes',
	(s) => s.nTotal !== null || s.nTreated !== null || s.nControl !== null,
	MAX_ROWS,
	(s) => s.nTotal ?? (s.nTreated ?? 0) + (s.nControl ?? 0)
);

export function cohortLayout(
	{ studies, active }: CohortInput,
	_options: Record<string, never>,
	frame: Frame
): CohortLayout {
	const width = frame.width;

	const { kept, hidden, lacking } = runPass(studies, COHORT_ROWS);
	const counted = [...kept].sort(byYear);
	// Only studies in this chart's view are listed: a study the other filters exclude is not.
	const missing = active ? keepInView(lacking, active) : lacking;
	const values = counted
		.flatMap((s) => [s.nTotal, s.nTreated, s.nControl])
		.filter((v): v is number => v !== null && v > 0);
	const lo = minOf(values, 10);
	const hi = maxOf(values, 100);
	const margin: Margin = { top: 8, right: 16, bottom: 36, left: labelMargin(width) };
	const x = scaleLog()
		.domain([10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))])
		.range([margin.left, Math.max(margin.left + 40, width - margin.right)])
		.clamp(true);
	const at = (v: number | null) => (v === null ? null : x(Math.max(v, 1)));
	const rows = counted.map((s, i) => ({
		id: s.id,
		label: s.label,
		y: margin.top + (i + 0.5) * ROW_HEIGHT,
		total: s.nTotal,
		treated: s.nTreated,
		control: s.nControl,
		xTotal: at(s.nTotal),
		xTreated: at(s.nTreated),
		xControl: at(s.nControl)
	}));
	const [d0, d1] = x.domain() as [number, number];
	const plotWidth = width - margin.left - margin.right;
	return {
		width,
		height: margin.top + rows.length * ROW_HEIGHT + margin.bottom,
		margin,
		rows,
		missing,
		hidden,
		ticks: logTicks(d0, d1, plotWidth < 300 ? [1] : [1, 3]).map((value) => ({ value, x: x(value) }))
	};
}
