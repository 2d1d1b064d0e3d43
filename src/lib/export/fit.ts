/** How a chart fills a fixed export frame (a 16:9 slide, a square): pure, so the rule is tested without a page. */

/** The share of a fixed frame's height left to the chart by the title, legend and source lines. */
export const CHART_SHARE = 0.7;
/** Type never grows beyond twice the page's size: a slide needs large text, not a poster. */
export const MAX_ZOOM = 2;

/**
 * How much larger a chart of `chartHeight` (CSS px, laid out at the frame's width) should be drawn to fill a frame
 * of `frameHeight`: the chart is then laid out `zoom` times narrower and scaled up by `zoom`, so a short chart
 * (a few trials) fills a slide in large type instead of sitting small in its middle. 1 for a frame without a
 * height, or a chart already as tall as its room.
 */
export function fillZoom(chartHeight: number, frameHeight: number | null): number {
	if (!frameHeight || !(chartHeight > 0)) return 1;
	return Math.max(1, Math.min(MAX_ZOOM, (frameHeight * CHART_SHARE) / chartHeight));
}
