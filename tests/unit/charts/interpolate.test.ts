/** The numbers-only stand-in for d3-interpolate (vite.config.ts alias) computes what d3-interpolate computes. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as shim from '$lib/charts/interpolate';

// The real package, by file: the bare name resolves to the stand-in here too.
const real = (await import(
	pathToFileURL(resolve('node_modules/d3-interpolate/dist/d3-interpolate.mjs')).href
)) as typeof shim;

const pairs: [number, number][] = [
	[0, 1],
	[12, 948],
	[948, 12],
	[-3.5, 7.25],
	[1e-9, 2e6]
];
const ts = [0, 0.1, 0.25, 1 / 3, 0.5, 0.9, 1, -0.2, 1.3];

describe('numbers-only interpolation', () => {
	it.each(pairs)('interpolate, interpolateNumber and interpolateRound from %d to %d match d3', (a, b) => {
		for (const t of ts) {
			expect(shim.interpolate(a, b)(t)).toBe(real.interpolate(a, b)(t));
			expect(shim.interpolateNumber(a, b)(t)).toBe(real.interpolateNumber(a, b)(t));
			expect(shim.interpolateRound(a, b)(t)).toBe(real.interpolateRound(a, b)(t));
		}
	});

	it('piecewise over several values matches d3', () => {
		const values = [0, 10, 5, 100];
		for (const t of ts.filter((x) => x >= 0 && x <= 1))
			expect(shim.piecewise(values)(t)).toBeCloseTo(real.piecewise(values)(t), 12);
	});

	it('a colour range fails loudly instead of drawing wrong', () => {
		expect(() => shim.interpolate('red', 'blue')).toThrow(/numbers only/);
	});
});
