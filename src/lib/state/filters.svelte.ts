/** The page's one filter state: committed clauses mirror the URL; a gesture in progress previews on top. */
import type { StudyId } from '$lib/types';
import {
	DEFAULT_VIEW,
	filterClauses,
	selectionOf,
	toQuery,
	withClause,
	type Clause,
	type ClauseSource,
	type ViewState
} from '$lib/filters/clauses';

/** How a committed change reaches the URL: push adds a history entry, replace does not. */
export type Navigate = (query: string, mode: 'push' | 'replace') => void;

export class FilterState {
	/** The view as the URL says (set from the URL only). */
	view = $state.raw<ViewState>(DEFAULT_VIEW);
	/** A clause being dragged (brush): shown everywhere, committed to the URL at gesture end. */
	preview = $state.raw<{ source: ClauseSource; clause: Clause | null } | null>(null);
	/** The study under the pointer or keyboard focus, highlighted in every chart and the table. */
	hovered = $state<StudyId | null>(null);

	/** The clauses that filter (the selection only when it is turned into a filter), with any preview on top. */
	clauses = $derived.by(() => {
		const committed = filterClauses(this.view.clauses, this.view.only);
		return this.preview ? withClause(committed, this.preview.source, this.preview.clause) : committed;
	});
	/** The selected studies: emphasised everywhere, filtering nothing unless `view.only`. */
	selection = $derived(new Set<StudyId>(selectionOf(this.view.clauses)));

	#navigate: Navigate;

	constructor(navigate: Navigate) {
		this.#navigate = navigate;
	}

	/** Commit a clause (null clears it). Does nothing when the clause is unchanged. */
	set(source: ClauseSource, clause: Clause | null, mode: 'push' | 'replace' = 'push'): void {
		this.preview = null;
		const clauses = withClause(this.view.clauses, source, clause);
		if (clauses === this.view.clauses) return;
		this.#commit({ ...this.view, clauses }, mode);
	}

	/** Show a clause while a gesture runs, without touching history. */
	setPreview(source: ClauseSource, clause: Clause | null): void {
		const current = this.preview;
		if (current && current.source === source && JSON.stringify(current.clause) === JSON.stringify(clause))
			return;
		this.preview = { source, clause };
	}

	/** Change a view option (method, Hartung–Knapp, presentation). */
	setOption(patch: Partial<Omit<ViewState, 'clauses'>>, mode: 'push' | 'replace' = 'push'): void {
		this.#commit({ ...this.view, ...patch }, mode);
	}

	/** Add a study to the selection, or take it out when it is in. */
	toggleSelect(id: StudyId): void {
		const ids = selectionOf(this.view.clauses);
		const next = ids.includes(id) ? ids.filter((i) => i !== id) : [...ids, id];
		if (next.length === 0) this.clearSelection();
		else this.set('select', { kind: 'ids', ids: next, origin: null });
	}

	/** Empty the selection (and so end its use as a filter). */
	clearSelection(): void {
		if (this.view.clauses.select === undefined) return;
		this.#commit(
			{ ...this.view, clauses: withClause(this.view.clauses, 'select', null), only: false },
			'push'
		);
	}

	/** Use the selection as a filter, or stop. */
	setOnly(only: boolean): void {
		if (only && this.view.clauses.select === undefined) return;
		this.#commit({ ...this.view, only }, 'push');
	}

	/** Remove every filter, keeping view options. */
	clear(): void {
		this.preview = null;
		if (Object.keys(this.view.clauses).length === 0) return;
		this.#commit({ ...this.view, clauses: {}, only: false }, 'push');
	}

	#commit(view: ViewState, mode: 'push' | 'replace'): void {
		const query = toQuery(view);
		if (query === toQuery(this.view)) return;
		this.view = view;
		this.#navigate(query, mode);
	}
}
