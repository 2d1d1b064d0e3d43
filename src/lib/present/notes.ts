/** Talking points for the presenter's window: short sentences from the studies in view, never raw extraction notes. */
import { chartEntry, isChartId, type ChartId } from '$lib/charts/registry';
import type { NotesContext } from '$lib/charts/shared/spec';
import type { Study } from '$lib/types';
import type { TextSlide } from './slides';

export type { NotesContext } from '$lib/charts/shared/spec';

/** "Khan 2002 — Sources: /studies/khan-2002" for each study on a slide, when the data has study pages. */
export function sourceLines(studies: readonly Study[], ctx: Pick<NotesContext, 'studyPage'>): string[] {
	const page = ctx.studyPage;
	return page ? studies.map((s) => `${s.label} — Sources: ${page(s.id)}`) : [];
}

/** What to say on a slide showing `chart` (its spec's talking points) or the closing summary. */
export function talkingPoints(chart: ChartId | TextSlide, ctx: NotesContext): string[] {
	if (chart === 'summary') return [...ctx.summary];
	return isChartId(chart) ? chartEntry(chart).notes(ctx) : [];
}
