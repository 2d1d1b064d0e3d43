/** Waiting for charts drawn off-screen for an export frame to finish laying out at that frame's width. */
import type { ChartId } from '$lib/types';
import type { PlannedSlide } from '$lib/present/slides';

/** A chart to draw off-screen, at a width in CSS px; `part` for one slide's share of a long chart. */
export interface StageItem {
	key: string;
	id: ChartId;
	width: number;
	part?: PlannedSlide['part'];
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Resolve with each staged chart's figure once every one has drawn (or says it is empty) and nothing changed
 * between two frames: the charts measure their width after mounting, then lay out again.
 */
export async function settled(root: Element, keys: readonly string[], maxFrames = 180) {
	let last = '';
	for (let i = 0; i < maxFrames; i++) {
		await frame();
		const figures = keys.map(
			(key) => [key, root.querySelector(`[data-stage-key="${key}"] figure[data-chart]`)] as const
		);
		const drawn = figures.every(
			([, f]) => f && (f.querySelector('.plot > svg') || f.querySelector('[data-testid="empty-state"]'))
		);
		if (!drawn) continue;
		const signature = figures
			.map(([, f]) => f?.querySelector('.plot > svg')?.getAttribute('viewBox') ?? 'empty')
			.join('|');
		if (signature === last) return new Map(figures.map(([key, f]) => [key, f as Element]));
		last = signature;
	}
	throw new Error('The charts could not be drawn for export (the page did not finish drawing them).');
}
