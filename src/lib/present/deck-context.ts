/**
 * What the talk's title, methods and closing slides are made from, read from the dashboard's state when those slides
 * show (getters, so the slides follow every filter).
 */
import { sofSlide } from '$lib/export/sof-table';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import type { DeckContext } from './deck';
import type { NotesContext } from './notes';

/** The question the bundled dataset answers; a user's table has none of ours. */
const BUNDLED_QUESTION =
	'Does removing the primary tumour help women with de novo stage IV breast cancer live longer?';

/** The deck context of the dashboard's current view. */
export function deckContext(dash: Dashboard): DeckContext {
	// The summary-of-findings slide needs the appraisal's statistics, loaded after first paint (once).
	if (typeof window !== 'undefined') void dash.appraisal.load();
	return {
		get title() {
			return dash.pageTitle;
		},
		get question() {
			return dash.isBundled ? BUNDLED_QUESTION : null;
		},
		get dataset() {
			return dash.dataset.name;
		},
		get view() {
			return dash.viewText;
		},
		date: new Date().toISOString().slice(0, 10),
		get studies() {
			return dash.shownStudies;
		},
		get summary() {
			return dash.summary;
		},
		get measure() {
			return dash.measure;
		},
		get arms() {
			return dash.arms;
		},
		get flagsLeftOut() {
			return dash.filters.view.exclude ?? [];
		},
		get sof() {
			const a = dash.appraisal.result;
			return a && a.rows.length > 0
				? sofSlide(a, dash.patientCount.anyReported ? dash.patients : null)
				: null;
		}
	};
}

/**
 * What the presenter says, for the deck's notes and the presenter's window: read from the state when asked (getters),
 * so the live slides follow every filter. `studyPage` links a study to its page; only the bundled data has pages.
 */
export function notesContextOf(dash: Dashboard, studyPage: NotesContext['studyPage']): NotesContext {
	return {
		get studies() {
			return dash.shownStudies;
		},
		get summary() {
			return dash.sentences;
		},
		get cautions() {
			return dash.summary.warnings.map((w) => w.message);
		},
		get arms() {
			return dash.arms;
		},
		get studyPage() {
			return dash.isBundled ? studyPage : null;
		}
	};
}
