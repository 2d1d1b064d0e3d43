import { describe, expect, it } from 'vitest';
import { sourceLines, talkingPoints } from '$lib/present/notes';
import { makeStudy } from '../study';

const ctx = {
	studies: [
		makeStudy({ id: 'a', year: 2002, nTotal: 16023, notes: 'Abstract: raw extraction note' }),
		makeStudy({ id: 'b', year: 2018, nTotal: 350, medianTreated: 19, medianControl: 20 })
	],
	summary: ['First sentence.', 'Second sentence.', 'Third sentence.'],
	cautions: ['Two studies share patients.'],
	arms: { treated: 'Surgery', control: 'No surgery' },
	studyPage: null
};

describe('talkingPoints', () => {
	it('derives each slide’s points from the studies in view', () => {
		expect(talkingPoints('years', ctx)[0]).toBe('2 studies in view, published 2002–2018.');
		expect(talkingPoints('cohort', ctx)[0]).toBe('Cohorts range from 350 to 16,023 patients (log scale).');
		expect(talkingPoints('survival', ctx)[0]).toBe('1 of 2 studies report median survival in both arms.');
	});
	it('puts the summary and the cautions on the forest and the closing slide', () => {
		expect(talkingPoints('forest', ctx)).toEqual([
			'First sentence.',
			'Second sentence.',
			'Two studies share patients.'
		]);
		expect(talkingPoints('summary', ctx)).toEqual(ctx.summary);
	});
	it('never reads out raw extraction notes', () => {
		for (const chart of [
			'years',
			'cohort',
			'survival',
			'trend',
			'funnel',
			'influence',
			'forest',
			'summary'
		] as const)
			expect(talkingPoints(chart, ctx).join(' ')).not.toContain('raw extraction');
	});
});

describe('sourceLines', () => {
	it('names each study’s page of sources when the data has study pages, and nothing otherwise', () => {
		const page = (id: string) => `/studies/${id}`;
		expect(sourceLines(ctx.studies, { studyPage: page })).toEqual(
			ctx.studies.map((s) => `${s.label} — Sources: /studies/${s.id}`)
		);
		expect(sourceLines(ctx.studies, { studyPage: null })).toEqual([]);
	});
});
