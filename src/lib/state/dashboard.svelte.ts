/**
 * The dashboard's one state: the dataset and its load report, the filters and the selection (via FilterState),
 * hover, and everything derived from them — each view's active studies, the count, the pooled statistics, captions.
 * Components read it and call its methods; none of them computes statistics or filters.
 */
import { chartEntry, CHART_IDS, type ChartId } from '$lib/charts/registry';
import type { PooledEstimate } from '$lib/charts/forest.layout';
import type { ChartLink } from '$lib/charts/marks';
import { maxOf, minOf } from '$lib/charts/common';
import { designInfo } from '$lib/data/designs';
import { supersededBy } from '$lib/data/supersedes';
import type { OverlapGroup } from '$lib/data/overlaps';
import { describeClauses } from '$lib/filters/clauses';
import { Crossfilter } from '$lib/filters/engine';
import type { PoolResult } from '$lib/stats/meta';
import { summarise, type SummariseOptions, type Summary } from '$lib/stats/summary';
import { DEFAULT_ARMS, type ArmLabels, type LoadResult, type Study, type StudyId } from '$lib/types';
import type { StatsWorker } from '$lib/io/stats-client';
import { FilterState, type Navigate } from './filters.svelte';
import { AppraisalState } from './appraisal.svelte';

/** What a chart export carries inside the image besides the chart. */
export interface Caption {
	title: string;
	subtitle: string;
	source: string;
	/** The plain-language summary, when asked for in captions. */
	summary?: string;
}

/** The bundled dataset's title; a user's table is titled by its file name until the user edits it. */
export const BUNDLED_TITLE = 'Surgery of the primary tumour in de novo stage IV breast cancer';

export interface DashboardInit {
	/** The bundled dataset, read at build time. */
	bundled: LoadResult;
	/** The bundled dataset's known overlapping cohorts. */
	overlaps: readonly OverlapGroup[];
	/** How a committed view change reaches the URL. */
	navigate: Navigate;
}

const today = () => new Date().toISOString().slice(0, 10);

export class Dashboard {
	readonly bundled: LoadResult;
	readonly #bundledOverlaps: readonly OverlapGroup[];
	/** Filters, selection, view options and hover; the URL mirrors its committed view. */
	readonly filters: FilterState;

	/** The dataset in use. */
	dataset: LoadResult;
	/** The report of the latest load (a rejected file leaves `dataset` as it was). */
	report: LoadResult;
	/** What the two compared arms are called. */
	arms = $state.raw<ArmLabels>(DEFAULT_ARMS);
	/** The title the user gave their table (null: its file name). */
	titleEdit = $state<string | null>(null);
	/** Where the hovered mark is, for the tooltip. */
	tipAnchor = $state.raw<DOMRect | null>(null);
	/** The appraisal panel's state (designs compared, E-values, absolute effects, GRADE, year regression). */
	readonly appraisal: AppraisalState = new AppraisalState(this);

	constructor({ bundled, overlaps, navigate }: DashboardInit) {
		this.bundled = bundled;
		this.#bundledOverlaps = overlaps;
		this.dataset = $state.raw(bundled);
		this.report = $state.raw(bundled);
		this.filters = new FilterState(navigate);
	}

