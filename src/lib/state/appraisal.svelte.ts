/**
 * The appraisal panel's state: the appraisal of the studies in view (stats/appraisal, loaded after first paint),
 * from the dashboard's view, estimator and flags switch plus the user's settings (GRADE overrides, the clinically
 * important ratio and the baseline median in the URL; the confounder strength and the outcome's frequency here).
 * Components draw it; nothing here draws.
 */
import { DEFAULT_MID, withOverride, tidy, type AppraisalView } from '$lib/filters/appraisal';
import type { Appraisal, AppraisalSettings } from '$lib/stats/appraisal/appraise';
import type { DesignClass } from '$lib/stats/appraisal/classes';
import type { Domain, Override } from '$lib/stats/appraisal/grade';
import type { SummariseOptions } from '$lib/stats/summary';
import type { Study } from '$lib/types';
import type { Dashboard } from './dashboard.svelte';
import { afterIdle } from './idle';

// The words and symbols of GRADE, for the panel (components do not import statistics).
export {
	allowedChanges,
	certaintySymbols,
	certaintyWord,
	DOMAIN_LABELS,
	DOMAINS
} from '$lib/stats/appraisal/domains';

type AppraisalModules = [
	typeof import('$lib/stats/appraisal/appraise'),
	typeof import('$lib/stats/appraisal/evalue'),
	typeof import('$lib/stats/appraisal/year'),
	typeof import('$lib/stats/appraisal/grade')
];

const LINE_LABELS = { all: 'All', observational: 'Observational', randomised: 'Randomised' } as const;

/** Above this many studies in view the appraisal is not computed on the main thread (the panel says so). */
export const APPRAISAL_MAX = 1500;

export class AppraisalState {
	readonly #dash: Dashboard;
	#modules = $state.raw<AppraisalModules | null>(null);
	#loading: Promise<void> | null = null;
	/** The strength of a confounder's association with treatment and outcome (risk ratio), for the bias control. */
	confounder = $state(1.5);
	/** The outcome is rare (< 15% by the end of follow-up): E-values use RR ≈ HR. Death here is common. */
	rare = $state(false);

	constructor(dash: Dashboard) {
		this.#dash = dash;
	}

	/**
	 * The view the appraisal is computed for. It follows the dashboard's when the main thread is next idle after a
	 * view change (`follow`), not inside the change's own frame: a toggle paints its charts first, and the
	 * appraisal (a second pooling, Egger's tests, meta-regressions) and the trend chart's fitted lines catch up.
	 * Without `follow` (no page: tests, a script) it is the dashboard's view itself.
	 */
	#settled = $state.raw<{ studies: readonly Study[]; options: SummariseOptions } | null>(null);
	#input = $derived.by(
		() => this.#settled ?? { studies: this.#dash.shownStudies, options: this.#dash.poolOptions }
	);

	/** Load the statistics (once), after first paint. */
	load(): Promise<void> {
		return (this.#loading ??= Promise.all([
			import('$lib/stats/appraisal/appraise'),
			import('$lib/stats/appraisal/evalue'),
			import('$lib/stats/appraisal/year'),
			import('$lib/stats/appraisal/grade')
		]).then((m) => {
			this.#modules = m;
		}));
	}

	/**
	 * Follow the dashboard's view in idle time from now on (call once the page is in the browser). Returns the
	 * clean-up, after which the appraisal is the dashboard's view again.
	 */
	follow(): () => void {
		const stop = $effect.root(() => {
			$effect(() => {
				const next = { studies: this.#dash.shownStudies, options: this.#dash.poolOptions };
				if (this.#settled === null) {
					this.#settled = next;
					return;
				}
				const handle = afterIdle(() => (this.#settled = next));
				return () => handle.cancel();
			});
		});
		return () => {
			stop();
			this.#settled = null;
		};
	}

	/** The thresholds of the GRADE rules, to state them on the page (null until loaded). */
	readonly limits = $derived.by(() => this.#modules?.[3].LIMITS ?? null);
	/** The flag codes counted as a source of bias. */
	readonly biasFlags = $derived.by(() => this.#modules?.[3].BIAS_FLAGS ?? []);

	/** The URL's part of the appraisal. */
	readonly view: AppraisalView | undefined = $derived.by(() => this.#dash.filters.view.appraisal);
	readonly threshold = $derived.by(() => this.view?.mid ?? DEFAULT_MID);
	readonly settings: AppraisalSettings = $derived.by(() => ({
		measure: this.#dash.measure,
		threshold: this.threshold,
		baselineMonths: this.view?.baseline ?? null,
		rare: this.rare,
		overrides: { ...this.view?.grade }
	}));
	/** Too many studies in view to appraise here. */
	readonly tooMany = $derived.by(() => this.#input.studies.length > APPRAISAL_MAX);
	/** The appraisal of the studies in view; null until loaded or when there are too many. */
	readonly result: Appraisal | null = $derived.by(() => {
		const m = this.#modules;
		if (!m || this.tooMany) return null;
		const { studies, options } = this.#input;
		return m[0].appraise(studies, options, this.settings);
	});
	/** The observational HR after a confounder of strength `confounder` (null without an observational estimate). */
	readonly adjusted: number | null = $derived.by(() => {
		const m = this.#modules;
		const e = this.result?.evalue;
		if (!m || !e) return null;
		return m[1].hrAfterConfounding(e.estimate, this.confounder, this.rare);
	});
	/** The year regressions with their lines (fitted ratio and band at each year of the fitted span). */
	readonly trendLines = $derived.by(() => {
		const m = this.#modules;
		const r = this.result;
		if (!m || !r) return [];
		return r.regressions.map((row) => {
			const years: number[] = [];
			for (let y = row.fit.from; y <= row.fit.to; y += 0.5) years.push(y);
			if (years.at(-1) !== row.fit.to) years.push(row.fit.to);
			return {
				group: row.group,
				label: r.regressions.length > 1 ? LINE_LABELS[row.group] : undefined,
				points: years.map((year) => ({ year, ...m[2].fittedAt(row.fit, year) }))
			};
		});
	});
	/** The regression sentences, one per group. */
	readonly regressionSentences = $derived.by(() => {
		const m = this.#modules;
		const r = this.result;
		if (!m || !r) return [];
		return r.regressions.map((row) => ({ row, text: m[0].regressionSentence(row, r.measure) }));
	});

	/** Set (or clear, with null) the user's judgement of one domain for one class. */
	override(group: DesignClass, domain: Domain, value: Override | null): void {
		this.#dash.filters.setOption({ appraisal: withOverride(this.view, group, domain, value) });
	}

	/** Set the clinically important ratio (null: the default). */
	setThreshold(value: number | null): void {
		const valid = value !== null && Number.isFinite(value) && value > 0 && value < 1;
		this.#set({ mid: valid ? value : undefined });
	}

	/** Set the baseline median in months (null: from the data). */
	setBaseline(value: number | null): void {
		const valid = value !== null && Number.isFinite(value) && value > 0 && value < 1000;
		this.#set({ baseline: valid ? value : undefined });
	}

	#set(patch: Partial<AppraisalView>): void {
		const next = { grade: {}, ...this.view, ...patch };
		if (next.mid === undefined) delete next.mid;
		if (next.baseline === undefined) delete next.baseline;
		this.#dash.filters.setOption({ appraisal: tidy(next) }, 'replace');
	}
}
