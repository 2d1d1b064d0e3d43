/**
 * Everything a study page shows, from the bundled table's row, its SOURCES.md section and the overlap table.
 * Pure and serialisable: the page's server load calls it at build time.
 */
import { parseTable } from '$lib/data/parse';
import { flagInfo, type FlagInfo } from '$lib/data/flags';
import { linksOf, provenanceOf, quotesOf, itemsOf, type NumericField } from './provenance';
import type { Block, Inline, SourceSection } from './types';

export interface StudyRef {
	id: string;
	label: string;
}

export interface ShownField {
	field: NumericField;
	label: string;
	/** The CSV cell as written; '' = not reported. */
	value: string;
	/** The bullets that give the number, with the passages they quote. */
	evidence: { inline: Inline[]; quotes: string[] }[];
}

export interface StudyPage {
	id: string;
	label: string;
	/** The citation bullet of the section (last one when an update restates it), else null. */
	citation: Inline[] | null;
	setting: string;
	/** Text cells of the row, shown as text, by column name. */
	text: Record<string, string>;
	fields: ShownField[];
	/** The row's source_urls, then every other address linked in its section. */
	sources: string[];
	flags: FlagInfo[];
	overlaps: { name: string; others: StudyRef[]; source: string }[];
	supersedes: StudyRef | null;
	supersededBy: StudyRef[];
	/** The whole section, for reading in full. */
	section: Block[];
}

/** The bundled table as header → cell records, in file order. */
export function rowsOf(csv: string): Record<string, string>[] {
	const table = parseTable(csv);
	return table.rows.map((r) => Object.fromEntries(table.headers.map((h, i) => [h, r[i] ?? ''])));
}

function labelOf(row: Record<string, string>): string {
	return [row.first_author, row.year].filter((s) => s && s.trim() !== '').join(' ') || (row.id ?? '');
}

const TEXT_COLUMNS = [
	'first_author',
	'journal',
	'doi',
	'design',
	'data_source',
	'country',
	'hr_adjusted',
	'source_confidence',
	'survival_metric_note',
	'hr_direction_note',
	'notes'
] as const;

/** The page of each bundled study, keyed by id. */
export function studyPages(
	csv: string,
	sections: ReadonlyMap<string, SourceSection>,
	overlapsCsv: string
): Map<string, StudyPage> {
	const rows = rowsOf(csv);
	const refOf = new Map(rows.map((r) => [r.id ?? '', { id: r.id ?? '', label: labelOf(r) }]));
	const ref = (id: string): StudyRef => refOf.get(id) ?? { id, label: id };
	const groups = rowsOf(overlapsCsv).map((g) => ({
		name: g.group ?? '',
		ids: (g.studies ?? '')
			.split(';')
			.map((s) => s.trim())
			.filter(Boolean),
		source: g.source ?? ''
	}));
	const pages = new Map<string, StudyPage>();
	for (const row of rows) {
		const id = row.id ?? '';
		const section = sections.get(id);
		const items = section ? itemsOf(section.blocks) : [];
		const citations = items.filter((i) => i.plain.startsWith('Citation:'));
		const citation = citations[citations.length - 1]?.inline ?? null;
		const own = (row.source_urls ?? '')
			.split(';')
			.map((u) => u.trim())
			.filter((u) => /^https?:\/\//.test(u));
		const sources = [...new Set([...own, ...(section ? linksOf(section.blocks) : [])])];
		const supersedes = (row.supersedes ?? '').trim();
		pages.set(id, {
			id,
			label: labelOf(row),
			citation,
			setting: section?.setting ?? '',
			text: Object.fromEntries(TEXT_COLUMNS.map((c) => [c, (row[c] ?? '').trim()])),
			fields: provenanceOf(row, section).map((p) => ({
				field: p.field,
				label: p.label,
				value: p.value,
				evidence: p.evidence.map((item) => ({ inline: item.inline, quotes: quotesOf(item) }))
			})),
			sources,
			flags: (row.flags ?? '')
				.split(';')
				.map((f) => f.trim())
				.filter(Boolean)
				.map(flagInfo),
			overlaps: groups
				.filter((g) => g.ids.includes(id))
				.map((g) => ({ name: g.name, others: g.ids.filter((o) => o !== id).map(ref), source: g.source })),
			supersedes: supersedes ? ref(supersedes) : null,
			supersededBy: rows.filter((r) => (r.supersedes ?? '').trim() === id).map((r) => ref(r.id ?? '')),
			section: section?.blocks ?? []
		});
	}
	return pages;
}
