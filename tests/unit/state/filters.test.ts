import { describe, expect, it, vi } from 'vitest';
import type { Clause } from '$lib/filters/clauses';
import { FilterState, type Navigate } from '$lib/state/filters.svelte';

const years: Clause = { kind: 'range', field: 'year', min: 2002, max: 2010 };
const rct: Clause = { kind: 'oneOf', field: 'design', values: ['rct'] };

function setup() {
	const navigate = vi.fn<Navigate>();
	return { navigate, filters: new FilterState(navigate) };
}

describe('FilterState', () => {
	it('starts with no clauses, the default options and nothing previewed', () => {
		const { filters, navigate } = setup();
		expect(filters.clauses).toEqual({});
		expect(filters.view).toEqual({ clauses: {}, only: false, method: 'REML', hk: false, present: false });
		expect(filters.preview).toBeNull();
		expect(navigate).not.toHaveBeenCalled();
	});

	it.each<['push' | 'replace' | undefined, 'push' | 'replace']>([
		[undefined, 'push'],
		['push', 'push'],
		['replace', 'replace']
	])('set() with mode %s navigates once to the new query with mode %s', (mode, expected) => {
		const { filters, navigate } = setup();
		filters.set('years', years, mode);
		expect(navigate).toHaveBeenCalledTimes(1);
		expect(navigate).toHaveBeenCalledWith('years=2002-2010', expected);
		expect(filters.view.clauses).toEqual({ years });
		expect(filters.clauses).toEqual({ years });
	});

	it('set() adds to the clauses already there, in the URL’s fixed order', () => {
		const { filters, navigate } = setup();
		filters.set('years', years);
		filters.set('design', rct);
		expect(navigate.mock.calls).toEqual([
			['years=2002-2010', 'push'],
			['design=rct&years=2002-2010', 'push']
		]);
	});

	it('set() with an equal clause does not navigate (no-op guard)', () => {
		const { filters, navigate } = setup();
		filters.set('years', years);
		const before = filters.view;
		filters.set('years', { kind: 'range', field: 'year', min: 2002, max: 2010 });
		expect(navigate).toHaveBeenCalledTimes(1);
		expect(filters.view).toBe(before);
	});

	it('set() with null clears a clause; clearing an absent one does nothing', () => {
		const { filters, navigate } = setup();
		filters.set('n', null);
		expect(navigate).not.toHaveBeenCalled();
		filters.set('years', years);
		filters.set('years', null, 'replace');
		expect(navigate.mock.calls).toEqual([
			['years=2002-2010', 'push'],
			['', 'replace']
		]);
		expect(filters.clauses).toEqual({});
	});

	it('setPreview() shows a clause on top of the committed ones without navigating', () => {
		const { filters, navigate } = setup();
		filters.set('design', rct);
		filters.setPreview('years', years);
		expect(filters.clauses).toEqual({ design: rct, years });
		expect(filters.view.clauses).toEqual({ design: rct });
		filters.setPreview('design', null);
		expect(filters.clauses).toEqual({});
		expect(navigate).toHaveBeenCalledTimes(1);
	});

	it('setPreview() with the same clause keeps the same preview object', () => {
		const { filters } = setup();
		filters.setPreview('years', years);
		const first = filters.preview;
		filters.setPreview('years', { kind: 'range', field: 'year', min: 2002, max: 2010 });
		expect(filters.preview).toBe(first);
	});

	it('set() at the end of a gesture drops the preview and commits once', () => {
		const { filters, navigate } = setup();
		filters.setPreview('years', { kind: 'range', field: 'year', min: 2003, max: 2004 });
		filters.setPreview('years', years);
		filters.set('years', years);
		expect(filters.preview).toBeNull();
		expect(filters.clauses).toEqual({ years });
		expect(navigate.mock.calls).toEqual([['years=2002-2010', 'push']]);
	});

	it('a gesture that ends where it started drops the preview without navigating', () => {
		const { filters, navigate } = setup();
		filters.set('years', years);
		filters.setPreview('years', { kind: 'range', field: 'year', min: 2003, max: 2004 });
		filters.set('years', years);
		expect(filters.preview).toBeNull();
		expect(filters.clauses).toEqual({ years });
		expect(navigate).toHaveBeenCalledTimes(1);
	});

	it('clear() removes every clause and the preview, keeps the options, and pushes once', () => {
		const { filters, navigate } = setup();
		filters.setOption({ method: 'DL', hk: true });
		filters.set('years', years);
		filters.set('design', rct);
		filters.setPreview('n', { kind: 'range', field: 'nTotal', min: 100, max: 200 });
		navigate.mockClear();
		filters.clear();
		expect(navigate.mock.calls).toEqual([['method=DL&hk=1', 'push']]);
		expect(filters.clauses).toEqual({});
		expect(filters.preview).toBeNull();
		expect(filters.view).toEqual({ clauses: {}, only: false, method: 'DL', hk: true, present: false });
	});

	it('clear() with no clauses does not navigate but still drops a preview', () => {
		const { filters, navigate } = setup();
		filters.setPreview('years', years);
		filters.clear();
		expect(navigate).not.toHaveBeenCalled();
		expect(filters.clauses).toEqual({});
	});

	it.each<[Parameters<FilterState['setOption']>[0], string]>([
		[{ method: 'DL' }, 'method=DL'],
		[{ hk: true }, 'hk=1'],
		[{ present: true }, 'present=1']
	])('setOption(%o) navigates to %s', (patch, query) => {
		const { filters, navigate } = setup();
		filters.setOption(patch, 'replace');
		expect(navigate.mock.calls).toEqual([[query, 'replace']]);
	});

	it('setOption() with the current value does not navigate', () => {
		const { filters, navigate } = setup();
		filters.setOption({ method: 'REML', hk: false });
		expect(navigate).not.toHaveBeenCalled();
	});

	it('selecting studies emphasises them and filters nothing', () => {
		const { filters, navigate } = setup();
		filters.set('years', years);
		filters.toggleSelect('khan-2002');
		filters.toggleSelect('badwe-2015');
		expect([...filters.selection]).toEqual(['khan-2002', 'badwe-2015']);
		expect(filters.clauses).toEqual({ years });
		expect(navigate).toHaveBeenLastCalledWith('years=2002-2010&studies=khan-2002,badwe-2015', 'push');
	});

	it('toggleSelect() on a selected study takes it out; the last one out empties the selection', () => {
		const { filters } = setup();
		filters.toggleSelect('khan-2002');
		filters.toggleSelect('khan-2002');
		expect(filters.selection.size).toBe(0);
		expect(filters.view.clauses).toEqual({});
	});

	it('setOnly() turns the selection into a filter (only=1); clearSelection() ends both', () => {
		const { filters, navigate } = setup();
		filters.toggleSelect('khan-2002');
		filters.setOnly(true);
		expect(navigate).toHaveBeenLastCalledWith('studies=khan-2002&only=1', 'push');
		expect(filters.clauses.select).toEqual({ kind: 'ids', ids: ['khan-2002'], origin: null });
		filters.clearSelection();
		expect(filters.view.only).toBe(false);
		expect(filters.clauses).toEqual({});
		expect(navigate).toHaveBeenLastCalledWith('', 'push');
	});

	it('setOnly(true) without a selection does nothing', () => {
		const { filters, navigate } = setup();
		filters.setOnly(true);
		expect(navigate).not.toHaveBeenCalled();
		expect(filters.view.only).toBe(false);
	});
});
