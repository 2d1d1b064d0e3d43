/** Forest plot geometry: a log ratio axis, one row per study grouped by design, diamonds for pooled estimates. */
import { scaleLog, scaleSqrt } from 'd3-scale';
import type { Frame } from '$lib/figure/scene';
import type { Study, StudyId } from '$lib/types';
import { classInfo, designInfo } from '$lib/domain/design';
import { runPass } from '$lib/domain/pass';
import {
	byYear,
	keepInView,
	labelMargin,
	logTicks,
	MAX_ROWS,
	maxOf,
	minOf,
	ROW_HEIGHT,
	rowsPass,
	type Margin
} from '../common';

/** A pooled estimate on the ratio scale, ready to draw. */
export interface PooledEstimate {
	/** 'all' for the overall estimate, else the subgroup key. */
	group: string;
	label: string;
	k: number;
	estimate: number;
	ciLow: number;
	ciHigh: number;
	piLow: number | null;
	piHigh: number | null;
}

export type ForestRow =
	| { kind: 'header'; key: string; label: string; y: number }
	| {
			kind: 'study';
			id: StudyId;
			label: string;
			y: number;
			effect: number;
			ciLow: number | null;
			ciHigh: number | null;
			ciLevel: number | null;
			x: number;
			x0: number | null;
			x1: number | null;
			/** Marker half-size in px; by weight when pooled, small and hollow when not. */
			size: number;
			pooled: boolean;
			/** Codes of the study's flags (reasons to read it with care). */
			flags: string[];
			/** The later report of the same patients that replaces this one, if any (drawn, not pooled). */
			supersededBy: { id: StudyId; label: string } | null;
			/** Interval clipped at the axis end. */
			clippedLow: boolean;
			clippedHigh: boolean;
	  }
	| {
			kind: 'pooled';
			key: string;
			label: string;
			y: number;
			estimate: PooledEstimate;
			x: number;
			x0: number;
			x1: number;
			pi: { x0: number; x1: number } | null;
	  };

export interface ForestLayout {
	width: number;
	height: number;
	margin: Margin;
	rows: ForestRow[];
	ticks: { value: number; x: number }[];
	xNull: number;
	/** Studies without an effect estimate (listed under the plot). */
	missing: readonly Study[];
	/** Studies with an estimate not drawn because there were more than MAX_ROWS. */
	hidden: number;
	showText: boolean;
}

/**
 * A study marker's half-size in px from the weights of the view: by weight (area ∝ weight) when pooled, small
 * when not. The page reads it per mark, so new weights resize markers without laying the forest out again.
 */
export function forestSizes(weights: ReadonlyMap<StudyId, number>): (id: StudyId) => number {
	const size = scaleSqrt()
		.domain([0, maxOf(weights.values(), 1)])
		.range([2.5, 7.5]);
	return (id) => {
		const w = weights.get(id);
		return w === undefined ? 3 : size(w);
	};
}

/**
 * The rows a forest draws, ranked once per dataset (domain/pass.ts): beyond MAX_ROWS, the most precise studies
 * (narrowest intervals, so those that weigh most when pooled), chosen by their own score, not by the filters, so the
 * rows stay put when a filter changes. A filter or new weights lay the forest out again without ranking every study.
 */
export const FOREST_ROWS = rowsPass<Study>(
	'forest rows',
	(s) => s.effect !== null,
	MAX_ROWS,
	(s) => (s.ciLow !== null && s.ciHigh !== null && s.ciHigh > s.ciLow ? 1 / Math.log(s.ciHigh / s.ciLow) : 0)
);

/** Lay out studies with an estimate, by design group, followed by each group's and the overall pooled estimates. */
export interface ForestInput {
	studies: readonly Study[];
	weights: ReadonlyMap<StudyId, number>;
	pooled: readonly PooledEstimate[];
	active?: ReadonlySet<string>;
	superseded?: ReadonlyMap<StudyId, Study>;
	/** The rows and pooled estimates whose values set the x scale (default: those drawn): a slide's part of a
	 * split chart shares one scale with the other parts. */
	span?: { studies: readonly Study[]; pooled: readonly PooledEstimate[] };
}

/**
 * `reserve`: keep a row for every subgroup's diamond (and the overall one) even when the view has none, so the rows
 * below do not move when a filter empties or fills a group (the page; an export draws what it has). `groupOf`: the
 * rows' groups, design classes (domain/design.ts `classGrouping`) when given, else each design.
 */
export interface ForestOptions {
	reserve?: boolean;
	groupOf?: (s: Study) => string;
}

