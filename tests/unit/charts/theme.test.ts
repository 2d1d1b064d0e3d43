import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The custom properties of the first CSS block opened by `selector` in app.css. */
function block(css: string, selector: string): Map<string, string> {
	const start = css.indexOf(selector);
	if (start < 0) throw new Error(`no ${selector} in app.css`);
	const open = css.indexOf('{', start);
	const body = css.slice(open + 1, css.indexOf('}', open));
	return new Map([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const rgb = (hex: string): [number, number, number] => {
	const h = hex.replace('#', '');
	return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as [number, number, number];
};
/** WCAG relative luminance. */
const luminance = ([r, g, b]: [number, number, number]) => {
	const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
	return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const contrast = (a: [number, number, number], b: [number, number, number]) => {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
};
/** A mark of colour `fg` at opacity `alpha` over `bg`, as drawn. */
const over = (fg: [number, number, number], bg: [number, number, number], alpha: number) =>
	fg.map((c, i) => alpha * c + (1 - alpha) * bg[i]!) as [number, number, number];

const css = readFileSync('src/app.css', 'utf8');
const light = block(css, ':root {');
const dark = new Map([...light, ...block(css, ":root[data-theme='dark']")]);
const preferred = new Map([...light, ...block(css, ":root:not([data-theme='light'])")]);

describe('dark mode keeps the palette', () => {
	it('the dark theme by preference and by choice set the same tokens', () => {
		expect(Object.fromEntries(preferred)).toEqual(Object.fromEntries(dark));
	});

	const marks = [...dark.keys()].filter((k) => k.startsWith('--c-'));
	it.each(marks)('%s, drawn at the marks’ opacity, stands out from the dark background (≥ 3:1)', (token) => {
		const bg = rgb(dark.get('--bg')!);
		const alpha = Number(dark.get('--mark-opacity'));
		expect(alpha).toBeGreaterThan(0.85);
		const drawn = over(rgb(dark.get(token)!), bg, alpha);
		expect(contrast(drawn, bg)).toBeGreaterThanOrEqual(3);
		// A legend swatch (full colour) and its mark look alike: the same hue, nearly the same lightness.
		expect(contrast(drawn, rgb(dark.get(token)!))).toBeLessThan(1.25);
	});

	it('registry stays orange, not olive, on the dark background', () => {
		const [r, g, b] = over(
			rgb(dark.get('--c-registry')!),
			rgb(dark.get('--bg')!),
			Number(dark.get('--mark-opacity'))
		);
		// Orange: red well above green, green well above blue.
		expect(r - g).toBeGreaterThan(0.2);
		expect(g - b).toBeGreaterThan(0.4);
	});
});
