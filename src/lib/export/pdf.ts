/**
 * The PDFs in the page: scenes drawn natively with jsPDF (figure/pdf.ts, loaded on demand, never in the
 * first-paint bundle) in an embedded Unicode font (DejaVu Sans, fetched from this site on first use), so arrows,
 * minus signs and accents survive: jsPDF's 14 standard fonts are WinAnsi only.
 */
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { scenesPdf, type PdfFonts, type PdfSpec } from '$lib/figure/pdf';

/** A binary file as base64 (what jsPDF's virtual file system holds), converted in chunks to spare the stack. */
function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

let fonts: Promise<PdfFonts> | null = null;
/** Fetch both font files once per page (about 1.4 MB, only when a PDF is made). */
function loadFonts(): Promise<PdfFonts> {
	const get = async (url: string) => {
		const response = await fetch(url);
		if (!response.ok) throw new Error(`The PDF font could not be loaded (${response.status}).`);
		return toBase64(new Uint8Array(await response.arrayBuffer()));
	};
	fonts ??= Promise.all([get(regularUrl), get(boldUrl)]).then(([regular, bold]) => ({ regular, bold }));
	fonts.catch(() => (fonts = null));
	return fonts;
}

/** The PDF of `spec` as a blob. */
export async function pdfBlob(spec: PdfSpec): Promise<Blob> {
	return scenesPdf(spec, await loadFonts()).output('blob');
}
