import { describe, expect, it } from 'vitest';
import { designInfo } from '$lib/domain/design';
import {
	activeIds,
	DEFAULT_VIEW,
	describeClauses,
	filterClauses,
	fromQuery,
	predicate,
	selectionOf,
	toQuery,
	withClause,
	type Clause,
	type Clauses,
	type ViewState
} from '$lib/filters/clauses';
import type { ChartId } from '$lib/types';
import { makeStudy } from '../study';

const studies = [
	makeStudy({
		id: 'khan-2002',
		label: 'Khan 2002',
		year: 2002,
		design: 'registry',
		dataSource: 'National Cancer Data Base (NCDB)',
		country: 'USA',
		nTotal: 16023
	}),
	makeStudy({
		id: 'babiera-2006',
		label: 'Babiera 2006',
		year: 2006,
		design: 'single-institution',
		country: 'USA',
		nTotal: 224
	}),
	makeStudy({ id: 'leung-2010', label: 'Leung 2010', year: 2010, design: null, nTotal: 157 }),
	makeStudy({
		id: 'badwe-2015',
		label: 'Badwe 2015',
		year: 2015,
		design: 'rct',
		country: 'India',
		nTotal: 350
	}),
	makeStudy({ id: 'fields-2007', label: 'Fields 2007', year: null, design: null, nTotal: null })
];

/** The ids of the studies a predicate keeps, in table order. */
const kept = (clause: Clause) => studies.filter(predicate(clause)).map((s) => s.id);
const sorted = (ids: Set<string>) => [...ids].sort();

describe('predicate', () => {
	it.each<[string, Clause, string[]]>([
		['one design', { kind: 'oneOf', field: 'design', values: ['registry'] }, ['khan-2002']],
		[
			'two designs',
			{ kind: 'oneOf', field: 'design', values: ['rct', 'single-institution'] },
			['babiera-2006', 'badwe-2015']
		],
		[
			'design not reported matches null designs',
			{ kind: 'oneOf', field: 'design', values: ['not-reported'] },
			['leung-2010', 'fields-2007']
		],
		['no design chosen keeps nothing', { kind: 'oneOf', field: 'design', values: [] }, []],
		[
			'years, both ends inclusive; unknown year fails',
			{ kind: 'range', field: 'year', min: 2002, max: 2010 },
			['khan-2002', 'babiera-2006', 'leung-2010']
		],
		['a single year', { kind: 'range', field: 'year', min: 2006, max: 2006 }, ['babiera-2006']],
		[
			'cohort size; unknown size fails',
			{ kind: 'range', field: 'nTotal', min: 157, max: 350 },
			['babiera-2006', 'leung-2010', 'badwe-2015']
		],
		[
			'explicit ids',
			{ kind: 'ids', ids: ['badwe-2015', 'khan-2002', 'not-loaded'], origin: null },
			['khan-2002', 'badwe-2015']
		],
		['empty id list keeps nothing', { kind: 'ids', ids: [], origin: 'table' }, []],
		['text in the country, any case', { kind: 'text', text: 'usa' }, ['khan-2002', 'babiera-2006']],
		['text in the data source', { kind: 'text', text: 'NCDB' }, ['khan-2002']],
		['text in the label, trimmed', { kind: 'text', text: '  BADWE ' }, ['badwe-2015']],
		['text in the id', { kind: 'text', text: 'leung-2010' }, ['leung-2010']],
		['text matching nothing', { kind: 'text', text: 'tokyo' }, []],
		[
			'blank text keeps everything',
			{ kind: 'text', text: '   ' },
			['khan-2002', 'babiera-2006', 'leung-2010', 'badwe-2015', 'fields-2007']
		]
	])('%s', (_, clause, expected) => {
		expect(kept(clause)).toEqual(expected);
	});
});

