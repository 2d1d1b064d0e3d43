/**
 * d3-interpolate for numbers only, standing in for the package (see `resolve.alias` in vite.config.ts). Every scale
 * of the charts maps numbers to pixels, so d3-scale never needs colour, string or date interpolation, and d3-color
 * and d3-interpolate (13 KB, 5 KB gzip) stay out of the first paint. The formulas are d3-interpolate 3's; a range
 * that is not numeric fails loudly instead of drawing wrong.
 */

type Interpolator = (t: number) => number;

/** a + (b − a)·t, as d3's `interpolateNumber`. */
export function interpolateNumber(a: number, b: number): Interpolator {
	const x = +a;
	const y = +b;
	return (t) => x * (1 - t) + y * t;
}

/** The same, rounded to whole numbers, as d3's `interpolateRound`. */
export function interpolateRound(a: number, b: number): Interpolator {
	const x = +a;
	const y = +b;
	return (t) => Math.round(x * (1 - t) + y * t);
}

/** d3's generic `interpolate`, for the numbers the charts' scales use. */
export function interpolate(a: unknown, b: unknown): Interpolator {
	if (typeof b !== 'number')
		throw new TypeError(
			`Chart scales interpolate numbers only (got ${typeof b}); see src/lib/charts/interpolate.ts`
		);
	return interpolateNumber(Number(a), b);
}

/** Piecewise interpolation over `values`, as d3's `piecewise`. */
export function piecewise(
	interpolator: ((a: number, b: number) => Interpolator) | number[],
	values?: number[]
): Interpolator {
	const make = Array.isArray(interpolator) ? interpolateNumber : interpolator;
	const list = Array.isArray(interpolator) ? interpolator : (values ?? []);
	const n = list.length - 1;
	const parts: Interpolator[] = [];
	for (let i = 0; i < n; i++) parts.push(make(list[i] ?? NaN, list[i + 1] ?? NaN));
	return (t) => {
		const u = t * n;
		const i = Math.max(0, Math.min(n - 1, Math.floor(u)));
		return (parts[i] ?? (() => NaN))(u - i);
	};
}
