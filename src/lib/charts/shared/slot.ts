/** What every chart's `Slot.svelte` (its component wired to the dashboard) is given by the grid's `ChartSlot`. */
import type { Dashboard } from '$lib/state/dashboard.svelte';
import type { Study } from '$lib/types';
import type { PooledEstimate } from '../forest/layout';
import type { ChartLink, OnExport } from '../marks';
import type { SlidePart } from './spec';

export interface SlotProps {
	dash: Dashboard;
	onexport: OnExport;
	/** One slide's share of a long chart. */
	part: SlidePart | undefined;
	/** The studies to draw (the part's share when on a part). */
	studies: readonly Study[];
	/** The studies the chart spans (every part's): its scales follow them. */
	base: readonly Study[];
	/** The pooled rows to draw (the part's). */
	pooled: readonly PooledEstimate[];
	link: ChartLink;
}
