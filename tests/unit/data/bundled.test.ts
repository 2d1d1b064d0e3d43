import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { loadTable } from '$lib/data/load';

const csv = readFileSync('data/studies.csv', 'utf8');
const result = loadTable(csv, 'bundled');
const reference = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
const byId = new Map(result.studies.map((s) => [s.id, s]));

/** The reference CSV's cell as the page must show it: a number, or null for an empty cell. */
const num = (cell: string | undefined) => (cell === undefined || cell.trim() === '' ? null : Number(cell));

describe('the bundled dataset', () => {
	it('loads every study of the reference table with no errors', () => {
		expect(result.status).toBe('ok');
		expect(result.rowsLoaded).toBe(reference.length);
		expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
	});

	it('warns only where the sources leave the interval level unstated', () => {
		const unstated = reference.filter((r) => r.hr_ci_low && !r.ci_level).map((r) => r.id);
		expect(result.issues.map((i) => byId.get(result.studies[i.row - 1]?.id ?? '')?.id)).toEqual(unstated);
	});

	it.each(reference.map((r) => [r.id ?? '', r] as const))(
		'%s keeps every number exactly, empty as null',
		(id, r) => {
			const s = byId.get(id);
			expect(s).toBeDefined();
			expect(s).toMatchObject({
				year: num(r.year),
				accrualStart: num(r.accrual_start),
				accrualEnd: num(r.accrual_end),
				nTotal: num(r.n_total),
				nTreated: num(r.n_surgery),
				nControl: num(r.n_no_surgery),
				medianTreated: num(r.median_os_surgery_months),
				medianControl: num(r.median_os_no_surgery_months),
				effect: num(r.hr_os),
				ciLow: num(r.hr_ci_low),
				ciHigh: num(r.hr_ci_high),
				ciLevel: num(r.ci_level),
				pmid: r.pmid || null,
				doi: r.doi || null,
				effectMeasure: 'HR'
			});
		}
	);

	it('keeps the traps visible: 90% intervals, an HR of unknown direction left empty, designs not reported', () => {
		expect(byId.get('khan-2022')?.ciLevel).toBe(0.9);
		expect(byId.get('shien-2023')?.ciLevel).toBe(0.9);
		expect(byId.get('fitzal-2019')?.effect).toBeNull();
		expect(byId.get('dominici-2011')?.ciLevel).toBeNull();
		const noDesign = reference.filter((r) => !r.design).length;
		expect(result.studies.filter((s) => s.design === null)).toHaveLength(noDesign);
		expect(noDesign).toBeGreaterThan(0);
	});
});

describe('one report per study and the flags of the bundled data', () => {
	it('reads supersedes and flags exactly as the reference table has them', () => {
		for (const r of reference) {
			const s = byId.get(r.id ?? '');
			expect(s?.supersedes).toBe(r.supersedes || null);
			expect(s?.flags).toEqual((r.flags ?? '').split(';').filter((f) => f !== ''));
		}
		expect(byId.get('soran-2021')?.supersedes).toBe('soran-2018');
	});
});
