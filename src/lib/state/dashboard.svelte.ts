/**
 * The dashboard's one state: the dataset and its load report, the filters and the selection (via FilterState),
 * hover, and everything derived from them — each view's active studies, the count, the pooled statistics, captions.
 * Components read it and call its methods; none of them computes statistics or filters.
 */
import { chartEntry, CHART_IDS, type ChartId } from '$lib/charts/registry';
import type { PooledEstimate } from '$lib/charts/forest/layout';
import type { ChartLink } from '$lib/charts/marks';
import { countPatients, PATIENTS, SUPERSEDED, supersededBy, type OverlapGroup } from '$lib/domain/reports';
import { FLAGGED } from '$lib/domain/flags';
import { runPassInSlices, type Pass } from '$lib/domain/pass';
import { nextTask, STAGGER_ABOVE } from '$lib/charts/stagger';
import type { Caption } from '$lib/domain/caption';
import { DATASET_VERSION_TEXT } from '$lib/data/version';
import { classGrouping, classInfo, DESIGNS, designInfo, type UnreportedDesign } from '$lib/domain/design';
import { measureWords } from '$lib/domain/measure';
import { METHOD_LABELS } from '$lib/domain/method';
import { toRatio, toRatioOrNull } from '$lib/domain/ratio';
import { extent } from 'd3-array';
import { describeClauses } from '$lib/filters/clauses';
import { Crossfilter, type ActiveSet } from '$lib/filters/engine';
import type { PoolResult } from '$lib/stats/meta';
import { summarise, type SummariseOptions, type Summary } from '$lib/stats/summary';
import { DEFAULT_ARMS, type ArmLabels, type LoadResult, type Study, type StudyId } from '$lib/types';
import type { StatsWorker } from '$lib/io/stats-client';
import { FilterState, type Navigate } from './filters.svelte';
import { AppraisalState } from './appraisal.svelte';

