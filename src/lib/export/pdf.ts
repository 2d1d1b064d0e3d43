/**
 * Vector PDF of charts with jsPDF + svg2pdf.js (loaded on demand, never in the first-paint bundle): one chart per
 * page, each with its caption, on A4 portrait or 16:9 slide pages.
 */
import { jsPDF } from 'jspdf';
import { svg2pdf } from 'svg2pdf.js';
import { chartSvg } from './figure';
import type { ExportSettings } from './settings';
import type { Caption } from './svg';

/** Page presets in millimetres. */
const PRESETS = {
	a4: { width: 210, height: 297, orientation: 'portrait' as const },
	slide: { width: 338.67, height: 190.5, orientation: 'landscape' as const }
};

/** Render each chart, captioned, onto its own page; returns the PDF as a blob. */
export async function chartsPdf(
	charts: { svg: SVGSVGElement; caption: Caption }[],
	preset: keyof typeof PRESETS,
	settings: ExportSettings
): Promise<Blob> {
	if (charts.length === 0) throw new Error('There is no chart to put in a PDF.');
	const page = PRESETS[preset];
	const doc = new jsPDF({ unit: 'mm', format: [page.width, page.height], orientation: page.orientation });
	doc.setProperties({ title: charts[0]?.caption.title ?? 'Charts', creator: 'Evidence dashboard' });
	const margin = 10;
	for (const [i, { svg, caption }] of charts.entries()) {
		if (i > 0) doc.addPage([page.width, page.height], page.orientation);
		const { text, width, height } = chartSvg(svg, caption, { ...settings, background: 'solid' });
		const element = new DOMParser().parseFromString(text, 'image/svg+xml')
			.documentElement as unknown as SVGSVGElement;
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
	return doc.output('blob');
}
