/** Colours for canvas layers: CSS resolved once per theme for the whole page. Browser only. */

/**
 * CSS colours (custom properties and the like) resolved to what a canvas can use, once per theme for every
 * chart: reading computed style in the middle of an update forces the browser to recalculate style, so it
 * happens on the first paint after a theme change only.
 */
const resolved = new Map<string, string>();
let resolvedFor = '';
/** The system scheme's query, made once (each `matchMedia` call costs a query parse; this runs per colour drawn). */
let darkScheme: MediaQueryList | null = null;
const dark = () => (darkScheme ??= window.matchMedia('(prefers-color-scheme: dark)'));
/** Forget the resolved colours when the page's theme or the system scheme changes; returns the clean-up. */
export function watchTheme(repaint: () => void): () => void {
	const onChange = () => {
		resolved.clear();
		repaint();
	};
	const observer = new MutationObserver(onChange);
	observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
	const scheme = dark();
	scheme.addEventListener('change', onChange);
	return () => {
		observer.disconnect();
		scheme.removeEventListener('change', onChange);
	};
}
/** A CSS colour (or a custom property's name, `--x`) as the canvas draws it, resolved on `el` once per theme. */
export function resolveColour(el: HTMLElement, css: string, fallback = '#000'): string {
	// A theme changed while no canvas was watching: the attribute and the scheme are read without a style recalc.
	const theme = `${document.documentElement.getAttribute('data-theme')}|${dark().matches}`;
	if (theme !== resolvedFor) {
		resolved.clear();
		resolvedFor = theme;
	}
	let c = resolved.get(css);
	if (c === undefined) {
		const value = css.startsWith('--') ? getComputedStyle(el).getPropertyValue(css).trim() || fallback : css;
		el.style.color = value;
		c = getComputedStyle(el).color;
		el.style.color = '';
		resolved.set(css, c);
	}
	return c;
}
