/**
 * Scenes as a vector PDF drawn natively with jsPDF (no DOM, no SVG parsing): text set in the embedded DejaVu Sans
 * (the one font of every export), lines, rectangles, circles and paths, each node of the scene as it is. A4 pages
 * (a cover, charts two to a page where they fit, the methods, the summary and its cautions) or 16:9 slide pages (the
 * opening, one chart part per page with the slide's title and a footer, then the methods, the summary and its
 * cautions). Pure apart from jsPDF: the same function runs in the page and in Node; the caller supplies the fonts.
 */
import { GState, jsPDF } from 'jspdf';
import { flatten, paint, PX_PER_PT, type Frame, type Paint, type Scene } from './scene';
import { FONT_FAMILY, fitText, textWidth, wrapText } from './text';
import { ASIDE_SCALE, fitTextPage, LEADING, PARAGRAPH_GAP, textPageBody, type TextPage } from './text-page';

/** DejaVu Sans regular and bold as base64 TTF (jsPDF's virtual file system holds base64). */
export interface PdfFonts {
	regular: string;
	bold: string;
}

/** Pages in points: A4 portrait with 10-mm margins, and a 13.333 × 7.5 in (PowerPoint widescreen) slide. */
export const PDF_PAGES = {
	a4: { width: 595.28, height: 841.89, orientation: 'portrait' as const, margin: 28.35 },
	slide: { width: 960, height: 540, orientation: 'landscape' as const, margin: 0 }
};
export type PdfPreset = keyof typeof PDF_PAGES;

/** Points per scene px when a scene is drawn at print size (96 px/in). */
const PT_PER_PX = 1 / PX_PER_PT;

/** The smallest text of an A4 page (pt), and the scale every A4 chart is set at. */
export const A4_MIN_PT = 8;

/**
 * The frame an A4 chart is drawn in: the printable width (190 mm at 96 px/in), type in points at print size
 * (text ≥ 8 pt, titles 12 pt); a null height grows with the chart, a fixed one (a page) splits a long chart.
 */
export function a4Frame(theme: Frame['theme'], height: number | null = null): Frame {
	const page = PDF_PAGES.a4;
	const pt = (v: number) => Math.round(v * PX_PER_PT * 100) / 100;
	return {
		width: Math.floor((page.width - 2 * page.margin) * PX_PER_PT),
		height,
		target: 'print',
		theme,
		background: 'solid',
		pad: 6,
		type: { title: pt(12), subtitle: pt(9), body: pt(8.5), small: pt(A4_MIN_PT), min: pt(A4_MIN_PT) }
	};
}

/** The tallest chart an A4 page holds, in the A4 frame's px. */
export function a4Room(): number {
	const page = PDF_PAGES.a4;
	return Math.floor((page.height - 2 * page.margin) * PX_PER_PT);
}

/**
 * Which page each item goes on, stacked from the top: as many as fit (at most `perPage`), each scaled to the
 * page's width (or height, when taller than a page). Returns, per item, its page, its y and its scale (page units).
 */
export function stackPages(
	sizes: readonly { width: number; height: number }[],
	page: { width: number; height: number },
	margin: number,
	gap: number,
	perPage: number
): { page: number; y: number; scale: number }[] {
	const out: { page: number; y: number; scale: number }[] = [];
	let pageNo = 0;
	let y = margin;
	let onPage = 0;
	for (const { width, height } of sizes) {
		const scale = Math.min((page.width - 2 * margin) / width, (page.height - 2 * margin) / height);
		const h = height * scale;
		if (onPage > 0 && (onPage >= perPage || y + h > page.height - margin)) {
			pageNo++;
			y = margin;
			onPage = 0;
		}
		out.push({ page: pageNo, y, scale });
		y += h + gap;
		onPage++;
	}
	return out;
}

/** What a PDF holds. */
export interface PdfSpec {
	preset: PdfPreset;
	theme: Frame['theme'];
	/** The document's title (its metadata). */
	title: string;
	/** A cover page (the title, then lines: the dataset, the view, the sources); none: no cover. */
	cover?: { title: string; lines: readonly string[] } | null;
	/** The charts in order: on slides one page each, on A4 stacked two to a page where they fit. */
	scenes: readonly Scene[];
	/** Slides: the footer of every chart page (where the numbers come from); the page counter goes beside it. */
	footer?: string;
	/** A page of how the studies were pooled, after the charts (as in the live talk); none: no such page. */
	methods?: TextPage | null;
	/** The closing page: the plain-language summary and its cautions; none: no closing page. */
	closing?: TextPage | null;
}

const hexOf = (p: Paint, theme: Frame['theme']) => paint(p, theme);

