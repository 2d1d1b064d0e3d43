import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** Assert |actual − expected| ≤ tol·|expected| (or ≤ tol when expected is 0). */
export function expectRelClose(actual: number | null | undefined, expected: number, tol = 5e-5): void {
	expect(actual).toBeTypeOf('number');
	const a = actual as number;
	const scale = expected === 0 ? 1 : Math.abs(expected);
	const error = Math.abs(a - expected) / scale;
	expect(
		error,
		`${a} vs ${expected} (relative error ${error.toExponential(2)} > ${tol})`
	).toBeLessThanOrEqual(tol);
}

/** Read a fixture of tests/fixtures/stats as rows of strings keyed by header (plain CSV, no quoting). */
export function readFixture(name: string): Record<string, string>[] {
	const url = new URL(`../../fixtures/stats/${name}`, import.meta.url);
	const text = readFileSync(fileURLToPath(url), 'utf8');
	const [header, ...lines] = text.trim().split(/\r?\n/);
	const columns = (header ?? '').split(',');
	return lines.map((line) => {
		const cells = line.split(',');
		return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
	});
}

/** A numeric cell of a fixture row; fails the test when it is missing or not a number. */
export function num(row: Record<string, string>, column: string): number {
	const value = Number(row[column]);
	expect(Number.isFinite(value), `${column} = ${row[column]}`).toBe(true);
	return value;
}
