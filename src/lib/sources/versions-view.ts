/**
 * The bundled data's versions as the pages draw them (no parser, no statistics: the dashboard ships this): a
 * version in brief, what changed since a visitor's last visit, the pooled change per design class in words.
 */
import type { ChangeKind } from '$lib/data/changes';
import type { VersionName } from '$lib/data/versions';

/** One design class's pooled estimate in a version, on the ratio scale. */
export interface PooledGroup {
	/** 'observational' or 'randomised'. */
	group: string;
	k: number;
	estimate: number;
	ciLow: number;
	ciHigh: number;
}

/** A change as the dashboard's note lists it: no cell values, only which columns changed. */
export interface ChangeBrief {
	kind: ChangeKind;
	id: string;
	label: string;
	by?: string;
	byLabel?: string;
	columns?: string[];
}

/** A version as the dashboard carries it (small: the full diff is on `/changes`). */
export interface VersionBrief extends VersionName {
	measure: string;
	method: string;
	pooled: PooledGroup[];
	changes: ChangeBrief[];
}

/** What changed between the version a visitor last saw (by content hash) and the newest. */
export interface SinceVisit {
	from: VersionBrief;
	to: VersionBrief;
	changes: (ChangeBrief & { version: string })[];
}

/**
 * The changes of every version after the one with hash `seen`, oldest first; null when `seen` is the newest.
 * A hash that no kept version has (a build from between releases) counts from the oldest kept release.
 */
export function changesSince(history: readonly VersionBrief[], seen: string): SinceVisit | null {
	const to = history.at(-1);
	if (!to || to.hash === seen) return null;
	const at = history.findIndex((v) => v.hash === seen);
	const from = history[Math.max(at, 0)] ?? to;
	const changes = history
		.slice(Math.max(at, 0) + 1)
		.flatMap((v) => v.changes.map((c) => ({ ...c, version: v.id })));
	return { from, to, changes };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "4 Dec 2026" from an ISO date; the text itself when it is not one. */
export function readableDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
	return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

const r3 = (v: number) => v.toFixed(3);

/**
 * The pooled estimate of each design class from one version to another, in words: "randomised HR 0.890 → 0.891",
 * with k on both sides when it changed ("observational HR 0.628 (k = 16) → 0.622 (k = 17)").
 */
export function pooledChanges(
	from: Pick<VersionBrief, 'pooled' | 'measure'>,
	to: Pick<VersionBrief, 'pooled' | 'measure'>
): { group: string; text: string; changed: boolean }[] {
	const groups = [...new Set([...from.pooled, ...to.pooled].map((p) => p.group))].sort();
	return groups.map((group) => {
		const a = from.pooled.find((p) => p.group === group);
		const b = to.pooled.find((p) => p.group === group);
		const side = (p: PooledGroup | undefined, withK: boolean) =>
			p ? `${r3(p.estimate)}${withK ? ` (k = ${p.k})` : ''}` : 'not pooled';
		const withK = a?.k !== b?.k;
		const changed = withK || side(a, false) !== side(b, false);
		return { group, text: `${group} ${to.measure} ${side(a, withK)} → ${side(b, withK)}`, changed };
	});
}
