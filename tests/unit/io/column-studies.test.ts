import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTable } from '$lib/data/load';
import { summarise } from '$lib/stats/summary';
import { columnStudiesInSlices, plainStudy } from '$lib/io/column-studies';
import { packStudies, unpackStudies } from '$lib/io/columns';
import type { Study } from '$lib/types';
import { study } from './study-arbitrary';

describe('studies read from their columns', () => {
	it('read every field as the unpacked study has it (nulls, absent fields, any text, flags, extra)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(study, { maxLength: 40 }), async (studies) => {
				const packed = packStudies(studies);
				const read = await columnStudiesInSlices(packed);
				expect(read.map(plainStudy)).toEqual(unpackStudies(packed));
				// Read twice, a text or a list is the same string or array (decoded once).
				read.forEach((s) => {
					expect(s.id).toBe(s.id);
					expect(s.flags).toBe(s.flags);
					expect(s.extra).toBe(s.extra);
				});
				// They pack back to the same columns (what the stats worker is sent when it starts again).
				expect(unpackStudies(packStudies(read))).toEqual(unpackStudies(packed));
				expect(JSON.parse(JSON.stringify(read))).toEqual(JSON.parse(JSON.stringify(studies)));
			}),
			{ numRuns: 150 }
		);
	});

	it('a design, a source or a measure is one string for every row that has it', async () => {
		const text =
			'Study,Year,Design,HR,Lower,Upper\nA,2001,Registry,0.8,0.6,1.0\nB,2003,Registry,0.7,0.5,0.9\n';
		const { studies } = loadTable(text, 't.csv');
		const [a, b] = await columnStudiesInSlices(packStudies(studies));
		expect(a?.design).toBe('registry');
		expect(a?.design).toBe(b?.design);
	});

	it('are made in slices as in one go, and pool as the unpacked studies do', async () => {
		const text = [
			'Study,Year,Design,HR,Lower,Upper',
			...Array.from(
				{ length: 30 },
				(_, i) => `S${i},${1990 + i},${i % 3 ? 'Registry' : 'RCT'},0.${6 + (i % 4)},0.4,1.1`
			)
		].join('\n');
		const { studies } = loadTable(text, 't.csv');
		const packed = packStudies(studies);
		const sliced = await columnStudiesInSlices(packed);
		expect(sliced.map(plainStudy)).toEqual(studies.map(plainStudy));
		const options = { method: 'REML', hk: false } as const;
		const ours = summarise(sliced as Study[], options);
		const theirs = summarise(studies, options);
		expect(ours.overall).toEqual(theirs.overall);
		expect(ours.groups.map((g) => g.result)).toEqual(theirs.groups.map((g) => g.result));
	});
});
