/**
 * The one fitter: a chart's caption, legend, rows or plot and axes placed in a frame at the frame's type scale.
 * Row charts that do not fit a fixed frame at its type size are split into parts (never shrunk); labels are
 * shortened to their measured column; tick labels that would collide are thinned. Pure.
 */
import type { Frame, Paint, Scene, SceneCaption, SceneNode, TextNode } from './scene';
import { fitText, textWidth, wrapText } from './text';

/** A legend entry: a swatch of the mark it explains, and its words. */
export interface LegendItem {
	shape: 'dot' | 'ring' | 'bar' | 'diamond' | 'line' | 'dash' | 'square' | 'tick';
	paint: Paint;
	label: string;
}

const lead = (size: number) => Math.round(size * 1.3);

/** A text node (y is the middle of the line). */
export function text(
	x: number,
	y: number,
	content: string,
	size: number,
	options: Partial<Pick<TextNode, 'bold' | 'anchor' | 'fill' | 'role'>> = {}
): TextNode {
	return {
		kind: 'text',
		x: r2(x),
		y: r2(y),
		text: content,
		size,
		anchor: options.anchor ?? 'start',
		fill: options.fill ?? 'fg',
		...(options.bold ? { bold: true } : {}),
		...(options.role ? { role: options.role } : {})
	};
}

/** Two decimals: enough for any writer, and stable output. */
export const r2 = (v: number) => Math.round(v * 100) / 100;

function swatch(item: LegendItem, x: number, y: number, s: number): SceneNode[] {
	const h = s / 2;
	switch (item.shape) {
		case 'dot':
			return [{ kind: 'circle', cx: x + h, cy: y, r: h * 0.8, fill: item.paint }];
		case 'ring':
			return [
				{ kind: 'circle', cx: x + h, cy: y, r: h * 0.7, fill: null, stroke: item.paint, strokeWidth: 1.5 }
			];
		case 'bar':
			return [{ kind: 'rect', x, y: y - h * 0.5, w: s, h: h, fill: item.paint, opacity: 0.6 }];
		case 'square':
			return [{ kind: 'rect', x: x + h * 0.3, y: y - h * 0.7, w: h * 1.4, h: h * 1.4, fill: item.paint }];
		case 'diamond':
			return [
				{
					kind: 'poly',
					closed: true,
					fill: item.paint,
					points: [
						[x, y],
						[x + h, y - h * 0.8],
						[x + s, y],
						[x + h, y + h * 0.8]
					]
				}
			];
		case 'tick':
			return [{ kind: 'line', x1: x + h, y1: y - h, x2: x + h, y2: y + h, stroke: item.paint, width: 2 }];
		default:
			return [
				{
					kind: 'line',
					x1: x,
					y1: y,
					x2: x + s,
					y2: y,
					stroke: item.paint,
					width: 2,
					...(item.shape === 'dash' ? { dash: true } : {})
				}
			];
	}
}

/** Lines of caption text at one size. */
function lines(
	nodes: SceneNode[],
	content: string[],
	x: number,
	y: number,
	size: number,
	bold = false,
	fill: Paint = 'fg'
) {
	let at = y;
	for (const l of content) {
		nodes.push(text(x, at + lead(size) / 2, l, size, { bold, fill, role: 'caption' }));
		at += lead(size);
	}
	return at;
}

