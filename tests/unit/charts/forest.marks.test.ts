import { describe, expect, it } from 'vitest';
import { forestLayout } from '$lib/charts/forest/layout';
import { supersededBy } from '$lib/domain/reports';
import { makeStudy } from '../study';
import { screenFrame } from '$lib/charts/shared/spec';

const early = makeStudy({
	id: 'early',
	label: 'Trial 2018',
	year: 2018,
	design: 'rct',
	effect: 0.66,
	ciLow: 0.49,
	ciHigh: 0.88
});
const late = makeStudy({
	id: 'late',
	label: 'Trial 2021',
	year: 2021,
	design: 'rct',
	effect: 0.71,
	ciLow: 0.59,
	ciHigh: 0.86,
	supersedes: 'early'
});
const flagged = makeStudy({
	id: 'flagged',
	label: 'Reg 2008',
	year: 2008,
	design: 'registry',
	effect: 0.6,
	ciLow: 0.5,
	ciHigh: 0.7,
	flags: ['survivor-selection', 'landmark']
});

describe('forest rows carry the study’s marks', () => {
	const studies = [early, late, flagged];
	const rows = forestLayout(
		{
			studies,
			weights: new Map([
				['late', 1],
				['flagged', 1]
			]),
			pooled: [],
			superseded: supersededBy(studies)
		},
		{},
		screenFrame(800)
	).rows;
	const row = (id: string) => rows.find((r) => r.kind === 'study' && r.id === id);

	it('a superseded report stays drawn, names its update and is hollow when not weighted', () => {
		expect(row('early')).toMatchObject({ supersededBy: { id: 'late', label: 'Trial 2021' }, pooled: false });
		expect(row('late')).toMatchObject({ supersededBy: null, pooled: true });
	});

	it('flags travel with the row, in file order', () => {
		expect(row('flagged')).toMatchObject({ flags: ['survivor-selection', 'landmark'] });
		expect(row('late')).toMatchObject({ flags: [] });
	});

	it('without the superseded map nothing is marked', () => {
		const plain = forestLayout({ studies, weights: new Map(), pooled: [] }, {}, screenFrame(800)).rows;
		expect(plain.filter((r) => r.kind === 'study' && r.supersededBy !== null)).toEqual([]);
	});
});
