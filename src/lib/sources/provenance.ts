/**
 * Which sentence of a study's SOURCES.md section each number of its row was read in. Pure: a row (header →
 * cell text) and a parsed section in, one entry per numeric column out. The cell is shown as written in the CSV.
 */
import type { Block, Inline, ListItem, SourceSection } from './types';

/** The numeric columns of data/studies.csv, in table order, with the words a reader sees. */
export const NUMERIC_FIELDS = [
	{ field: 'year', label: 'Publication year' },
	{ field: 'pmid', label: 'PMID' },
	{ field: 'accrual_start', label: 'Accrual from' },
	{ field: 'accrual_end', label: 'Accrual to' },
	{ field: 'n_total', label: 'Patients' },
	{ field: 'n_surgery', label: 'Patients with surgery' },
	{ field: 'n_no_surgery', label: 'Patients without surgery' },
	{ field: 'median_os_surgery_months', label: 'Median overall survival with surgery (months)' },
	{ field: 'median_os_no_surgery_months', label: 'Median overall survival without surgery (months)' },
	{ field: 'hr_os', label: 'Hazard ratio, overall survival' },
	{ field: 'hr_ci_low', label: 'Confidence interval, lower limit' },
	{ field: 'hr_ci_high', label: 'Confidence interval, upper limit' },
	{ field: 'ci_level', label: 'Confidence level' },
	{ field: 'p_value', label: 'p-value' }
] as const;

export type NumericField = (typeof NUMERIC_FIELDS)[number]['field'];

/** Words that name a field in a bullet when its column name is not written out in backticks. */
const KEYWORDS: Record<NumericField, RegExp> = {
	year: /^Citation:/,
	pmid: /\bPMID\b/,
	accrual_start: /\baccrual\b|\bbetween\b|\bfrom\b/i,
	accrual_end: /\baccrual\b|\bbetween\b|\bfrom\b/i,
	n_total: /\bpatients\b|\bwomen\b/i,
	n_surgery: /\bper arm\b/i,
	n_no_surgery: /\bper arm\b/i,
	median_os_surgery_months: /\bmedians?\b/i,
	median_os_no_surgery_months: /\bmedians?\b/i,
	hr_os: /\bHR\b|hazard ratio|relative risk/i,
	hr_ci_low: /\bHR\b|hazard ratio|relative risk/i,
	hr_ci_high: /\bHR\b|hazard ratio|relative risk/i,
	ci_level: /\bCI\b|\bc\.i\./i,
	p_value: /\bp\s*[=<]/i
};

/** Bullets that discuss other reports or caveats rather than give the row's numbers. */
const ASIDE = /^(Disagreements?|Institution|Caveat|Other text|Overlap|Still not verified)\b/;

export interface FieldProvenance {
	field: NumericField;
	label: string;
	/** The CSV cell as written; '' = not reported. */
	value: string;
	/** The bullets of the section that give (or, for an empty cell, explain) this number; may be empty. */
	evidence: ListItem[];
}

/** The number a cell or a piece of text stands for: separators and the middle dot read, '<' ignored. */
function numberOf(text: string): number | null {
	const cleaned = text
		.replace(/^[<>≤≥=\s]+/, '')
		.replace(/[,\u2009\u00a0 ]/g, '')
		.replace('·', '.');
	if (!/^\d*\.?\d+$/.test(cleaned)) return null;
	const n = Number(cleaned);
	return Number.isFinite(n) ? n : null;
}

const GROUPED = /\d{1,3}(?:[,\u2009\u00a0 ]\d{3})+(?:[.·]\d+)?/g;
const PLAIN = /\d*[.·]\d+|\d+/g;

/** Every number written in a text, read both with and without thousands separators. */
export function numbersIn(text: string): number[] {
	const out: number[] = [];
	for (const re of [GROUPED, PLAIN]) {
		for (const m of text.matchAll(re)) {
			const n = numberOf(m[0]);
			if (n !== null) out.push(n);
		}
	}
	return out;
}

function same(a: number, b: number): boolean {
	return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}

function codesOf(inline: Inline[], out: string[] = []): string[] {
	for (const n of inline) {
		if (n.kind === 'code') out.push(n.text);
		else if (n.kind !== 'text') codesOf(n.children, out);
	}
	return out;
}

/** Every list item of the section, depth first, in reading order. */
export function itemsOf(blocks: Block[], out: ListItem[] = []): ListItem[] {
	for (const b of blocks) {
		if (b.kind !== 'list') continue;
		for (const item of b.items) {
			out.push(item);
			itemsOf(item.children, out);
		}
	}
	return out;
}

function scoreOf(item: ListItem, field: NumericField, value: string): number {
	const named = codesOf(item.inline).some((c) => c === field || c.startsWith(field + ' '));
	const keyword = KEYWORDS[field].test(item.plain);
	if (value === '') return named ? 1 : 0;
	const n = numberOf(value);
	if (n === null) return 0;
	const targets = field === 'ci_level' ? [n, n * 100] : [n];
	const found = numbersIn(item.plain).some((x) => targets.some((t) => same(x, t)));
	if (!found) return 0;
	// A bullet that leads with the value ("accrual 1990–1993: …") beats one that mentions it in passing,
	// and a disagreement or aside beats nothing but never the bullet that gives the number.
	const head = item.plain.split(/[:"]/, 1)[0] ?? '';
	const leads = numbersIn(head).some((x) => targets.some((t) => same(x, t))) ? 0.5 : 0;
	const aside = ASIDE.test(item.plain) ? 0.25 : 0;
	return (named ? 3 : keyword ? 2 : 1) + leads - aside;
}

/** Each numeric cell of the row with the bullets that give it: the best-matching ones (named in backticks and
 * holding the value, else holding the value beside a word for it, else holding the value). */
export function provenanceOf(
	row: Readonly<Record<string, string>>,
	section: SourceSection | undefined
): FieldProvenance[] {
	const items = section ? itemsOf(section.blocks) : [];
	return NUMERIC_FIELDS.map(({ field, label }) => {
		const value = (row[field] ?? '').trim();
		const scored = items.map((item) => ({ item, score: scoreOf(item, field, value) }));
		const best = Math.max(0, ...scored.map((s) => s.score));
		const evidence = best === 0 ? [] : scored.filter((s) => s.score === best).map((s) => s.item);
		return { field, label, value, evidence };
	});
}

/** The quoted passages of a bullet ("…" or “…”), in order. */
export function quotesOf(item: ListItem): string[] {
	return [...item.plain.matchAll(/"([^"]+)"|“([^”]+)”/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** Every web address linked in the section, in order of first appearance. */
export function linksOf(blocks: Block[]): string[] {
	const out: string[] = [];
	const walk = (inline: Inline[]) => {
		for (const n of inline) {
			if (n.kind === 'link' && !out.includes(n.href)) out.push(n.href);
			if (n.kind === 'strong' || n.kind === 'em' || n.kind === 'link') walk(n.children);
		}
	};
	const visit = (bs: Block[]) => {
		for (const b of bs) {
			if (b.kind === 'paragraph') walk(b.inline);
			else if (b.kind === 'list')
				for (const item of b.items) {
					walk(item.inline);
					visit(item.children);
				}
		}
	};
	visit(blocks);
	return out;
}