export type { Caption };

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
	readonly shownStudies = $derived.by(() => rowsOf(this.studies, this.shown));
	/** Patients in view, each study once (superseded reports add none), and the overlapping cohorts among them. */
	readonly patientCount = $derived.by(() => countPatients(this.shownStudies, this.overlaps));
	readonly patients = $derived.by(() => this.patientCount.patients);
	/** How a study of unreported design is classed: observational in the bundled data (SOURCES.md), else unknown. */
	readonly unreportedDesign: UnreportedDesign = $derived.by(() =>
		this.isBundled ? 'observational' : 'unknown'
	);
	/** The selected studies: emphasised everywhere, never removed from a statistic. */
	readonly selected = $derived.by(() => this.filters.selection);
	readonly overlaps = $derived.by(() => (this.isBundled ? this.#bundledOverlaps : []));
	/** How the studies in view are pooled: estimator, overlaps, and the flags switch (URL `exclude`). */
	readonly poolOptions: SummariseOptions = $derived.by(() => ({
		method: this.filters.view.method,
		hk: this.filters.view.hk,
		overlaps: this.overlaps,
		leaveOutFlags: this.filters.view.exclude ?? [],
		unreportedDesign: this.unreportedDesign
	}));
	/** The pooling options as one comparable key (the worker's answer is for one key). */
	readonly #poolKey = $derived.by(() => {
		const { method, hk, exclude } = this.filters.view;
		return JSON.stringify([method, hk, exclude ?? [], this.unreportedDesign]);
	});
	/** Superseded study → the later report of the same patients (marked in the forest plot, table and tooltip). */
	readonly superseded = $derived.by(() => supersededBy(this.studies));
	/** The publication years of every loaded study (the cumulative chart's axis, steady while filtering). */
	readonly yearSpan: readonly [number, number] | null = $derived.by(() => {
		const [lo, hi] = extent(this.studies, (s) => s.year ?? undefined);
		return lo === undefined || hi === undefined ? null : [lo, hi];
	});
	/** Above this many studies in view, the statistics are pooled in a Web Worker (see `startStats`). */
	static readonly WORKER_ABOVE = 1500;
	/** The latest statistics the worker sent, with what they were computed for. */
	#remote = $state.raw<{
		dataset: readonly Study[];
		shown: ReadonlySet<StudyId>;
		key: string;
		summary: Summary;
		funnel: import('$lib/stats/views').FunnelStats;
		cumulative: import('$lib/stats/cumulative').Cumulative;
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
	/** A study's design class (the one rule of domain/design.ts, under this dataset's reading of an empty design). */
	readonly classOf = $derived.by(() => classGrouping(this.unreportedDesign));
	/** Whether every design is also pooled together (asked for: URL `overall=1`), labelled as mixing designs. */
	readonly showOverall = $derived.by(() => this.filters.view.overall === true);
	/** The pooled rows of the forest plot, on the ratio scale: one per design class, all designs only on request. */
	readonly pooled: readonly PooledEstimate[] = $derived.by(() => {
		const list: PooledEstimate[] = [];
		for (const g of this.summary.groups)
			if (g.result && g.result.k > 1) list.push(pooledRatio(g.key, `Pooled (k=${g.result.k})`, g.result));
		const { overall } = this.summary;
		if (overall && this.showOverall && this.summary.groups.length > 1)
			list.push(pooledRatio('all', `All designs, mixed (k=${overall.k})`, overall));
		if (this.selectedPool)
			list.push(pooledRatio('selected', `Selected (k=${this.selectedPool.k})`, this.selectedPool));
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
	/** What the flags switch leaves out, in words ('' when off). */
	readonly exclusionText = $derived.by(() => {
		const exclude = this.filters.view.exclude ?? [];
		if (exclude === 'bias') return 'bias-flagged studies left out of pooling';
		if (exclude === 'all') return 'flagged studies left out of pooling';
		return exclude.length > 0 ? `studies flagged ${exclude.join(', ')} left out of pooling` : '';
	});
	/** "3 of 40 studies" with the filters in words: the subtitle of slides and exports. */
	readonly viewText = $derived.by(() =>
		[
			this.filterText,
			`${this.shownStudies.length} of ${this.studies.length} ${this.studies.length === 1 ? 'report' : 'reports'}`,
			this.exclusionText
		]
			.filter(Boolean)
			.join(' · ')
	);
	/** The pooled estimates in one line, per design class (and all designs when asked), for captions. */
	readonly pooledText = $derived.by(() => {
		const { method, hk } = this.summary;
		const r = (v: number) => toRatio(v).toFixed(2);
		const parts = this.pooled
			.filter((p) => p.group !== 'selected')
			.map((p) => {
				const name = p.group === 'all' ? 'all designs (mixed)' : classInfo(p.group).label.toLowerCase();
				return `${name} ${p.estimate.toFixed(2)} (95% CI ${p.ciLow.toFixed(2)}–${p.ciHigh.toFixed(2)}), k = ${p.k}`;
			});
		if (parts.length === 0) {
			const { overall } = this.summary;
			if (!overall) return '';
			parts.push(
				`${r(overall.estimate)} (95% CI ${r(overall.ciLow)}–${r(overall.ciHigh)}), k = ${overall.k}`
			);
		}
		return `pooled ${measureWords(this.measure).abbr}: ${parts.join('; ')}; ${METHOD_LABELS[method]}${hk ? ' + Hartung–Knapp' : ''}`;
	});
	/** What a caption is built from (export/caption.ts `buildCaption`): the chart's studies in view, or the page's. */
	captionParts(chart: ChartId | null): {
		title: string;
		view: string;
		pooled?: string;
		studies: readonly Study[];
		dataset: { name: string; bundled: boolean; version: string | null };
	} {
		const studies = chart === null ? this.shownStudies : this.inView(chart);
		const view =
			chart === null
				? this.viewText
				: [this.filterText, `${studies.length} of ${this.studies.length} reports`, this.exclusionText]
						.filter(Boolean)
						.join(' · ');
		return {
			title: chart === null ? this.pageTitle : chartEntry(chart).title,
			view,
			...((chart === null || chart === 'forest') && this.pooledText ? { pooled: this.pooledText } : {}),
			studies,
			dataset: {
				name: this.isBundled ? this.dataset.name : this.pageTitle,
				bundled: this.isBundled,
				version: this.isBundled ? DATASET_VERSION_TEXT : null
			}
		};
	}
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
		// A large view's numbers are being pooled in the worker: say so, not what an earlier (or empty) view gave.
		if (this.updating) return [writer.poolingSentence(this.shownStudies.length)];
		const summary = this.summary;
		return writer.summarySentences(
			// The very analysis the pooled panel shows (same studies, options and design classes), with each class's
			// meta-regression on publication year.
			{
				...summary,
				// A large view's worker fitted them with its summary; a small view is fitted here.
				trends:
					summary.trends ??
					(this.#large
						? []
						: writer.groupYearRegressions(this.shownStudies, summary.effects, this.classOf, {
								method: summary.method,
								hk: summary.hk
							}))
			},
			this.shownStudies.length,
			{
				measure: this.measure,
				arms: this.arms,
				outcome: this.isBundled ? 'death' : null,
				overall: this.showOverall
			}
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
	readonly funnel = $derived.by(() => {
		if (this.#large) return this.#remoteFor()?.funnel ?? null; // computed in the worker with the summary
		return this.#viewStats?.funnelStats(this.summary) ?? null;
	});
	/** The worker's latest answer when it is for this dataset (possibly an earlier view, marked `updating`). */
	#remoteFor() {
		const r = this.#remote;
		return r && r.dataset === this.studies ? r : null;
	}
	/** Leave-one-out refits of the studies pooled in view; null until loaded, with k < 3 or too many studies. */
	readonly influence = $derived.by(() => this.#viewStats?.influenceStats(this.summary) ?? null);
	/** The pooled estimate as the studies in view accumulate by year; null until loaded. */
	readonly cumulative = $derived.by(() => {
		if (this.#large) return this.#remoteFor()?.cumulative ?? null;
		return this.#viewStats?.cumulativeStats(this.shownStudies, this.poolOptions) ?? null;
	});

	/** The studies a chart shows: those its crossfilter view admits. */
	inView(chart: ChartId): readonly Study[] {
		return rowsOf(this.studies, this.#view(chart));
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
				const leaveOutFlags = exclude === 'all' || exclude === 'bias' ? exclude : [...(exclude ?? [])];
				const options = {
					method,
					hk,
					overlaps: [...this.overlaps],
					leaveOutFlags,
					unreportedDesign: this.unreportedDesign
				};
				const rows = shown.rowArray();
				void pool()
					.then((w) => w.summarise(dataset, rows, options))
					.then((answer) => {
						if (answer) this.#remote = { dataset, shown, key, ...answer };
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
		if ((this.byId.has(id) && this.shown.has(id)) || this.selected.has(id)) this.filters.toggleSelect(id);
	}

	/** The study under the pointer or keyboard focus (null: none), and where its mark is. */
	hover(id: StudyId | null, anchor?: Element): void {
		this.filters.hovered = id;
		this.tipAnchor = id && anchor ? anchor.getBoundingClientRect() : null;
	}

	/**
	 * Before a large table is shown: work out, in slices between which the page answers input, the passes over every
	 * study that the first update reads (its designs, later reports, patients, flags), so no task of that update walks
	 * a million studies. `live()` false stops it (a newer table was chosen).
	 */
	async prepare(studies: readonly Study[], live: () => boolean = () => true): Promise<void> {
		if (studies.length <= STAGGER_ABOVE) return;
		for (const pass of DATASET_PASSES) {
			if (!live()) return;
			await runPassInSlices(studies, pass, nextTask, live);
		}
	}

	/** Replace the dataset (a successful load or the bundled one). */
	setDataset(result: LoadResult, arms: ArmLabels = this.arms, keepTitle = false): void {
		this.dataset = result;
		this.report = result;
		this.arms = arms;
		if (!keepTitle) this.titleEdit = null;
	}

	#view(id: ChartId | null): ActiveSet {
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

/** The passes over every study that the first update of a new dataset reads (see `Dashboard.prepare`). */
const DATASET_PASSES: readonly Pass<Study, unknown, unknown>[] = [DESIGNS, SUPERSEDED, PATIENTS, FLAGGED];

/** One view's active studies, re-derived only when the engine changes and kept when its set is the same object. */
class ViewActive {
	readonly active: ActiveSet;
	constructor(engine: () => Crossfilter, id: ChartId | null) {
		this.active = $derived(engine().active(id));
	}
}

/** The studies of an active set, in dataset order: the dataset itself when every study is in (no copy). */
function rowsOf(studies: readonly Study[], active: ActiveSet): readonly Study[] {
	if (active.all) return studies;
	const out: Study[] = [];
	for (const i of active.rowArray()) {
		const s = studies[i];
		if (s) out.push(s);
	}
	return out;
}

function pooledRatio(group: string, label: string, r: PoolResult): PooledEstimate {
	return {
		group,
		label,
		k: r.k,
		estimate: toRatio(r.estimate),
		ciLow: toRatio(r.ciLow),
		ciHigh: toRatio(r.ciHigh),
		piLow: toRatioOrNull(r.piLow),
		piHigh: toRatioOrNull(r.piHigh)
	};
}