/** Draw one scene onto the current page at (x, y) in points, `k` points per scene px. */
export function drawScene(doc: jsPDF, scene: Scene, x0: number, y0: number, k: number): void {
	const theme = scene.frame.theme;
	const X = (v: number) => x0 + v * k;
	const Y = (v: number) => y0 + v * k;
	const colour = (p: Paint) => hexOf(p, theme);
	const withOpacity = (opacity: number | undefined, draw: () => void) => {
		if (opacity === undefined || opacity >= 1) return draw();
		doc.saveGraphicsState();
		doc.setGState(new GState({ opacity, 'stroke-opacity': 1 }));
		draw();
		doc.restoreGraphicsState();
	};
	const style = (fill: Paint | null, stroke: Paint | undefined, width = 1): 'F' | 'S' | 'FD' | null => {
		if (fill) doc.setFillColor(colour(fill));
		if (stroke) {
			doc.setDrawColor(colour(stroke));
			doc.setLineWidth(width * k);
		}
		return fill && stroke ? 'FD' : fill ? 'F' : stroke ? 'S' : null;
	};
	if (scene.frame.background === 'solid') {
		doc.setFillColor(colour('bg'));
		doc.rect(X(0), Y(0), scene.width * k, scene.height * k, 'F');
	}
	doc.setLineCap('butt');
	for (const el of flatten(scene.nodes)) {
		switch (el.kind) {
			case 'text': {
				if (el.text.trim() === '') break;
				doc.setFont(FONT_FAMILY, el.bold ? 'bold' : 'normal');
				doc.setFontSize(el.size * k);
				doc.setTextColor(colour(el.fill));
				// y is the middle of the line: the baseline sits 0.35 em below it (as in the SVG writer).
				doc.text(el.text, X(el.x), Y(el.y + el.size * 0.35), {
					align: el.anchor === 'start' ? 'left' : el.anchor === 'end' ? 'right' : 'center',
					baseline: 'alphabetic'
				});
				break;
			}
			case 'line':
				doc.setDrawColor(colour(el.stroke));
				doc.setLineWidth(el.width * k);
				if (el.dash) doc.setLineDashPattern([5 * k, 4 * k], 0);
				doc.line(X(el.x1), Y(el.y1), X(el.x2), Y(el.y2));
				if (el.dash) doc.setLineDashPattern([], 0);
				break;
			case 'rect': {
				const s = style(el.fill, el.stroke, el.strokeWidth);
				if (s) withOpacity(el.opacity, () => doc.rect(X(el.x), Y(el.y), el.w * k, el.h * k, s));
				break;
			}
			case 'circle': {
				const s = style(el.fill, el.stroke, el.strokeWidth);
				if (s) withOpacity(el.opacity, () => doc.circle(X(el.cx), Y(el.cy), el.r * k, s));
				break;
			}
			case 'poly': {
				const [first, ...rest] = el.points;
				if (!first || rest.length === 0) break;
				const s = style(el.closed ? el.fill : null, el.stroke, el.strokeWidth);
				if (!s) break;
				withOpacity(el.opacity, () => {
					doc.moveTo(X(first[0]), Y(first[1]));
					for (const [px, py] of rest) doc.lineTo(X(px), Y(py));
					if (el.closed) doc.close();
					if (s === 'F') doc.fill();
					else if (s === 'S') doc.stroke();
					else doc.fillStroke();
				});
				break;
			}
		}
	}
}

