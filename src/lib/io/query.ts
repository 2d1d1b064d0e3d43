/** The view's query as the page keeps it; shared by the address reader, the session and the saved-record schema. */

/** The longest query this page reads or saves (characters); a longer address is ignored before parsing. */
export const MAX_QUERY = 64 * 1024;

/** A view's query as saved: without a leading "?" and without `data=` (a link's table is never part of a view). */
export function cleanQuery(query: string): string {
	// Until nothing changes: dropping a part can bring a "?" to the front again.
	for (let current = query; ;) {
		const next = current
			.replace(/^[?&]+/, '')
			.split('&')
			.filter((part) => part !== '' && !/^data(=|$)/.test(part))
			.join('&');
		if (next === current) return next;
		current = next;
	}
}
