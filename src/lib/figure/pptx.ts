/**
 * Scenes as an editable PowerPoint deck (pptxgenjs, loaded on demand): every chart part is one slide of native
 * text boxes, lines and shapes (editable in PowerPoint, Keynote and LibreOffice, not a picture), with the talking
 * points as speaker notes; the opening first, then the charts, the methods, a summary-of-findings slide as a native
 * (editable) table when there is one, and the closing summary with its cautions last, as the live talk runs. Runs in
 * Node and in the browser.
 */
import { flatten, paint, type Frame, type Scene } from './scene';
import { FONT_FAMILY, textWidth } from './text';
import { ASIDE_SCALE, fitTextPage, textPageBody, type TextPage } from './text-page';

/** A 16:9 slide in inches (PowerPoint's "widescreen"). */
export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;

export interface DeckSlide {
	scene: Scene;
	/** Speaker notes: the talking points, then where the numbers come from. */
	notes: readonly string[];
}

/** A table slide: a title, header cells and rows of cells (each cell lines, the first the main one), notes. */
export interface DeckTable {
	title: string;
	headers: readonly string[];
	rows: readonly { cells: readonly (readonly string[])[] }[];
	/** Small print under the table. */
	footnotes: readonly string[];
	/** Speaker notes. */
	notes: readonly string[];
}

export interface Deck {
	title: string;
	/** The view in words (filters, studies in view, pooled estimate), in the title slide's notes. */
	subtitle: string;
	/** The title slide as the live talk's: a heading (the question, or the dataset's title) and its lines; none: the
	 * title and the subtitle. */
	opening?: { title: string; lines: readonly string[] } | null;
	/** Where the numbers come from (title slide and notes). */
	source: string;
	slides: readonly DeckSlide[];
	/** How the studies were pooled, after the charts (as in the live talk); none: no such slide. */
	methods?: TextPage | null;
	/** The summary-of-findings table (before the closing slide), when there is one. */
	sof?: DeckTable | null;
	/** The plain-language summary and its cautions, the last slide. */
	closing: TextPage;
	theme: Frame['theme'];
}

/** Relative widths of a table's columns: the absolute-effect column (when present) widest. */
function columnWidths(headers: readonly string[], total: number): number[] {
	const weights = headers.map((h) => (h.startsWith('Absolute') ? 3.2 : h.startsWith('Certainty') ? 2.5 : 2));
	const sum = weights.reduce((a, b) => a + b, 0);
	return weights.map((w) => (w / sum) * total);
}

/**
 * A table slide as a native PowerPoint table (a:tbl, editable cell by cell): title, header row, one row per entry,
 * the footnotes under it. Type at 12 pt or more (24 px on a 1920-px slide).
 */
function addTableSlide(
	pptx: Pptx,
	table: DeckTable,
	colours: { bg: string; fg: string; muted: string; rule: string },
	source: string
): void {
	const slide = pptx.addSlide();
	slide.background = { color: colours.bg };
	slide.addText(table.title, {
		fontFace: FONT_FAMILY,
		margin: 0,
		valign: 'top',
		x: 0.6,
		y: 0.5,
		w: SLIDE_W - 1.2,
		h: 0.9,
		fontSize: 28,
		bold: true,
		color: colours.fg
	});
	const none = { type: 'none' as const };
	type Border = { type: 'none' } | { type: 'solid'; pt: number; color: string };
	const under = (pt: number, color: string): [Border, Border, Border, Border] => [
		none,
		none,
		{ type: 'solid', pt, color },
		none
	];
	const header = table.headers.map((h) => ({
		text: h,
		options: { bold: true, fontSize: 14, color: colours.fg, border: under(2, colours.fg) }
	}));
	const body = table.rows.map((row) =>
		row.cells.map((lines) => ({
			text: lines.map((line, j) => ({
				text: line,
				options: {
					bold: j === 0,
					fontSize: j === 0 ? 14 : 12,
					color: j === 0 ? colours.fg : colours.muted,
					breakLine: j < lines.length - 1
				}
			})),
			options: { valign: 'top' as const, border: under(0.75, colours.rule) }
		}))
	);
	const w = SLIDE_W - 1.2;
	slide.addTable([header, ...body], {
		x: 0.6,
		y: 1.5,
		w,
		colW: columnWidths(table.headers, w),
		fontFace: FONT_FAMILY,
		fontSize: 12,
		color: colours.fg,
		margin: [4, 8, 4, 0],
		valign: 'top',
		autoPage: false
	});
	slide.addText(
		table.footnotes.map((t) => ({ text: t, options: { breakLine: true } })),
		{
			fontFace: FONT_FAMILY,
			margin: 0,
			valign: 'bottom',
			x: 0.6,
			y: SLIDE_H - 1.3,
			w,
			h: 0.9,
			fontSize: 12,
			color: colours.muted
		}
	);
	slide.addNotes([...table.notes, source].join('\n'));
}

