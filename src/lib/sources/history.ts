/**
 * The bundled data's history, computed at build time from the releases kept in the repository and the current table:
 * each version with its changes against the one before and the pooled estimate per design class (pooled as the
 * dashboard's default view pools), a row's history for its study page, and what changed since a visitor's last visit.
 * Pure and serialisable.
 */
import { changelog, rowsById, type Change, type ChangeKind } from '$lib/data/changelog';
import { loadTable } from '$lib/data/load';
import type { VersionName, VersionText } from '$lib/data/versions';
import { fromQuery } from '$lib/filters/clauses';
import { summarise } from '$lib/stats/summary';
import { toRatio } from '$lib/domain/ratio';
import type { PooledGroup, VersionBrief } from './versions-view';

export * from './versions-view';

export interface VersionEntry extends VersionName {
	/** Rows of the table. */
	rows: number;
	/** Changes against the version before (none for the first kept release). */
	changes: Change[];
	/** The effect measure's abbreviation ("HR"). */
	measure: string;
	/** The default view's estimator ("REML"). */
	method: string;
	/** Pooled per design class with the default view's options (estimator, flags switch), in the page's order. */
	pooled: PooledGroup[];
}

/** The pooled estimate per design class of one version of the table, as the dashboard's default view pools it. */
export function pooledByDesignClass(csv: string): Pick<VersionEntry, 'measure' | 'method' | 'pooled'> {
	const { studies } = loadTable(csv, 'version');
	const view = fromQuery(new URLSearchParams());
	const summary = summarise(studies, {
		method: view.method,
		hk: view.hk,
		leaveOutFlags: view.exclude ?? [],
		unreportedDesign: 'observational'
	});
	const pooled = summary.groups.flatMap((g) =>
		g.result
			? [
					{
						group: g.key,
						k: g.result.k,
						estimate: toRatio(g.result.estimate),
						ciLow: toRatio(g.result.ciLow),
						ciHigh: toRatio(g.result.ciHigh)
					}
				]
			: []
	);
	pooled.sort((a, b) => a.group.localeCompare(b.group));
	return {
		measure: studies.find((s) => s.effect !== null)?.effectMeasure ?? 'HR',
		method: view.method,
		pooled
	};
}

/** Every version, oldest first, with its changes and pooled estimates. */
export function datasetHistory(versions: readonly (VersionText & VersionName)[]): VersionEntry[] {
	let previous: ReturnType<typeof rowsById> | null = null;
	return versions.map((v) => {
		const rows = rowsById(v.text);
		const changes = previous ? changelog(previous, rows) : [];
		previous = rows;
		return { id: v.id, date: v.date, hash: v.hash, rows: rows.size, changes, ...pooledByDesignClass(v.text) };
	});
}

/** One entry of a row's history: the version and what happened to the row in it. */
export interface RowEvent {
	version: string;
	date: string;
	/** 'listed': the row is in the first kept release (the start of its recorded history). */
	kind: ChangeKind | 'listed';
	change: Change | null;
}

/**
 * What happened to row `id` of the current table, version by version, oldest first (versions that left it alone
 * are not listed); a row no later version added was in the first kept release.
 */
export function rowHistory(history: readonly VersionEntry[], id: string): RowEvent[] {
	const inFirst = !history.some((v) => v.changes.some((c) => c.id === id && c.kind === 'added'));
	const out: RowEvent[] = [];
	history.forEach((v, i) => {
		if (i === 0 && inFirst) out.push({ version: v.id, date: v.date, kind: 'listed', change: null });
		for (const change of v.changes)
			if (change.id === id) out.push({ version: v.id, date: v.date, kind: change.kind, change });
	});
	return out;
}

/** The history without cell values, for the dashboard's returning-visitor note. */
export function briefHistory(history: readonly VersionEntry[]): VersionBrief[] {
	return history.map((v) => ({
		id: v.id,
		date: v.date,
		hash: v.hash,
		measure: v.measure,
		method: v.method,
		pooled: v.pooled,
		changes: v.changes.map((c) => ({
			kind: c.kind,
			id: c.id,
			label: c.label,
			...(c.kind === 'superseded' ? { by: c.by, byLabel: c.byLabel } : {}),
			...(c.kind === 'changed' ? { columns: c.cells.map((cell) => cell.column) } : {})
		}))
	}));
}