/** The caption above a chart (title, view, summary) and its legend: the nodes and where the chart starts. */
export function header(
	caption: SceneCaption,
	legend: readonly LegendItem[],
	frame: Frame,
	title: string
): { nodes: SceneNode[]; bottom: number } {
	const { pad, type } = frame;
	const inner = frame.width - 2 * pad;
	const nodes: SceneNode[] = [];
	let y = pad;
	y = lines(nodes, wrapText(title, inner, type.title, true), pad, y, type.title, true);
	y += Math.round(type.subtitle * 0.3);
	y = lines(nodes, wrapText(caption.subtitle, inner, type.subtitle), pad, y, type.subtitle, false, 'muted');
	if (caption.summary)
		y = lines(nodes, wrapText(caption.summary, inner, type.subtitle), pad, y, type.subtitle);
	if (legend.length > 0) {
		const size = type.small;
		const s = Math.round(size * 0.9);
		const rowH = lead(size) + 4;
		y += Math.round(size * 0.4);
		let x = pad;
		for (const item of legend) {
			const label = fitText(item.label, inner - s - 8, size);
			const w = s + 6 + textWidth(label, size) + size;
			if (x > pad && x + w > frame.width - pad) {
				x = pad;
				y += rowH;
			}
			const cy = y + rowH / 2;
			nodes.push({
				kind: 'group',
				role: 'legend-item',
				children: [...swatch(item, x, cy, s), text(x + s + 6, cy, label, size, { role: 'legend' })]
			});
			x += w;
		}
		y += rowH;
	}
	return { nodes, bottom: y + Math.round(type.body * 0.6) };
}

/** The source line under a chart (on a slide the source goes to the speaker notes instead). */
export function footerLines(caption: SceneCaption, frame: Frame): string[] {
	if (frame.target === 'slide' || caption.source === '') return [];
	return wrapText(caption.source, frame.width - 2 * frame.pad, frame.type.small);
}

export function footerHeight(footer: readonly string[], frame: Frame): number {
	return footer.length === 0
		? 0
		: Math.round(frame.type.small * 0.8) + footer.length * lead(frame.type.small);
}

function drawFooter(nodes: SceneNode[], footer: readonly string[], frame: Frame, top: number) {
	lines(
		nodes,
		[...footer],
		frame.pad,
		top + Math.round(frame.type.small * 0.8),
		frame.type.small,
		false,
		'muted'
	);
}

/** Keep tick labels that do not run into the one before (measured at `size`). */
export function thinTicks<T extends { x: number; label: string }>(ticks: readonly T[], size: number): T[] {
	const kept: T[] = [];
	let right = -Infinity;
	for (const t of ticks) {
		const w = textWidth(t.label, size);
		if (t.x - w / 2 < right + size * 0.6) continue;
		kept.push(t);
		right = t.x + w / 2;
	}
	return kept;
}

/** A linear map from one interval onto another (layouts' px onto the frame's). */
export function remap(from: readonly [number, number], to: readonly [number, number]) {
	const span = from[1] - from[0] || 1;
	return (v: number) => r2(to[0] + ((v - from[0]) / span) * (to[1] - to[0]));
}

/** One row of a row chart. */
export interface RowItem {
	id?: string;
	/** Left column text; a `note` row's text spans the chart instead. */
	label: string;
	kind?: 'row' | 'header' | 'note';
	/** Space before the row, in rows. */
	gapBefore?: number;
	labelPaint?: Paint;
	/** Right-hand columns' text. */
	cells?: readonly string[];
	/** The row's marks, at its middle `y`; `x` maps the layout's px onto the plot; `k` scales mark sizes. */
	marks?: (y: number, x: (v: number) => number, k: number, rowH: number) => SceneNode[];
}

export interface RowChart {
	chart: string;
	items: readonly RowItem[];
	/** Right-hand columns (titles). */
	columns?: readonly string[];
	/** Columns (indices) that may be dropped, first first, when the plot would get too narrow; others stay. */
	droppable?: readonly number[];
	/** The layout's plot interval in its own px, and its ticks there. */
	domain: readonly [number, number];
	ticks: readonly { x: number; label: string }[];
	axisTitle: string;
	/** Vertical reference lines over the rows (layout px). */
	refs?: readonly { x: number; paint: Paint; dash?: boolean }[];
	/** Two labels under the axis either side of a layout x (the forest's "favours"). */
	favours?: { x: number; left: string; right: string };
	/** Lines of small text under the axis. */
	notes?: readonly string[];
}

