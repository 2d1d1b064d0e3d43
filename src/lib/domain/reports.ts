/**
 * One report per study: a row named in another loaded row's `supersedes` (the same patients, reported again later)
 * is shown but never pooled and never counted: it adds no patients. The one rule, used by pooling, the count, the
 * forest plot, the table and the tooltip.
 */
import { runPass, type Pass } from './pass';

interface Report {
	id: string;
	supersedes: string | null;
}

/**
 * Each superseded report's id → the report that supersedes it, among `reports` (a `supersedes` naming no row of
 * `reports`, or the row itself, is ignored). When two rows name the same report, the first in table order wins.
 */
export function supersededBy<R extends Report>(reports: readonly R[]): Map<string, R> {
	return runPass(reports, SUPERSEDED) as Map<string, R>;
}

/** One pass: the rows naming another (most tables have none, and then no index of every id is built). */
export const SUPERSEDED: Pass<Report, Report[], Map<string, Report>> = {
	name: 'later reports',
	start: () => [],
	step(later, r) {
		if (r.supersedes && r.supersedes !== r.id) later.push(r);
	},
	finish(later, reports) {
		const out = new Map<string, Report>();
		if (later.length === 0) return out;
		const named = new Set(later.map((r) => r.supersedes));
		const present = new Set<string>();
		for (const r of reports) if (named.has(r.id)) present.add(r.id);
		for (const r of later)
			if (present.has(r.supersedes!) && !out.has(r.supersedes!)) out.set(r.supersedes!, r);
		return out;
	}
};

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
	const { studies, patients, anyReported } = runPass(reports, PATIENTS);
	if (overlaps.length === 0)
		return { reports: reports.length, studies, patients, anyReported, overlapping: [] };
	const superseded = supersededBy(reports);
	const ids = new Set(reports.filter((r) => !superseded.has(r.id)).map((r) => r.id));
	return {
		reports: reports.length,
		studies,
		patients,
		anyReported,
		overlapping: overlaps.filter((g) => g.ids.filter((id) => ids.has(id)).length >= 2).map((g) => g.name)
	};
}

/** One pass: the latest reports and their patients (read after the later-reports pass of the same rows). */
export const PATIENTS: Pass<
	Report & { nTotal: number | null },
	{ superseded: ReadonlyMap<string, Report>; studies: number; patients: number; anyReported: boolean },
	{ studies: number; patients: number; anyReported: boolean }
> = {
	name: 'patients',
	start: (reports) => ({ superseded: supersededBy(reports), studies: 0, patients: 0, anyReported: false }),
	step(acc, r) {
		if (acc.superseded.has(r.id)) return;
		acc.studies++;
		if (r.nTotal !== null) {
			acc.patients += r.nTotal;
			acc.anyReported = true;
		}
	},
	finish: ({ studies, patients, anyReported }) => ({ studies, patients, anyReported })
};