describe('activeIds: crossfilter, each chart leaves out its own clauses (as Mosaic does)', () => {
	const design: Clause = {
		kind: 'oneOf',
		field: 'design',
		values: ['registry', 'single-institution', 'rct']
	};
	const years: Clause = { kind: 'range', field: 'year', min: 2000, max: 2010 };
	const selectFrom = (origin: ChartId | 'table' | null): Clause => ({
		kind: 'ids',
		ids: ['khan-2002', 'badwe-2015'],
		origin
	});

	it.each<[string, Clauses, ChartId | null, string[]]>([
		[
			'no clauses: every study',
			{},
			null,
			['babiera-2006', 'badwe-2015', 'fields-2007', 'khan-2002', 'leung-2010']
		],
		[
			'no clauses, seen by a chart',
			{},
			'years',
			['babiera-2006', 'badwe-2015', 'fields-2007', 'khan-2002', 'leung-2010']
		],
		['all clauses, no chart', { design, years, select: selectFrom('forest') }, null, ['khan-2002']],
		[
			'the years chart ignores the years clause',
			{ design, years, select: selectFrom('forest') },
			'years',
			['badwe-2015', 'khan-2002']
		],
		[
			'a selection used as a filter filters every chart, the one it was made in too',
			{ design, years, select: selectFrom('forest') },
			'forest',
			['khan-2002']
		],
		[
			'a chart that made nothing sees every clause',
			{ design, years, select: selectFrom('forest') },
			'cohort',
			['khan-2002']
		],
		[
			'the survival chart sees every clause too',
			{ design, years, select: selectFrom('forest') },
			'survival',
			['khan-2002']
		],
		[
			'the years chart ignores its brush, not a selection made in it',
			{ design, years, select: selectFrom('years') },
			'years',
			['badwe-2015', 'khan-2002']
		],
		[
			'a selection from the table belongs to no chart',
			{ design, years, select: selectFrom('table') },
			'forest',
			['khan-2002']
		],
		[
			'a selection of unknown origin belongs to no chart',
			{ design, years, select: selectFrom(null) },
			'trend',
			['khan-2002']
		],
		[
			'a years range under another source is not the years chart’s',
			{ n: { kind: 'range', field: 'year', min: 2000, max: 2010 } },
			'years',
			['babiera-2006', 'khan-2002', 'leung-2010']
		]
	])('%s', (_, clauses, chart, expected) => {
		expect(sorted(activeIds(studies, clauses, chart))).toEqual(expected);
	});

	it('defaults to no chart, so nothing is left out', () => {
		expect(sorted(activeIds(studies, { years, design }))).toEqual(['babiera-2006', 'khan-2002']);
	});

	it('a chart’s own view is never smaller than the global view, so its selection highlights', () => {
		const clauses: Clauses = { design, years, select: selectFrom('forest') };
		const global = activeIds(studies, clauses);
		for (const chart of ['survival', 'cohort', 'years', 'forest', 'trend'] as const) {
			const own = activeIds(studies, clauses, chart);
			expect(
				[...global].every((id) => own.has(id)),
				chart
			).toBe(true);
		}
	});

	it('returns an empty set for no studies', () => {
		expect(activeIds([], { years }, 'years').size).toBe(0);
	});
});

describe('the selection emphasises; it filters only when asked (only=1)', () => {
	const years: Clause = { kind: 'range', field: 'year', min: 2000, max: 2010 };
	const select: Clause = { kind: 'ids', ids: ['khan-2002', 'badwe-2015'], origin: null };

	it('filterClauses leaves the selection out unless it is a filter', () => {
		expect(filterClauses({ years, select }, false)).toEqual({ years });
		expect(filterClauses({ years, select }, true)).toEqual({ years, select });
	});

	it('returns the same object when there is no selection to leave out (no-op guard)', () => {
		const clauses: Clauses = { years };
		expect(filterClauses(clauses, false)).toBe(clauses);
	});

	it('selecting studies changes no chart’s active set', () => {
		for (const chart of [null, 'forest', 'years', 'funnel'] as const)
			expect(sorted(activeIds(studies, filterClauses({ years, select }, false), chart))).toEqual(
				sorted(activeIds(studies, { years }, chart))
			);
	});

	it('selectionOf lists the selected ids in order, none without a selection', () => {
		expect(selectionOf({ years, select })).toEqual(['khan-2002', 'badwe-2015']);
		expect(selectionOf({ years })).toEqual([]);
	});
});