/** Lay a row chart out in a frame: one scene, or several parts when a fixed frame cannot hold its rows. */
export function rowScenes(
	rc: RowChart,
	caption: SceneCaption,
	legend: readonly LegendItem[],
	frame: Frame
): Scene[] {
	const { pad, type } = frame;
	const body = type.body;
	const inner = frame.width - 2 * pad;
	const baseRow = Math.round(body * 1.45);
	const gap = Math.round(body * 0.8);
	// Columns: labels as wide as the widest (at most a third of the width), then the right-hand text columns.
	const labels = rc.items.filter((i) => i.kind === undefined || i.kind === 'row');
	const widest = Math.max(0, ...labels.map((i) => textWidth(i.label, body)));
	const labelCol = Math.min(widest + gap, Math.round(inner * (inner < 500 ? 0.36 : 0.28)));
	const allColumns = rc.columns ?? [];
	const colWidth = (c: number) =>
		Math.max(
			textWidth(allColumns[c] ?? '', type.small, true),
			...rc.items.map((i) => textWidth(i.cells?.[c] ?? '', body))
		) + gap;
	const minPlot = Math.max(80, inner * 0.28);
	let kept = allColumns.map((_, c) => c);
	for (const drop of rc.droppable ?? []) {
		if (inner - labelCol - kept.reduce((s, c) => s + colWidth(c), 0) >= minPlot) break;
		kept = kept.filter((c) => c !== drop);
	}
	const columns = kept.map((c) => allColumns[c] ?? '');
	const widths = kept.map((c) => colWidth(c));
	const plotLeft = pad + labelCol;
	const plotRight = frame.width - pad - widths.reduce((s, w) => s + w, 0) - Math.round(gap / 2);
	const x = remap(rc.domain, [plotLeft, plotRight]);
	const noteLines = (item: RowItem) => wrapText(item.label, inner, type.small);
	const units = (item: RowItem) =>
		(item.kind === 'note' ? noteLines(item).length * 0.85 : 1) + (item.gapBefore ?? 0);

	const footer = footerLines(caption, frame);
	const probeTitle = `${caption.title} (9 of 9)`;
	const head = header(caption, legend, frame, probeTitle);
	const colHead = columns.length > 0 ? lead(type.small) + 4 : 0;
	const notes = (rc.notes ?? []).flatMap((n) => wrapText(n, inner, type.small));
	const axisH = Math.round(type.small * 1.35) * (2 + (rc.favours ? 1 : 0) + notes.length) + 10;
	const total = rc.items.reduce((s, i) => s + units(i), 0);
	// Split into parts when a fixed frame cannot hold every row at the frame's type size.
	let parts: RowItem[][] = [[...rc.items]];
	let rowH = baseRow;
	if (frame.height !== null) {
		const room = frame.height - head.bottom - colHead - axisH - footerHeight(footer, frame) - pad;
		const fit = Math.max(3, Math.floor(room / baseRow));
		if (total > fit) {
			const count = Math.ceil(total / fit);
			// Shared out evenly: 37 rows make 19 + 18, not 18 + 18 + 1.
			const per = Math.min(fit, Math.ceil(total / count - 0.01));
			parts = [];
			let current: RowItem[] = [];
			let used = 0;
			for (const item of rc.items) {
				// A header never ends a part; a note stays with the row above it.
				const soft = item.kind === 'header' && used > per * 0.7;
				if ((soft || used + units(item) > per + 0.01) && current.length > 0 && item.kind !== 'note') {
					const last = current.at(-1);
					const carry = last?.kind === 'header' ? [current.pop() as RowItem] : [];
					parts.push(current);
					current = carry;
					used = carry.reduce((s, i) => s + units(i), 0);
				}
				current.push(item);
				used += units(item);
			}
			if (current.length > 0) parts.push(current);
		} else rowH = Math.min(Math.round(baseRow * 1.5), Math.floor(room / Math.max(1, total)));
	}
	const k = rowH / 18;
	return parts.map((items, p) => {
		const title = parts.length > 1 ? `${caption.title} (${p + 1} of ${parts.length})` : caption.title;
		const { nodes, bottom } = header(caption, legend, frame, title);
		let y = bottom;
		// Column titles.
		if (columns.length > 0) {
			let cx = plotRight + Math.round(gap / 2);
			columns.forEach((c, i) => {
				cx += widths[i] ?? 0;
				nodes.push(
					text(cx, y + lead(type.small) / 2, c, type.small, { bold: true, anchor: 'end', role: 'column' })
				);
			});
			y += colHead;
		}
		const top = y;
		const rowNodes: SceneNode[] = [];
		const ids: string[] = [];
		for (const item of items) {
			y += (item.gapBefore ?? 0) * rowH;
			if (item.kind === 'note') {
				const ls = noteLines(item);
				const h = rowH * 0.85;
				ls.forEach((l, i) =>
					rowNodes.push(text(pad, y + h * (i + 0.5), l, type.small, { fill: 'muted', role: 'note' }))
				);
				y += h * ls.length;
				continue;
			}
			const mid = y + rowH / 2;
			const children: SceneNode[] = [];
			const isHeader = item.kind === 'header';
			children.push(
				text(
					pad,
					mid,
					isHeader ? fitText(item.label, inner, body, true) : fitText(item.label, labelCol - gap / 2, body),
					body,
					{
						bold: isHeader,
						fill: item.labelPaint ?? 'fg',
						role: isHeader ? 'group-label' : 'label'
					}
				)
			);
			children.push(...(item.marks?.(mid, x, k, rowH) ?? []));
			let cx = plotRight + Math.round(gap / 2);
			columns.forEach((_, i) => {
				cx += widths[i] ?? 0;
				const cell = item.cells?.[kept[i] ?? -1];
				if (cell) children.push(text(cx, mid, cell, body, { anchor: 'end', role: 'cell' }));
			});
			if (item.id) ids.push(item.id);
			rowNodes.push({
				kind: 'group',
				role: isHeader ? 'header' : 'row',
				...(item.id ? { id: item.id } : {}),
				children
			});
			y += rowH;
		}
		const plotBottom = y + 4;
		// Reference lines first (under the marks), then the rows.
		for (const ref of rc.refs ?? [])
			nodes.push({
				kind: 'line',
				x1: x(ref.x),
				x2: x(ref.x),
				y1: top,
				y2: plotBottom,
				stroke: ref.paint,
				width: 1,
				...(ref.dash ? { dash: true } : {}),
				role: 'reference'
			});
		nodes.push(...rowNodes);
		nodes.push(...axis({ ...rc, notes }, x, plotLeft, plotRight, plotBottom, frame));
		let bottomY = plotBottom + axisH;
		if (frame.height !== null) bottomY = Math.max(bottomY, frame.height - pad - footerHeight(footer, frame));
		drawFooter(nodes, footer, frame, bottomY);
		return {
			chart: rc.chart,
			part: parts.length > 1 ? { index: p, count: parts.length } : null,
			width: frame.width,
			height: frame.height ?? Math.ceil(bottomY + footerHeight(footer, frame) + pad),
			frame,
			title,
			nodes,
			rows: ids,
			empty: null
		};
	});
}

