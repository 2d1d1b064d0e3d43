/**
 * The words of the talk's text slides: the opening (question, dataset, view, date), the methods (what was pooled
 * and how, one report per study, what was left out and why) and the two cautions the closing slide gives. Every
 * sentence is built from the loaded data, so it is as true for a user's table as for the bundled studies.
 */
import { classInfo, OBSERVATIONAL, RANDOMISED } from '$lib/domain/design';
import { BIAS_FLAGS, type FlagSelection } from '$lib/domain/flags';
import { designTestText, methodInSentence } from '$lib/domain/method';
import type { SofSlide } from '$lib/export/sof-table';
import type { Summary } from '$lib/stats/summary';
import type { Study } from '$lib/types';

/** What the text slides are made from. */
export interface DeckContext {
	/** The dataset's title (the page's). */
	title: string;
	/** The question the dataset answers, when known (the bundled data's); null: a user's table. */
	question: string | null;
	/** The dataset's name (file name or the bundled dataset's title). */
	dataset: string;
	/** The filters in effect, in words. */
	view: string;
	/** The day of the talk, e.g. 2026-12-06. */
	date: string;
	/** The studies in view. */
	studies: readonly Study[];
	summary: Summary;
	/** HR, RR, OR … as the data names it. */
	measure: string;
	arms: { treated: string; control: string };
	/** The flag codes left out of pooling (the flags switch), [] when off. */
	flagsLeftOut: FlagSelection;
	/** The summary-of-findings table of the view (the appraisal panel's), null until computed or with no row. */
	sof?: SofSlide | null;
}

const isBias = (code: string) => BIAS_FLAGS.includes(code);

/**
 * Does the talk have a summary-of-findings slide? When an observational or randomised class is pooled (the classes
 * the appraisal rates), known at once so the slide numbers do not shift when the appraisal's statistics arrive.
 */
