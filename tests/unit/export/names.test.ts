import { describe, expect, it } from 'vitest';
import { exportName, viewSlug } from '../../../src/lib/export/names';
import { DEFAULT_VIEW, fromQuery } from '../../../src/lib/filters/clauses';

const view = (query: string) => fromQuery(new URLSearchParams(query));

describe('viewSlug', () => {
	it.each([
		['', 'all'],
		['design=rct', 'rct'],
		['design=rct,registry', 'rct-registry'],
		['years=2002-2010', '2002-2010'],
		['n=100-20000', 'n100-20000'],
		['q=Soran%20%2F%20MF07', 'q-soran-mf07'],
		['studies=a,b', '2-selected'],
		['design=rct&years=2010-2020', 'rct-2010-2020']
	])('%s → %s', (query, expected) => {
		expect(viewSlug(view(query))).toBe(expected);
	});
});

describe('exportName', () => {
	it('names the view and the method for pooled charts', () => {
		expect(exportName('forest', view('design=rct'), 'png', { scale: 2 })).toBe('forest-rct-reml-2x.png');
		expect(exportName('forest', view('method=DL&hk=1'), 'svg')).toBe('forest-all-dl-hk.svg');
	});
	it('leaves the method out where it changes nothing', () => {
		expect(exportName('survival', DEFAULT_VIEW, 'svg')).toBe('survival-all.svg');
	});
	it('gives filtered and unfiltered exports different names', () => {
		expect(exportName('cohort', view('design=rct'), 'png', { scale: 1 })).not.toBe(
			exportName('cohort', DEFAULT_VIEW, 'png', { scale: 1 })
		);
	});
	it('names a preset other than the natural one', () => {
		expect(exportName('years', DEFAULT_VIEW, 'png', { preset: 'slide', scale: 1 })).toBe(
			'years-all-slide-1x.png'
		);
		expect(exportName('years', DEFAULT_VIEW, 'pdf', { preset: 'natural' })).toBe('years-all.pdf');
	});
});

describe('variants are named', () => {
	it('dark and transparent exports never take the default file name', async () => {
		const { variantSuffix } = await import('../../../src/lib/export/names');
		const view = fromQuery(new URLSearchParams(''));
		const name = (theme: 'screen' | 'light' | 'dark', background: 'solid' | 'transparent') =>
			exportName('survival', view, 'png', { variant: variantSuffix(theme, background), scale: 2 });
		expect(name('screen', 'solid')).toBe('survival-all-2x.png');
		expect(name('dark', 'solid')).toBe('survival-all-dark-2x.png');
		expect(name('screen', 'transparent')).toBe('survival-all-transparent-2x.png');
		expect(name('light', 'transparent')).toBe('survival-all-light-transparent-2x.png');
		expect(exportName('slides', view, 'pptx', { variant: 'dark' })).toBe('slides-all-reml-dark.pptx');
	});
});
