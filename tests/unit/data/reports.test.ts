import { describe, expect, it } from 'vitest';
import { isSummaryRow } from '$lib/data/inputs';
import { loadTable } from '$lib/data/load';
import { detectDecimalComma, parseTable } from '$lib/data/parse';

describe('summary rows', () => {
	it.each([
		'Total (95% CI)',
		'Subtotal (95% CI)',
		'Total events',
		'Overall',
		'Overall (I-squared = 45.2%, p = 0.010)',
		'Heterogeneity: Tau² = 0.02; Chi² = 47.50, df = 36 (P = 0.10); I² = 30%',
		'Test for overall effect: Z = 4.43 (P < 0.0001)',
		'Test for subgroup differences: Chi² = 1.2, df = 1 (P = 0.27)',
		'RE Model',
		'Random effects model'
	])('“%s” is a summary row', (label) =>
		expect(isSummaryRow(label, [label, '1.2'], { label: 0, effect: 1 })).toBe(true)
	);

	it.each(['Overall Survival Trial 2004', 'Totalis 2010', 'Smith 2001', 'Test 2019'])(
		'“%s” is a study',
		(label) => expect(isSummaryRow(label, [label, '1.2'], { label: 0, effect: 1 })).toBe(false)
	);

	it('a numbered RevMan heading is left out only when the rest of its row is empty', () => {
		expect(isSummaryRow('1.1.2 Cohort studies', ['1.1.2 Cohort studies', ''], { label: 0, effect: 1 })).toBe(
			true
		);
		expect(
			isSummaryRow('1.1.2 Cohort studies', ['1.1.2 Cohort studies', '0.8'], { label: 0, effect: 1 })
		).toBe(false);
	});

	it('are left out of the studies, with one report line naming each, and do not make the load partial', () => {
		const r = loadTable(
			'Study,HR,Lower,Upper\nA 2001,0.8,0.6,1.0\nB 2002,0.9,0.7,1.2\nSubtotal (95% CI),0.85,0.7,1.0\nTotal (95% CI),0.85,0.7,1.0\n',
			't.csv'
		);
		expect(r.status).toBe('ok');
		expect(r.studies.map((s) => s.label)).toEqual(['A 2001', 'B 2002']);
		const lines = r.issues.filter((i) => /left out, not studies/.test(i.message));
		expect(lines.map((i) => i.message)).toEqual([
			'2 summary rows were left out, not studies: row 3 “Subtotal (95% CI)”, row 4 “Total (95% CI)”.'
		]);
	});
});

describe('numbers in any locale', () => {
	const table = (text: string) => parseTable(text);
	it.each([
		['Study;HR (95% CI)\nA;0,63 (0,55–0,72)\nB;0,80 (0,60–1,10)\n', true],
		['Study;N;HR\nA;1.234;0,63\nB;26.465;0,80\n', true],
		['Study;N;HR\nA;1.234;0.63\n', false],
		['Study,HR\nA,"0,63"\n', false],
		['Study\tN\nA\t1,234\n', false]
	])('%j → decimal comma %s', (text, expected) => expect(detectDecimalComma(table(text))).toBe(expected));

	it('a decimal-comma file loads every study with no “not a number” warning', () => {
		const r = loadTable(
			'Studie;Patienten;RR (95% KI)\nA 2001;1.234;0,63 (0,55–0,72)\nB 2002;26.465;0,80 [0,60–1,10]\n',
			't.csv'
		);
		expect(r.decimalComma).toBe(true);
		expect(r.issues.filter((i) => i.row > 0)).toEqual([]);
		expect(r.studies.map((s) => [s.nTotal, s.effect, s.ciLow, s.ciHigh])).toEqual([
			[1234, 0.63, 0.55, 0.72],
			[26465, 0.8, 0.6, 1.1]
		]);
	});

	it('when numbers look European and the setting is off, the report says which setting reads them', () => {
		const r = loadTable('Study;HR;Lower;Upper\nA;0,63;0,55;0,72\n', 't.csv', { decimalComma: false });
		expect(r.issues.find((i) => i.row === 0 && /decimal comma/.test(i.message))?.message).toBe(
			'Numbers such as “0,63” (row 1, HR) look like they use a decimal comma; tick “decimal comma” in the column mapping to read them.'
		);
	});
});

