/**
 * What the live slides read besides the charts (the deck's title, methods and closing slides, the presenter's notes,
 * the footer's caption): loaded with the presentation, never with the page's first answer to input.
 */
export { deckContext, notesContextOf } from './deck-context';
export { buildCaption, publicSite } from '$lib/export/caption';
