/** Long text drawn on the page (labels, headers, cells) is cut to a bounded length, so a 10 MB cell costs nothing. */

/** The text cut to at most `max` characters, ending in "…" when cut; never splits a surrogate pair. */
export function shorten(text: string, max = 80): string {
	if (text.length <= max) return text;
	let end = Math.max(0, max - 1);
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) end--;
	return text.slice(0, end) + '…';
}
