import { describe, expect, it } from 'vitest';
import { citeSources } from '../../../src/lib/export/caption';

const site = 'https://example.org/dash';

describe('citeSources', () => {
	it('cites the bundled studies in view by first author and year, and the study pages', () => {
		const text = citeSources([{ label: 'Badwe 2015' }, { label: 'Soran 2018' }], {
			name: 'Primary-tumour surgery',
			bundled: true,
			site
		});
		expect(text).toBe(
			'Source: Primary-tumour surgery, from the publications Badwe 2015; Soran 2018 (first author, year). Every number with the sentence it was read in: https://example.org/dash/studies/<study>.'
		);
		expect(text).not.toContain('data/');
	});
	it('names the first studies and points to the study pages when many are in view', () => {
		const many = Array.from({ length: 12 }, (_, i) => ({ label: `Author${i} ${2000 + i}` }));
		const text = citeSources(many, { name: 'Bundled', bundled: true, site });
		expect(text).toContain('from 12 publications (Author0 2000; ');
		expect(text).toContain('Author7 2007; and 4 more)');
		expect(text).not.toContain('Author8');
		expect(text).toContain('https://example.org/dash/studies/<study>');
	});
	it('names a user table by its file name', () => {
		expect(citeSources([{ label: 'Aronson 1948' }], { name: 'bcg.csv', bundled: false, site })).toBe(
			"Source: bcg.csv (the user's own table): Aronson 1948."
		);
		expect(citeSources([], { name: 'bcg.csv', bundled: false, site })).toBe(
			"Source: bcg.csv (the user's own table)."
		);
	});
});
