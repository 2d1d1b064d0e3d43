/** Exporting what is on screen: charts as SVG/PNG/clipboard, the whole dashboard as one PNG, in a chosen theme. */
import type { ExportSettings, Theme } from './settings';
import { rasterise, serialiseChart, type Caption } from './svg';

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

/** One chart as a standalone SVG document (in the chosen theme). */
export function chartSvg(svg: SVGSVGElement, caption: Caption, settings: ExportSettings) {
	return withTheme(settings.theme, () => serialiseChart(svg, { caption, ...colours(settings) }));
}

/** One chart as PNG at the chosen scale. */
export async function chartPng(
	svg: SVGSVGElement,
	caption: Caption,
	settings: ExportSettings
): Promise<Blob> {
	const { text, width, height } = chartSvg(svg, caption, settings);
	return rasterise(text, width, height, settings.scale);
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

/**
 * Every chart of the page in one SVG: a title block, then the charts in two columns (forest full width first),
 * then the source line; rasterised at the chosen scale.
 */
export async function dashboardPng(
	svgs: { svg: SVGSVGElement; title: string }[],
	caption: Caption,
	settings: ExportSettings
): Promise<{ blob: Blob; width: number; height: number }> {
	const parts = withTheme(settings.theme, () => {
		const { background, foreground } = colours(settings);
		return {
			background,
			foreground,
			charts: svgs.map(({ svg, title }) =>
				serialiseChart(svg, { caption: { title, subtitle: '', source: '' }, background: null, foreground })
			)
		};
	});
	const gap = 24;
	const column = Math.max(...parts.charts.map((c) => c.width), 400);
	const width = column * 2 + gap * 3;
	let y = 80;
	let x = gap;
	let rowHeight = 0;
	const placed: string[] = [];
	parts.charts.forEach((c, i) => {
		const full = i === 0;
		if (full || x + c.width > width) {
			if (rowHeight) y += rowHeight + gap;
			x = gap;
			rowHeight = 0;
		}
		const body = c.text.replace(/^<\?xml[^>]*>\s*/, '');
		placed.push(`<g transform="translate(${x} ${y})">${body}</g>`);
		rowHeight = Math.max(rowHeight, c.height);
		x = full ? width : x + column + gap;
	});
	const height = y + rowHeight + 60;
	const esc = (t: string) => t.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
	const font = "font-family=\"'Liberation Sans', 'DejaVu Sans', Arial, sans-serif\"";
	const doc =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
		(parts.background ? `<rect width="100%" height="100%" fill="${parts.background}"/>` : '') +
		`<text x="${gap}" y="36" ${font} font-size="24" font-weight="700" fill="${parts.foreground}">${esc(caption.title)}</text>` +
		`<text x="${gap}" y="60" ${font} font-size="14" fill="${parts.foreground}">${esc(caption.subtitle)}</text>` +
		placed.join('') +
		`<text x="${gap}" y="${height - 24}" ${font} font-size="12" fill="${parts.foreground}">${esc(caption.source)}</text>` +
		`</svg>`;
	return { blob: await rasterise(doc, width, height, settings.scale), width, height };
}
