/**
 * Filter clauses as data, with crossfilter semantics: each clause is keyed by the control or chart that
 * made it, and a chart's view leaves out its own clauses so its own selection highlights instead of removing.
 */
import type { ChartId, Study, StudyId } from '$lib/types';
import { NOT_REPORTED_DESIGN } from '$lib/domain/design';
import { chosenFlags, type FlagSelection } from '$lib/domain/flags';
import type { PoolMethod } from '$lib/domain/method';
import { readAppraisal, writeAppraisal, type AppraisalView } from './appraisal';

export type Clause =
	| { kind: 'oneOf'; field: 'design'; values: readonly string[] }
	| { kind: 'range'; field: 'year' | 'nTotal'; min: number; max: number }
	/** `origin`: where the selection was made (a chart id or 'table'), kept in the URL as `from`; informational. */
	| { kind: 'ids'; ids: readonly StudyId[]; origin: string | null }
	| { kind: 'text'; text: string };

/** Where a clause came from; one clause per source. */
export type ClauseSource = 'design' | 'years' | 'n' | 'search' | 'select';
export type Clauses = Readonly<Partial<Record<ClauseSource, Clause>>>;

export type { PoolMethod };

/**
 * The flags sensitivity switch: flagged studies left out of pooling (still drawn). `[]` = off; `'bias'` = studies
 * with a bias flag (the switch's choice); `'all'` = every flagged study; else only studies carrying these codes.
 */
export type FlagExclusion = FlagSelection;

/** Everything the URL holds: the filters plus view options. */
export interface ViewState {
	/** The filters, and under `select` the selection (emphasis only, unless `only`). */
	clauses: Clauses;
	/** The selection acts as a filter (URL `only=1`). */
	only: boolean;
	method: PoolMethod;
	hk: boolean;
	present: boolean;
	/** Presentation mode: the slide shown, 1-based (URL `slide=N`), so a reload or a shared link resumes. */
	slide?: number;
	/** Presentation mode: this window is the presenter's (notes, next slide, timer; URL `presenter=1`). */
	presenter?: boolean;
	/** URL `exclude=bias`, `exclude=all` or `exclude=code1,code2`; absent = off. */
	exclude?: FlagExclusion;
	/** Also pool every design together (URL `overall=1`), labelled as mixing designs; off by default. */
	overall?: boolean;
	/** The appraisal's GRADE overrides, clinically important ratio and baseline (URL `grade`, `mid`, `baseline`). */
	appraisal?: AppraisalView;
	/** Chart options the exports and slides show too: survival rows by gain (URL `order=gain`; default by year). */
	order?: 'year' | 'gain';
	/** The trend chart's vertical axis: survival gain (URL `trend=gain`; default the effect). */
	trend?: 'effect' | 'gain';
}

export const DEFAULT_VIEW: ViewState = {
	clauses: {},
	only: false,
	method: 'REML',
	hk: false,
	present: false
};

/** The selected studies' ids, in the order they were selected. */
export function selectionOf(clauses: Clauses): readonly StudyId[] {
	return clauses.select?.kind === 'ids' ? clauses.select.ids : [];
}

/**
 * The clauses that filter: every clause but the selection, which only emphasises studies unless the user turned it
 * into a filter (`only`). Returns the same object when nothing is left out.
 */
export function filterClauses(clauses: Clauses, only: boolean): Clauses {
	return only ? clauses : withClause(clauses, 'select', null);
}

/** Is this study left out of pooling by the flags switch? */
export function excludedByFlags(flags: readonly string[], exclude: FlagExclusion = []): boolean {
	return chosenFlags(flags, exclude).length > 0;
}

/** Read `exclude`: "bias", "all", or a comma-separated list of flag codes; anything else is ignored. */
function readExclude(value: string | null): FlagExclusion {
	if (value === null) return [];
	if (value.trim() === 'all') return 'all';
	if (value.trim() === 'bias') return 'bias';
	return [
		...new Set(
			value
				.split(',')
				.map((v) => v.trim())
				.filter((v) => ID_LIST.test(v))
		)
	];
}

