import { describe, expect, it } from 'vitest';
import { changelog, countByKind, rowsById } from '$lib/data/changelog';
import { contentHash, releaseDate, versionName, versionTexts } from '$lib/data/versions';

const HEADER = 'id,first_author,year,hr_os,hr_ci_low,hr_ci_high,notes,source_urls,supersedes';
const before = [
	HEADER,
	'smith-2010,Smith,2010,0.70,0.55,0.89,Registry,https://a.example/1,',
	'lee-2023,Lee,2023,0.86,0.69,1.07,Abstract,https://a.example/2,',
	'gone-2001,Gone,2001,,,,,,'
].join('\n');
const after = [
	HEADER,
	'smith-2010,Smith,2010,0.71,0.55,0.89,"Registry, corrected",https://a.example/1;https://b.example/1,',
	'lee-2023,Lee,2023,0.86,0.69,1.07,Abstract,https://a.example/2,',
	'lee-2025,Lee,2025,0.86,0.69,1.07,Full paper,https://a.example/3,lee-2023'
].join('\n');

describe('changelog', () => {
	const changes = changelog(rowsById(before), rowsById(after));

	it('lists an added row, the report it supersedes, a changed row with old → new per cell, and a removed row', () => {
		expect(changes.map((c) => [c.kind, c.id])).toEqual([
			['changed', 'smith-2010'],
			['added', 'lee-2025'],
			['superseded', 'lee-2023'],
			['removed', 'gone-2001']
		]);
		expect(countByKind(changes)).toEqual({ added: 1, superseded: 1, changed: 1, removed: 1 });
	});

	it('gives each changed cell with its old and new value, and the row’s sources', () => {
		const changed = changes.find((c) => c.kind === 'changed');
		expect(changed).toEqual({
			kind: 'changed',
			id: 'smith-2010',
			label: 'Smith 2010',
			sources: ['https://a.example/1', 'https://b.example/1'],
			cells: [
				{ column: 'hr_os', before: '0.70', after: '0.71' },
				{ column: 'notes', before: 'Registry', after: 'Registry, corrected' },
				{
					column: 'source_urls',
					before: 'https://a.example/1',
					after: 'https://a.example/1;https://b.example/1'
				}
			]
		});
	});

	it('names the superseding row and its label on the superseded report', () => {
		expect(changes.find((c) => c.kind === 'superseded')).toEqual({
			kind: 'superseded',
			id: 'lee-2023',
			label: 'Lee 2023',
			sources: ['https://a.example/3'],
			by: 'lee-2025',
			byLabel: 'Lee 2025'
		});
	});

	it('finds nothing between a table and itself, whatever its line endings', () => {
		expect(changelog(rowsById(after), rowsById(after.replace(/\n/g, '\r\n')))).toEqual([]);
	});

	it('does not report a supersession again once it is recorded', () => {
		const later = after.replace('Full paper', 'Full paper (2025)');
		expect(changelog(rowsById(after), rowsById(later)).map((c) => [c.kind, c.id])).toEqual([
			['changed', 'lee-2025']
		]);
	});

	it('reads a column that one version lacks as empty cells', () => {
		const wider = after.replace(HEADER, `${HEADER},flags`).replace(/lee-2023$/, 'lee-2023,ci-90');
		const out = changelog(rowsById(after), rowsById(wider));
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({
			kind: 'changed',
			id: 'lee-2025',
			cells: [{ column: 'flags', before: '', after: 'ci-90' }]
		});
	});
});

describe('versions', () => {
	it('names a version by its date and a content hash that ignores line endings and a BOM', () => {
		expect(contentHash(before)).toMatch(/^[0-9a-f]{8}$/);
		expect(contentHash(`\uFEFF${before.replace(/\n/g, '\r\n')}`)).toBe(contentHash(before));
		expect(contentHash(after)).not.toBe(contentHash(before));
		expect(versionName('2026-12-04', before)).toEqual({
			id: `2026-12-04-${contentHash(before)}`,
			date: '2026-12-04',
			hash: contentHash(before)
		});
	});

	it('reads release dates from file names only when they are ISO dates', () => {
		expect(releaseDate('../../../data/releases/2026-12-04.csv')).toBe('2026-12-04');
		expect(releaseDate('data/releases/latest.csv')).toBeNull();
	});

	it('orders releases, adds the current table as a new version unless it equals the latest release', () => {
		const releases = [
			{ date: '2026-12-04', text: after },
			{ date: '2026-11-01', text: before }
		];
		expect(versionTexts(releases, after, '2026-12-06').map((v) => v.date)).toEqual([
			'2026-11-01',
			'2026-12-04'
		]);
		const next = `${after}\nnew-2026,New,2026,,,,,,`;
		const versions = versionTexts(releases, next, '2026-12-06');
		expect(versions.map((v) => v.id)).toEqual([
			versionName('2026-11-01', before).id,
			versionName('2026-12-04', after).id,
			versionName('2026-12-06', next).id
		]);
		// Never dated before the release it follows.
		expect(versionTexts(releases, next, '2026-01-01').at(-1)?.date).toBe('2026-12-04');
	});
});