/** The x axis under a row chart: a rule, ticks and their labels, the axis title, the favours labels and notes. */
function axis(
	rc: RowChart,
	x: (v: number) => number,
	left: number,
	right: number,
	y: number,
	frame: Frame
): SceneNode[] {
	const size = frame.type.small;
	const step = Math.round(size * 1.35);
	const nodes: SceneNode[] = [
		{ kind: 'line', x1: left, x2: right, y1: y, y2: y, stroke: 'muted', width: 1, role: 'axis' }
	];
	const ticks = thinTicks(
		rc.ticks.map((t) => ({ ...t, x: x(t.x) })).filter((t) => t.x >= left - 1 && t.x <= right + 1),
		size
	);
	for (const t of ticks) {
		nodes.push({ kind: 'line', x1: t.x, x2: t.x, y1: y, y2: y + 5, stroke: 'muted', width: 1, role: 'tick' });
		nodes.push(text(t.x, y + 5 + step / 2, t.label, size, { anchor: 'middle', fill: 'muted', role: 'tick' }));
	}
	let at = y + 5 + step * 1.5;
	nodes.push(text((left + right) / 2, at, rc.axisTitle, size, { anchor: 'middle', role: 'axis-title' }));
	if (rc.favours) {
		at += step;
		const xn = x(rc.favours.x);
		const lw = textWidth(rc.favours.left, size);
		const rw = textWidth(rc.favours.right, size);
		const lx = Math.min(Math.max(xn - 6, frame.pad + lw), frame.width - frame.pad - rw - 12);
		nodes.push(text(lx, at, rc.favours.left, size, { anchor: 'end', fill: 'muted', role: 'favours' }));
		nodes.push(text(lx + 12, at, rc.favours.right, size, { fill: 'muted', role: 'favours' }));
	}
	for (const note of rc.notes ?? []) {
		at += step;
		nodes.push(text(frame.pad, at, note, size, { fill: 'muted', role: 'note' }));
	}
	return nodes;
}

