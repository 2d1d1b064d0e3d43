/**
 * What the live slides read besides the charts: loaded with the presentation, never with the page's first answer
 * to input. Everything is read from the state when a slide shows (getters), so the slides follow every filter.
 */
import { buildCaption, publicSite } from '$lib/export/caption';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import { deckContext, notesContextOf } from './deck-context';
import type { NotesContext } from './notes';

/** The presenter's talking points, the deck's title/methods/closing slides and the footer's caption source. */
export function liveContext(dash: Dashboard, studyPage: NotesContext['studyPage']) {
	const site = typeof window === 'undefined' ? null : publicSite(window.location);
	return {
		notes: notesContextOf(dash, studyPage),
		deck: deckContext(dash),
		// The same caption builder as the files, for the screen (no "Exported" date).
		source: () => buildCaption({ ...dash.captionParts(null), target: 'live', site }).source
	};
}
