/**
 * Text measured as it is set: advance widths of DejaVu Sans (the one font of every export: SVG, PNG, PDF, PPTX), in
 * thousandths of an em, read from the bundled TTF (dejavu-fonts-ttf) for ASCII and the few symbols the charts print.
 * Pure: fitting a label to a column needs no DOM.
 */

/** The font family every writer names (and the PDF embeds). */
export const FONT_FAMILY = 'DejaVu Sans';
/** The family as an SVG/CSS list: DejaVu first, then look-alikes where it is missing. */
export const FONT_STACK = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";

const CHARS =
	' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~–—…←→τ²≥≤·×−°ÉéèüöäçñíáóúØøÅåÜÖÄ‘’“”';
const REGULAR = [
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
	636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
	295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
	500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
	392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 500, 1000, 1000, 838, 838, 602, 401, 838, 838, 318,
	838, 838, 500, 632, 615, 615, 634, 612, 613, 550, 634, 278, 613, 612, 634, 787, 612, 684, 613, 732, 787,
	684, 318, 318, 518, 518
];
const BOLD = [
	348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
	696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
	372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
	500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
	478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838, 500, 1000, 1000, 838, 838, 638, 438, 838, 838, 380,
	838, 838, 500, 683, 678, 678, 712, 687, 675, 593, 712, 343, 675, 687, 712, 850, 687, 774, 675, 812, 850,
	774, 380, 380, 657, 657
];
/** Glyphs outside the table: the width of a lowercase "n". */
const FALLBACK = { regular: 634, bold: 712 };

const table = (widths: readonly number[]) => new Map([...CHARS].map((c, i) => [c, widths[i] ?? 600]));
const WIDTHS = { regular: table(REGULAR), bold: table(BOLD) };

/** Width in px of `text` set at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
	const map = bold ? WIDTHS.bold : WIDTHS.regular;
	const fallback = bold ? FALLBACK.bold : FALLBACK.regular;
	let units = 0;
	for (const c of text) units += map.get(c) ?? fallback;
	return (units / 1000) * size;
}

/**
 * Shorten a label to `px` at `size`, measured: "Diaz de la Noval 2018" → "Diaz de la… 2018" (the year tells studies
 * of one author apart, so it stays). The label itself when it fits.
 */
export function fitText(label: string, px: number, size: number, bold = false): string {
	if (textWidth(label, size, bold) <= px) return label;
	const year = /\s(\d{4}[a-z]?)$/.exec(label)?.[1];
	const tail = year ? `… ${year}` : '…';
	const head = year ? label.slice(0, label.length - year.length - 1).trimEnd() : label;
	for (let n = head.length - 1; n >= 1; n--) {
		const candidate = `${head.slice(0, n).trimEnd()}${tail}`;
		if (textWidth(candidate, size, bold) <= px) return candidate;
	}
	return year && textWidth(year, size, bold) <= px ? year : label.slice(0, 1) + '…';
}

/** Break `text` into lines no wider than `px` at `size` (a word longer than a line stays whole on its own line). */
export function wrapText(text: string, px: number, size: number, bold = false): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter((w) => w !== '')) {
		const next = line === '' ? word : `${line} ${word}`;
		if (line !== '' && textWidth(next, size, bold) > px) {
			lines.push(line);
			line = word;
		} else line = next;
	}
	if (line !== '') lines.push(line);
	return lines;
}
