/** Study timeline: accrual period as a bar, publication year as a mark, and the year scale a brush works in. */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { Study, StudyId } from '$lib/types';
import type { Frame } from '$lib/figure/scene';
import { runPass, type Pass } from '$lib/domain/pass';
import { byYear, labelMargin, MAX_ROWS, rowsPass, ROW_HEIGHT, type Margin } from '../common';

export interface YearsRow {
	id: StudyId;
	label: string;
	y: number;
	year: number | null;
	accrualStart: number | null;
	accrualEnd: number | null;
	/** Accrual bar from the start of its first year to the end of its last; null when not reported. */
	bar: { x0: number; x1: number } | null;
	xPublished: number | null;
}

export interface YearsLayout {
	width: number;
	height: number;
	margin: Margin;
	rows: YearsRow[];
	/** Studies not drawn because there were more than MAX_ROWS (the scale still covers them). */
	hidden: number;
	ticks: { value: number; x: number }[];
	x: ScaleLinear<number, number>;
}

/**
 * Lay out every study; the x scale maps a calendar year to its start, so year y spans [x(y), x(y+1)]. Beyond
 * MAX_ROWS the largest studies are drawn, whatever the filters: the rows stay put when a filter changes.
 */
export interface YearsInput {
	studies: readonly Study[];
	/** The studies whose years set the x scale (default: those drawn), so the parts of a split chart share it. */
	span?: readonly Study[];
}

/** The studies drawn (the largest MAX_ROWS), once per dataset. */
export const YEARS_ROWS = rowsPass<Study>(
	'years rows',
	() => true,
	MAX_ROWS,
	(s) => s.nTotal ?? 0
);

/**
 * The earliest and latest of every publication and accrual year (null: none), once per dataset, with no array of
 * every year (a million-study span would build three million numbers).
 */
export const YEAR_ENDS: Pass<Study, { lo: number; hi: number }, readonly [number, number] | null> = {
	name: 'year ends',
	start: () => ({ lo: Infinity, hi: -Infinity }),
	step(acc, s) {
		widen(acc, s.year);
		widen(acc, s.accrualStart);
		widen(acc, s.accrualEnd);
	},
	finish: ({ lo, hi }) => (lo <= hi ? [lo, hi] : null)
};

function widen(acc: { lo: number; hi: number }, v: number | null): void {
	if (v === null || Number.isNaN(v)) return;
	if (v < acc.lo) acc.lo = v;
	if (v > acc.hi) acc.hi = v;
}

export function yearsLayout(
	{ studies, span = studies }: YearsInput,
	_options: Record<string, never>,
	frame: Frame
): YearsLayout {
	const width = frame.width;
	const { kept, hidden } = runPass(studies, YEARS_ROWS);
	const sorted = [...kept].sort(byYear);
	const ends = runPass(span, YEAR_ENDS);
	const lo = ends ? ends[0] : 2000;
	const hi = ends ? ends[1] + 1 : 2001;
	const margin: Margin = { top: 8, right: 16, bottom: 36, left: labelMargin(width) };
	const x = scaleLinear()
		.domain([lo - 1, hi + 1])
		.range([margin.left, Math.max(margin.left + 40, width - margin.right)]);
	const rows = sorted.map((s, i) => {
		const start = s.accrualStart ?? s.accrualEnd;
		const end = s.accrualEnd ?? s.accrualStart;
		return {
			id: s.id,
			label: s.label,
			y: margin.top + (i + 0.5) * ROW_HEIGHT,
			year: s.year,
			accrualStart: s.accrualStart,
			accrualEnd: s.accrualEnd,
			bar: start === null || end === null ? null : { x0: x(start), x1: x(end + 1) },
			xPublished: s.year === null ? null : x(s.year + 0.5)
		};
	});
	const plotWidth = width - margin.left - margin.right;
	// As many year ticks as fit: at least ~36 px apart, so four-digit labels never run into each other.
	const perYear = Math.abs(x(lo) - x(lo - 1));
	const fits = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => s * perYear >= 36) ?? 100;
	const step = Math.max(plotWidth < 260 ? 10 : plotWidth < 520 ? 5 : 2, fits);
	const ticks: { value: number; x: number }[] = [];
	for (let v = Math.ceil((lo - 1) / step) * step; v <= hi + 1; v += step) ticks.push({ value: v, x: x(v) });
	return {
		width,
		height: margin.top + rows.length * ROW_HEIGHT + margin.bottom,
		margin,
		rows,
		hidden,
		ticks,
		x
	};
}

/** Pixels of a brush → an inclusive range of whole publication years, or null if it covers no year. */
export function brushToYears(
	x: ScaleLinear<number, number>,
	px0: number,
	px1: number
): [number, number] | null {
	const a = x.invert(Math.min(px0, px1));
	const b = x.invert(Math.max(px0, px1));
	// A year is in when the brush covers the middle of that year's column.
	const first = Math.ceil(a - 0.5);
	const last = Math.floor(b - 0.5);
	return first <= last ? [first, last] : null;
}

/** An inclusive year range → the pixels of its columns, for drawing the brush from the URL. */
export function yearsToBrush(x: ScaleLinear<number, number>, first: number, last: number): [number, number] {
	return [x(first), x(last + 1)];
}
