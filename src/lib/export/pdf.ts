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

/** Render each chart, captioned, onto its own page; returns the PDF as a blob. */
export async function chartsPdf(
	charts: { figure: Element; caption: Caption }[],
	preset: keyof typeof PDF_PAGES,
	settings: ExportSettings,
	/** Sentences for a closing page (the plain-language summary); none: no closing page. */
	closing: readonly string[] = []
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
	for (const [i, { figure, caption }] of charts.entries()) {
		if (i > 0) doc.addPage([page.width, page.height], page.orientation);
		const { text, width, height } = chartSvg(
			figure,
			caption,
			{ ...settings, background: 'solid' },
			page.frame
		);
		const element = new DOMParser().parseFromString(text, 'image/svg+xml')
			.documentElement as unknown as SVGSVGElement;
		useEmbeddedFont(element);
		// svg2pdf measures text through the DOM, so the element must be in the document while it renders.
		const holder = document.createElement('div');
		holder.style.cssText = 'position:fixed;left:-10000px;top:0;visibility:hidden';
		holder.append(element);
		document.body.append(holder);
		try {
			const scale = Math.min((page.width - 2 * margin) / width, (page.height - 2 * margin) / height);
			await svg2pdf(element, doc, {
				x: (page.width - width * scale) / 2,
				y: margin,
				width: width * scale,
				height: height * scale
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
		doc.setFontSize(22);
		let y = margin * 2 + 26;
		for (const sentence of closing) {
			const lines = doc.splitTextToSize(stripForbidden(sentence), page.width - margin * 4) as string[];
			doc.text(lines, margin * 2, y);
			y += lines.length * 10 + 5;
		}
	}
	return doc.output('blob');
}
