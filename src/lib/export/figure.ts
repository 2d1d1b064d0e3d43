/**
 * Exporting charts drawn for an export frame (see stage.ts): as SVG/PNG/clipboard, and every chart in one dashboard
 * PNG, in a chosen theme.
 */
import type { ExportSettings, Theme } from './settings';
import { rasterise, serialiseFigure, type Caption, type Frame } from './svg';
import { escapeXml, stripForbidden } from './sanitise';
import { FONT_STACK } from '$lib/figure/text';

/** Run `fn` with the page switched to a theme, restoring it before anything paints. */
export function withTheme<T>(theme: Theme, fn: () => T): T {
	const root = document.documentElement;
	const before = root.dataset.theme;
	if (theme !== 'screen') root.dataset.theme = theme;
	try {
		return fn();
	} finally {
		if (before === undefined) delete root.dataset.theme;
		else root.dataset.theme = before;
	}
}

function colours(settings: ExportSettings) {
	const style = getComputedStyle(document.documentElement);
	return {
		background:
			settings.background === 'transparent' ? null : style.getPropertyValue('--bg').trim() || '#ffffff',
		foreground: style.getPropertyValue('--fg').trim() || '#1a1a1a'
	};
}

/** One chart's figure as a standalone SVG document (in the chosen theme), sized for `frame`. */
export function chartSvg(figure: Element, caption: Caption, settings: ExportSettings, frame?: Frame) {
	return withTheme(settings.theme, () => serialiseFigure(figure, { caption, frame, ...colours(settings) }));
}

/** One chart as PNG at `scale` × its frame. */
export async function chartPng(
	figure: Element,
	caption: Caption,
	settings: ExportSettings,
	frame: Frame | undefined,
	scale: number
): Promise<Blob> {
	const { text, width, height } = chartSvg(figure, caption, settings, frame);
	return rasterise(text, width, height, scale);
}

/** Copy a PNG to the clipboard where the browser allows; false when it does not. */
export async function copyPng(blob: Blob): Promise<boolean> {
	if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) return false;
	try {
		await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
		return true;
	} catch {
		return false;
	}
}

/** Width of one dashboard column; the first chart (the forest) spans both. */
export const DASHBOARD_COLUMN = 760;
export const DASHBOARD_GAP = 24;

/**
 * Every chart in one SVG: a title block, the first chart full width, the others two by two (each drawn at the
 * column's width), then the source line; rasterised at the chosen scale. Charts with nothing to draw are left out.
 */
export async function dashboardPng(
	figures: { figure: Element; title: string }[],
	caption: Caption,
	settings: ExportSettings
): Promise<{ blob: Blob; width: number; height: number; skipped: string[] }> {
	const skipped: string[] = [];
	const parts = withTheme(settings.theme, () => {
		const { background, foreground } = colours(settings);
		return {
			background,
			foreground,
			charts: figures.flatMap(({ figure, title }) => {
				if (!figure.querySelector('.plot > svg')) {
					skipped.push(title);
					return [];
				}
				return [
					serialiseFigure(figure, {
						caption: { title, subtitle: '', source: '' },
						background: null,
						foreground
					})
				];
			})
		};
	});
	if (parts.charts.length === 0)
		throw new Error('No chart has anything to draw, so there is no dashboard to export.');
	const gap = DASHBOARD_GAP;
	const width = DASHBOARD_COLUMN * 2 + gap * 3;
	let y = 80;
	let x = gap;
	let rowHeight = 0;
	const placed: string[] = [];
	parts.charts.forEach((c, i) => {
		const full = i === 0;
		if (full || x + c.width > width - gap + 1) {
			if (rowHeight) y += rowHeight + gap;
			x = gap;
			rowHeight = 0;
		}
		const body = c.text.replace(/^<\?xml[^>]*>\s*/, '');
		placed.push(`<g transform="translate(${x} ${y})">${body}</g>`);
		rowHeight = Math.max(rowHeight, c.height);
		x = full ? width : x + c.width + gap;
	});
	const font = `font-family="${escapeXml(FONT_STACK)}"`;
	const lines = (text: string, max: number) => {
		const out: string[] = [];
		let line = '';
		for (const word of text.split(/\s+/)) {
			if (line !== '' && (line + ' ' + word).length > max) {
				out.push(line);
				line = word;
			} else line = (line + ' ' + word).trim();
		}
		if (line) out.push(line);
		return out;
	};
	const sourceLines = lines(caption.source, Math.floor((width - 2 * gap) / 6.6));
	const height = y + rowHeight + 24 + sourceLines.length * 16 + 16;
	const fg = parts.foreground;
	const doc =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
		(parts.background ? `<rect width="100%" height="100%" fill="${parts.background}"/>` : '') +
		`<text x="${gap}" y="36" ${font} font-size="24" font-weight="700" fill="${fg}">${escapeXml(caption.title)}</text>` +
		`<text x="${gap}" y="60" ${font} font-size="14" fill="${fg}">${escapeXml(caption.subtitle)}</text>` +
		placed.join('') +
		sourceLines
			.map(
				(l, i) =>
					`<text x="${gap}" y="${y + rowHeight + 36 + i * 16}" ${font} font-size="12" fill="${fg}">${escapeXml(l)}</text>`
			)
			.join('') +
		`</svg>`;
	return {
		blob: await rasterise(stripForbidden(doc), width, height, settings.scale),
		width,
		height,
		skipped
	};
}
