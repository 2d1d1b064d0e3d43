/**
 * A chart's on-screen SVG → a self-contained SVG document: computed styles inlined as presentation attributes,
 * CSS variables resolved, interaction attributes dropped, and a title, filter subtitle and source line added.
 */
import type { Caption } from '$lib/domain/caption';
import { escapeXml, stripForbidden } from './sanitise';
import { FONT_STACK } from '$lib/figure/text';
import { fitCanvasScale } from './canvas-limit';

export type { Caption };

/** Presentation properties copied from computed style, so the file looks like the screen without page CSS. */
const PROPS = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'opacity',
	'font-size',
	'font-weight',
	'font-style',
	'text-anchor',
	'dominant-baseline',
	'visibility'
] as const;

/** One font family in every format: DejaVu Sans, which the PDF embeds and the PPTX names (figure/text.ts). */
const FONT = FONT_STACK;
const NS = 'http://www.w3.org/2000/svg';

/** Copy computed presentation styles from `source` onto `target`, element by element (same tree shape). */
function inlineStyles(source: Element, target: Element): void {
	const style = getComputedStyle(source);
	for (const prop of PROPS) {
		const value = style.getPropertyValue(prop);
		if (value && value !== 'normal' && value !== 'auto') target.setAttribute(prop, value);
	}
	if (source.tagName.toLowerCase() === 'text' || source.tagName.toLowerCase() === 'tspan')
		target.setAttribute('font-family', FONT);
	target.removeAttribute('class');
	target.removeAttribute('style');
	for (const attr of ['tabindex', 'role', 'aria-pressed', 'aria-label', 'data-hovered'])
		target.removeAttribute(attr);
	const sourceChildren = source.children;
	const targetChildren = target.children;
	for (let i = 0; i < sourceChildren.length; i++) {
		const s = sourceChildren[i];
		const t = targetChildren[i];
		if (s && t) inlineStyles(s, t);
	}
}

/** Wrap lines of text to a pixel width (approximate, 0.55 em per character). */
function wrap(text: string, width: number, size: number): string[] {
	const max = Math.max(20, Math.floor(width / (size * 0.55)));
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if ((line + ' ' + word).trim().length > max && line !== '') {
			lines.push(line);
			line = word;
		} else line = (line + ' ' + word).trim();
	}
	if (line) lines.push(line);
	return lines;
}

/**
 * Redraw each canvas layer (CanvasDots) of `clone` as vector circles from the data it carries, with colours
 * resolved on the live chart: exports draw from data, not from the screen's pixels.
 */
function vectorDots(svg: SVGSVGElement, clone: SVGSVGElement): void {
	const copies = clone.querySelectorAll('foreignObject[data-canvas-dots]');
	svg.querySelectorAll('foreignObject[data-canvas-dots]').forEach((layer, i) => {
		const copy = copies[i];
		const probe = layer.querySelector('canvas');
		if (!copy || !probe) return;
		const resolve = (css: string) => {
			probe.style.color = css;
			return getComputedStyle(probe).color;
		};
		const bg = resolve(getComputedStyle(probe).getPropertyValue('--bg').trim() || '#fff');
		const opacity = layer.getAttribute('data-canvas-opacity') ?? '1';
		const g = document.createElementNS(NS, 'g');
		const dots = JSON.parse(layer.getAttribute('data-canvas-dots') ?? '[]') as [
			number,
			number,
			number,
			string,
			string?
		][];
		// A dot whose study the filters exclude (its mark inactive) is not part of the export.
		const inactive = new Set(
			[...svg.querySelectorAll('[data-study-id][data-active="false"]')].map((m) =>
				m.getAttribute('data-study-id')
			)
		);
		for (const [cx, cy, r, fill, id] of dots) {
			if (id !== undefined && inactive.has(id)) continue;
			const c = document.createElementNS(NS, 'circle');
			c.setAttribute('cx', String(cx));
			c.setAttribute('cy', String(cy));
			c.setAttribute('r', String(r));
			c.setAttribute('fill', resolve(fill));
			c.setAttribute('fill-opacity', opacity);
			c.setAttribute('stroke', bg);
			c.setAttribute('stroke-width', '1');
			g.appendChild(c);
		}
		probe.style.color = '';
		copy.replaceWith(g);
	});
}