/** The test a clause applies to one study. A study with the field not reported fails a range. */
export function predicate(clause: Clause): (s: Study) => boolean {
	switch (clause.kind) {
		case 'oneOf': {
			const set = new Set(clause.values);
			return (s) => set.has(s.design ?? NOT_REPORTED_DESIGN);
		}
		case 'range':
			return (s) => {
				const v = s[clause.field];
				return v !== null && v >= clause.min && v <= clause.max;
			};
		case 'ids': {
			const set = new Set(clause.ids);
			return (s) => set.has(s.id);
		}
		case 'text': {
			const needle = clause.text.trim().toLowerCase();
			return (s) =>
				needle === '' ||
				[s.label, s.dataSource ?? '', s.country ?? '', s.id].some((t) => t.toLowerCase().includes(needle));
		}
	}
}

/**
 * Does `source` belong to `chart`, so that the chart's own view should ignore it? Only the years brush belongs to a
 * chart; a selection turned into a filter (by its own control) filters every view.
 */
function ownedBy(source: ClauseSource, chart: ChartId | null): boolean {
	return chart !== null && source === 'years' && chart === 'years';
}

/**
 * Ids of the studies that pass every clause, leaving out those `chart` made itself (null: none left out). The plain
 * reference for the crossfilter engine (engine.ts), which the page uses and which tests check against this.
 */
export function activeIds(
	studies: readonly Study[],
	clauses: Clauses,
	chart: ChartId | null = null
): Set<StudyId> {
	const tests = (Object.entries(clauses) as [ClauseSource, Clause][])
		.filter(([source]) => !ownedBy(source, chart))
		.map(([, clause]) => predicate(clause));
	const ids = new Set<StudyId>();
	for (const s of studies) if (tests.every((t) => t(s))) ids.add(s.id);
	return ids;
}

/** Set or clear one source's clause, returning the same object when nothing changes (no-op guard). */
export function withClause(clauses: Clauses, source: ClauseSource, clause: Clause | null): Clauses {
	const current = clauses[source];
	if (clause === null) {
		if (current === undefined) return clauses;
		const next = { ...clauses };
		delete next[source];
		return next;
	}
	if (current !== undefined && sameClause(current, clause)) return clauses;
	return { ...clauses, [source]: clause };
}

/** Structural equality of two clauses. */
export function sameClause(a: Clause, b: Clause): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

const RANGE = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;
const ID_LIST = /^[a-z0-9][a-z0-9-]*$/;

function readRange(value: string | null): [number, number] | null {
	const m = value === null ? null : RANGE.exec(value.trim());
	if (!m) return null;
	const a = Number(m[1]);
	const b = Number(m[2]);
	return a <= b ? [a, b] : [b, a];
}

