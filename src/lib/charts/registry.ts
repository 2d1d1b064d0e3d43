/**
 * The one list of charts: one line per chart, each a spec from its folder (`charts/<id>/spec.ts`). The grid's order,
 * titles (screen, exports, PDF), slide order and titles, how slides are cut, export file names, figures (scenes),
 * talking points and `ChartId` all come from here; nothing else lists the charts. Pure (no Svelte, no DOM).
 */
import type { ChartSpec } from './shared/spec';
import forest from './forest/spec';
import cumulative from './cumulative/spec';
import trend from './trend/spec';
import survival from './survival/spec';
import years from './years/spec';
import cohort from './cohort/spec';
import funnel from './funnel/spec';
import influence from './influence/spec';

/**
 * The lookups of a list of charts (the grid order, ids, slide order, lookup by id). The app uses the one list below;
 * a test may build the registry of another list (tests/unit/charts/registry.test.ts adds a chart that way).
 */
export function registryOf<const S extends readonly ChartSpec[]>(charts: S) {
	type Id = S[number]['id'];
	const byId = new Map<string, ChartSpec<Id>>(charts.map((c) => [c.id, c as ChartSpec<Id>]));
	return {
		CHARTS: charts,
		/** Every chart id, in grid order. */
		CHART_IDS: charts.map((c) => c.id) as readonly Id[],
		/** The registry entry (spec) of a chart. */
		chartEntry(id: Id): ChartSpec<Id> {
			const entry = byId.get(id);
			if (!entry) throw new Error(`No chart "${id}" in the registry`);
			return entry;
		},
		/** Is this text a chart id (e.g. read from the URL)? */
		isChartId(text: string | null): text is Id {
			return text !== null && byId.has(text);
		},
		/** Slides in talk order. */
		SLIDE_ORDER: [...charts].sort((a, b) => a.slide.order - b.slide.order).map((c) => c.id) as readonly Id[]
	};
}

/** The charts in grid order: one line per chart. */
export const { CHARTS, CHART_IDS, chartEntry, isChartId, SLIDE_ORDER } = registryOf([
	forest,
	cumulative,
	trend,
	survival,
	years,
	cohort,
	funnel,
	influence
] as const);

/** What the page knows about one chart before drawing it (its spec). */
export type ChartEntry = ChartSpec;

/** The identifier of a chart: `figure[data-chart]`, `?from=`, slides and exports use it. */
export type ChartId = (typeof CHARTS)[number]['id'];