describe('withClause', () => {
	const years: Clause = { kind: 'range', field: 'year', min: 2002, max: 2010 };
	const base: Clauses = { years };

	it('adds a clause as a new object, leaving the old one untouched', () => {
		const design: Clause = { kind: 'oneOf', field: 'design', values: ['rct'] };
		const next = withClause(base, 'design', design);
		expect(next).not.toBe(base);
		expect(next).toEqual({ years, design });
		expect(base).toEqual({ years });
	});

	it('replaces a different clause of the same source', () => {
		const next = withClause(base, 'years', { kind: 'range', field: 'year', min: 2002, max: 2011 });
		expect(next).toEqual({ years: { kind: 'range', field: 'year', min: 2002, max: 2011 } });
	});

	it('returns the very same object for an equal clause (no-op guard)', () => {
		expect(withClause(base, 'years', { kind: 'range', field: 'year', min: 2002, max: 2010 })).toBe(base);
	});

	it('returns the same object when clearing a source that has no clause', () => {
		expect(withClause(base, 'n', null)).toBe(base);
		expect(withClause({}, 'select', null)).toEqual({});
	});

	it('clears a clause as a new object without the key', () => {
		const next = withClause(base, 'years', null);
		expect(next).not.toBe(base);
		expect(next).toEqual({});
		expect('years' in next).toBe(false);
		expect(base).toEqual({ years });
	});
});

