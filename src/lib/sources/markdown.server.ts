/**
 * SOURCES.md → one section per study, as a safe tree (types.ts). Runs at build time only (server code): the
 * markdown library never reaches the browser. Raw HTML in the file is kept as literal text, never passed through.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import type { Block, Inline, ListItem, SourceSection } from './types';

const HEADING = /^(\S+)\s+[—–-]\s+(.*)$/;

/** Only web links survive; anything else (javascript:, data:, relative paths) becomes text. */
function safeHref(href: string): string | null {
	try {
		const url = new URL(href);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
	} catch {
		return null;
	}
}

function inlineOf(tokens: Token[] | undefined): Inline[] {
	const out: Inline[] = [];
	const push = (node: Inline) => {
		const last = out[out.length - 1];
		if (node.kind === 'text' && last?.kind === 'text') last.text += node.text;
		else out.push(node);
	};
	for (const t of tokens ?? []) {
		switch (t.type) {
			case 'strong':
			case 'em':
				push({ kind: t.type, children: inlineOf((t as Tokens.Strong | Tokens.Em).tokens) });
				break;
			case 'codespan':
				push({ kind: 'code', text: (t as Tokens.Codespan).text });
				break;
			case 'link': {
				const link = t as Tokens.Link;
				const href = safeHref(link.href);
				const children = inlineOf(link.tokens);
				if (href) push({ kind: 'link', href, children });
				else for (const c of children) push(c);
				break;
			}
			case 'br':
				push({ kind: 'text', text: ' ' });
				break;
			case 'text': {
				const text = t as Tokens.Text;
				if (text.tokens && text.tokens.length > 0) for (const c of inlineOf(text.tokens)) push(c);
				else push({ kind: 'text', text: text.text });
				break;
			}
			default:
				// escape, html, del and anything unknown: the characters as written, as text.
				push({ kind: 'text', text: 'text' in t && typeof t.text === 'string' ? t.text : t.raw });
		}
	}
	return out;
}

/** The text of an inline tree without markup. */
export function plainOf(inline: Inline[]): string {
	return inline.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : plainOf(n.children))).join('');
}

function blocksOf(tokens: Token[]): Block[] {
	const out: Block[] = [];
	for (const t of tokens) {
		if (t.type === 'list') {
			out.push({ kind: 'list', items: (t as Tokens.List).items.map(itemOf) });
		} else if (t.type === 'paragraph' || t.type === 'text' || t.type === 'heading') {
			const inline = inlineOf((t as Tokens.Paragraph).tokens);
			if (inline.length > 0) out.push({ kind: 'paragraph', inline });
		} else if (t.type === 'hr') {
			out.push({ kind: 'rule' });
		} else if (t.type !== 'space') {
			out.push({ kind: 'paragraph', inline: [{ kind: 'text', text: t.raw.trim() }] });
		}
	}
	return out;
}

function itemOf(item: Tokens.ListItem): ListItem {
	const inline: Inline[] = [];
	const rest: Token[] = [];
	for (const t of item.tokens) {
		if ((t.type === 'text' || t.type === 'paragraph') && rest.length === 0) {
			const own = inlineOf((t as Tokens.Text).tokens ?? [{ type: 'text', raw: t.raw, text: t.raw }]);
			if (inline.length > 0) inline.push({ kind: 'text', text: ' ' });
			inline.push(...own);
		} else rest.push(t);
	}
	return { inline, plain: plainOf(inline), children: blocksOf(rest) };
}

/** Split SOURCES.md at its `### <id> — <setting>` headings; every study section, keyed by id. */
export function parseSources(markdown: string): Map<string, SourceSection> {
	const sections = new Map<string, SourceSection>();
	const tokens = new Lexer({ gfm: true }).lex(markdown);
	let current: { id: string; setting: string; tokens: Token[] } | null = null;
	const close = () => {
		if (current)
			sections.set(current.id, {
				id: current.id,
				setting: current.setting,
				blocks: blocksOf(current.tokens)
			});
		current = null;
	};
	for (const t of tokens) {
		if (t.type === 'heading') {
			const h = t as Tokens.Heading;
			if (h.depth <= 3) close();
			const m = h.depth === 3 ? HEADING.exec(h.text.trim()) : null;
			if (m)
				current = {
					id: m[1] ?? '',
					setting: plainOf(inlineOf(h.tokens)).replace(/^\S+\s+[—–-]\s+/, ''),
					tokens: []
				};
			continue;
		}
		current?.tokens.push(t);
	}
	close();
	return sections;
}
