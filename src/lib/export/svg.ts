/**
 * A chart's on-screen SVG → a self-contained SVG document: computed styles inlined as presentation attributes,
 * CSS variables resolved, interaction attributes dropped, and a title, filter subtitle and source line added.
 */

/** What a caption says around an exported chart. */
export interface Caption {
	title: string;
	subtitle: string;
	source: string;
}

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

const FONT = "'Liberation Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif";
const NS = 'http://www.w3.org/2000/svg';

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

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
			string
		][];
		for (const [cx, cy, r, fill] of dots) {
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

export interface SerialiseOptions {
	caption: Caption;
	/** Background colour; null for transparent. */
	background: string | null;
	/** Colour for the caption text. */
	foreground: string;
}

/** Serialise one on-screen chart SVG to a standalone SVG document string with its caption. */
export function serialiseChart(
	svg: SVGSVGElement,
	options: SerialiseOptions
): { text: string; width: number; height: number } {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	inlineStyles(svg, clone);
	vectorDots(svg, clone);
	const box = svg.viewBox.baseVal;
	const width = Math.ceil(box && box.width ? box.width : svg.getBoundingClientRect().width);
	const chartHeight = Math.ceil(box && box.height ? box.height : svg.getBoundingClientRect().height);
	const pad = 16;
	const titleLines = wrap(options.caption.title, width - 2 * pad, 16);
	const subtitleLines = wrap(options.caption.subtitle, width - 2 * pad, 12);
	const sourceLines = wrap(options.caption.source, width - 2 * pad, 10);
	const top = pad + titleLines.length * 20 + subtitleLines.length * 16 + 8;
	const height = top + chartHeight + 12 + sourceLines.length * 13 + pad;
	// Interaction-only layers (the brush's pointer target) are not part of the figure.
	for (const el of clone.querySelectorAll('[data-export-skip]')) el.remove();
	clone.removeAttribute('width');
	clone.removeAttribute('height');
	const inner = new XMLSerializer()
		.serializeToString(clone)
		.replace(/^<svg[^>]*>/, '')
		.replace(/<\/svg>$/, '');
	const text = (lines: string[], y0: number, step: number, size: number, weight: string, fill: string) =>
		lines
			.map(
				(l, i) =>
					`<text x="${pad}" y="${y0 + i * step}" font-family="${escapeXml(FONT)}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(l)}</text>`
			)
			.join('');
	const fg = options.foreground;
	const doc =
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<svg xmlns="${NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
		(options.background ? `<rect width="100%" height="100%" fill="${options.background}"/>` : '') +
		text(titleLines, pad + 14, 20, 16, '700', fg) +
		text(subtitleLines, pad + titleLines.length * 20 + 10, 16, 12, '400', fg) +
		`<g transform="translate(0 ${top})">${inner}</g>` +
		text(sourceLines, top + chartHeight + 20, 13, 10, '400', fg) +
		`</svg>`;
	return { text: doc, width, height };
}

/** Rasterise an SVG document to a PNG blob at `scale` × its size. */
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
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const context = canvas.getContext('2d');
		if (!context) throw new Error('This browser cannot draw images.');
		context.scale(scale, scale);
		context.drawImage(image, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))), 'image/png')
		);
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

/** A file name from a chart id and the date: "mbc-forest-2026-11-27.svg". */
export function fileName(chart: string, extension: string, date = new Date()): string {
	return `mbc-${chart}-${date.toISOString().slice(0, 10)}.${extension}`;
}