describe('reports that say what to do', () => {
	it('a table whose name column is not recognised names that role', () => {
		const r = loadTable('Who,HR,Lower CI,Upper CI\nA,0.8,0.6,1.0\n', 't.csv');
		expect(r.status).toBe('rejected');
		expect(r.needs).toEqual(['label']);
		expect(r.issues[0]?.message).toMatch(
			/No column was recognised as the study name.*“Study” in the column mapping/
		);
	});

	it('an ok table with effects but no interval says in one line why nothing can be pooled', () => {
		const r = loadTable('Study,Ratio,Spread\nA,0.8,x\nB,0.9,y\n', 't.csv');
		expect(r.status).toBe('ok');
		expect(r.needs).toEqual(['ci_low', 'ci_high']);
		expect(r.hint).toBe(
			'No study can be pooled: the table has no CI lower bound, CI upper bound column. Map them in the column mapping.'
		);
	});

	it('a log effect without its spread asks for the standard error', () => {
		expect(loadTable('Study,yi\nA,-0.2\n', 't.csv').needs).toEqual(['se']);
	});

	it('patients come from the arms when no total is given', () => {
		const r = loadTable('Study,n_treated,n_control\nA,120,80\n', 't.csv');
		expect(r.studies[0]).toMatchObject({ nTreated: 120, nControl: 80, nTotal: 200 });
	});

	it('numbers 20,000 copies of one name -2 … -20000, each once', () => {
		const text = 'Study,HR\n' + 'Smith 2010,0.8\n'.repeat(20_000);
		const ids = loadTable(text, 't.csv').studies.map((s) => s.id);
		expect(new Set(ids).size).toBe(20_000);
		expect(ids.slice(0, 3)).toEqual(['smith-2010', 'smith-2010-2', 'smith-2010-3']);
		expect(ids.at(-1)).toBe('smith-2010-20000');
	});
});

describe('repeated ids in a long file', () => {
	it('are reported one by one for the first hundred rows, then counted in one line', () => {
		const text = 'Study,HR\n' + 'Smith 2010,0.8\n'.repeat(1_000);
		const r = loadTable(text, 't.csv');
		expect(r.issues.filter((i) => /already used/.test(i.message))).toHaveLength(100);
		expect(r.issues.filter((i) => i.row === 0).map((i) => i.message)).toContain(
			'899 more rows repeat the id of an earlier row; each is numbered (-2, -3 …) in the same way.'
		);
	});
});

describe('a huge cell', () => {
	it('as a study name is cut to 300 characters, with a warning naming the row', () => {
		const r = loadTable(`Study,HR\n"${'A'.repeat(1_000_000)}",0.8\nB,0.9\n`, 't.csv');
		expect(r.studies[0]?.label).toHaveLength(300);
		expect(r.issues).toContainEqual(
			expect.objectContaining({
				row: 1,
				column: 'Study',
				message: expect.stringMatching(/1,000,000 characters long/)
			})
		);
	});
});

describe('a log-scale column mapped by hand as a ratio', () => {
	it('is named in the report with the role that reads it', () => {
		const r = loadTable('Study,yi,vi\nA,0.0488,0.1\n', 't.csv', { mapping: { label: 0, effect: 1 } });
		expect(r.issues.find((i) => i.row === 0)?.message).toBe(
			"The column “yi” looks like an effect on the log scale (such as metafor's yi), but it is read as a ratio; map it as “Log effect” in the column mapping."
		);
	});
});

describe('one events column', () => {
	it('is no 2×2 table: the hazard ratio stays an HR, with no warning about counts', () => {
		const r = loadTable('Study,Events,HR,Lower,Upper\nA 2001,40,0.8,0.6,1.0\n', 't.csv');
		expect(r.studies[0]).toMatchObject({ effectMeasure: 'HR', eventsTreated: 40, logEffect: null });
		expect(r.issues.filter((i) => i.row > 0)).toEqual([]);
	});
});
