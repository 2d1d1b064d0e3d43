import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync('src/app.css', 'utf8');

/** The custom properties declared in the block that starts at `selector`. */
function block(selector: string): Map<string, string> {
	const start = css.indexOf(selector);
	const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
	return new Map([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1] ?? '', (m[2] ?? '').trim()]));
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
/** Rough perceptual distance (weighted RGB, "redmean"). */
function distance(a: string, b: string): number {
	const [r1, g1, b1] = rgb(a) as [number, number, number];
	const [r2, g2, b2] = rgb(b) as [number, number, number];
	const r = (r1 + r2) / 2;
	return Math.sqrt(
		(2 + r / 256) * (r1 - r2) ** 2 + 4 * (g1 - g2) ** 2 + (2 + (255 - r) / 256) * (b1 - b2) ** 2
	);
}

describe('design colours', () => {
	const light = block(':root {');
	for (const [name, selector] of [
		['dark (by preference)', ":root:not([data-theme='light'])"],
		['dark (chosen)', ":root[data-theme='dark']"]
	] as const) {
		it(`"Randomised trial" and "Single institution" are far apart in ${name}`, () => {
			const theme = new Map([...light, ...block(selector)]);
			const rct = theme.get('--c-rct') ?? '';
			const single = theme.get('--c-single-institution') ?? '';
			expect(distance(rct, single)).toBeGreaterThan(250);
		});
	}
});
