/**
 * A small, safe tree of the markdown in data/SOURCES.md: the only node that carries a URL is `link`, and its
 * href is http(s) only. Pages draw it with Svelte elements, never as raw HTML.
 */
export type Inline =
	| { kind: 'text'; text: string }
	| { kind: 'strong' | 'em'; children: Inline[] }
	| { kind: 'code'; text: string }
	| { kind: 'link'; href: string; children: Inline[] };

/** One list item: its own inline text and any nested blocks (sub-lists). */
export interface ListItem {
	inline: Inline[];
	/** The item's own text without markup, for matching fields and values. */
	plain: string;
	children: Block[];
}

export type Block =
	{ kind: 'paragraph'; inline: Inline[] } | { kind: 'list'; items: ListItem[] } | { kind: 'rule' };

/** One study's section of SOURCES.md (`### <id> — <setting>`). */
export interface SourceSection {
	id: string;
	/** The heading after the dash, e.g. "National Cancer Data Base, USA". */
	setting: string;
	blocks: Block[];
}