describe('fromQuery', () => {
	const view = (clauses: Clauses, options: Partial<Omit<ViewState, 'clauses'>> = {}): ViewState => ({
		...DEFAULT_VIEW,
		clauses,
		...options
	});

	it.each<[string, ViewState]>([
		['', DEFAULT_VIEW],
		[
			'design=rct,registry',
			view({ design: { kind: 'oneOf', field: 'design', values: ['rct', 'registry'] } })
		],
		[
			'design=rct,%20registry%20,Not%20A%20Key,,RCT',
			view({ design: { kind: 'oneOf', field: 'design', values: ['rct', 'registry'] } })
		],
		['design=not-reported', view({ design: { kind: 'oneOf', field: 'design', values: ['not-reported'] } })],
		['design=,,', DEFAULT_VIEW],
		['design=', DEFAULT_VIEW],
		['years=2002-2010', view({ years: { kind: 'range', field: 'year', min: 2002, max: 2010 } })],
		['years=2010-2002', view({ years: { kind: 'range', field: 'year', min: 2002, max: 2010 } })],
		['years=%202002-2010%20', view({ years: { kind: 'range', field: 'year', min: 2002, max: 2010 } })],
		['years=2006-2006', view({ years: { kind: 'range', field: 'year', min: 2006, max: 2006 } })],
		['years=2002', DEFAULT_VIEW],
		['years=2002-', DEFAULT_VIEW],
		['years=-5-10', DEFAULT_VIEW],
		['years=abc-def', DEFAULT_VIEW],
		['years=2002..2010', DEFAULT_VIEW],
		['n=100-20000', view({ n: { kind: 'range', field: 'nTotal', min: 100, max: 20000 } })],
		['n=100.5-200', view({ n: { kind: 'range', field: 'nTotal', min: 100.5, max: 200 } })],
		['n=1e3-2e3', DEFAULT_VIEW],
		['q=khan', view({ search: { kind: 'text', text: 'khan' } })],
		['q=%20%20', DEFAULT_VIEW],
		['q=', DEFAULT_VIEW],
		[
			'studies=khan-2002,badwe-2015&from=forest',
			view({ select: { kind: 'ids', ids: ['khan-2002', 'badwe-2015'], origin: 'forest' } })
		],
		['studies=khan-2002&from=table', view({ select: { kind: 'ids', ids: ['khan-2002'], origin: 'table' } })],
		[
			'studies=khan-2002,Bad%20Id,,-lead,x_y&from=No%20Where',
			view({ select: { kind: 'ids', ids: ['khan-2002'], origin: null } })
		],
		['studies=id1,id2', view({ select: { kind: 'ids', ids: ['id1', 'id2'], origin: null } })],
		['studies=,,&from=forest', DEFAULT_VIEW],
		[
			'studies=id1,id2&only=1',
			{ ...view({ select: { kind: 'ids', ids: ['id1', 'id2'], origin: null } }), only: true }
		],
		['only=1', DEFAULT_VIEW],
		['studies=id1&only=yes', view({ select: { kind: 'ids', ids: ['id1'], origin: null } })],
		['method=DL', view({}, { method: 'DL' })],
		['method=dl', view({}, { method: 'DL' })],
		['method=REML', DEFAULT_VIEW],
		['method=FE', view({}, { method: 'FE' })],
		['method=PM', DEFAULT_VIEW],
		['hk=1', view({}, { hk: true })],
		['hk=true', DEFAULT_VIEW],
		['hk=0', DEFAULT_VIEW],
		['present=1', view({}, { present: true })],
		['present=yes', DEFAULT_VIEW],
		['unknown=1&years=', DEFAULT_VIEW]
	])('?%s', (query, expected) => {
		expect(fromQuery(new URLSearchParams(query))).toEqual(expected);
	});

	it('cuts a search text at 200 characters', () => {
		const clauses = fromQuery(new URLSearchParams({ q: 'a'.repeat(300) })).clauses;
		expect(clauses.search).toEqual({ kind: 'text', text: 'a'.repeat(200) });
	});

	it('reads every parameter at once, the order of the query not mattering', () => {
		const query =
			'present=1&hk=1&method=DL&from=years&studies=id1,id2&q=ncdb&n=100-20000&years=2002-2010&design=rct,registry';
		expect(fromQuery(new URLSearchParams(query))).toEqual({
			clauses: {
				design: { kind: 'oneOf', field: 'design', values: ['rct', 'registry'] },
				years: { kind: 'range', field: 'year', min: 2002, max: 2010 },
				n: { kind: 'range', field: 'nTotal', min: 100, max: 20000 },
				search: { kind: 'text', text: 'ncdb' },
				select: { kind: 'ids', ids: ['id1', 'id2'], origin: 'years' }
			},
			only: false,
			method: 'DL',
			hk: true,
			present: true
		});
	});
});

describe('toQuery', () => {
	const full: ViewState = {
		clauses: {
			select: { kind: 'ids', ids: ['id1', 'id2'], origin: 'forest' },
			search: { kind: 'text', text: 'ncdb' },
			n: { kind: 'range', field: 'nTotal', min: 100, max: 20000 },
			years: { kind: 'range', field: 'year', min: 2002, max: 2010 },
			design: { kind: 'oneOf', field: 'design', values: ['rct', 'registry'] }
		},
		only: true,
		method: 'DL',
		hk: true,
		present: true
	};

	it.each<[string, ViewState, string]>([
		['the default view', DEFAULT_VIEW, ''],
		[
			'every parameter, in a fixed order',
			full,
			'design=rct,registry&years=2002-2010&n=100-20000&q=ncdb&studies=id1,id2&from=forest&only=1&method=DL&hk=1&present=1'
		],
		['the default method is left out', { ...DEFAULT_VIEW, method: 'REML' }, ''],
		['the fixed-effect method', { ...DEFAULT_VIEW, method: 'FE' }, 'method=FE'],
		['only=1 is left out without a selection', { ...DEFAULT_VIEW, only: true }, ''],
		[
			'a selection without origin has no from',
			{ ...DEFAULT_VIEW, clauses: { select: { kind: 'ids', ids: ['a'], origin: null } } },
			'studies=a'
		],
		[
			'numbers rounded to two decimals',
			{ ...DEFAULT_VIEW, clauses: { n: { kind: 'range', field: 'nTotal', min: 100.456, max: 200.004 } } },
			'n=100.46-200'
		],
		[
			'a search text is encoded, commas kept',
			{ ...DEFAULT_VIEW, clauses: { search: { kind: 'text', text: 'a, b & c' } } },
			'q=a,+b+%26+c'
		]
	])('%s', (_, view, expected) => {
		expect(toQuery(view)).toBe(expected);
	});
});

