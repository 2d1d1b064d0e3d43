/**
 * Versions of the bundled table: each is named by its date and a short hash of its content, so the same table has
 * the same name on every build and machine. Imports nothing: vite.config.ts names the current version with it at
 * build time (the pages import the name as `DATASET_VERSION` from `./version`).
 */

/** One version of the bundled data. */
export interface VersionName {
	/** "2026-12-04-1a2b3c4d": date, then hash. */
	id: string;
	/** ISO date (YYYY-MM-DD) the version was released or built. */
	date: string;
	/** Eight hex digits of the content hash (line endings normalised). */
	hash: string;
}

/** A version's text as kept in the repository: the date comes from its file name, or from the build for the current. */
export interface VersionText {
	date: string;
	text: string;
}

/**
 * Eight hex digits naming a text's content (cyrb53 over UTF-16 code units, after turning CRLF and CR into LF and
 * dropping a BOM), so a checkout with other line endings names the same table alike. Not for security.
 */
export function contentHash(text: string): string {
	const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < body.length; i++) {
		const c = body.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (h2 >>> 0).toString(16).padStart(8, '0');
}

/** The name of a version of `text` released (or built) on `date`. */
export function versionName(date: string, text: string): VersionName {
	const hash = contentHash(text);
	return { id: `${date}-${hash}`, date, hash };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The release date in a file name such as `data/releases/2026-12-04.csv`, or null. */
export function releaseDate(path: string): string | null {
	const name = path.split('/').pop() ?? '';
	const date = name.replace(/\.csv$/i, '');
	return ISO_DATE.test(date) ? date : null;
}

/**
 * Every version in release order, oldest first: the kept releases (`data/releases/<date>.csv`), then the current
 * table unless it equals the latest release (then it is that release). The current table is dated `currentDate`,
 * never earlier than the latest release. A release equal to the one before it is not a new version.
 */
export function versionTexts(
	releases: readonly VersionText[],
	current: string,
	currentDate: string
): (VersionText & VersionName)[] {
	const sorted = [...releases].sort((a, b) => a.date.localeCompare(b.date));
	const out: (VersionText & VersionName)[] = [];
	for (const r of sorted) {
		const name = versionName(r.date, r.text);
		if (out.at(-1)?.hash !== name.hash) out.push({ ...r, ...name });
	}
	const last = out.at(-1);
	if (last?.hash !== contentHash(current)) {
		const date = last && last.date > currentDate ? last.date : currentDate;
		out.push({ text: current, ...versionName(date, current) });
	}
	return out;
}
