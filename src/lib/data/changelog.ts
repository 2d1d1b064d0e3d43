/**
 * What changed between two versions of the bundled table (CSV text): rows added or removed, reports superseded by a
 * newer row (`supersedes` naming a row of the new version), and cells changed, old → new, with the row's sources.
 * Pure; the study pages, `/changes` and the returning visitor's note are built from it at build time.
 */
import type { Change } from './changes';
import { parseTable } from './parse';

export { countByKind, type CellChange, type Change, type ChangeKind } from './changes';

/** One version of the table as header → cell records, keyed by `id` in file order. */
export type TableRows = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** A CSV text's rows by `id` (rows without an id are left out: they cannot be followed across versions). */
export function rowsById(csv: string): TableRows {
	const table = parseTable(csv);
	const rows = new Map<string, Record<string, string>>();
	for (const cells of table.rows) {
		const row = Object.fromEntries(table.headers.map((h, i) => [h, (cells[i] ?? '').trim()]));
		const id = row.id ?? '';
		if (id !== '' && !rows.has(id)) rows.set(id, row);
	}
	return rows;
}

/** "Shien 2025" from a row's first author and year; the id when both are empty. */
export function rowLabel(row: Readonly<Record<string, string>>): string {
	return [row.first_author, row.year].filter((s) => s && s !== '').join(' ') || (row.id ?? '');
}

/** A row's `source_urls` cell as a list of addresses. */
export function sourcesOf(row: Readonly<Record<string, string>> | undefined): string[] {
	return (row?.source_urls ?? '')
		.split(';')
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/**
 * The changes from `before` to `after`, in the new version's row order (removed rows last). A row both new and
 * superseding gives two changes: `added` for it and `superseded` for the report it replaces; a row whose cells differ
 * gives one `changed` with every differing cell (columns of either version; a missing column reads as empty).
 */
export function changelog(before: TableRows, after: TableRows): Change[] {
	const out: Change[] = [];
	const base = (id: string, row: Readonly<Record<string, string>>) => ({
		id,
		label: rowLabel(row),
		sources: sourcesOf(row)
	});
	const superseded: Change[] = [];
	for (const [id, row] of after) {
		const old = before.get(id);
		if (!old) out.push({ kind: 'added', ...base(id, row) });
		else {
			const columns = [...new Set([...Object.keys(old), ...Object.keys(row)])];
			const cells = columns
				.map((column) => ({ column, before: old[column] ?? '', after: row[column] ?? '' }))
				.filter((c) => c.before !== c.after);
			if (cells.length > 0) out.push({ kind: 'changed', ...base(id, row), cells });
		}
		const target = row.supersedes ?? '';
		const targetRow = after.get(target);
		if (target !== '' && target !== id && targetRow && (old?.supersedes ?? '') !== target)
			superseded.push({
				kind: 'superseded',
				...base(target, targetRow),
				// The newer row is where the supersession is read.
				sources: sourcesOf(row),
				by: id,
				byLabel: rowLabel(row)
			});
	}
	// A superseded report is listed after the row that supersedes it.
	for (const s of superseded) {
		const at = out.findIndex((c) => c.id === (s.kind === 'superseded' ? s.by : ''));
		out.splice(at + 1, 0, s);
	}
	for (const [id, row] of before) if (!after.has(id)) out.push({ kind: 'removed', ...base(id, row) });
	return out;
}
