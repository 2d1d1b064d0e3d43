/**
 * The one caption builder: what an exported figure, the dashboard image, a PDF page or a live slide says besides the
 * chart. It names the publications (the first few, then "and N more"), the dataset and its version, and the view;
 * it never carries a development address or a placeholder, and links to the study pages only from a public origin.
 * Pure (no DOM): the page passes its origin in.
 */
import type { Caption } from '$lib/domain/caption';

export type { Caption };

/** Beyond this many studies, a caption names the first ones and counts the rest. */
export const MAX_CITED = 8;

/** Where a caption goes: a file (says when it was exported) or the live page and its slides (does not). */
export type CaptionTarget = 'export' | 'live';

/**
 * The page's address when the public can open it, else null: no localhost, loopback, private-network, link-local or
 * `.local` host, and only http(s). A caption links to study pages only from such an address.
 */
export function publicSite(location: {
	protocol: string;
	hostname: string;
	origin: string;
	pathname?: string;
}): string | null {
	if (location.protocol !== 'https:' && location.protocol !== 'http:') return null;
	const host = location.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	const privateHost =
		host === '' ||
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host.endsWith('.local') ||
		host === '0.0.0.0' ||
		host === '::1' ||
		host.startsWith('127.') ||
		host.startsWith('10.') ||
		host.startsWith('192.168.') ||
		host.startsWith('169.254.') ||
		/^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
		/^f[cd][0-9a-f]{2}:/.test(host) ||
		host.startsWith('fe80:') ||
		!host.includes('.');
	if (privateHost) return null;
	return `${location.origin}${location.pathname ?? ''}`.replace(/\/$/, '');
}

export interface CitedStudy {
	id: string;
	label: string;
}

/** The dataset a caption names. */
export interface CaptionDataset {
	name: string;
	bundled: boolean;
	/** The bundled data's version; null for a user's table. */
	version: string | null;
}

/** Cite the studies in view by first author and year (capped), the dataset and its version, and the study pages. */
export function citeSources(
	studies: ReadonlyArray<CitedStudy>,
	dataset: CaptionDataset,
	site: string | null
): string {
	const cited = studies.filter((s) => s.label.trim() !== '');
	const labels = cited.map((s) => s.label.trim());
	const shown = labels.slice(0, MAX_CITED).join('; ');
	const more = labels.length > MAX_CITED ? `; and ${labels.length - MAX_CITED} more` : '';
	if (!dataset.bundled)
		return labels.length === 0
			? `Source: ${dataset.name} (the user's own table).`
			: `Source: ${dataset.name} (the user's own table): ${shown}${more}.`;
	const name = dataset.version ? `${dataset.name}, version ${dataset.version}` : dataset.name;
	if (labels.length === 0) return `Source: ${name}.`;
	const from =
		labels.length > MAX_CITED
			? `from ${labels.length} publications (${shown}${more})`
			: `from the publications ${shown} (first author, year)`;
	const first = cited[0]?.id;
	const pages =
		site && first
			? ` Every number with the sentence it was read in: ${site}/studies/ and the study's id, e.g. ${site}/studies/${first}.`
			: ' Every number with the sentence it was read in is on the study pages of the dashboard.';
	return `Source: ${name}, ${from}.${pages}`;
}

export interface CaptionInput {
	title: string;
	/** The view in words: filters, studies in view, what is left out. */
	view: string;
	/** The pooled estimates in one line, when the caption should carry them (the forest plot, the dashboard). */
	pooled?: string;
	studies: ReadonlyArray<CitedStudy>;
	dataset: CaptionDataset;
	target: CaptionTarget;
	/** The public address of the page (see publicSite), or null. */
	site: string | null;
	/** The export date (YYYY-MM-DD), for files. */
	date?: string;
	/** The plain-language summary, when asked for. */
	summary?: string;
}

/** Build a caption for a file or for the live page. */
export function buildCaption(input: CaptionInput): Caption {
	const exported = input.target === 'export' && input.date ? ` Exported ${input.date}.` : '';
	return {
		title: input.title,
		subtitle: input.pooled ? `${input.view} · ${input.pooled}` : input.view,
		source: `${citeSources(input.studies, input.dataset, input.site)}${exported}`,
		...(input.summary ? { summary: input.summary } : {})
	};
}