/** Read a view from URL query parameters; anything malformed is ignored, never thrown. */
export function fromQuery(params: URLSearchParams): ViewState {
	let clauses: Clauses = {};
	const design = params.get('design');
	if (design) {
		const values = design
			.split(',')
			.map((v) => v.trim())
			.filter((v) => ID_LIST.test(v));
		if (values.length > 0)
			clauses = withClause(clauses, 'design', { kind: 'oneOf', field: 'design', values });
	}
	const years = readRange(params.get('years'));
	if (years)
		clauses = withClause(clauses, 'years', { kind: 'range', field: 'year', min: years[0], max: years[1] });
	const n = readRange(params.get('n'));
	if (n) clauses = withClause(clauses, 'n', { kind: 'range', field: 'nTotal', min: n[0], max: n[1] });
	const q = params.get('q');
	if (q && q.trim() !== '') clauses = withClause(clauses, 'search', { kind: 'text', text: q.slice(0, 200) });
	const studies = params.get('studies');
	if (studies) {
		const ids = studies.split(',').filter((id) => ID_LIST.test(id));
		const from = params.get('from');
		const origin = from !== null && ID_LIST.test(from) ? from : null;
		if (ids.length > 0) clauses = withClause(clauses, 'select', { kind: 'ids', ids, origin });
	}
	const m = params.get('method')?.toUpperCase();
	const method: PoolMethod = m === 'DL' || m === 'FE' || m === 'REML' ? m : DEFAULT_VIEW.method;
	const view: ViewState = {
		clauses,
		only: params.get('only') === '1' && clauses.select !== undefined,
		method,
		hk: params.get('hk') === '1',
		present: params.get('present') === '1'
	};
	if (params.get('overall') === '1') view.overall = true;
	if (params.get('order') === 'gain') view.order = 'gain';
	if (params.get('trend') === 'gain') view.trend = 'gain';
	const slide = Number(params.get('slide'));
	if (view.present && Number.isInteger(slide) && slide >= 1 && slide <= 999) view.slide = slide;
	if (view.present && params.get('presenter') === '1') view.presenter = true;
	const exclude = readExclude(params.get('exclude'));
	const appraisal = readAppraisal(params);
	const withAppraisal = appraisal ? { ...view, appraisal } : view;
	return exclude.length > 0 ? { ...withAppraisal, exclude } : withAppraisal;
}

const fmtNum = (n: number): string => String(Math.round(n * 100) / 100);

/** Write a view as a query string (without "?"), parameters in a fixed order so equal views give equal URLs. */
export function toQuery(view: ViewState): string {
	const params = new URLSearchParams();
	const { clauses } = view;
	for (const source of ['design', 'years', 'n', 'search', 'select'] as const) {
		const c = clauses[source];
		if (!c) continue;
		if (c.kind === 'oneOf') params.set('design', c.values.join(','));
		else if (c.kind === 'range')
			params.set(source === 'years' ? 'years' : 'n', `${fmtNum(c.min)}-${fmtNum(c.max)}`);
		else if (c.kind === 'text') params.set('q', c.text);
		else if (c.kind === 'ids') {
			params.set('studies', c.ids.join(','));
			if (c.origin) params.set('from', c.origin);
		}
	}
	if (view.only && clauses.select) params.set('only', '1');
	if (view.method !== DEFAULT_VIEW.method) params.set('method', view.method);
	if (view.hk) params.set('hk', '1');
	if (view.overall) params.set('overall', '1');
	if (view.exclude === 'all' || view.exclude === 'bias') params.set('exclude', view.exclude);
	else if (view.exclude && view.exclude.length > 0) params.set('exclude', view.exclude.join(','));
	writeAppraisal(params, view.appraisal);
	if (view.order === 'gain') params.set('order', 'gain');
	if (view.trend === 'gain') params.set('trend', 'gain');
	if (view.present) params.set('present', '1');
	if (view.present && view.slide !== undefined && view.slide > 1) params.set('slide', String(view.slide));
	if (view.present && view.presenter) params.set('presenter', '1');
	return params.toString().replace(/%2C/g, ',');
}

/** Plain-language summary of the filters in effect, for captions and slide subtitles. */
export function describeClauses(clauses: Clauses, designLabel: (key: string) => string): string {
	const parts: string[] = [];
	const d = clauses.design;
	if (d?.kind === 'oneOf') parts.push(`design: ${d.values.map(designLabel).join(', ')}`);
	const y = clauses.years;
	if (y?.kind === 'range') parts.push(`published ${y.min}–${y.max}`);
	const n = clauses.n;
	if (n?.kind === 'range')
		parts.push(
			`${Math.round(n.min).toLocaleString('en')}–${Math.round(n.max).toLocaleString('en')} patients`
		);
	const q = clauses.search;
	if (q?.kind === 'text') parts.push(`matching “${q.text}”`);
	const s = clauses.select;
	if (s?.kind === 'ids') parts.push(`${s.ids.length} selected ${s.ids.length === 1 ? 'study' : 'studies'}`);
	return parts.length === 0 ? 'All studies' : parts.join(' · ');
}
