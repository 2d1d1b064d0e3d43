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
