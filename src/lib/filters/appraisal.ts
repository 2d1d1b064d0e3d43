/**
 * The appraisal's part of the view, kept in the URL: the user's GRADE overrides (`grade=obs.rob:-1:reason|…`), the
 * clinically important ratio (`mid=0.8`) and the baseline median survival in months (`baseline=18`). Read
 * defensively: anything malformed is dropped, never thrown, and lengths are capped.
 */
import type { DesignClass } from '../stats/appraisal/classes';
import { allowedChanges, DOMAINS, type Domain } from '../stats/appraisal/domains';
import type { Override } from '../stats/appraisal/grade';

/** Overrides per class and domain. */
export type GradeOverrides = Readonly<Partial<Record<DesignClass, Partial<Record<Domain, Override>>>>>;

export interface AppraisalView {
	grade: GradeOverrides;
	/** The clinically important ratio (0 < mid < 1); absent: the default. */
	mid?: number;
	/** The baseline median survival in months; absent: from the data. */
	baseline?: number;
}

/** The clinically important hazard ratio when the user has not set one. */
export const DEFAULT_MID = 0.8;
/** Caps: the `grade` parameter's length, the number of overrides and a reason's length. */
export const GRADE_MAX_CHARS = 2000;
export const GRADE_MAX_OVERRIDES = 12;
export const REASON_MAX_CHARS = 160;

const GROUP_CODES: Readonly<Record<DesignClass, string>> = { observational: 'obs', randomised: 'rct' };
const DOMAIN_CODES: Readonly<Record<Domain, string>> = {
	rob: 'rob',
	inconsistency: 'inc',
	indirectness: 'ind',
	imprecision: 'imp',
	publication: 'pub',
	large: 'lrg'
};
const GROUP_BY_CODE = new Map(Object.entries(GROUP_CODES).map(([k, v]) => [v, k as DesignClass]));
const DOMAIN_BY_CODE = new Map(Object.entries(DOMAIN_CODES).map(([k, v]) => [v, k as Domain]));

/** A reason as it can travel: one line, no separator characters, at most REASON_MAX_CHARS. */
export function cleanReason(text: string): string {
	const printable = [...text].map((c) =>
		c === '|' || c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c
	);
	return printable.join('').replace(/\s+/g, ' ').trim().slice(0, REASON_MAX_CHARS);
}

/** Read `grade`: entries "group.domain:change:reason" joined by "|"; invalid entries are dropped. */
export function readGrade(value: string | null): GradeOverrides {
	if (value === null || value.length > GRADE_MAX_CHARS) return {};
	const out: Partial<Record<DesignClass, Partial<Record<Domain, Override>>>> = {};
	let count = 0;
	for (const entry of value.split('|')) {
		if (count >= GRADE_MAX_OVERRIDES) break;
		const m = /^([a-z]+)\.([a-z]+):([+-]?\d):(.*)$/s.exec(entry);
		if (!m) continue;
		const group = GROUP_BY_CODE.get(m[1] ?? '');
		const domain = DOMAIN_BY_CODE.get(m[2] ?? '');
		const change = Number(m[3]);
		const reason = cleanReason(m[4] ?? '');
		if (!group || !domain || !allowedChanges(domain).includes(change) || reason === '') continue;
		out[group] = { ...out[group], [domain]: { change, reason } };
		count++;
	}
	return out;
}

/** Write overrides as the `grade` value ('' when none), in a fixed order so equal views give equal URLs. */
export function writeGrade(grade: GradeOverrides): string {
	const entries: string[] = [];
	for (const group of ['observational', 'randomised'] as const)
		for (const domain of DOMAINS) {
			const o = grade[group]?.[domain];
			if (!o) continue;
			const reason = cleanReason(o.reason);
			if (reason === '' || !allowedChanges(domain).includes(o.change)) continue;
			entries.push(`${GROUP_CODES[group]}.${DOMAIN_CODES[domain]}:${o.change}:${reason}`);
		}
	const kept: string[] = [];
	let length = 0;
	for (const e of entries.slice(0, GRADE_MAX_OVERRIDES)) {
		if (length + e.length + 1 > GRADE_MAX_CHARS) break;
		kept.push(e);
		length += e.length + 1;
	}
	return kept.join('|');
}

/** A number in (lo, hi) from a parameter, else undefined. */
function readNumber(value: string | null, lo: number, hi: number): number | undefined {
	if (value === null || value.length > 12) return undefined;
	const v = Number(value);
	return Number.isFinite(v) && v > lo && v < hi ? v : undefined;
}

/** Read the appraisal's parameters; undefined when none is set. */
export function readAppraisal(params: URLSearchParams): AppraisalView | undefined {
	const grade = readGrade(params.get('grade'));
	const mid = readNumber(params.get('mid'), 0, 1);
	const baseline = readNumber(params.get('baseline'), 0, 1000);
	if (Object.keys(grade).length === 0 && mid === undefined && baseline === undefined) return undefined;
	return {
		grade,
		...(mid === undefined ? {} : { mid }),
		...(baseline === undefined ? {} : { baseline })
	};
}

/** Write the appraisal's parameters into `params` (nothing when absent or empty). */
export function writeAppraisal(params: URLSearchParams, view: AppraisalView | undefined): void {
	if (!view) return;
	const grade = writeGrade(view.grade);
	if (grade !== '') params.set('grade', grade);
	if (view.mid !== undefined) params.set('mid', String(Math.round(view.mid * 1000) / 1000));
	if (view.baseline !== undefined) params.set('baseline', String(Math.round(view.baseline * 10) / 10));
}

/** The view with one override set (null: removed); undefined when nothing is left. */
export function withOverride(
	view: AppraisalView | undefined,
	group: DesignClass,
	domain: Domain,
	override: Override | null
): AppraisalView | undefined {
	const grade: Partial<Record<DesignClass, Partial<Record<Domain, Override>>>> = { ...view?.grade };
	const forGroup = { ...grade[group] };
	if (override) forGroup[domain] = { change: override.change, reason: cleanReason(override.reason) };
	else delete forGroup[domain];
	if (Object.keys(forGroup).length > 0) grade[group] = forGroup;
	else delete grade[group];
	return tidy({ ...view, grade });
}

/** Undefined when the appraisal view holds nothing. */
export function tidy(view: AppraisalView): AppraisalView | undefined {
	return Object.keys(view.grade).length === 0 && view.mid === undefined && view.baseline === undefined
		? undefined
		: view;
}