export function forestLayout(
	{ studies, weights, pooled, active, superseded = new Map(), span = { studies, pooled } }: ForestInput,
	options: ForestOptions,
	frame: Frame
): ForestLayout {
	const width = frame.width;

	const { groupOf } = options;
	const keyOf = groupOf ?? ((s: Study) => designInfo(s.design).key);
	const info = groupOf ? classInfo : (key: string) => designInfo(key);
	const { kept: withEffect, hidden, lacking } = runPass(studies, FOREST_ROWS);
	// Only studies in this chart's view are listed: a study the other filters exclude is not.
	const missing = active ? keepInView(lacking, active) : lacking;
	const showText = width >= 560;
	const margin: Margin = { top: 8, right: showText ? 150 : 12, bottom: 52, left: labelMargin(width) };
	const spanned = span.studies === studies ? withEffect : span.studies.filter((s) => s.effect !== null);
	const values = [
		...spanned.flatMap((s) => [s.effect, s.ciLow, s.ciHigh]),
		...span.pooled.flatMap((p) => [p.ciLow, p.ciHigh, p.piLow, p.piHigh])
	].filter((v): v is number => v !== null && v > 0);
	const lo = Math.max(0.02, minOf(values, 0.5));
	const hi = Math.min(50, maxOf(values, 2));
	const x = scaleLog()
		.domain([lo * 0.9, hi * 1.1])
		.range([margin.left, Math.max(margin.left + 60, width - margin.right)])
		.clamp(true);
	const [d0, d1] = x.domain() as [number, number];
	const sizeOf = forestSizes(weights);

	const groups = new Map<string, Study[]>();
	// Within a class, designs stay together (registries, then institutions …), each by year.
	const ordered = [...withEffect]
		.sort(byYear)
		.sort((a, b) => designInfo(a.design).order - designInfo(b.design).order);
	for (const s of ordered) {
		const key = keyOf(s);
		groups.set(key, [...(groups.get(key) ?? []), s]);
	}
	const orderedGroups = [...groups.entries()].sort((a, b) => info(a[0]).order - info(b[0]).order);

	const rows: ForestRow[] = [];
	let y = margin.top + ROW_HEIGHT / 2;
	const pooledRow = (p: PooledEstimate): ForestRow => ({
		kind: 'pooled',
		key: p.group,
		label: p.label,
		y,
		estimate: p,
		x: x(p.estimate),
		x0: x(p.ciLow),
		x1: x(p.ciHigh),
		pi: p.piLow !== null && p.piHigh !== null ? { x0: x(p.piLow), x1: x(p.piHigh) } : null
	});
	for (const [key, members] of orderedGroups) {
		rows.push({ kind: 'header', key, label: info(key).label, y });
		y += ROW_HEIGHT;
		for (const s of members) {
			const effect = s.effect as number;
			const w = weights.get(s.id);
			rows.push({
				kind: 'study',
				id: s.id,
				label: s.label,
				y,
				effect,
				ciLow: s.ciLow,
				ciHigh: s.ciHigh,
				ciLevel: s.ciLevel,
				x: x(effect),
				x0: s.ciLow === null ? null : x(s.ciLow),
				x1: s.ciHigh === null ? null : x(s.ciHigh),
				size: sizeOf(s.id),
				pooled: w !== undefined,
				flags: s.flags,
				supersededBy: superseded.has(s.id)
					? { id: superseded.get(s.id)?.id ?? '', label: superseded.get(s.id)?.label ?? '' }
					: null,
				clippedLow: s.ciLow !== null && s.ciLow < d0,
				clippedHigh: s.ciHigh !== null && s.ciHigh > d1
			});
			y += ROW_HEIGHT;
		}
		const sub = pooled.find((p) => p.group === key);
		// A subgroup's diamond when there are several groups, or when one group is drawn without the overall
		// estimate (a slide showing part of a long forest).
		if (sub && (orderedGroups.length > 1 || !pooled.some((p) => p.group === 'all'))) {
			rows.push(pooledRow(sub));
			y += ROW_HEIGHT;
		} else if (options.reserve && orderedGroups.length > 1) y += ROW_HEIGHT;
		y += ROW_HEIGHT / 3;
	}
	const overall = pooled.find((p) => p.group === 'all');
	if (overall) {
		y += ROW_HEIGHT / 3;
		rows.push(pooledRow(overall));
		y += ROW_HEIGHT;
	} else if (options.reserve && rows.length > 0) y += ROW_HEIGHT / 3 + ROW_HEIGHT;
	// The user's selection (two or more studies) pooled on its own line, below the overall estimate.
	const chosen = pooled.find((p) => p.group === 'selected');
	if (chosen) {
		rows.push(pooledRow(chosen));
		y += ROW_HEIGHT;
	}
	const plotWidth = width - margin.left - margin.right;
	return {
		width,
		height: y - ROW_HEIGHT / 2 + margin.bottom,
		margin,
		rows,
		ticks: logTicks(d0, d1, plotWidth < 260 ? [1] : [1, 2, 5]).map((value) => ({ value, x: x(value) })),
		xNull: x(1),
		missing,
		hidden,
		showText
	};
}
