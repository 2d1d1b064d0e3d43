/** The page's one filter state: committed clauses mirror the URL; a gesture in progress previews on top. */
import type { StudyId } from '$lib/types';
import { DEFAULT_VIEW, toQuery, withClause, type Clause, type ClauseSource, type ViewState } from './clauses';

/** How a committed change reaches the URL: push adds a history entry, replace does not. */
export type Navigate = (query: string, mode: 'push' | 'replace') => void;

export class FilterState {
	/** The view as the URL says (set from the URL only). */
	view = $state.raw<ViewState>(DEFAULT_VIEW);
	/** A clause being dragged (brush): shown everywhere, committed to the URL at gesture end. */
	preview = $state.raw<{ source: ClauseSource; clause: Clause | null } | null>(null);
	/** The study under the pointer or keyboard focus, highlighted in every chart and the table. */
	hovered = $state<StudyId | null>(null);

	clauses = $derived(
		this.preview ? withClause(this.view.clauses, this.preview.source, this.preview.clause) : this.view.clauses
	);

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

	/** Remove every filter, keeping view options. */
	clear(): void {
		this.preview = null;
		if (Object.keys(this.view.clauses).length === 0) return;
		this.#commit({ ...this.view, clauses: {} }, 'push');
	}

	#commit(view: ViewState, mode: 'push' | 'replace'): void {
		const query = toQuery(view);
		if (query === toQuery(this.view)) return;
		this.view = view;
		this.#navigate(query, mode);
	}
}
