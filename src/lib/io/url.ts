/** The page's query string is the view: write it with shallow routing, read it at start and on back/forward. */
import { pushState, replaceState } from '$app/navigation';
import { resolve } from '$app/paths';
import { MAX_QUERY } from './query';

/** Write the view's query (without "?"): push adds a history entry, replace does not. */
export function navigate(query: string, mode: 'push' | 'replace'): void {
	const url = `${resolve('/')}${query === '' ? '' : `?${query}`}`;
	if (mode === 'push') pushState(url, {});
	else replaceState(url, {});
}

/** Views written after the frame that shows them, in order (one flush for all written in one frame). */
let queued: [string, 'push' | 'replace'][] = [];

/**
 * `navigate`, after the next frame is painted: the click that changed the view paints first, and the history
 * entry (SvelteKit's shallow routing, the address bar; Chromium's `pushState` alone costs a few ms) is written in a
 * task of its own right after. Not later (an idle callback): a reload soon after a click must find the view in the
 * address. A hidden tab paints no frames, so a timer writes it there.
 */
export function navigateAfterPaint(query: string, mode: 'push' | 'replace'): void {
	queued.push([query, mode]);
	if (queued.length > 1) return;
	let done = false;
	const flush = () => {
		if (done) return;
		done = true;
		const entries = queued;
		queued = [];
		for (const [q, m] of entries) navigate(q, m);
	};
	requestAnimationFrame(() => setTimeout(flush, 0));
	setTimeout(flush, 250);
}

/**
 * The current query. Read from the location itself: shallow history entries do not always refresh `page.url`
 * on popstate.
 */
export function currentQuery(): URLSearchParams {
	// An address beyond any view this page writes is ignored before parsing (it would only hold the page up).
	if (window.location.search.length > MAX_QUERY) return new URLSearchParams();
	return new URLSearchParams(window.location.search);
}

/** Call `read` now and on every back/forward step; returns the unsubscribe function. */
export function followQuery(read: (params: URLSearchParams) => void): () => void {
	const sync = () => read(currentQuery());
	sync();
	window.addEventListener('popstate', sync);
	return () => window.removeEventListener('popstate', sync);
}
