/**
 * The largest image a browser canvas holds. Chromium refuses a canvas over 32,767 px on a side or over
 * 268,435,456 px in all (16,384²); Firefox and Safari have similar or smaller limits. A larger export is drawn
 * at the largest scale that fits, and says so.
 */
export const CANVAS_MAX_SIDE = 32_767;
export const CANVAS_MAX_AREA = 16_384 * 16_384;

/** The scale to draw a `width` × `height` image at: `scale`, or less so the canvas fits the browser's limits. */
export function fitCanvasScale(width: number, height: number, scale: number): number {
	if (!(width > 0) || !(height > 0) || !(scale > 0)) return scale;
	const bySide = Math.min(CANVAS_MAX_SIDE / width, CANVAS_MAX_SIDE / height);
	const byArea = Math.sqrt(CANVAS_MAX_AREA / (width * height));
	const fit = Math.min(scale, bySide, byArea);
	// Rounded down to a hundredth, so the rounded canvas size stays within the limit.
	return fit < scale ? Math.floor(fit * 100) / 100 : scale;
}