/** The size an export is drawn at, in CSS pixels; a null height keeps the chart's own proportions. */
export interface Frame {
	width: number;
	height: number | null;
}

export interface SerialiseOptions {
	caption: Caption;
	/** Background colour; null for transparent. */
	background: string | null;
	/** Colour for the caption text. */
	foreground: string;
	/** The output size; by default the chart's own width and height plus its caption. */
	frame?: Frame;
}

/** A chart that has nothing to draw cannot be exported; the message says why, in the chart's own words. */
export class EmptyChartError extends Error {}

/** The figure's legend (page HTML under the chart) as SVG: each swatch with its styles inlined, then its text. */
function legendItems(figure: Element): { swatch: string; width: number; height: number; label: string }[] {
	return [...figure.querySelectorAll('figcaption .legend')].flatMap((item) => {
		const svg = item.querySelector('svg');
		const label = (item.textContent ?? '').replace(/\s+/g, ' ').trim();
		if (!svg || label === '') return [];
		const clone = svg.cloneNode(true) as SVGSVGElement;
		inlineStyles(svg, clone);
		const width = Number(svg.getAttribute('width')) || 10;
		const height = Number(svg.getAttribute('height')) || 10;
		const inner = new XMLSerializer()
			.serializeToString(clone)
			.replace(/^<svg[^>]*>/, '')
			.replace(/<\/svg>$/, '');
		return [{ swatch: inner, width, height, label }];
	});
}

/**
 * Serialise a chart's figure (the chart drawn for the export frame) to a standalone SVG document: title, filters,
 * legend, the chart, and the source line, all inside the image.
 */
