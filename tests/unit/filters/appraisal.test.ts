import { describe, expect, it } from 'vitest';
import {
	GRADE_MAX_OVERRIDES,
	readAppraisal,
	readGrade,
	REASON_MAX_CHARS,
	withOverride,
	writeGrade
} from '$lib/filters/appraisal';
import { fromQuery, toQuery } from '$lib/filters/clauses';

describe('GRADE overrides in the URL', () => {
	it('reads compact entries and writes them back in a fixed order', () => {
		const grade = readGrade('rct.imp:0:Trials powered for 10 months|obs.rob:-2:Immortal time');
		expect(grade).toEqual({
			randomised: { imprecision: { change: 0, reason: 'Trials powered for 10 months' } },
			observational: { rob: { change: -2, reason: 'Immortal time' } }
		});
		expect(writeGrade(grade)).toBe('obs.rob:-2:Immortal time|rct.imp:0:Trials powered for 10 months');
	});

	it.each([
		['obs.rob:+1:upgrade of a downgrade domain', 'a change the domain does not allow'],
		['obs.lrg:-1:downgrade of the upgrade', 'a downgrade of the large-effect upgrade'],
		['xyz.rob:-1:reason', 'an unknown group'],
		['obs.foo:-1:reason', 'an unknown domain'],
		['obs.rob:-1:', 'no reason'],
		['obs.rob:-1', 'no reason field'],
		['obs.rob:-3:too much', 'a change out of range']
	])('drops %s (%s)', (value) => {
		expect(readGrade(value)).toEqual({});
	});

	it('caps reasons, entries and length', () => {
		const long = readGrade(`obs.rob:-1:${'x'.repeat(500)}`);
		expect(long.observational?.rob?.reason.length).toBe(REASON_MAX_CHARS);
		const many = Array.from({ length: 20 }, (_, i) => `obs.${i % 2 ? 'rob' : 'inc'}:-1:r${i}`).join('|');
		const read = readGrade(many);
		expect(Object.keys(read.observational ?? {}).length).toBeLessThanOrEqual(GRADE_MAX_OVERRIDES);
		expect(readGrade(`obs.rob:-1:${'y'.repeat(5000)}`)).toEqual({});
	});

	it('round-trips through the view’s query with the other parameters, and drops bad numbers', () => {
		const view = fromQuery(
			new URLSearchParams('design=rct&grade=rct.ind:-1:Older%20therapies&mid=0.75&baseline=20')
		);
		expect(view.appraisal).toEqual({
			grade: { randomised: { indirectness: { change: -1, reason: 'Older therapies' } } },
			mid: 0.75,
			baseline: 20
		});
		expect(fromQuery(new URLSearchParams(toQuery(view)))).toEqual(view);
		expect(readAppraisal(new URLSearchParams('mid=1.5&baseline=-2&grade=nonsense'))).toBeUndefined();
		expect(fromQuery(new URLSearchParams('design=rct')).appraisal).toBeUndefined();
	});

	it('sets and clears one override', () => {
		const one = withOverride(undefined, 'observational', 'rob', { change: -1, reason: 'a|b' });
		expect(one?.grade.observational?.rob).toEqual({ change: -1, reason: 'a b' });
		expect(withOverride(one, 'observational', 'rob', null)).toBeUndefined();
	});
});
