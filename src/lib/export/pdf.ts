/**
 * Vector PDF of charts with jsPDF + svg2pdf.js (loaded on demand, never in the first-paint bundle): one chart per
 * page, each with its caption, on A4 portrait or 16:9 slide pages. Text is set in an embedded Unicode font
 * (DejaVu Sans, fetched from this site on first use), so arrows, minus signs and accents survive: jsPDF's 14
 * standard fonts are WinAnsi only.
 */
import { jsPDF } from 'jspdf';
import { svg2pdf } from 'svg2pdf.js';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { chartSvg } from './figure';
import type { ExportSettings } from './settings';
import type { Caption, Frame } from './svg';
import { stripForbidden } from './sanitise';
import { stackPages } from './pages';

/** The family name the PDF's text is set in; every exported SVG text element is pointed at it. */
export const PDF_FONT = 'DejaVu Sans';

/** Page presets in millimetres, with the frame (CSS px) each chart is drawn in and the width it is laid out at. */
export const PDF_PAGES = {
	a4: {
		width: 210,
		height: 297,
		orientation: 'portrait' as const,
		frame: { width: 800, height: null } as Frame,
		layoutWidth: 768
	},
	// Drawn at 1,100 px wide, a slide shown on a 1080p screen magnifies 11-px chart text to about 19 px.
	slide: {
		width: 338.67,
		height: 190.5,
		orientation: 'landscape' as const,
		frame: { width: 1100, height: 619 } as Frame,
		layoutWidth: 1068
	}
};

/** A binary file as base64 (what jsPDF's virtual file system holds), converted in chunks to spare the stack. */
function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

let fonts: Promise<{ regular: string; bold: string }> | null = null;
/** Fetch both font files once per page (about 1.4 MB, only when a PDF is made). */
function loadFonts() {
	const get = async (url: string) => {
		const response = await fetch(url);
		if (!response.ok) throw new Error(`The PDF font could not be loaded (${response.status}).`);
		return toBase64(new Uint8Array(await response.arrayBuffer()));
	};
	fonts ??= Promise.all([get(regularUrl), get(boldUrl)]).then(([regular, bold]) => ({ regular, bold }));
	fonts.catch(() => (fonts = null));
	return fonts;
}

/** Point every text at the embedded family, with a weight jsPDF has (normal or bold) and no italics. */
function useEmbeddedFont(root: Element) {
	for (const el of root.querySelectorAll('text, tspan')) {
		el.setAttribute('font-family', PDF_FONT);
		const weight = el.getAttribute('font-weight');
		if (weight !== null) {
			const n = weight === 'bold' ? 700 : Number(weight);
			el.setAttribute('font-weight', Number.isFinite(n) && n >= 600 ? 'bold' : 'normal');
		}
		if (el.hasAttribute('font-style')) el.setAttribute('font-style', 'normal');
	}
}

/** Render the charts, captioned (A4: two to a page where they fit); returns the PDF as a blob. */
export async function chartsPdf(
	charts: { figure: Element; caption: Caption }[],
	preset: keyof typeof PDF_PAGES,
	settings: ExportSettings,
	/** Sentences for a closing page (the plain-language summary); none: no closing page. */
	closing: readonly string[] = [],
	/** A cover page: the title, then lines (dataset, view, date); none: no cover. */
	cover: { title: string; lines: readonly string[] } | null = null
): Promise<Blob> {
	if (charts.length === 0)
		throw new Error('There is no chart to put in a PDF: no chart has anything to draw.');
	const page = PDF_PAGES[preset];
	const { regular, bold } = await loadFonts();
	const doc = new jsPDF({
		unit: 'mm',
		format: [page.width, page.height],
		orientation: page.orientation,
		// Only the embedded font goes into the file, not jsPDF's default Helvetica.
		putOnlyUsedFonts: true
	});
	doc.addFileToVFS('DejaVuSans.ttf', regular);
	doc.addFileToVFS('DejaVuSans-Bold.ttf', bold);
	doc.addFont('DejaVuSans.ttf', PDF_FONT, 'normal');
	doc.addFont('DejaVuSans-Bold.ttf', PDF_FONT, 'bold');
	doc.setFont(PDF_FONT, 'normal');
	doc.setProperties({ title: charts[0]?.caption.title ?? 'Charts', creator: 'Evidence dashboard' });
	const margin = 10;
	const wrap = (text: string, width: number) => doc.splitTextToSize(stripForbidden(text), width) as string[];
	if (cover) {
		doc.setFont(PDF_FONT, 'bold');
		doc.setFontSize(24);
		const title = wrap(cover.title, page.width - margin * 4);
		doc.text(title, margin * 2, page.height / 3);
		doc.setFont(PDF_FONT, 'normal');
		doc.setFontSize(13);
		let y = page.height / 3 + title.length * 10 + 8;
		for (const line of cover.lines) {
			const lines = wrap(line, page.width - margin * 4);
			doc.text(lines, margin * 2, y);
			y += lines.length * 6 + 3;
		}
	}
	const drawn = charts.map(({ figure, caption }) => {
		const svg = chartSvg(figure, caption, { ...settings, background: 'solid' }, page.frame);
		return { ...svg, caption };
	});
	const places = stackPages(drawn, page, margin, 6, preset === 'a4' ? 2 : 1);
	let current = -1;
	for (const [i, { text, width, height }] of drawn.entries()) {
		const place = places[i] as { page: number; y: number; scale: number };
		if (place.page !== current) {
			if (cover || current >= 0 || i > 0) doc.addPage([page.width, page.height], page.orientation);
			current = place.page;
		}
		const element = new DOMParser().parseFromString(text, 'image/svg+xml')
			.documentElement as unknown as SVGSVGElement;
		useEmbeddedFont(element);
		// svg2pdf measures text through the DOM, so the element must be in the document while it renders.
		const holder = document.createElement('div');
		holder.style.cssText = 'position:fixed;left:-10000px;top:0;visibility:hidden';
		holder.append(element);
		document.body.append(holder);
		try {
			await svg2pdf(element, doc, {
				x: (page.width - width * place.scale) / 2,
				y: place.y,
				width: width * place.scale,
				height: height * place.scale
			});
		} finally {
			holder.remove();
		}
	}
	if (closing.length > 0) {
		doc.addPage([page.width, page.height], page.orientation);
		doc.setFont(PDF_FONT, 'bold');
		doc.setFontSize(28);
		doc.text('What the studies in view say', margin * 2, margin * 2 + 8);
		doc.setFont(PDF_FONT, 'normal');
		// A4 sets the summary at reading size; a slide at projection size.
		const size = preset === 'a4' ? 14 : 22;
		doc.setFontSize(size);
		let y = margin * 2 + 26;
		for (const sentence of closing) {
			const lines = wrap(sentence, page.width - margin * 4);
			doc.text(lines, margin * 2, y);
			y += lines.length * size * 0.45 + size * 0.25;
		}
	}
	return doc.output('blob');
}