/** The PDF of scenes (write it with `.output('arraybuffer')` or `.output('blob')`). */
export function scenesPdf(spec: PdfSpec, fonts: PdfFonts): jsPDF {
	if (spec.scenes.length === 0)
		throw new Error('There is no chart to put in a PDF: no chart has anything to draw.');
	const page = PDF_PAGES[spec.preset];
	const doc = new jsPDF({
		unit: 'pt',
		format: [page.width, page.height],
		orientation: page.orientation,
		// Only the embedded font goes into the file, not jsPDF's default Helvetica.
		putOnlyUsedFonts: true
	});
	doc.addFileToVFS('DejaVuSans.ttf', fonts.regular);
	doc.addFileToVFS('DejaVuSans-Bold.ttf', fonts.bold);
	doc.addFont('DejaVuSans.ttf', FONT_FAMILY, 'normal');
	doc.addFont('DejaVuSans-Bold.ttf', FONT_FAMILY, 'bold');
	doc.setFont(FONT_FAMILY, 'normal');
	doc.setProperties({ title: spec.title, creator: 'Evidence dashboard' });
	const fg = paint('fg', spec.theme);
	const muted = paint('muted', spec.theme);
	const bg = paint('bg', spec.theme);
	let first = true;
	const newPage = () => {
		if (!first) doc.addPage([page.width, page.height], page.orientation);
		first = false;
		doc.setFillColor(bg);
		doc.rect(0, 0, page.width, page.height, 'F');
	};
	/** Lines of text from `y` (top, pt); returns the y under them. */
	const setLines = (
		lines: readonly string[],
		x: number,
		y: number,
		size: number,
		bold: boolean,
		colour: string
	) => {
		doc.setFont(FONT_FAMILY, bold ? 'bold' : 'normal');
		doc.setFontSize(size);
		doc.setTextColor(colour);
		for (const line of lines) {
			y += size * LEADING;
			doc.text(line, x, y - size * 0.25, { baseline: 'alphabetic' });
		}
		return y;
	};
	/** A paragraph wrapped by the same measure as the scenes (text.ts), in px at 1 px per pt; returns the y under it. */
	const paragraph = (content: string, x: number, y: number, size: number, bold: boolean, colour: string) =>
		setLines(wrapText(content, page.width - 2 * x, size, bold), x, y, size, bold, colour);

	const side = spec.preset === 'a4' ? 56 : 64;
	if (spec.cover) {
		newPage();
		// Read from the back of a room on a slide, as the live title slide is.
		const [heading, size] = spec.preset === 'a4' ? [24, 13] : [32, 18];
		let y = paragraph(spec.cover.title, side, page.height / 4, heading, true, fg) + 16;
		for (const line of spec.cover.lines) y = paragraph(line, side, y, size, false, muted) + 6;
	}

	if (spec.preset === 'slide') {
		const count = spec.scenes.length;
		spec.scenes.forEach((scene, i) => {
			newPage();
			const k = Math.min(page.width / scene.width, page.height / scene.height);
			drawScene(doc, scene, (page.width - scene.width * k) / 2, 0, k);
			// The footer in the scene's bottom padding: where the numbers come from, and the page counter.
			const size = 10;
			const y = page.height - Math.max(10, (scene.frame.pad * k) / 2 - size * 0.35);
			const left = scene.frame.pad * k;
			const counter = `${i + 1} / ${count}`;
			doc.setFont(FONT_FAMILY, 'normal');
			doc.setFontSize(size);
			doc.setTextColor(muted);
			doc.text(counter, page.width - left, y, { align: 'right', baseline: 'alphabetic' });
			if (spec.footer) {
				const room = page.width - 2 * left - textWidth(counter, size) - 24;
				doc.text(fitText(spec.footer, room, size), left, y, { baseline: 'alphabetic' });
			}
		});
	} else {
		const sizes = spec.scenes.map((s) => ({ width: s.width * PT_PER_PX, height: s.height * PT_PER_PX }));
		const places = stackPages(sizes, page, page.margin, 12, 2);
		let current = -1;
		spec.scenes.forEach((scene, i) => {
			const place = places[i] as { page: number; y: number; scale: number };
			if (place.page !== current) {
				newPage();
				current = place.page;
			}
			// Never larger than print size (a narrow chart is centred, not blown up).
			const k = Math.min(1, place.scale) * PT_PER_PX;
			drawScene(doc, scene, (page.width - scene.width * k) / 2, place.y, k);
		});
	}

	/**
	 * A page of sentences: the title, then the sentences at the largest size that fits the page (slides 22 down to
	 * 14.5 pt, A4 14 down to 9.6 pt, so the aside at 5/6 stays at or above each preset's minimum), the aside under its
	 * heading with a rule in the accent colour beside it, as on the live slide; what still does not fit continues
	 * on a new page.
	 */
	const textPage = (tp: TextPage) => {
		newPage();
		let y = paragraph(tp.title, side, side - 14, 28, true, fg);
		const width = page.width - 2 * side;
		const bottom = page.height - side;
		const [max, min] = spec.preset === 'a4' ? [14, A4_MIN_PT / ASIDE_SCALE] : [22, 14.5];
		const size = fitTextPage(tp, width, bottom - y - max, max, min);
		y += size;
		const { blocks } = textPageBody(tp, width, size);
		blocks.forEach((block, i) => {
			const height = block.lines.length * block.size * LEADING;
			const gap = block.size * PARAGRAPH_GAP;
			if (y + height > bottom && y > side) {
				newPage();
				y = side;
			}
			if (i >= tp.lines.length) {
				doc.setFillColor(paint('accent', spec.theme));
				doc.rect(side - 14, y + block.size * 0.2, 4, height + gap, 'F');
			}
			y = setLines(block.lines, side, y, block.size, block.bold, fg) + gap;
		});
	};
	if (spec.methods) textPage(spec.methods);
	if (spec.closing) textPage(spec.closing);
	return doc;
}