/**
 * A slide of sentences (methods, closing): the title, the sentences as bullets, and the aside (the cautions) under
 * its heading at 5/6 of their size, left-ruled in the accent colour as on the live slide. Set at the largest size
 * from 18 pt down to 14.5 pt (the aside then 12 pt, 24 px on a 1920-px slide) at which it fits, measured.
 */
function addTextSlide(
	pptx: Pptx,
	page: TextPage,
	colours: { bg: string; fg: string; accent: string },
	notes: readonly string[]
): void {
	const slide = pptx.addSlide();
	slide.background = { color: colours.bg };
	const base = { fontFace: FONT_FAMILY, margin: 0, valign: 'top' as const, color: colours.fg };
	slide.addText(page.title, { ...base, x: 0.6, y: 0.5, w: SLIDE_W - 1.2, h: 0.9, fontSize: 28, bold: true });
	const w = SLIDE_W - 1.2;
	const top = 1.6;
	const h = SLIDE_H - top - 0.6;
	// Measured in points, less the bullets' indent.
	const size = fitTextPage(page, (w - 0.4) * 72, h * 72, 18, 14.5);
	const small = Math.round(size * ASIDE_SCALE * 2) / 2;
	const aside = page.aside && page.aside.lines.length > 0 ? page.aside : null;
	const bullet = (text: string, fontSize: number) => ({
		text,
		options: { bullet: { indent: 18 }, breakLine: true, fontSize, paraSpaceAfter: fontSize / 2 }
	});
	slide.addText(
		[
			...page.lines.map((t) => bullet(t, size)),
			...(aside
				? [
						{
							text: aside.heading,
							options: { bold: true, breakLine: true, fontSize: small, paraSpaceBefore: small / 2 }
						},
						...aside.lines.map((t) => bullet(t, small))
					]
				: [])
		],
		{ ...base, x: 0.6, y: top, w, h, fontSize: size, fit: 'shrink' }
	);
	if (aside) {
		// The aside's rule, as the live slide's border: from its heading to the bottom of the body box's text.
		const body = textPageBody(page, (w - 0.4) * 72, size);
		slide.addShape(pptx.ShapeType.rect, {
			x: 0.42,
			y: top + body.asideTop / 72,
			w: 0.08,
			h: Math.max(0.2, (body.height - body.asideTop) / 72),
			fill: { color: colours.accent },
			line: { type: 'none' }
		});
	}
	slide.addNotes(notes.join('\n'));
}

const hex = (colour: string) => colour.replace('#', '').toUpperCase();

type Pptx = InstanceType<typeof import('pptxgenjs').default>;
type Slide = ReturnType<Pptx['addSlide']>;

