/**
 * One report per study: a row named in another loaded row's `supersedes` (the same patients, reported again later)
 * is shown but never pooled and never counted: it adds no patients. The one rule, used by pooling, the count, the
 * forest plot, the table and the tooltip.
 */

interface Report {
	id: string;
	supersedes: string | null;
}

/**
 * Each superseded report's id → the report that supersedes it, among `reports` (a `supersedes` naming no row of
 * `reports`, or the row itself, is ignored). When two rows name the same report, the first in table order wins.
 */
export function supersededBy<R extends Report>(reports: readonly R[]): Map<string, R> {
	const out = new Map<string, R>();
	// Most tables have no later reports: no index of every id for them.
	if (!reports.some((r) => r.supersedes)) return out;
	const ids = new Set(reports.map((r) => r.id));
	for (const r of reports)
		if (r.supersedes && r.supersedes !== r.id && ids.has(r.supersedes) && !out.has(r.supersedes))
			out.set(r.supersedes, r);
	return out;
}

/** The reports that stand for their study (none superseded by another report of `reports`), in input order. */
export function latestReports<R extends Report>(reports: readonly R[]): R[] {
	const superseded = supersededBy(reports);
	return superseded.size === 0 ? reports.slice() : reports.filter((r) => !superseded.has(r.id));
}

/** Groups of studies that share patients (e.g. one registry), from `data/overlaps.csv`. */
export interface OverlapGroup {
	name: string;
	ids: readonly string[];
}

/** Patients in view, each study counted once, and whether cohorts that overlap are among them. */
export interface PatientCount {
	/** Reports in view. */
	reports: number;
	/** Studies in view: reports less those superseded by another report in view. */
	studies: number;
	/** Sum of `nTotal` over the latest reports (superseded reports add none). */
	patients: number;
	/** Whether any patient was reported (else "patients not reported"). */
	anyReported: boolean;
	/** The overlap groups with two or more counted studies in view (their patients may be counted twice). */
	overlapping: string[];
}

/** Count the patients of `reports` once per study, and name the overlapping cohorts among them. */
export function countPatients(
	reports: ReadonlyArray<Report & { nTotal: number | null }>,
	overlaps: readonly OverlapGroup[] = []
): PatientCount {
	const latest = latestReports(reports);
	let patients = 0;
	let anyReported = false;
	for (const r of latest)
		if (r.nTotal !== null) {
			patients += r.nTotal;
			anyReported = true;
		}
	const ids = overlaps.length > 0 ? new Set(latest.map((r) => r.id)) : new Set<string>();
	return {
		reports: reports.length,
		studies: latest.length,
		patients,
		anyReported,
		overlapping: overlaps.filter((g) => g.ids.filter((id) => ids.has(id)).length >= 2).map((g) => g.name)
	};
}
