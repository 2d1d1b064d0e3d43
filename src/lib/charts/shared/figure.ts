/** Pieces the charts' figures (scenes) and talking points share: effect cells, diamonds, heterogeneity lines. Pure. */
import { pText } from '$lib/domain/method';
import type { Paint, SceneNode } from '$lib/figure/scene';
import { fmtRatio } from '$lib/format';
import type { PoolResult } from '$lib/stats/meta';

const num = (v: number, d = 2) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(d));

/** "Heterogeneity: τ² = 0.03; I² = 45%; Q = 12.3 (df = 6), p = 0.05", as RevMan and metafor print it. */
export function heterogeneityLine(r: PoolResult): string {
	const parts = [`τ² = ${num(r.tau2, r.tau2 < 0.01 ? 3 : 2)}`];
	if (r.i2 !== null) parts.push(`I² = ${Math.round(r.i2)}%`);
	const q = `Q = ${num(r.q, 1)} (df = ${r.qDf})${r.qP !== null ? `, ${pText(r.qP)}` : ''}`;
	return `Heterogeneity: ${parts.join('; ')}; ${q}`;
}

/** "0.65 (0.58–0.73)": an estimate with its interval when both ends are known. */
export const effectCell = (e: number, lo: number | null, hi: number | null) =>
	lo === null || hi === null ? fmtRatio(e) : `${fmtRatio(e)} (${fmtRatio(lo)}–${fmtRatio(hi)})`;

/** A diamond from x0 to x1 around x, half-height h. */
export function diamond(x0: number, x: number, x1: number, y: number, h: number, fill: Paint): SceneNode {
	return {
		kind: 'poly',
		closed: true,
		fill,
		role: 'diamond',
		points: [
			[x0, y],
			[x, y - h],
			[x1, y],
			[x, y + h]
		]
	};
}

/** The smallest and largest of some numbers, or null when there are none. */
export const valueRange = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? null : ([sorted[0] as number, sorted[sorted.length - 1] as number] as const);
};

/** A plotted layout's box and axes, as a plot scene takes them (the layouts' margins and ticks). */
export function plotAxes(layout: {
	width: number;
	height: number;
	margin: { top: number; right: number; bottom: number; left: number };
	xTicks: readonly { x: number; value: number | string }[];
	yTicks: readonly { y: number; value: number | string }[];
}) {
	return {
		box: {
			x0: layout.margin.left,
			x1: layout.width - layout.margin.right,
			y0: layout.margin.top,
			y1: layout.height - layout.margin.bottom
		},
		xTicks: layout.xTicks.map((t) => ({ x: t.x, label: String(t.value) })),
		yTicks: layout.yTicks.map((t) => ({ y: t.y, label: String(t.value) }))
	};
}