/** Draw one scene on a slide, scaled to fit and centred. */
function drawScene(pptx: Pptx, slide: Slide, scene: Scene): void {
	const k = Math.min(SLIDE_W / scene.width, SLIDE_H / scene.height);
	const ox = (SLIDE_W - scene.width * k) / 2;
	const oy = (SLIDE_H - scene.height * k) / 2;
	const X = (v: number) => ox + v * k;
	const Y = (v: number) => oy + v * k;
	const pt = (px: number) => Math.round(px * k * 72 * 100) / 100;
	const theme = scene.frame.theme;
	const colour = (p: Parameters<typeof paint>[0]) => hex(paint(p, theme));
	const fill = (p: Parameters<typeof paint>[0] | null, opacity = 1) =>
		p ? { color: colour(p), transparency: Math.round((1 - opacity) * 100) } : { type: 'none' as const };
	const line = (p: Parameters<typeof paint>[0] | undefined, width = 1) =>
		p ? { color: colour(p), width: pt(width) } : { type: 'none' as const };
	for (const el of flatten(scene.nodes)) {
		switch (el.kind) {
			case 'text': {
				const w = (textWidth(el.text, el.size, el.bold) * 1.1 + el.size * 0.6) * k;
				const h = el.size * 1.5 * k;
				const x = el.anchor === 'start' ? X(el.x) : el.anchor === 'end' ? X(el.x) - w : X(el.x) - w / 2;
				slide.addText(el.text, {
					x,
					y: Y(el.y) - h / 2,
					w,
					h,
					fontFace: FONT_FAMILY,
					fontSize: pt(el.size),
					bold: el.bold ?? false,
					color: colour(el.fill),
					align: el.anchor === 'start' ? 'left' : el.anchor === 'end' ? 'right' : 'center',
					valign: 'middle',
					margin: 0,
					wrap: false,
					fit: 'none'
				});
				break;
			}
			case 'line': {
				const flip = (el.x2 - el.x1) * (el.y2 - el.y1) < 0;
				slide.addShape(pptx.ShapeType.line, {
					x: X(Math.min(el.x1, el.x2)),
					y: Y(Math.min(el.y1, el.y2)),
					w: Math.abs(el.x2 - el.x1) * k,
					h: Math.abs(el.y2 - el.y1) * k,
					flipV: flip,
					line: { color: colour(el.stroke), width: pt(el.width), ...(el.dash ? { dashType: 'dash' } : {}) }
				});
				break;
			}
			case 'rect':
				slide.addShape(pptx.ShapeType.rect, {
					x: X(el.x),
					y: Y(el.y),
					w: el.w * k,
					h: el.h * k,
					fill: fill(el.fill, el.opacity),
					line: line(el.stroke, el.strokeWidth)
				});
				break;
			case 'circle':
				slide.addShape(pptx.ShapeType.ellipse, {
					x: X(el.cx - el.r),
					y: Y(el.cy - el.r),
					w: 2 * el.r * k,
					h: 2 * el.r * k,
					fill: fill(el.fill, el.opacity),
					line: line(el.stroke, el.strokeWidth)
				});
				break;
			case 'poly': {
				if (el.points.length < 2) break;
				const xs = el.points.map((p) => p[0]);
				const ys = el.points.map((p) => p[1]);
				const x0 = Math.min(...xs);
				const y0 = Math.min(...ys);
				const points: ({ x: number; y: number } | { close: true })[] = el.points.map(([x, y]) => ({
					x: (x - x0) * k,
					y: (y - y0) * k
				}));
				if (el.closed) points.push({ close: true });
				slide.addShape('custGeom' as Parameters<Slide['addShape']>[0], {
					x: X(x0),
					y: Y(y0),
					w: Math.max(0.001, (Math.max(...xs) - x0) * k),
					h: Math.max(0.001, (Math.max(...ys) - y0) * k),
					points,
					fill: el.closed ? fill(el.fill, el.opacity) : { type: 'none' },
					line: line(el.stroke, el.strokeWidth)
				});
				break;
			}
		}
	}
}

/** The deck as a pptxgenjs presentation (write it with `.write(...)` or `.writeFile(...)`). */
export async function buildDeck(deck: Deck): Promise<Pptx> {
	const { default: PptxGenJS } = await import('pptxgenjs');
	const pptx = new PptxGenJS();
	pptx.layout = 'LAYOUT_WIDE';
	pptx.title = deck.title;
	const bg = hex(paint('bg', deck.theme));
	const fg = hex(paint('fg', deck.theme));
	const muted = hex(paint('muted', deck.theme));
	const base = { fontFace: FONT_FAMILY, margin: 0, valign: 'top' as const };

	const title = pptx.addSlide();
	title.background = { color: bg };
	title.addText(deck.opening?.title ?? deck.title, {
		...base,
		x: 0.6,
		y: 1.4,
		w: SLIDE_W - 1.2,
		h: 2.2,
		fontSize: 36,
		bold: true,
		color: fg,
		valign: 'bottom'
	});
	title.addText(
		(deck.opening?.lines ?? [deck.subtitle]).map((text) => ({
			text,
			options: { breakLine: true, paraSpaceAfter: 6 }
		})),
		{ ...base, x: 0.6, y: 3.8, w: SLIDE_W - 1.2, h: 2.8, fontSize: 18, color: muted, fit: 'shrink' }
	);
	title.addNotes([deck.subtitle, deck.source].join('\n'));

	for (const { scene, notes } of deck.slides) {
		const slide = pptx.addSlide();
		if (scene.frame.background === 'solid') slide.background = { color: hex(paint('bg', scene.frame.theme)) };
		drawScene(pptx, slide, scene);
		slide.addNotes([...notes, deck.source].join('\n'));
	}

	const colours = { bg, fg, accent: hex(paint('accent', deck.theme)) };
	if (deck.methods) addTextSlide(pptx, deck.methods, colours, [...deck.methods.lines, deck.source]);
	if (deck.sof)
		addTableSlide(pptx, deck.sof, { bg, fg, muted, rule: hex(paint('rule', deck.theme)) }, deck.source);
	addTextSlide(pptx, deck.closing, colours, [
		...deck.closing.lines,
		...(deck.closing.aside?.lines ?? []),
		deck.source
	]);
	return pptx;
}