/** A scene that says why there is no chart (nothing to draw in view). */
export function emptyScene(chart: string, caption: SceneCaption, frame: Frame, reason: string): Scene {
	const { nodes, bottom } = header(caption, [], frame, caption.title);
	const ls = wrapText(reason, frame.width - 2 * frame.pad, frame.type.body);
	ls.forEach((l, i) =>
		nodes.push(
			text(frame.pad, bottom + lead(frame.type.body) * (i + 0.5), l, frame.type.body, {
				fill: 'muted',
				role: 'empty'
			})
		)
	);
	const footer = footerLines(caption, frame);
	const y = bottom + ls.length * lead(frame.type.body) + frame.type.body;
	drawFooter(
		nodes,
		footer,
		frame,
		frame.height !== null ? frame.height - frame.pad - footerHeight(footer, frame) : y
	);
	return {
		chart,
		part: null,
		width: frame.width,
		height: frame.height ?? Math.ceil(y + footerHeight(footer, frame) + frame.pad),
		frame,
		title: caption.title,
		nodes,
		rows: [],
		empty: reason
	};
}

/** A plot with two axes (scatter charts): where the plot sits in the frame, and the scene around it. */
export interface PlotChart {
	chart: string;
	/** The layout's plot rectangle in its own px. */
	box: { x0: number; x1: number; y0: number; y1: number };
	xTicks: readonly { x: number; label: string }[];
	yTicks: readonly { y: number; label: string }[];
	xTitle: string;
	yTitle: string;
	/** Marks in the layout's px, mapped by the given functions; `k` scales sizes. */
	marks: (x: (v: number) => number, y: (v: number) => number, k: number) => SceneNode[];
	ids: readonly string[];
	notes?: readonly string[];
}