export function serialiseFigure(
	figure: Element,
	options: SerialiseOptions
): { text: string; width: number; height: number } {
	const svg = figure.querySelector<SVGSVGElement>('.plot > svg');
	if (!svg) {
		const reason = figure.querySelector('[data-testid="empty-state"]')?.textContent?.trim();
		throw new EmptyChartError(
			`${options.caption.title} has nothing to export: ${reason || 'no study in view can be drawn in it'}`
		);
	}
	const clone = svg.cloneNode(true) as SVGSVGElement;
	inlineStyles(svg, clone);
	vectorDots(svg, clone);
	const box = svg.viewBox.baseVal;
	const chartWidth = Math.ceil(box && box.width ? box.width : svg.getBoundingClientRect().width);
	const chartHeight = Math.ceil(box && box.height ? box.height : svg.getBoundingClientRect().height);
	const width = Math.round(options.frame?.width ?? chartWidth);
	// Type grows with the frame, so a 1280-px slide reads as well as an 800-px figure.
	const type = Math.max(1, Math.min(2, width / 800));
	const pad = 16;
	const fg = options.foreground;
	// Whole pixels: renderers agree on glyph placement at integer sizes.
	const sizes = {
		title: Math.round(16 * type),
		subtitle: Math.round(12 * type),
		legend: Math.round(12 * type),
		source: Math.min(12, Math.round(10 * type))
	};
	const titleLines = wrap(options.caption.title, width - 2 * pad, sizes.title);
	const subtitleLines = wrap(options.caption.subtitle, width - 2 * pad, sizes.subtitle);
	const summaryLines = options.caption.summary
		? wrap(options.caption.summary, width - 2 * pad, sizes.subtitle)
		: [];
	const sourceLines = wrap(options.caption.source, width - 2 * pad, sizes.source);
	const lead = (size: number) => Math.round(size * 1.3);
	let y = pad;
	const parts: string[] = [];
	const text = (lines: string[], size: number, weight: string) => {
		for (const l of lines) {
			y += lead(size);
			parts.push(
				`<text x="${pad}" y="${y - Math.round(size * 0.3)}" font-family="${escapeXml(FONT)}" font-size="${size}" font-weight="${weight}" fill="${fg}">${escapeXml(l)}</text>`
			);
		}
	};
	text(titleLines, sizes.title, '700');
	text(subtitleLines, sizes.subtitle, '400');
	text(summaryLines, sizes.subtitle, '400');
	// The legend: one row of swatches and labels, wrapping at the frame's width.
	const legend = legendItems(figure);
	if (legend.length > 0) {
		const size = sizes.legend;
		const rowHeight = lead(size) + 4;
		let x = pad;
		y += 6;
		for (const item of legend) {
			const k = size / 12;
			const w = item.width * k + 6 + item.label.length * size * 0.56 + 18;
			if (x > pad && x + w > width - pad) {
				x = pad;
				y += rowHeight;
			}
			const cy = y + rowHeight / 2;
			parts.push(
				`<g transform="translate(${x} ${cy - (item.height * k) / 2}) scale(${k})">${item.swatch}</g>` +
					`<text x="${x + item.width * k + 6}" y="${cy}" dy="0.35em" font-family="${escapeXml(FONT)}" font-size="${size}" fill="${fg}">${escapeXml(item.label)}</text>`
			);
			x += w;
		}
		y += rowHeight;
	}
	y += 8;
	const top = y;
	const sourceHeight = 12 + sourceLines.length * lead(sizes.source) + pad;
	// Fit the chart into the frame: its own size when the frame has no height, else scaled to fill it (up to 2×:
	// a short chart laid out narrower for a slide grows into it, see fit.ts) or down to fit.
	const room = options.frame?.height ? options.frame.height - top - sourceHeight : null;
	const scale = room
		? Math.min(2, (width - 2 * pad) / chartWidth, room / chartHeight)
		: Math.min(1, width / chartWidth);
	const drawnHeight = chartHeight * scale;
	const x0 = Math.max(0, (width - chartWidth * scale) / 2);
	// In a fixed frame the chart sits in the middle of the room left between caption and source.
	const y0 = room ? top + Math.max(0, (room - drawnHeight) / 2) : top;
	// Interaction-only layers (the brush's pointer target) are not part of the figure.
	for (const el of clone.querySelectorAll('[data-export-skip]')) el.remove();
	clone.removeAttribute('width');
	clone.removeAttribute('height');
	const inner = new XMLSerializer()
		.serializeToString(clone)
		.replace(/^<svg[^>]*>/, '')
		.replace(/<\/svg>$/, '');
	parts.push(
		`<g transform="translate(${round(x0)} ${round(y0)})${scale !== 1 ? ` scale(${round(scale)})` : ''}">${inner}</g>`
	);
	y = (room ? top + room : top + drawnHeight) + 12;
	text(sourceLines, sizes.source, '400');
	const height = Math.round(options.frame?.height ?? y + pad);
	const doc =
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<svg xmlns="${NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
		(options.background ? `<rect width="100%" height="100%" fill="${options.background}"/>` : '') +
		parts.join('') +
		`</svg>`;
	return { text: stripForbidden(doc), width, height };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Images drawn smaller than asked (the canvas limit): the scale they were drawn at. */
const reducedScale = new WeakMap<Blob, number>();

/** The scale a PNG from `rasterise` was drawn at when the browser's canvas limit made it smaller; else null. */
export function scaledDown(blob: Blob): number | null {
	return reducedScale.get(blob) ?? null;
}

/**
 * Rasterise an SVG document to a PNG blob at `scale` × its size, or at the largest scale the browser's canvas
 * holds (see `scaledDown`).
 */
export async function rasterise(
	svgText: string,
	width: number,
	height: number,
	scale: number
): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.decoding = 'sync';
		await new Promise<void>((resolve, reject) => {
			image.onload = () => resolve();
			image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
			image.src = url;
		});
		const fitted = fitCanvasScale(width, height, scale);
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * fitted);
		canvas.height = Math.round(height * fitted);
		const context = canvas.getContext('2d');
		if (!context) throw new Error('This browser cannot draw images.');
		context.scale(fitted, fitted);
		context.drawImage(image, 0, 0, width, height);
		const blob = await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))), 'image/png')
		);
		if (fitted < scale) reducedScale.set(blob, fitted);
		return blob;
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Offer a blob as a download with the given file name. */
export function download(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
