/** Effect against publication year, bubble area by cohort size, colour by design. */
import { scaleLinear, scaleLog, scaleSqrt } from 'd3-scale';
import type { Frame } from '$lib/figure/scene';
import type { Study, StudyId } from '$lib/types';
import { runPass } from '$lib/domain/pass';
import { keepInView, logTicks, MAX_POINTS, maxOf, minOf, rowsPass, type Margin } from '../common';

export type TrendMeasure = 'effect' | 'gain';

export interface TrendPoint {
	id: StudyId;
	label: string;
	design: string | null;
	year: number;
	value: number;
	n: number | null;
	cx: number;
	cy: number;
	r: number;
}

export interface TrendLayout {
	width: number;
	height: number;
	margin: Margin;
	points: TrendPoint[];
	xTicks: { value: number; x: number }[];
	yTicks: { value: number; y: number }[];
	/** y of the no-difference line: ratio 1 or a gain of 0 months. */
	yNull: number;
	missing: readonly Study[];
	/** Studies with a value not drawn because there were more than MAX_POINTS. */
	hidden: number;
	/** Meta-regression lines on year (effect only): the fitted ratio and its band, as SVG paths. */
	fits: TrendFitPath[];
}

/** A fitted ratio by year with its confidence band (ratio scale), e.g. a meta-regression on publication year. */
export interface TrendFit {
	group: string;
	/** Its name at the line's end ("Observational"), when there is more than one line. */
	label?: string;
	points: readonly { year: number; estimate: number; low: number; high: number }[];
}

export interface TrendFitPath {
	group: string;
	line: string;
	band: string;
	/** The name at the line's end, right-aligned above its last point. */
	label: { text: string; x: number; y: number } | null;
}

/** The years to show: those of the studies, padded by a year, at least a decade wide. */
function yearSpan(years: readonly number[]): [number, number] {
	let lo = years.length ? minOf(years) : 2000;
	let hi = years.length ? maxOf(years) : 2010;
	const missing = 10 - (hi - lo);
	if (missing > 0) {
		lo -= Math.floor(missing / 2);
		hi += Math.ceil(missing / 2);
	}
	return [lo - 1, hi + 1];
}

/** Place studies with a year and the chosen measure; big cohorts drawn first so small ones stay on top. */
export interface TrendInput {
	studies: readonly Study[];
	active?: ReadonlySet<string>;
	/** Fitted lines (meta-regression) drawn over the bubbles. */
	fits?: readonly TrendFit[];
}

export function trendLayout(
	{ studies, active, fits = [] }: TrendInput,
	{ measure = 'effect' }: { measure?: TrendMeasure },
	frame: Frame
): TrendLayout {
	const placed = trendPlaced(studies, frame.width, measure, active);
	return { ...placed.layout, fits: trendFitPaths(placed, fits) };
}

/** The points and scales without the fitted lines, which change with the filters while the points do not. */
export interface TrendPlaced {
	layout: TrendLayout;
	measure: TrendMeasure;
	x: (v: number) => number;
	y: (v: number) => number;
}

/** The fitted lines over a placed layout (effect only): a view change redraws these, never the points. */
export function trendFitPaths(placed: TrendPlaced, fits: readonly TrendFit[]): TrendFitPath[] {
	const { layout, x, y } = placed;
	const range: [number, number] = [layout.margin.top, layout.height - layout.margin.bottom];
	return placed.measure === 'effect' ? fits.map((f) => fitPath(f, x, y, range)) : [];
}

/** A study's value on the trend's vertical axis: its effect, or the difference of its medians. */
const VALUE: Record<TrendMeasure, (s: Study) => number | null> = {
	effect: (s) => s.effect,
	gain: (s) =>
		s.medianTreated !== null && s.medianControl !== null ? s.medianTreated - s.medianControl : null
};

/** The studies the trend places (a year and the measure; the largest MAX_POINTS), once per dataset and measure. */
export const TREND_ROWS = {
	effect: rowsPass<Study>('trend: effect', (s) => s.year !== null && s.effect !== null, MAX_POINTS, nOf),
	gain: rowsPass<Study>('trend: gain', (s) => s.year !== null && VALUE.gain(s) !== null, MAX_POINTS, nOf)
};
function nOf(s: Study): number {
	return s.nTotal ?? 0;
}

