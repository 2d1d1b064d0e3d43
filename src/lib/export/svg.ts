/**
 * Files in the browser: an SVG string rasterised to a PNG through a canvas (within the browser's canvas limit),
 * a PNG copied to the clipboard, and a blob offered as a download. The figures themselves are scenes
 * (figure/scene.ts) written as SVG strings: nothing here reads the page.
 */
import { fitCanvasScale } from './canvas-limit';

/** A chart that has nothing to draw cannot be exported; the message says why, in the chart's own words. */
export class EmptyChartError extends Error {}

/** Images drawn smaller than asked (the canvas limit): the scale they were drawn at. */
const reducedScale = new WeakMap<Blob, number>();

/** The scale a PNG from `rasterise` was drawn at when the browser's canvas limit made it smaller; else null. */
export function scaledDown(blob: Blob): number | null {
	return reducedScale.get(blob) ?? null;
}

/**
 * Rasterise an SVG document to a PNG blob at `scale` × its size, or at the largest scale the browser's canvas
 * holds (see `scaledDown`).
 */
export async function rasterise(
	svgText: string,
	width: number,
	height: number,
	scale: number
): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.decoding = 'sync';
		await new Promise<void>((resolve, reject) => {
			image.onload = () => resolve();
			image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
			image.src = url;
		});
		const fitted = fitCanvasScale(width, height, scale);
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * fitted);
		canvas.height = Math.round(height * fitted);
		const context = canvas.getContext('2d');
		if (!context) throw new Error('This browser cannot draw images.');
		context.scale(fitted, fitted);
		context.drawImage(image, 0, 0, width, height);
		const blob = await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))), 'image/png')
		);
		if (fitted < scale) reducedScale.set(blob, fitted);
		return blob;
	} finally {
		URL.revokeObjectURL(url);
	}
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

/** Offer a blob as a download with the given file name. */
export function download(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
