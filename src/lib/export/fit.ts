/** How a chart fills a fixed export frame (a 16:9 slide, a square): pure, so the rule is tested without a page. */

/** The share of a fixed frame's height left to the chart by the title, legend and source lines. */
export const CHART_SHARE = 0.7;
/** Type never grows beyond twice the page's size: a slide needs large text, not a poster. */
export const MAX_ZOOM = 2;
/** Never lay a chart out narrower than this to fill a frame: below it charts drop text (the forest its estimates). */
export const MIN_FILL_WIDTH = 600;

/**
 * How much larger a chart of `chartHeight` (CSS px, laid out at the frame's width) should be drawn to fill a frame
 * of `frameHeight`: the chart is then laid out `zoom` times narrower and scaled up by `zoom`, so a short chart
 * (a few trials) fills a slide in large type instead of sitting small in its middle. 1 for a frame without a
 * height, or a chart already as tall as its room.
 */
export function fillZoom(chartHeight: number, frameHeight: number | null, layoutWidth = Infinity): number {
	if (!frameHeight || !(chartHeight > 0)) return 1;
	const widest = layoutWidth / MIN_FILL_WIDTH;
	return Math.max(1, Math.min(MAX_ZOOM, widest, (frameHeight * CHART_SHARE) / chartHeight));
}