export function plotScene(
	pc: PlotChart,
	caption: SceneCaption,
	legend: readonly LegendItem[],
	frame: Frame
): Scene {
	const { pad, type } = frame;
	const size = type.small;
	const { nodes, bottom } = header(caption, legend, frame, caption.title);
	const footer = footerLines(caption, frame);
	const step = Math.round(size * 1.35);
	const yTitleH = lead(size) + 4;
	const axisH = 5 + step * 2 + step * (pc.notes?.length ?? 0) + 6;
	const yLabelW = Math.max(...pc.yTicks.map((t) => textWidth(t.label, size)), 10) + 10;
	const left = pad + yLabelW;
	const right = frame.width - pad - Math.round(size * 0.5);
	const top = bottom + yTitleH;
	const inner = right - left;
	const plotH =
		frame.height !== null
			? Math.max(120, frame.height - top - axisH - footerHeight(footer, frame) - pad)
			: Math.round(Math.min(inner * 0.62, Math.max(inner * 0.5, 220)));
	const plotBottom = top + plotH;
	const x = remap([pc.box.x0, pc.box.x1], [left, right]);
	const y = remap([pc.box.y0, pc.box.y1], [top, plotBottom]);
	const k = Math.max(0.8, Math.min(3, type.body / 11));
	nodes.push(text(pad, bottom + yTitleH / 2, pc.yTitle, size, { role: 'axis-title' }));
	// Y ticks: gridlines and labels, thinned vertically.
	let lastY = Infinity;
	for (const t of [...pc.yTicks].sort((a, b) => b.y - a.y)) {
		const ty = y(t.y);
		if (ty < top - 1 || ty > plotBottom + 1 || lastY - ty < size * 1.2) continue;
		lastY = ty;
		nodes.push({ kind: 'line', x1: left, x2: right, y1: ty, y2: ty, stroke: 'rule', width: 1, role: 'grid' });
		nodes.push(text(left - 6, ty, t.label, size, { anchor: 'end', fill: 'muted', role: 'tick' }));
	}
	nodes.push({
		kind: 'line',
		x1: left,
		x2: right,
		y1: plotBottom,
		y2: plotBottom,
		stroke: 'muted',
		width: 1,
		role: 'axis'
	});
	nodes.push({
		kind: 'line',
		x1: left,
		x2: left,
		y1: top,
		y2: plotBottom,
		stroke: 'muted',
		width: 1,
		role: 'axis'
	});
	const ticks = thinTicks(
		pc.xTicks.map((t) => ({ ...t, x: x(t.x) })).filter((t) => t.x >= left - 1 && t.x <= right + 1),
		size
	);
	for (const t of ticks) {
		nodes.push({
			kind: 'line',
			x1: t.x,
			x2: t.x,
			y1: plotBottom,
			y2: plotBottom + 5,
			stroke: 'muted',
			width: 1,
			role: 'tick'
		});
		nodes.push(
			text(t.x, plotBottom + 5 + step / 2, t.label, size, { anchor: 'middle', fill: 'muted', role: 'tick' })
		);
	}
	nodes.push(
		text((left + right) / 2, plotBottom + 5 + step * 1.5, pc.xTitle, size, {
			anchor: 'middle',
			role: 'axis-title'
		})
	);
	let at = plotBottom + 5 + step * 1.5;
	for (const note of pc.notes ?? []) {
		at += step;
		nodes.push(
			text(pad, at, fitText(note, frame.width - 2 * pad, size), size, { fill: 'muted', role: 'note' })
		);
	}
	nodes.push({ kind: 'group', role: 'marks', children: pc.marks(x, y, k) });
	let end = plotBottom + axisH;
	if (frame.height !== null) end = Math.max(end, frame.height - pad - footerHeight(footer, frame));
	drawFooter(nodes, footer, frame, end);
	return {
		chart: pc.chart,
		part: null,
		width: frame.width,
		height: frame.height ?? Math.ceil(end + footerHeight(footer, frame) + pad),
		frame,
		title: caption.title,
		nodes,
		rows: [...pc.ids],
		empty: null
	};
}

/** Points of an SVG path of M/L/H/V/Z commands (d3's linear and step curves) as polylines. */
export function pathPoints(d: string): [number, number][][] {
	const out: [number, number][][] = [];
	let current: [number, number][] = [];
	let x = 0;
	let y = 0;
	const re = /([MLHVZ])([^MLHVZ]*)/gi;
	for (const m of d.matchAll(re)) {
		const cmd = (m[1] ?? '').toUpperCase();
		const nums = (m[2] ?? '')
			.split(/[\s,]+/)
			.filter((s) => s !== '')
			.map(Number);
		if (cmd === 'M') {
			if (current.length) out.push(current);
			current = [];
		}
		if (cmd === 'M' || cmd === 'L') {
			for (let i = 0; i + 1 < nums.length; i += 2) {
				x = nums[i] as number;
				y = nums[i + 1] as number;
				current.push([x, y]);
			}
		} else if (cmd === 'H') {
			for (const n of nums) current.push([(x = n), y]);
		} else if (cmd === 'V') {
			for (const n of nums) current.push([x, (y = n)]);
		}
	}
	if (current.length) out.push(current);
	return out;
}
