import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseSources } from '$lib/sources/markdown.server';
import { NUMERIC_FIELDS, quotesOf, numbersIn } from '$lib/sources/provenance';
import { studyPages } from '$lib/sources/study';
import { FLAGS } from '$lib/data/flags';
import type { Inline } from '$lib/sources/types';

const csv = readFileSync('data/studies.csv', 'utf8');
const sourcesMd = readFileSync('data/SOURCES.md', 'utf8');
const overlaps = readFileSync('data/overlaps.csv', 'utf8');
const reference = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
const sections = parseSources(sourcesMd);
const pages = studyPages(csv, sections, overlaps);

const plain = (nodes: Inline[]): string =>
	nodes.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : plain(n.children))).join('');

describe('study pages', () => {
	it('there is one page per row of the bundled table, each with its SOURCES.md section', () => {
		expect([...pages.keys()]).toEqual(reference.map((r) => r.id));
		expect(reference.filter((r) => !sections.has(r.id ?? '')).map((r) => r.id)).toEqual([]);
	});

	it.each(reference.map((r) => [r.id ?? '', r] as const))(
		'%s shows every numeric cell exactly as in data/studies.csv',
		(id, r) => {
			const page = pages.get(id);
			expect(page?.fields.map((f) => f.field)).toEqual(NUMERIC_FIELDS.map((f) => f.field));
			for (const f of page?.fields ?? []) expect(f.value, f.field).toBe((r[f.field] ?? '').trim());
		}
	);

	it.each(reference.map((r) => [r.id ?? '', r] as const))(
		'%s: each filled number is quoted beside a bullet holding that number',
		(id) => {
			const page = pages.get(id);
			const filled = page?.fields.filter((f) => f.value !== '') ?? [];
			for (const f of filled) {
				for (const e of f.evidence) {
					const target = Number(f.value.replace(/^[<>≤≥]/, ''));
					const targets = f.field === 'ci_level' ? [target, target * 100] : [target];
					expect(
						numbersIn(plain(e.inline)).some((x) => targets.some((t) => Math.abs(x - t) < 1e-9)),
						`${f.field} ${f.value}`
					).toBe(true);
				}
			}
			// Rows with numbers verified in a source quote a sentence for nearly all of them.
			const quoted = filled.filter((f) => f.evidence.length > 0).length;
			expect(quoted).toBeGreaterThanOrEqual(filled.length - 1);
		}
	);

	it('khan-2002 gives n_total with the sentence it was read in', () => {
		const f = pages.get('khan-2002')?.fields.find((x) => x.field === 'n_total');
		expect(f?.value).toBe('16023');
		expect(f?.evidence.flatMap((e) => e.quotes)).toContain(
			'A total of 16,023 patients with stage IV disease were identified in the NCDB'
		);
	});

	it('links every source_urls address and the section’s own, web addresses only', () => {
		for (const r of reference) {
			const page = pages.get(r.id ?? '');
			for (const u of (r.source_urls ?? '').split(';').filter(Boolean)) expect(page?.sources).toContain(u);
			for (const u of page?.sources ?? []) expect(u).toMatch(/^https?:\/\//);
		}
	});

	it('says which report supersedes which, and the overlap groups in words', () => {
		expect(pages.get('soran-2018')?.supersededBy.map((s) => s.id)).toEqual(['soran-2021']);
		expect(pages.get('soran-2021')?.supersedes?.id).toBe('soran-2018');
		const groups = pages.get('babiera-2006')?.overlaps ?? [];
		expect(groups.map((g) => g.others.map((o) => o.id))).toEqual([['rao-2008', 'lang-2013']]);
	});

	it('every flag code in the table and in SOURCES.md has words', () => {
		const known = new Set(FLAGS.map((f) => f.code));
		const inTable = new Set(reference.flatMap((r) => (r.flags ?? '').split(';').filter(Boolean)));
		expect([...inTable].filter((c) => !known.has(c))).toEqual([]);
		const flagsPart = sourcesMd.slice(
			sourcesMd.indexOf('**`flags`**'),
			sourcesMd.indexOf('Overlapping cohorts are not flags')
		);
		const inSources = [...flagsPart.matchAll(/`([a-z0-9-]+)`/g)]
			.map((m) => m[1])
			.filter((c) => c !== 'flags');
		expect(inSources.length).toBeGreaterThan(10);
		expect(inSources.filter((c) => !known.has(c ?? ''))).toEqual([]);
		expect([...known].filter((c) => !inSources.includes(c))).toEqual([]);
	});
});

describe('SOURCES.md markdown', () => {
	it('keeps raw HTML as text and drops links that are not web addresses', () => {
		const s = parseSources(
			'### x-1 — Test\n- a <script>alert(1)</script> [bad](javascript:alert(1)) [ok](https://example.org/a) "q"\n'
		).get('x-1');
		const item = s?.blocks[0]?.kind === 'list' ? s.blocks[0].items[0] : undefined;
		expect(item?.plain).toBe('a <script>alert(1)</script> bad ok "q"');
		expect(JSON.stringify(item?.inline)).not.toContain('javascript:');
		expect(item?.inline.filter((n) => n.kind === 'link')).toEqual([
			{ kind: 'link', href: 'https://example.org/a', children: [{ kind: 'text', text: 'ok' }] }
		]);
		expect(item && quotesOf(item)).toEqual(['q']);
	});

	it('reads the id and setting of each study heading', () => {
		expect(sections.get('khan-2002')?.setting).toBe('National Cancer Data Base, USA');
		expect(sections.size).toBe(reference.length);
	});
});