export function hasSofSlide(summary: Pick<Summary, 'groups'>): boolean {
	return summary.groups.some((g) => g.result !== null && (g.key === OBSERVATIONAL || g.key === RANDOMISED));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The opening slide: the question (or the dataset's title), then dataset, view and date. */
export function titleLines(ctx: DeckContext): { heading: string; lines: string[] } {
	return {
		heading: ctx.question ?? ctx.title,
		lines: [...(ctx.question ? [ctx.title] : []), `Data: ${ctx.dataset}`, `View: ${ctx.view}`, ctx.date]
	};
}

/** The methods slide: what was pooled and how, one report per study, what was left out and why. */
export function methodsLines(ctx: DeckContext): string[] {
	const { summary } = ctx;
	const pooled = summary.effects.length;
	const lines = [
		`${plural(pooled, 'study', 'studies')} of ${ctx.studies.length} in view pooled: the ${ctx.measure} on the log scale, ${methodInSentence(summary.method)}${summary.hk ? ' with the Hartung–Knapp adjustment' : ''}.`
	];
	const groups = summary.groups.filter((g) => g.k > 0);
	if (groups.length > 1)
		lines.push(
			`Each design class pooled on its own: ${groups.map((g) => `${classInfo(g.key).label.toLowerCase()} (k = ${g.k})`).join(', ')}.`
		);
	const superseded = summary.superseded.size;
	lines.push(
		superseded > 0
			? `One report per study: ${plural(superseded, 'earlier report')} of the same patients shown, not pooled.`
			: 'One report per study: no row in view is replaced by a later report.'
	);
	const flagged = summary.flaggedOut.size;
	const left: string[] = [];
	if (summary.excluded.length > 0)
		left.push(
			`${plural(summary.excluded.length, 'study', 'studies')} without a usable estimate and interval`
		);
	if (flagged > 0) {
		const codes = [...new Set([...summary.flaggedOut.values()].flat())];
		left.push(`${plural(flagged, 'study', 'studies')} flagged ${codes.join(', ')} (the flags switch)`);
	}
	lines.push(
		left.length > 0 ? `Left out of pooling: ${left.join('; ')}.` : 'Nothing in view was left out of pooling.'
	);
	return lines;
}

/**
 * The two cautions that matter most for the view, most important first: observational estimates beside randomised
 * ones, bias flags, the pooling cautions (overlapping cohorts …), disagreement between studies, few studies.
 */
export function closingCautions(ctx: DeckContext, warnings: readonly string[]): string[] {
	const out: string[] = [];
	const { summary } = ctx;
	const pooledGroups = summary.groups.filter((g) => g.result !== null);
	const observational = pooledGroups.some((g) => g.key === OBSERVATIONAL);
	const randomised = pooledGroups.some((g) => g.key === RANDOMISED);
	const flaggedBias = ctx.studies.filter((s) => s.flags.some((f) => isBias(f)));
	const lateTreatment = flaggedBias.some((s) =>
		s.flags.some((f) => f === 'immortal-time' || f === 'survivor-selection' || f === 'landmark')
	);
	if (observational)
		out.push(
			`Observational studies compare patients who were chosen for ${ctx.arms.treated.toLowerCase()}: confounding${lateTreatment ? ' and immortal time' : ''} can make it look better than it is${randomised ? '; the randomised trials are the fairer test' : ''}.`
		);
	if (flaggedBias.length > 0)
		out.push(
			`${plural(flaggedBias.length, 'study', 'studies')} in view ${flaggedBias.length === 1 ? 'carries' : 'carry'} a flag for possible bias (${[...new Set(flaggedBias.flatMap((s) => s.flags.filter((f) => isBias(f))))].slice(0, 3).join(', ')}): read ${flaggedBias.length === 1 ? 'its estimate' : 'their estimates'} with care.`
		);
	out.push(...warnings);
	const i2 = summary.overall?.i2 ?? null;
	if (i2 !== null && i2 >= 50)
		out.push(
			`The studies disagree more than chance allows (I² ${Math.round(i2)}%): one pooled number hides real spread.`
		);
	const small = pooledGroups.filter((g) => g.k < 3);
	if (small.length > 0)
		out.push(
			`Few studies behind ${small.map((g) => classInfo(g.key).label.toLowerCase()).join(' and ')} (k < 3): not a settled estimate.`
		);
	return out.slice(0, 2);
}

/** One pooled estimate in a forest slide's statistics panel. */
export interface PanelItem {
	label: string;
	value: string;
	detail: string;
}

const two = (v: number) => v.toFixed(2);

/**
 * A forest slide's statistics panel: each group whose pooled row the slide draws (all on an unsplit forest) with its
 * estimate, k and I², the overall row when drawn, and on the last part the test for differences between groups.
 */
export function forestPanel(
	part: { groups: readonly string[]; overall: boolean } | undefined,
	pooled: readonly { group: string; k: number; estimate: number; ciLow: number; ciHigh: number }[],
	summary: Pick<Summary, 'groups' | 'overall' | 'subgroupTest'>,
	measure: string
): { items: PanelItem[]; notes: string[] } {
	const i2 = new Map(summary.groups.map((g) => [g.key, g.result?.i2 ?? null]));
	const items: PanelItem[] = [];
	// With one design in view, "all designs together" repeats that design's own row.
	const designs = pooled.filter((p) => p.group !== 'all' && p.group !== 'selected').length;
	for (const p of pooled) {
		if (p.group === 'selected' || (p.group === 'all' && designs < 2)) continue;
		const drawn = p.group === 'all' ? (part?.overall ?? true) : !part || part.groups.includes(p.group);
		if (!drawn) continue;
		const spread = p.group === 'all' ? (summary.overall?.i2 ?? null) : (i2.get(p.group) ?? null);
		items.push({
			label: p.group === 'all' ? 'All designs together' : classInfo(p.group).label,
			value: `${measure} ${two(p.estimate)} (${two(p.ciLow)}–${two(p.ciHigh)})`,
			detail: `k = ${p.k}${spread === null ? '' : ` · I² ${Math.round(spread)}%`}`
		});
	}
	const test = summary.subgroupTest;
	const notes = test && (part?.overall ?? true) ? [designTestText(test)] : [];
	return { items, notes };
}
