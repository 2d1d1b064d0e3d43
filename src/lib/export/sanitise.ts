/** Text that any XML reader accepts: what a user's table may hold but an SVG, PNG or PDF cannot carry. */

/**
 * Characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF) and lone
 * surrogate halves. One such character in a study label makes the whole SVG unreadable.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const FORBIDDEN =
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

/** Remove every character XML forbids; everything else (arrows, minus signs, accents, emoji) is kept. */
export function stripForbidden(text: string): string {
	return text.replace(FORBIDDEN, '');
}

/** Escape text for an XML text node or attribute value, after removing forbidden characters. */
export function escapeXml(text: string): string {
	return stripForbidden(text).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
