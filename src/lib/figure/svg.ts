/**
 * A Scene as a standalone SVG document, written as a string (no DOM, no comments): every colour resolved for the
 * frame's theme, one font family (DejaVu Sans, optionally embedded as @font-face so a PNG drawn from it in a
 * browser uses it too). Pure.
 */
import { flatten, paint, type Scene, type SceneNode } from './scene';
import { FONT_STACK } from './text';

const esc = (s: string) =>
	s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		// Characters XML 1.0 forbids.
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const n = (v: number) => String(Math.round(v * 100) / 100);

export interface SvgOptions {
	/** DejaVu Sans (regular and bold) as base64 TTF, embedded as @font-face (for rasterising in a browser). */
	font?: { regular: string; bold: string };
}

function node(el: Exclude<SceneNode, { kind: 'group' }>, theme: Scene['frame']['theme']): string {
	const c = (p: Parameters<typeof paint>[0]) => paint(p, theme);
	switch (el.kind) {
		case 'text': {
			const anchor = el.anchor === 'start' ? '' : ` text-anchor="${el.anchor}"`;
			const weight = el.bold ? ' font-weight="700"' : '';
			// y is the middle of the line: the baseline sits 0.35 em below it.
			return `<text x="${n(el.x)}" y="${n(el.y + el.size * 0.35)}" font-size="${n(el.size)}"${weight}${anchor} fill="${c(el.fill)}">${esc(el.text)}</text>`;
		}
		case 'line':
			return `<line x1="${n(el.x1)}" y1="${n(el.y1)}" x2="${n(el.x2)}" y2="${n(el.y2)}" stroke="${c(el.stroke)}" stroke-width="${n(el.width)}"${el.dash ? ' stroke-dasharray="5 4"' : ''}/>`;
		case 'rect':
			return `<rect x="${n(el.x)}" y="${n(el.y)}" width="${n(el.w)}" height="${n(el.h)}"${fillAttrs(el, c)}/>`;
		case 'circle':
			return `<circle cx="${n(el.cx)}" cy="${n(el.cy)}" r="${n(el.r)}"${fillAttrs(el, c)}/>`;
		case 'poly': {
			const pts = el.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
			return `<${el.closed ? 'polygon' : 'polyline'} points="${pts}"${fillAttrs(el, c)}/>`;
		}
	}
}

function fillAttrs(
	el: {
		fill: Parameters<typeof paint>[0] | null;
		stroke?: Parameters<typeof paint>[0];
		strokeWidth?: number;
		opacity?: number;
	},
	c: (p: Parameters<typeof paint>[0]) => string
): string {
	let out = ` fill="${el.fill ? c(el.fill) : 'none'}"`;
	if (el.opacity !== undefined && el.opacity < 1) out += ` fill-opacity="${n(el.opacity)}"`;
	if (el.stroke) out += ` stroke="${c(el.stroke)}" stroke-width="${n(el.strokeWidth ?? 1)}"`;
	return out;
}

function write(nodes: readonly SceneNode[], theme: Scene['frame']['theme']): string {
	return nodes
		.map((el) => {
			if (el.kind !== 'group') return node(el, theme);
			// A study's row carries its id (every exported row is in view, so active), as on the page.
			const id = el.id ? ` data-study-id="${esc(el.id)}" data-active="true"` : '';
			const data = Object.entries(el.data ?? {})
				.filter(([key]) => /^[a-z][a-z0-9-]*$/.test(key))
				.map(([key, value]) => ` data-${key}="${esc(value)}"`)
				.join('');
			return `<g data-role="${esc(el.role)}"${id}${data}>${write(el.children, theme)}</g>`;
		})
		.join('');
}

/** The scene as an SVG document. */
export function toSvgString(scene: Scene, options: SvgOptions = {}): string {
	const { width, height, frame } = scene;
	const bg =
		frame.background === 'solid'
			? `<rect width="100%" height="100%" fill="${paint('bg', frame.theme)}"/>`
			: '';
	const style = options.font
		? `<defs><style>@font-face{font-family:'DejaVu Sans';font-weight:400;src:url(data:font/ttf;base64,${options.font.regular}) format('truetype')}@font-face{font-family:'DejaVu Sans';font-weight:700;src:url(data:font/ttf;base64,${options.font.bold}) format('truetype')}</style></defs>`
		: '';
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(FONT_STACK)}">` +
		`<title>${esc(scene.title)}</title>` +
		style +
		bg +
		write(scene.nodes, frame.theme) +
		`</svg>`
	);
}

/** The smallest text size a scene sets (px). */
export function smallestText(scene: Scene): number {
	return Math.min(...flatten(scene.nodes).flatMap((el) => (el.kind === 'text' ? [el.size] : [])));
}
