import { describe, expect, it } from 'vitest';
import { buildCaption, citeSources, publicSite } from '../../../src/lib/export/caption';

const site = 'https://example.org/dash';
const bundled = { name: 'Primary-tumour surgery', bundled: true, version: '2026-12-06' };

describe('citeSources', () => {
	it('cites the bundled studies in view by first author and year, the version and a study page', () => {
		const text = citeSources(
			[
				{ id: 'badwe-2015', label: 'Badwe 2015' },
				{ id: 'soran-2018', label: 'Soran 2018' }
			],
			bundled,
			site
		);
		expect(text).toBe(
			"Source: Primary-tumour surgery, version 2026-12-06, from the publications Badwe 2015; Soran 2018 (first author, year). Every number with the sentence it was read in: https://example.org/dash/studies/ and the study's id, e.g. https://example.org/dash/studies/badwe-2015."
		);
		expect(text).not.toContain('data/');
		expect(text).not.toContain('<study>');
	});
	it('names the first studies and counts the rest when many are in view, for any table', () => {
		const many = Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, label: `Author${i} ${2000 + i}` }));
		const text = citeSources(many, bundled, site);
		expect(text).toContain('from 12 publications (Author0 2000; ');
		expect(text).toContain('Author7 2007; and 4 more)');
		expect(text).not.toContain('Author8');
		const user = citeSources(many, { name: 'big.csv', bundled: false, version: null }, null);
		expect(user).toContain('Author7 2007; and 4 more.');
		expect(user).not.toContain('Author8');
	});
	it('names a user table by its file name', () => {
		const table = { name: 'bcg.csv', bundled: false, version: null };
		expect(citeSources([{ id: 'a', label: 'Aronson 1948' }], table, site)).toBe(
			"Source: bcg.csv (the user's own table): Aronson 1948."
		);
		expect(citeSources([], table, site)).toBe("Source: bcg.csv (the user's own table).");
	});
	it('links no page from a development or private address', () => {
		const text = citeSources([{ id: 'khan-2002', label: 'Khan 2002' }], bundled, null);
		expect(text).toContain('on the study pages of the dashboard');
		expect(text).not.toMatch(/localhost|127\.0\.0\.1|<study>|https?:/);
	});
});

describe('publicSite', () => {
	const at = (href: string) => {
		const u = new URL(href);
		return publicSite({ protocol: u.protocol, hostname: u.hostname, origin: u.origin, pathname: u.pathname });
	};
	it.each([
		'http://localhost:4291/',
		'http://127.0.0.1:4173/',
		'http://[::1]:5173/',
		'http://192.168.1.20/',
		'http://10.0.0.5/',
		'http://172.20.1.1/',
		'http://devbox/',
		'http://printer.local/',
		'file:///home/a/index.html'
	])('%s is not public', (href) => {
		expect(at(href)).toBeNull();
	});
	it('a public origin keeps its base path', () => {
		expect(at('https://example.org/dash/')).toBe('https://example.org/dash');
		expect(at('https://evidence.example.com/')).toBe('https://evidence.example.com');
	});
});

describe('buildCaption', () => {
	const input = {
		title: 'Forest plot',
		view: 'All studies · 41 of 41 reports',
		pooled: 'pooled HR: observational 0.62',
		studies: [{ id: 'khan-2002', label: 'Khan 2002' }],
		dataset: bundled,
		site: null,
		date: '2026-12-06'
	};
	it('says "Exported" in files only, never on the live page', () => {
		expect(buildCaption({ ...input, target: 'export' }).source).toMatch(/Exported 2026-12-06\.$/);
		expect(buildCaption({ ...input, target: 'live' }).source).not.toContain('Exported');
	});
	it('carries the view and the pooled estimates in its subtitle', () => {
		expect(buildCaption({ ...input, target: 'export' }).subtitle).toBe(
			'All studies · 41 of 41 reports · pooled HR: observational 0.62'
		);
	});
});