	readonly isBundled = $derived.by(() => this.dataset === this.bundled);
	readonly studies = $derived.by(() => this.dataset.studies);
	/** The crossfilter engine of the dataset in use (columns and per-clause bitsets), kept while the dataset is. */
	#engine: { studies: readonly Study[]; engine: Crossfilter } | null = null;
	/**
	 * The engine fed the current clauses. A new wrapper on every change, so each view's set is asked again; the
	 * engine hands back the same set object to a view whose clauses did not change, which stops the update there.
	 */
	readonly #filtered = $derived.by(() => {
		const studies = this.studies;
		if (this.#engine?.studies !== studies) this.#engine = { studies, engine: new Crossfilter(studies) };
		const { engine } = this.#engine;
		engine.update(this.filters.clauses);
		return { engine };
	});
	readonly #views = Object.fromEntries(
		[null, ...CHART_IDS].map((id) => [String(id), new ViewActive(() => this.#filtered.engine, id)])
	) as Record<string, ViewActive>;
	/** Ids of the studies passing every filter (the selection only when it is a filter). */
	readonly shown = $derived.by(() => this.#view(null));
	readonly shownStudies = $derived.by(() => this.studies.filter((s) => this.shown.has(s.id)));
	readonly patients = $derived.by(() => this.shownStudies.reduce((sum, s) => sum + (s.nTotal ?? 0), 0));
	/** The selected studies: emphasised everywhere, never removed from a statistic. */
	readonly selected = $derived.by(() => this.filters.selection);
	readonly overlaps = $derived.by(() => (this.isBundled ? this.#bundledOverlaps : []));
	/** How the studies in view are pooled: estimator, overlaps, and the flags switch (URL `exclude`). */
	readonly poolOptions: SummariseOptions = $derived.by(() => ({
		method: this.filters.view.method,
		hk: this.filters.view.hk,
		overlaps: this.overlaps,
		leaveOutFlags: this.filters.view.exclude ?? []
	}));
	/** The pooling options as one comparable key (the worker's answer is for one key). */
	readonly #poolKey = $derived.by(() => {
		const { method, hk, exclude } = this.filters.view;
		return JSON.stringify([method, hk, exclude ?? []]);
	});
	/** Superseded study → the later report of the same patients (marked in the forest plot, table and tooltip). */
	readonly superseded = $derived.by(() => supersededBy(this.studies));
	/** The publication years of every loaded study (the cumulative chart's axis, steady while filtering). */
	readonly yearSpan: readonly [number, number] | null = $derived.by(() => {
		const years = this.studies.flatMap((s) => (s.year === null ? [] : [s.year]));
		return years.length > 0 ? [minOf(years), maxOf(years)] : null;
	});
	/** Above this many studies in view, the statistics are pooled in a Web Worker (see `startStats`). */
	static readonly WORKER_ABOVE = 1500;
	/** The latest statistics the worker sent, with what they were computed for. */
	#remote = $state.raw<{
		dataset: readonly Study[];
		shown: ReadonlySet<StudyId>;
		key: string;
		summary: Summary;
	} | null>(null);
	readonly #large = $derived.by(() => this.shownStudies.length > Dashboard.WORKER_ABOVE);
	/** The statistics on screen are those of an earlier view: new ones are being computed in the worker. */
	readonly updating = $derived.by(() => {
		if (!this.#large) return false;
		const r = this.#remote;
		return !(r && r.dataset === this.studies && r.shown === this.shown && r.key === this.#poolKey);
	});
	/**
	 * The pooled statistics of the studies in view; the selection never changes them. A large view keeps the
	 * previous numbers (marked `updating`) until the worker's arrive.
	 */
	readonly summary: Summary = $derived.by(() => {
		if (!this.#large) return summarise(this.shownStudies, this.poolOptions);
		const r = this.#remote;
		return r && r.dataset === this.studies ? r.summary : summarise([], this.poolOptions);
	});
	/** Two or more selected studies in view, pooled on their own, beside (never instead of) the rest. */
	readonly selectedPool: PoolResult | null = $derived.by(() => {
		if (this.selected.size < 2) return null;
		const chosen = this.shownStudies.filter((s) => this.selected.has(s.id));
		const { overall } = summarise(chosen, { method: this.filters.view.method, hk: this.filters.view.hk });
		return overall && overall.k > 1 ? overall : null;
	});
	readonly measure = $derived.by(() => this.studies.find((s) => s.effect !== null)?.effectMeasure ?? 'HR');
	/** The pooled rows of the forest plot, on the ratio scale. */
	readonly pooled: readonly PooledEstimate[] = $derived.by(() => {
		const list: PooledEstimate[] = [];
		for (const g of this.summary.groups)
			if (g.result && g.result.k > 1) list.push(toRatio(g.key, `Pooled (k=${g.result.k})`, g.result));
		const { overall } = this.summary;
		if (overall) list.push(toRatio('all', `Overall (k=${overall.k})`, overall));
		if (this.selectedPool)
			list.push(toRatio('selected', `Selected (k=${this.selectedPool.k})`, this.selectedPool));
		return list;
	});
	/** Each chart's link: the studies its crossfilter view admits, the selection, hover and select handlers. */
	readonly links: Readonly<Record<ChartId, ChartLink>> = Object.fromEntries(
		CHART_IDS.map((id) => [id, this.#linkFor(id)])
	) as Record<ChartId, ChartLink>;
	/** Studies by id, built once per dataset: hover and the sensitivity views look them up in O(1). */
	readonly byId = $derived.by(() => new Map(this.studies.map((s) => [s.id, s])));
	readonly labels = $derived.by(() => new Map(this.studies.map((s) => [s.id, s.label])));
	readonly hoveredStudy: Study | null = $derived.by(() =>
		this.filters.hovered === null ? null : (this.byId.get(this.filters.hovered) ?? null)
	);
	/** The hovered study highlighted everywhere by one CSS rule: O(1) DOM work however many marks there are. */
	readonly hoverCss = $derived.by(() =>
		this.filters.hovered && /^[a-z0-9-]+$/.test(this.filters.hovered)
			? // Doubled selectors outrank the charts' own `.plot [data-study-id] .hit` rule.
				`[data-study-id="${this.filters.hovered}"][data-study-id] .hit.hit{fill:var(--hover);opacity:.85}` +
				`tr[data-study-id="${this.filters.hovered}"][data-study-id]{background:var(--hover)}`
			: ''
	);
	readonly yearRange: readonly [number, number] | null = $derived.by(() => {
		const years = this.filters.clauses.years;
		return years?.kind === 'range' ? [years.min, years.max] : null;
	});
	/** The filters in effect, in words. */
	readonly filterText = $derived.by(() => describeClauses(this.filters.clauses, (k) => designInfo(k).label));
	/** "3 of 40 studies" with the filters in words: the subtitle of slides and exports. */
	readonly viewText = $derived.by(
		() => `${this.filterText} · ${this.shownStudies.length} of ${this.studies.length} studies`
	);
	readonly pooledText = $derived.by(() => {
		const { overall, method, hk } = this.summary;
		if (!overall) return '';
		const r = (v: number) => Math.exp(v).toFixed(2);
		return `pooled ${this.measure} ${r(overall.estimate)} (95% CI ${r(overall.ciLow)}–${r(overall.ciHigh)}), k = ${overall.k}, ${method}${hk ? ' + Hartung–Knapp' : ''}`;
	});
	readonly sourceLine = $derived.by(
		() =>
			`Source: ${this.dataset.name}${this.isBundled ? '; every number with its source on the study pages' : ''}. Exported ${today()}.`
	);
	/** The page's (and the dashboard export's) title: the dataset's words, never another dataset's. */
	readonly pageTitle = $derived.by(() =>
		this.isBundled ? BUNDLED_TITLE : (this.titleEdit ?? this.dataset.name)
	);
	/** The sentence writer, loaded after first paint (not needed to draw the page). */
	#sentenceWriter = $state.raw<typeof import('$lib/stats/sentences') | null>(null);
	/** The view's result in plain sentences, pooled by design class (observational vs randomised); [] until loaded. */
	readonly sentences: readonly string[] = $derived.by(() => {
		const writer = this.#sentenceWriter;
		if (!writer) return [];
		return writer.summarySentences(
			summarise(
				this.shownStudies,
				// The same options as the pooled estimates (the flags switch included), grouped by design class.
				this.poolOptions,
				writer.byDesignClass
			),
			this.shownStudies.length,
			{ measure: this.measure, arms: this.arms, outcome: this.isBundled ? 'death' : null }
		);
	});

	/** Load the sentence writer (once the page is in the browser). */
	loadSentences(): void {
		void import('$lib/stats/sentences').then((writer) => (this.#sentenceWriter = writer));
	}

	/** The statistics of the funnel, leave-one-out and evidence-over-time charts, loaded after first paint. */
	#viewStats = $state.raw<typeof import('$lib/stats/views') | null>(null);
	#viewStatsLoading: Promise<void> | null = null;
	/** Load them (once); the charts that need them wait for this. */
	loadViews(): Promise<void> {
		return (this.#viewStatsLoading ??= import('$lib/stats/views').then((views) => {
			this.#viewStats = views;
		}));
	}
	/** Funnel data and Egger's test of the studies pooled in view; null until loaded. */
	readonly funnel = $derived.by(() => this.#viewStats?.funnelStats(this.summary) ?? null);
	/** Leave-one-out refits of the studies pooled in view; null until loaded, with k < 3 or too many studies. */
	readonly influence = $derived.by(() => this.#viewStats?.influenceStats(this.summary) ?? null);
	/** The pooled estimate as the studies in view accumulate by year; null until loaded. */
	readonly cumulative = $derived.by(
		() => this.#viewStats?.cumulativeStats(this.shownStudies, this.poolOptions) ?? null
	);
	/** An export's link: every study drawn is active; nothing selected, hovered or clickable. */
	readonly exportLink: ChartLink = $derived.by(() => ({
		active: new Set(this.studies.map((s) => s.id)),
		selected: new Set<StudyId>(),
		hovered: null,
		onhover: () => undefined,
		onselect: () => undefined
	}));

	/** The studies a chart shows: those its crossfilter view admits. */
	inView(chart: ChartId): Study[] {
		const active = this.links[chart].active;
		return this.studies.filter((s) => active.has(s.id));
	}

	/**
	 * Pool large views in a Web Worker from now on (call once the page is in the browser). Returns the clean-up.
	 */
	startStats(): () => void {
		// The worker's client loads with the first large view, not with the first paint.
		let worker: Promise<StatsWorker> | null = null;
		const pool = () =>
			(worker ??= import('$lib/io/stats-client').then(({ StatsWorker }) => new StatsWorker()));
		const stop = $effect.root(() => {
			$effect(() => {
				if (!this.#large) return;
				const dataset = this.studies;
				const shown = this.shown;
				const { method, hk, exclude } = this.filters.view;
				const key = this.#poolKey;
				const leaveOutFlags = exclude === 'all' ? ('all' as const) : [...(exclude ?? [])];
				const options = { method, hk, overlaps: [...this.overlaps], leaveOutFlags };
				const studies = this.shownStudies;
				void pool()
					.then((w) => w.summarise(dataset, studies, options))
					.then((summary) => {
						if (summary) this.#remote = { dataset, shown, key, summary };
					});
			});
		});
		return () => {
			stop();
			void worker?.then((w) => w.stop());
		};
	}

	/** Select a study, or take it out of the selection. A study the filters hide cannot be added. */
	select(id: StudyId): void {
		if (this.shown.has(id) || this.selected.has(id)) this.filters.toggleSelect(id);
	}

	/** The study under the pointer or keyboard focus (null: none), and where its mark is. */
	hover(id: StudyId | null, anchor?: Element): void {
		this.filters.hovered = id;
		this.tipAnchor = id && anchor ? anchor.getBoundingClientRect() : null;
	}

	/** Replace the dataset (a successful load or the bundled one). */
	setDataset(result: LoadResult, arms: ArmLabels = this.arms, keepTitle = false): void {
		this.dataset = result;
		this.report = result;
		this.arms = arms;
		if (!keepTitle) this.titleEdit = null;
	}

	/** The caption every export of a chart carries: title, the filters in effect (+ pooled estimate), source. */
	captionFor(chart: ChartId): Caption {
		const subtitle = this.viewText;
		return {
			title: chartEntry(chart).title,
			subtitle: chart === 'forest' && this.pooledText ? `${subtitle} · ${this.pooledText}` : subtitle,
			source: this.sourceLine
		};
	}

	#view(id: ChartId | null): ReadonlySet<StudyId> {
		const view = this.#views[String(id)];
		if (!view) throw new Error(`No view ${String(id)}`);
		return view.active;
	}

	/**
	 * A chart's link, made once: its getters read the chart's own active set, the selection and hover, so a chart
	 * re-lays out only when its own active set (or the selection) changes, and hovering re-renders no mark (the
	 * highlight is one CSS rule, hoverCss).
	 */
	#linkFor(chart: ChartId): ChartLink {
		const active = () => this.#view(chart);
		const selected = () => this.selected;
		const hovered = () => this.filters.hovered;
		return {
			get active() {
				return active();
			},
			get selected() {
				return selected();
			},
			get hovered() {
				return hovered();
			},
			onhover: (id, anchor) => this.hover(id, anchor),
			onselect: (id) => this.select(id)
		};
	}
}

/** One view's active studies, re-derived only when the engine changes and kept when its set is the same object. */
class ViewActive {
	readonly active: ReadonlySet<StudyId>;
	constructor(engine: () => Crossfilter, id: ChartId | null) {
		this.active = $derived(engine().active(id));
	}
}

function toRatio(group: string, label: string, r: PoolResult): PooledEstimate {
	return {
		group,
		label,
		k: r.k,
		estimate: Math.exp(r.estimate),
		ciLow: Math.exp(r.ciLow),
		ciHigh: Math.exp(r.ciHigh),
		piLow: r.piLow === null ? null : Math.exp(r.piLow),
		piHigh: r.piHigh === null ? null : Math.exp(r.piHigh)
	};
}
