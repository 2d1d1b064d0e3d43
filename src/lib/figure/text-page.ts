/**
 * Pages of sentences in the exported decks (the methods and the closing slides of the PDF and PPTX), measured with
 * the scenes' font metrics (text.ts). Only the on-demand exporters load it.
 */
import { wrapText } from './text';

/**
 * A page of sentences (a talk's methods or closing slide): its title, its sentences, and an aside under a heading of
 * its own set at 5/6 of the sentences' size (the cautions under the closing summary).
 */
export interface TextPage {
	title: string;
	lines: readonly string[];
	aside?: { heading: string; lines: readonly string[] } | null;
}

/** The aside's size relative to the sentences' (as on the live closing slide). */
export const ASIDE_SCALE = 5 / 6;

/** Lines are 1.25 em apart (as the PDF's paragraphs set them); a paragraph is followed by half an em. */
export const LEADING = 1.25;
export const PARAGRAPH_GAP = 0.5;

/**
 * The paragraphs of a text page's body (under its title) at sentence size `size`, each with its size, weight and
 * wrapped lines, the height of the whole body and where the aside starts. `width`, `size` and the height are in one
 * unit (px, or pt at 1 px per pt).
 */
export function textPageBody(
	page: TextPage,
	width: number,
	size: number
): { blocks: { size: number; bold: boolean; lines: string[] }[]; height: number; asideTop: number } {
	const small = size * ASIDE_SCALE;
	const blocks = [
		...page.lines.map((text) => ({ size, bold: false, text })),
		...(page.aside && page.aside.lines.length > 0
			? [
					{ size: small, bold: true, text: page.aside.heading },
					...page.aside.lines.map((text) => ({ size: small, bold: false, text }))
				]
			: [])
	].map((b) => ({ size: b.size, bold: b.bold, lines: wrapText(b.text, width, b.size, b.bold) }));
	const heightOf = (list: typeof blocks) =>
		list.reduce((h, b) => h + b.lines.length * b.size * LEADING + b.size * PARAGRAPH_GAP, 0);
	return { blocks, height: heightOf(blocks), asideTop: heightOf(blocks.slice(0, page.lines.length)) };
}

/**
 * The largest sentence size from `max` down to `min` (in steps of half a unit) at which a text page's body fits
 * `height`; `min` when none does (the caller then continues on a new page, or shrinks).
 */
export function fitTextPage(page: TextPage, width: number, height: number, max: number, min: number): number {
	for (let size = max; size > min; size -= 0.5)
		if (textPageBody(page, width, size).height <= height) return size;
	return min;
}
