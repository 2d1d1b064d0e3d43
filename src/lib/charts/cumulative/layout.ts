/**
 * Evidence over time: the pooled estimate as studies accumulate by publication year (stats `cumulative()`), one
 * line with its interval band per group (all studies, then the subgroups), on a log ratio axis. Pure.
 */
import { toRatio } from '$lib/domain/ratio';
import type { Frame } from '$lib/figure/scene';
import { scaleLinear, scaleLog } from 'd3-scale';
import { area, curveStepAfter, line } from 'd3-shape';
import type { CumulativePoint } from '$lib/stats/cumulative';
import { logTicks, maxOf, minOf, type Margin } from '../common';

/** One point to draw, on the ratio scale. */
export interface CumulativeMark {
	group: string;
	year: number;
	k: number;
	/** Pooled ratio (exp of the log estimate) and its interval. */
	estimate: number;
	ciLow: number;
	ciHigh: number;
	/** How many studies of the group were first pooled this year. */
	added: number;
	cx: number;
	cy: number;
}

export interface CumulativeSeries {
	group: string;
	label: string;
	/** The pooled estimate through time (step after each year). */
	line: string;
	/** Its confidence interval as a band. */
	band: string;
	marks: CumulativeMark[];
}

export interface CumulativeLayout {
	width: number;
	height: number;
	margin: Margin;
	series: CumulativeSeries[];
	xTicks: { value: number; x: number }[];
	yTicks: { value: number; y: number }[];
	yNull: number;
	/** The years brush range as an x interval, when one is set. */
	highlight: { x0: number; x1: number; years: readonly [number, number] } | null;
}

export interface CumulativeInput {
	points: readonly CumulativePoint[];
	/** Groups in drawing order with their labels; points of other groups are not drawn. */
	groups: readonly { key: string; label: string }[];
	/** The years axis: the span of every loaded study (so filtering does not move it); null = the points'. */
	years?: readonly [number, number] | null;
	/** The years brush range, highlighted. */
	range?: readonly [number, number] | null;
}

/** Lay out the cumulative estimates: x = publication year, y = pooled ratio (log), points dodged per group. */
export function cumulativeLayout(
	{ points, groups, years = null, range = null }: CumulativeInput,
	_options: Record<string, never>,
	frame: Frame
): CumulativeLayout {
	const width = frame.width;
	const height = Math.round(Math.min(380, Math.max(240, width * 0.45)));
	// The top margin holds the legend, so it never covers a band.
	const margin: Margin = { top: 30, right: 16, bottom: 40, left: 52 };
	const shown = points.filter((p) => groups.some((g) => g.key === p.group));
	const pointYears = shown.map((p) => p.year);
	const lo = years ? years[0] : minOf(pointYears, 2000);
	const hi = years ? years[1] : maxOf(pointYears, lo + 1);
	const x = scaleLinear()
		.domain([lo - 1, Math.max(hi, lo + 1) + 1])
		.range([margin.left, width - margin.right]);
	const ratios = shown.flatMap((p) => [toRatio(p.ciLow), toRatio(p.ciHigh)]).filter((v) => v > 0);
	const y = scaleLog()
		.domain([Math.max(0.05, minOf(ratios, 0.5) * 0.95), Math.min(20, maxOf(ratios, 1.5) * 1.05)])
		.range([height - margin.bottom, margin.top])
		.clamp(true);
	const [d0, d1] = y.domain() as [number, number];
	// Groups share years: a few pixels apart, so every point stays visible.
	const dodge = (i: number) => (i - (groups.length - 1) / 2) * Math.min(5, width / 160);
	// A step holds until the next year that adds a study; the last one holds to the latest year drawn, plus half
	// a year, so a group with one point still shows its interval.
	const endYear = maxOf(pointYears, lo) + 0.5;
	const series = groups.map(({ key, label }, i) => {
		const marks: CumulativeMark[] = shown
			.filter((p) => p.group === key)
			.sort((a, b) => a.year - b.year)
			.map((p) => ({
				group: key,
				year: p.year,
				k: p.k,
				estimate: toRatio(p.estimate),
				ciLow: toRatio(p.ciLow),
				ciHigh: toRatio(p.ciHigh),
				added: p.added.length,
				cx: x(p.year) + dodge(i),
				cy: y(toRatio(p.estimate))
			}));
		const stepLine = line<CumulativeMark>()
			.x((m) => m.cx)
			.y((m) => m.cy)
			.curve(curveStepAfter);
		const band = area<CumulativeMark>()
			.x((m) => m.cx)
			.y0((m) => y(m.ciLow))
			.y1((m) => y(m.ciHigh))
			.curve(curveStepAfter);
		const last = marks[marks.length - 1];
		const held = last ? [...marks, { ...last, cx: x(endYear) + dodge(i) }] : [];
		return { group: key, label, line: stepLine(held) ?? '', band: band(held) ?? '', marks };
	});
	const [x0, x1] = x.domain() as [number, number];
	const step = width < 420 ? 10 : 5;
	const xTicks: { value: number; x: number }[] = [];
	for (let v = Math.ceil(x0 / step) * step; v <= x1; v += step) xTicks.push({ value: v, x: x(v) });
	const clampX = (v: number) => Math.min(width - margin.right, Math.max(margin.left, v));
	return {
		width,
		height,
		margin,
		series,
		xTicks,
		yTicks: logTicks(d0, d1, [1, 2, 5]).map((value) => ({ value, y: y(value) })),
		yNull: y(1),
		highlight: range ? { x0: clampX(x(range[0] - 0.5)), x1: clampX(x(range[1] + 0.5)), years: range } : null
	};
}
