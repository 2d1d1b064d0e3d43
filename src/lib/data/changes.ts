/**
 * A change between two versions of the bundled table, as data: what the changelog (changelog.ts) finds and what
 * the pages draw. Imports nothing, so pages that only draw changes do not ship the CSV parser.
 */

/** The kinds of change, as `data-kind` on `/changes`. */
export type ChangeKind = 'added' | 'superseded' | 'changed' | 'removed';

/** One cell that differs between two versions of a row ('' = empty, i.e. not reported). */
export interface CellChange {
	column: string;
	before: string;
	after: string;
}

interface ChangeBase {
	/** The row's `id`. */
	id: string;
	/** "Shien 2025": first author and year, else the id. */
	label: string;
	/** The row's `source_urls` in the new version (for a superseded report: the superseding row's), one each. */
	sources: string[];
}

export type Change =
	| (ChangeBase & { kind: 'added' })
	| (ChangeBase & { kind: 'removed' })
	/** `id` is the earlier report; `by` the row of the new version whose `supersedes` names it. */
	| (ChangeBase & { kind: 'superseded'; by: string; byLabel: string })
	| (ChangeBase & { kind: 'changed'; cells: CellChange[] });

/** How many changes of each kind, for a one-line summary. */
export function countByKind(changes: readonly Change[]): Record<ChangeKind, number> {
	const counts: Record<ChangeKind, number> = { added: 0, superseded: 0, changed: 0, removed: 0 };
	for (const c of changes) counts[c.kind]++;
	return counts;
}