/** `trendLayout` without the fits (its `fits` is empty), with the scales the fits are drawn on. */
export function trendPlaced(
	studies: readonly Study[],
	width: number,
	measure: TrendMeasure = 'effect',
	active?: ReadonlySet<string>
): TrendPlaced {
	const valueOf = VALUE[measure];
	const { kept: placed, hidden, lacking } = runPass(studies, TREND_ROWS[measure]);
	// Only studies in this chart's view are listed: a study the other filters exclude is not.
	const missing = active ? keepInView(lacking, active) : lacking;
	const height = Math.round(Math.min(420, Math.max(260, width * 0.55)));
	const margin: Margin = { top: 16, right: 20, bottom: 40, left: 52 };
	const years = placed.map((s) => s.year as number);
	const x = scaleLinear()
		.domain(yearSpan(years))
		.range([margin.left, width - margin.right]);
	const values = placed.map((s) => valueOf(s) as number);
	const maxN = maxOf(
		placed.map((s) => s.nTotal ?? 0),
		100
	);
	const r = scaleSqrt()
		.domain([0, maxN])
		.range([0, Math.min(26, width / 28)]);
	const radius = (n: number | null) => (n === null ? 3 : Math.max(3, r(n)));
	let y: (v: number) => number;
	let yTicks: number[];
	if (measure === 'effect') {
		const lo = minOf(values, 0.4);
		const hi = maxOf(values, 1.6);
		const s = scaleLog()
			.domain([lo * 0.9, hi * 1.1])
			.range([height - margin.bottom, margin.top]);
		y = s;
		const [d0, d1] = s.domain() as [number, number];
		yTicks = [...new Set(logTicks(d0, d1, [1, 2, 5]).concat([0.7, 1.5]))].sort((a, b) => a - b);
	} else {
		const s = scaleLinear()
			.domain([minOf(values, -6), maxOf(values, 6)])
			.nice()
			.range([height - margin.bottom, margin.top]);
		y = s;
		yTicks = s.ticks(6);
	}
	const points = placed
		.map((s) => {
			const value = valueOf(s) as number;
			return {
				id: s.id,
				label: s.label,
				design: s.design,
				year: s.year as number,
				value,
				n: s.nTotal,
				cx: x(s.year as number),
				cy: y(value),
				r: radius(s.nTotal)
			};
		})
		.sort((a, b) => b.r - a.r);
	const [x0, x1] = x.domain() as [number, number];
	const step = width < 420 ? 10 : 5;
	const xTicks: { value: number; x: number }[] = [];
	for (let v = Math.ceil(x0 / step) * step; v <= x1; v += step) xTicks.push({ value: v, x: x(v) });
	const layout: TrendLayout = {
		width,
		height,
		margin,
		points,
		xTicks,
		yTicks: yTicks.map((value) => ({ value, y: y(value) })),
		yNull: y(measure === 'effect' ? 1 : 0),
		missing,
		hidden,
		fits: []
	};
	return { layout, measure, x, y };
}

/** A fit's line and band as SVG paths, clamped to the plot's height. */
function fitPath(
	fit: TrendFit,
	x: (v: number) => number,
	y: (v: number) => number,
	[top, bottom]: [number, number]
): TrendFitPath {
	const clamp = (v: number) => Math.max(top, Math.min(bottom, v));
	const pt = (year: number, v: number) => `${x(year).toFixed(1)},${clamp(y(v)).toFixed(1)}`;
	const line = fit.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${pt(p.year, p.estimate)}`).join('');
	const upper = fit.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${pt(p.year, p.high)}`).join('');
	const lower = [...fit.points]
		.reverse()
		.map((p) => `L${pt(p.year, p.low)}`)
		.join('');
	const last = fit.points.at(-1);
	return {
		group: fit.group,
		line,
		band: fit.points.length > 0 ? `${upper}${lower}Z` : '',
		label: last && fit.label ? { text: fit.label, x: x(last.year), y: clamp(y(last.estimate)) - 6 } : null
	};
}
