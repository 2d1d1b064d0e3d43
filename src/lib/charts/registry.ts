/**
 * The one list of charts: the grid's order, titles (screen, exports, PDF), slide order and titles, export file
 * names, and which chart components load after first paint. `ChartId` is derived from it.
 */
import type { Component } from 'svelte';

/** What the page knows about one chart before drawing it. */
export interface ChartEntry {
	id: string;
	/** The title on the page and in every export of the chart. */
	title: string;
	/** Presentation mode: the slide's position (1 = first) and its title. */
	slide: { order: number; title: string };
	/** The chart's part of an exported file's name (`mbc-<exportName>-<date>.png`). */
	exportName: string;
	/** Spans the whole grid row. */
	wide: boolean;
	/** Loaded after first paint (not needed to read the page), so kept out of the first JavaScript. */
	lazy: boolean;
	/** The chart's component, loaded on demand. */
	load: () => Promise<{ default: Component<never> }>;
}

export const CHARTS = [
	{
		id: 'forest',
		title: 'Effect estimates',
		slide: { order: 8, title: 'Effect estimates by design, pooled' },
		exportName: 'forest',
		wide: true,
		lazy: false,
		load: () => import('./forest/ForestChart.svelte')
	},
	{
		id: 'cumulative',
		title: 'Evidence over time',
		slide: { order: 7, title: 'How the pooled estimate moved as studies accumulated' },
		exportName: 'cumulative',
		wide: false,
		lazy: true,
		load: () => import('./cumulative/CumulativeChart.svelte')
	},
	{
		id: 'trend',
		title: 'Effect and survival gain over time',
		slide: { order: 4, title: 'Has the benefit shrunk as designs improved?' },
		exportName: 'trend',
		wide: false,
		lazy: false,
		load: () => import('./trend/TrendChart.svelte')
	},
	{
		id: 'survival',
		title: 'Median overall survival',
		slide: { order: 3, title: 'Median survival in each arm' },
		exportName: 'survival',
		wide: false,
		lazy: false,
		load: () => import('./survival/SurvivalChart.svelte')
	},
	{
		id: 'years',
		title: 'Study years',
		slide: { order: 1, title: 'When the studies ran and were published' },
		exportName: 'years',
		wide: false,
		lazy: false,
		load: () => import('./years/YearsChart.svelte')
	},
	{
		id: 'cohort',
		title: 'Cohort sizes',
		slide: { order: 2, title: 'How many patients each study had' },
		exportName: 'cohort',
		wide: false,
		lazy: false,
		load: () => import('./cohort/CohortChart.svelte')
	},
	{
		id: 'funnel',
		title: 'Small-study effects',
		slide: { order: 5, title: 'Small-study effects' },
		exportName: 'funnel',
		wide: false,
		lazy: true,
		load: () => import('./funnel/FunnelChart.svelte')
	},
	{
		id: 'influence',
		title: 'Leave-one-out',
		slide: { order: 6, title: 'Does any single study drive the result?' },
		exportName: 'influence',
		wide: false,
		lazy: true,
		load: () => import('./influence/InfluenceChart.svelte')
	}
] as const satisfies readonly ChartEntry[];

/** The identifier of a chart: `figure[data-chart]`, `?from=`, slides and exports use it. */
export type ChartId = (typeof CHARTS)[number]['id'];

/** Every chart id, in grid order. */
export const CHART_IDS: readonly ChartId[] = CHARTS.map((c) => c.id);

const BY_ID = new Map<string, ChartEntry & { id: ChartId }>(CHARTS.map((c) => [c.id, c]));

/** The registry entry of a chart. */
export function chartEntry(id: ChartId): ChartEntry & { id: ChartId } {
	const entry = BY_ID.get(id);
	if (!entry) throw new Error(`No chart "${id}" in the registry`);
	return entry;
}

/** Is this text a chart id (e.g. read from the URL)? */
export function isChartId(text: string | null): text is ChartId {
	return text !== null && BY_ID.has(text);
}

/** Slides in talk order. */
export const SLIDE_ORDER: readonly ChartId[] = [...CHARTS]
	.sort((a, b) => a.slide.order - b.slide.order)
	.map((c) => c.id);
