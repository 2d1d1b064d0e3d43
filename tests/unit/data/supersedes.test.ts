import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTable } from '$lib/data/load';
import { supersededBy } from '$lib/domain/reports';
import { makeStudy as study } from '../study';

describe('supersededBy', () => {
	it('maps each superseded row to the row that updates it', () => {
		const a = study({ id: 'a' });
		const b = study({ id: 'b', supersedes: 'a' });
		const c = study({ id: 'c', supersedes: 'missing' });
		const d = study({ id: 'd', supersedes: 'd' });
		expect([...supersededBy([a, b, c, d])]).toEqual([['a', b]]);
	});

	it('in the bundled table, soran-2021 supersedes soran-2018 and nothing else is superseded', () => {
		const { studies } = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled');
		const csvPairs = studies.filter((s) => s.supersedes).map((s) => [s.supersedes, s.id]);
		expect([...supersededBy(studies)].map(([id, s]) => [id, s.id])).toEqual(csvPairs);
		expect(supersededBy(studies).get('soran-2018')?.id).toBe('soran-2021');
	});
});
