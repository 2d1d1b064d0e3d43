/** Talking points for the presenter's window: short sentences from the studies in view, never raw extraction notes. */
import type { ChartId, Study } from '$lib/types';
import type { TextSlide } from './slides';

export interface NotesContext {
	studies: readonly Study[];
	/** The plain-language summary of the view. */
	summary: readonly string[];
	/** Pooling cautions (overlapping cohorts, mixed adjustment …), as sentences. */
	cautions: readonly string[];
	arms: { treated: string; control: string };
	/** The path of a study's page of numbers and sources (bundled data only; null: a user's table has none). */
	studyPage: ((id: Study['id']) => string) | null;
}

/** "Khan 2002 — Sources: /studies/khan-2002" for each study on a slide, when the data has study pages. */
export function sourceLines(studies: readonly Study[], ctx: Pick<NotesContext, 'studyPage'>): string[] {
	const page = ctx.studyPage;
	return page ? studies.map((s) => `${s.label} — Sources: ${page(s.id)}`) : [];
}

const range = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? null : ([sorted[0] as number, sorted[sorted.length - 1] as number] as const);
};

/** What to say on a slide showing `chart` (or the closing summary). */
export function talkingPoints(chart: ChartId | TextSlide, ctx: NotesContext): string[] {
	const n = ctx.studies.length;
	switch (chart) {
		case 'years': {
			const years = range(ctx.studies.flatMap((s) => (s.year === null ? [] : [s.year])));
			return [
				years
					? `${n} studies in view, published ${years[0]}–${years[1]}.`
					: `${n} studies in view; no publication year reported.`,
				'Bars are accrual periods, diamonds the year of publication.'
			];
		}
		case 'cohort': {
			const sizes = range(ctx.studies.flatMap((s) => (s.nTotal === null ? [] : [s.nTotal])));
			return [
				sizes
					? `Cohorts range from ${sizes[0].toLocaleString('en')} to ${sizes[1].toLocaleString('en')} patients (log scale).`
					: 'No cohort size reported in view.',
				`Dots split each cohort into ${ctx.arms.treated} and ${ctx.arms.control}.`
			];
		}
		case 'survival': {
			const both = ctx.studies.filter((s) => s.medianTreated !== null && s.medianControl !== null).length;
			return [
				`${both} of ${n} studies report median survival in both arms.`,
				'Medians from retrospective series carry selection: fitter patients were operated on.'
			];
		}
		case 'trend':
			return ['Each bubble is a study, sized by cohort and coloured by design.'];
		case 'funnel':
			return [
				'Each point is a pooled study; larger studies sit higher.',
				'Asymmetry can mean that small studies with null results went unpublished.'
			];
		case 'influence':
			return ['Each row is the pooled estimate with one study left out.'];
		case 'forest':
			return [...ctx.summary.slice(0, 2), ...ctx.cautions];
		case 'summary':
			return [...ctx.summary];
		default:
			return [];
	}
}
