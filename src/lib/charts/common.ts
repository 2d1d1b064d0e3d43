/** Pieces every chart layout shares: margins, row bands, tick helpers. Pure, no DOM. */
import type { Study } from '$lib/types';

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

/** Pixel height of one study row, readable at every width. */
export const ROW_HEIGHT = 18;

/** Left margin for study labels: narrower on phones. */
export function labelMargin(width: number): number {
	return width < 480 ? 92 : width < 900 ? 128 : 150;
}

/** Studies in reading order: by publication year, then label; unknown years last. */
export function byYear(a: Study, b: Study): number {
	return (a.year ?? 9999) - (b.year ?? 9999) || a.label.localeCompare(b.label);
}

/** Shorten a label to fit a margin (approximate, 6.2 px per character at 11 px). */
export function fitLabel(label: string, px: number): string {
	const max = Math.max(4, Math.floor(px / 6.2));
	return label.length > max ? label.slice(0, max - 1) + '…' : label;
}

/**
 * Ticks of a log axis at 1–2–5 steps (or the steps given) within a domain, plain numbers only; a narrow domain
 * that would get fewer than three ticks falls back to finer steps.
 */
export function logTicks(min: number, max: number, steps: readonly number[] = [1, 2, 5]): number[] {
	if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
	const at = (s: readonly number[]) => {
		const ticks: number[] = [];
		for (let p = Math.floor(Math.log10(min)); p <= Math.ceil(Math.log10(max)); p++) {
			for (const step of s) {
				const v = Number((step * 10 ** p).toPrecision(6));
				if (v >= min * 0.999 && v <= max * 1.001) ticks.push(v);
			}
		}
		return ticks;
	};
	for (const candidate of [steps, [1, 2, 3, 5, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
		const ticks = at(candidate);
		if (ticks.length >= 3) return ticks;
	}
	return at([1, 2, 3, 4, 5, 6, 7, 8, 9]);
}
