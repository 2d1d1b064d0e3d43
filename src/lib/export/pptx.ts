/**
 * The talk as an editable PowerPoint deck, one click on the page: the scenes of every chart for a 16:9 slide (long
 * charts split), drawn as native text and shapes, the talking points as speaker notes. Loaded on first use only.
 */
import { resolve } from '$app/paths';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import { framePreset } from '$lib/figure/scene';
import { buildDeck } from '$lib/figure/pptx';
import { publicSite } from './caption';
import { deckOf, notesContextOf } from './deck';
import { exportName, variantSuffix } from './names';
import { captionFor } from './run';
import type { ExportSettings } from './settings';
import { download } from './svg';

/** The theme an export is drawn in: the chosen one, or the page's own for "as on screen". */
export function exportTheme(settings: ExportSettings): 'light' | 'dark' {
	if (settings.theme !== 'screen') return settings.theme;
	const root = document.documentElement.dataset.theme;
	if (root === 'dark' || root === 'light') return root;
	return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Make and offer the deck of the current view; the status sentence says what happened. */
export async function exportPptx(dash: Dashboard, settings: ExportSettings): Promise<string> {
	try {
		await Promise.all([dash.loadViews(), dash.appraisal.load()]);
		const theme = exportTheme(settings);
		const frame = framePreset('slide', theme, settings.background);
		// Study-page links only from a public address: a deck never carries a development address.
		const site = publicSite(window.location);
		const notes = notesContextOf(
			dash,
			site ? (id) => `${window.location.origin}${resolve('/studies/[id]', { id })}` : null
		);
		const source = captionFor(dash, null, false).source;
		const deck = deckOf(dash, frame, (chart) => captionFor(dash, chart, settings.summary), notes, source);
		const pptx = await buildDeck(deck);
		const blob = (await pptx.write({ outputType: 'blob' })) as Blob;
		const name = exportName('slides', dash.filters.view, 'pptx', {
			variant: variantSuffix(settings.theme, settings.background)
		});
		download(blob, name);
		// The title, the charts, the methods, the summary of findings and the closing summary.
		const count = 2 + deck.slides.length + (deck.methods ? 1 : 0) + (deck.sof ? 1 : 0);
		return `Saved ${name} (${count} slides)`;
	} catch (e) {
		return `The slides could not be made: ${e instanceof Error && e.message ? e.message : 'unknown error'}`;
	}
}