describe('URL round trip', () => {
	it.each([
		'',
		'design=rct,registry',
		'years=2002-2010',
		'n=100-20000',
		'studies=id1,id2',
		'studies=id1,id2&from=table',
		'method=DL',
		'method=FE',
		'hk=1',
		'present=1',
		'q=khan',
		'design=rct,registry&years=2002-2010&n=100-20000&q=ncdb&studies=id1,id2&from=forest&only=1&method=DL&hk=1&present=1'
	])('?%s survives fromQuery then toQuery unchanged', (query) => {
		expect(toQuery(fromQuery(new URLSearchParams(query)))).toBe(query);
	});

	it.each<[string, string]>([
		['years=2010-2002', 'years=2002-2010'],
		['design=rct,,Bad&hk=true&method=reml', 'design=rct'],
		['studies=id1&from=Not%20An%20Id', 'studies=id1'],
		['method=dl&present=1&years=2002-2010', 'years=2002-2010&method=DL&present=1']
	])('?%s is normalised to ?%s', (query, expected) => {
		expect(toQuery(fromQuery(new URLSearchParams(query)))).toBe(expected);
	});

	it.each<[string, Clauses]>([
		['a search text with punctuation', { search: { kind: 'text', text: ' a, b & c=d?%2C ' } }],
		['fractional cohort bounds', { n: { kind: 'range', field: 'nTotal', min: 99.5, max: 1000.25 } }],
		[
			'open-ended year range as the filter bar makes it',
			{ years: { kind: 'range', field: 'year', min: 0, max: 2010 } }
		]
	])('%s survives toQuery then fromQuery', (_, clauses) => {
		const view: ViewState = { ...DEFAULT_VIEW, clauses };
		expect(fromQuery(new URLSearchParams(toQuery(view)))).toEqual(view);
	});
});

describe('describeClauses', () => {
	const label = (key: string) => designInfo(key).label;

	it.each<[string, Clauses, string]>([
		['no clauses', {}, 'All studies'],
		[
			'one design',
			{ design: { kind: 'oneOf', field: 'design', values: ['rct'] } },
			'design: Randomised trial'
		],
		['years', { years: { kind: 'range', field: 'year', min: 2002, max: 2010 } }, 'published 2002–2010'],
		[
			'cohort sizes, rounded with thousands separators',
			{ n: { kind: 'range', field: 'nTotal', min: 99.6, max: 20000 } },
			'100–20,000 patients'
		],
		['search', { search: { kind: 'text', text: 'ncdb' } }, 'matching “ncdb”'],
		['one selected study', { select: { kind: 'ids', ids: ['a'], origin: null } }, '1 selected study'],
		[
			'everything, in a fixed order',
			{
				select: { kind: 'ids', ids: ['a', 'b'], origin: 'forest' },
				search: { kind: 'text', text: 'usa' },
				n: { kind: 'range', field: 'nTotal', min: 100, max: 1234567 },
				years: { kind: 'range', field: 'year', min: 2002, max: 2010 },
				design: { kind: 'oneOf', field: 'design', values: ['registry', 'rct', 'phase-2', 'not-reported'] }
			},
			'design: Registry, Randomised trial, phase 2, Design not reported · published 2002–2010 · 100–1,234,567 patients · matching “usa” · 2 selected studies'
		]
	])('%s', (_, clauses, expected) => {
		expect(describeClauses(clauses, label)).toBe(expected);
	});
});
