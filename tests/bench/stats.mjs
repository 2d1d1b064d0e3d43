/** Small statistics and formatting helpers for the benchmark. */

/**
 * The q-quantile (0..1) of numbers, linear between closest ranks; null for no numbers.
 * @param {readonly number[]} values
 * @param {number} q
 * @returns {number | null}
 */
export function quantile(values, q) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	const a = /** @type {number} */ (sorted[lo]);
	const b = /** @type {number} */ (sorted[hi]);
	return a + (b - a) * (pos - lo);
}

/** @param {readonly number[]} values */
export const median = (values) => quantile(values, 0.5);

/**
 * @typedef {{ n: number, p50: number | null, p95: number | null, min: number | null, max: number | null }} Summary
 */

/**
 * Median, 95th percentile and range of samples.
 * @param {readonly number[]} values
 * @returns {Summary}
 */
export function summarise(values) {
	const finite = values.filter((v) => Number.isFinite(v));
	return {
		n: finite.length,
		p50: quantile(finite, 0.5),
		p95: quantile(finite, 0.95),
		min: finite.length ? Math.min(...finite) : null,
		max: finite.length ? Math.max(...finite) : null
	};
}

/**
 * Milliseconds for people: one decimal below 100 ms, whole ms below 10 s, seconds above.
 * @param {number | null | undefined} ms
 */
export function fmtMs(ms) {
	if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
	if (ms < 100) return `${ms.toFixed(1)} ms`;
	if (ms < 10_000) return `${Math.round(ms)} ms`;
	return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Bytes as KB (1 KB = 1024 bytes) with one decimal.
 * @param {number | null | undefined} bytes
 */
export function fmtKb(bytes) {
	if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
	return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * Bytes as MB with one decimal.
 * @param {number | null | undefined} bytes
 */
export function fmtMb(bytes) {
	if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A ratio such as "2.4×"; "–" when either side is missing.
 * @param {number | null | undefined} a
 * @param {number | null | undefined} b
 */
export function fmtRatio(a, b) {
	if (a === null || a === undefined || b === null || b === undefined || !(b > 0) || !Number.isFinite(a))
		return '–';
	const r = a / b;
	return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`;
}

/**
 * A markdown table with padded columns.
 * @param {readonly string[]} header
 * @param {readonly (readonly string[])[]} rows
 */
export function markdownTable(header, rows) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (/** @type {readonly string[]} */ cells) =>
		`| ${cells.map((c, i) => (c ?? '').padEnd(widths[i] ?? 0)).join(' | ')} |`;
	return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
