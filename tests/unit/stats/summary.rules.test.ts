import { describe, expect, it } from 'vitest';
import { logEffect } from '$lib/stats/effects';
import { moderatorTest, type SubgroupInput } from '$lib/stats/meta';
import { byDesign, classesOf, summarise, type SummariseOptions } from '$lib/stats/summary';
import type { Study } from '$lib/types';
import { bcgStudies } from './bcg';
import { bundledStudies } from './bundled';
import { expectRelClose } from './helpers';
import { makeStudy } from './study';

// References: tests/fixtures/stats/reference.R (R 4.2, metafor 3.8-1), sections 1 and 3.
const bundled = bundledStudies();
const trials = bundled.filter((s) => s.design === 'rct');
const REML: SummariseOptions = { method: 'REML', hk: false };

describe('summarise: one report per study', () => {
	const s = summarise(trials, REML);
	const updates = trials.filter((t) => t.supersedes !== null);

	it('pools the randomised trials with the update, not the report it supersedes', () => {
		expect(updates.length).toBeGreaterThan(0);
		const expected = trials.filter((t) => logEffect(t).ok && !updates.some((u) => u.supersedes === t.id));
		expect(s.effects.map((e) => e.id)).toEqual(expected.map((t) => t.id));
		expect(s.overall?.k).toBe(expected.length);
		for (const u of updates) {
			expect(s.superseded.get(u.supersedes ?? '')).toBe(u.id);
			expect(s.weights.has(u.supersedes ?? '')).toBe(false);
		}
		expect(s.superseded.size).toBe(updates.length);
	});

	it('gives k = 4, REML HR 0.891 (95% CI 0.725–1.095) as metafor on the shared table', () => {
		// Section 1: ids badwe-2015, soran-2021, khan-2022, shien-2025; estimate -0.115382338934173,
		// CI -0.321804305725642 to 0.0910396278572969, τ² 0.0264408233475164.
		expect(s.effects.map((e) => e.id)).toEqual(['badwe-2015', 'soran-2021', 'khan-2022', 'shien-2025']);
		expect(s.overall?.estimate).toBeCloseTo(-0.115382338934173, 8);
		expect(s.overall?.ciLow).toBeCloseTo(-0.321804305725642, 8);
		expect(s.overall?.ciHigh).toBeCloseTo(0.0910396278572969, 8);
		expect(s.overall?.tau2).toBeCloseTo(0.0264408233475164, 8);
		const hr = [s.overall?.estimate, s.overall?.ciLow, s.overall?.ciHigh].map((x) =>
			Math.exp(x ?? NaN).toFixed(3)
		);
		expect(hr).toEqual(['0.891', '0.725', '1.095']);
	});

	it('pools the observational rows (the unreported designs included) k = 17, HR 0.622 (0.573–0.676)', () => {
		// Section 1b: estimate -0.474321882257399, CI -0.557125183659639 to -0.391518580855159; the subgroup test
		// between the two classes Q 10.0052594816352, df 1, p 0.00156093796577111.
		const byClass = summarise(bundled, { ...REML, unreportedDesign: 'observational' });
		const obs = byClass.groups.find((g) => g.key === 'observational')?.result;
		expect(obs?.k).toBe(17);
		expect(obs?.estimate).toBeCloseTo(-0.474321882257399, 8);
		expect(obs?.ciLow).toBeCloseTo(-0.557125183659639, 8);
		expect(obs?.ciHigh).toBeCloseTo(-0.391518580855159, 8);
		expect(byClass.groups.find((g) => g.key === 'randomised')?.result?.estimate).toBeCloseTo(
			-0.115382338934173,
			8
		);
		expect(byClass.groups.map((g) => g.key).sort()).toEqual(['observational', 'randomised']);
		expect(byClass.subgroupTest?.df).toBe(1);
		expectRelClose(byClass.subgroupTest?.q, 10.0052594816352, 1e-6);
		expectRelClose(byClass.subgroupTest?.pValue, 0.00156093796577111, 1e-5);
	});

	it('rescales 90% intervals to their standard errors', () => {
		const ninety = trials.filter((t) => t.ciLevel === 0.9 && !s.superseded.has(t.id));
		expect(ninety.length).toBeGreaterThan(0);
		for (const t of ninety) {
			const e = s.effects.find((x) => x.id === t.id);
			const se = (Math.log(t.ciHigh ?? NaN) - Math.log(t.ciLow ?? NaN)) / (2 * 1.6448536269514722);
			expect(e?.level).toBe(0.9);
			expect(e?.vi).toBeCloseTo(se * se, 14);
		}
	});

	it('says which report is superseded, in words', () => {
		const caution = s.warnings.find((w) => w.kind === 'superseded');
		expect(caution).toMatchObject({ severity: 'info', studyId: 'soran-2018', by: 'soran-2021' });
		expect(caution?.message).toContain('superseded by');
		// The two MF07-01 reports are never pooled together, so the overlap caution does not fire for them.
		const overlaps = [{ name: 'MF07-01', ids: ['soran-2018', 'soran-2021'] }];
		expect(summarise(trials, { ...REML, overlaps }).warnings.map((w) => w.kind)).not.toContain(
			'overlappingCohort'
		);
	});

	it('pools the earlier report when the update is not in view; never beside it, whatever the update holds', () => {
		const withoutUpdate = trials.filter((t) => !updates.includes(t));
		const r = summarise(withoutUpdate, REML);
		expect(r.superseded.size).toBe(0);
		for (const u of updates) expect(r.effects.map((e) => e.id)).toContain(u.supersedes);
		// One rule (domain/reports.ts): a superseded report is never pooled, even when its update has no estimate.
		const noEstimate = trials.map((t) => (updates.includes(t) ? { ...t, effect: null } : t));
		const n = summarise(noEstimate, REML);
		expect(n.superseded.size).toBe(updates.length);
		for (const u of updates) expect(n.effects.map((e) => e.id)).not.toContain(u.supersedes);
	});

	it('follows chains: each report is superseded by the next', () => {
		const chain = [
			makeStudy({ id: 'a', year: 2001 }),
			makeStudy({ id: 'b', year: 2005, supersedes: 'a' }),
			makeStudy({ id: 'c', year: 2010, supersedes: 'b' })
		];
		const r = summarise(chain, REML);
		expect([...r.superseded]).toEqual([
			['a', 'b'],
			['b', 'c']
		]);
		expect(r.effects.map((e) => e.id)).toEqual(['c']);
	});
});

describe('summarise: leave out flagged studies', () => {
	it('leaves out studies with any chosen code and says which', () => {
		const r = summarise(trials, { ...REML, leaveOutFlags: ['ci-90'] });
		const flagged = trials
			.filter((t) => t.flags.includes('ci-90') && logEffect(t).ok && !r.superseded.has(t.id))
			.map((t) => t.id);
		expect(flagged.length).toBeGreaterThan(0);
		expect([...r.flaggedOut.keys()]).toEqual(flagged);
		for (const id of flagged) expect(r.flaggedOut.get(id)).toEqual(['ci-90']);
		expect(r.effects.map((e) => e.id).filter((id) => flagged.includes(id))).toEqual([]);
		expect(r.overall?.k).toBe(4 - flagged.length);
		const caution = r.warnings.find((w) => w.kind === 'flaggedOut');
		expect(caution).toMatchObject({ severity: 'info', studyIds: flagged, codes: ['ci-90'] });
	});

	it("with 'all', pools only studies without flags", () => {
		const r = summarise(bundled, { ...REML, leaveOutFlags: 'all' });
		const byId = new Map(bundled.map((s) => [s.id, s]));
		expect(r.effects.length).toBeGreaterThan(0);
		for (const e of r.effects) expect(byId.get(e.id)?.flags).toEqual([]);
		for (const [id, codes] of r.flaggedOut) expect(codes).toEqual(byId.get(id)?.flags);
		expect(r.overall?.k).toBe(
			bundled.filter((s) => logEffect(s).ok && s.flags.length === 0 && !r.superseded.has(s.id)).length
		);
	});

	it('pools nothing less when no code is chosen', () => {
		expect(summarise(bundled, { ...REML, leaveOutFlags: [] }).overall?.k).toBe(
			summarise(bundled, REML).overall?.k
		);
	});

	it('never pools the earlier report in place of an update left out as flagged', () => {
		const studies = [
			makeStudy({ id: 'old' }),
			makeStudy({ id: 'new', supersedes: 'old', flags: ['interim'] }),
			makeStudy({ id: 'other' })
		];
		const r = summarise(studies, { ...REML, leaveOutFlags: ['interim'] });
		expect(r.effects.map((e) => e.id)).toEqual(['other']);
		expect([...r.superseded]).toEqual([['old', 'new']]);
		expect([...r.flaggedOut.keys()]).toEqual(['new']);
	});
});

describe('summarise: moderator test with a common τ² beside the separate-τ² test', () => {
	// Section 3: rma(yi, sei = sei, mods = ~ factor(group), method, test) on one report per study.
	const BUNDLED = [
		{
			method: 'REML',
			hk: false,
			statistic: 30.1262885529384,
			df: 4,
			dfResidual: null,
			p: 4.61307080717679e-6,
			tau2: 0.00809638583663692
		},
		{ method: 'REML', hk: true, statistic: 6.21871684696439, df: 4, dfResidual: 16, p: 0.00323471094564215 },
		{
			method: 'DL',
			hk: false,
			statistic: 35.4175223882773,
			df: 4,
			dfResidual: null,
			p: 3.81265723868865e-7,
			tau2: 0.00576880635659248
		},
		{ method: 'DL', hk: true, statistic: 6.40786393879417, df: 4, dfResidual: 16, p: 0.00282036219793018 },
		{
			method: 'FE',
			hk: false,
			statistic: 75.4705827588213,
			df: 4,
			dfResidual: null,
			p: 1.58444806377324e-15,
			tau2: 0
		},
		{ method: 'FE', hk: true, statistic: 5.06691318977431, df: 4, dfResidual: 16, p: 0.00784957086853719 }
	] as const;
	const BCG = [
		{
			method: 'REML',
			hk: false,
			statistic: 1.76751140193194,
			df: 2,
			dfResidual: null,
			p: 0.413228032757317,
			tau2: 0.3615036643239
		},
		{ method: 'REML', hk: true, statistic: 0.966220844813303, df: 2, dfResidual: 10, p: 0.413383745721665 },
		{
			method: 'DL',
			hk: false,
			statistic: 1.43491245192235,
			df: 2,
			dfResidual: null,
			p: 0.487992019883142,
			tau2: 0.559568750127703
		},
		{ method: 'DL', hk: true, statistic: 1.12908890891423, df: 2, dfResidual: 10, p: 0.361302041231195 },
		{
			method: 'FE',
			hk: false,
			statistic: 19.8653698196656,
			df: 2,
			dfResidual: null,
			p: 4.85612383628147e-5,
			tau2: 0
		},
		{ method: 'FE', hk: true, statistic: 0.750386200146562, df: 2, dfResidual: 10, p: 0.497009803954844 }
	] as const;
	const cases: [string, Study[], typeof BUNDLED | typeof BCG][] = [
		['bundled data by design', bundled, BUNDLED],
		['dat.bcg by allocation', bcgStudies(), BCG]
	];

	it.each(
		cases.flatMap(([name, studies, refs]) =>
			refs.map((ref) => [name, ref.method, ref.hk, studies, ref] as const)
		)
	)('%s, %s, hk %s', (_, method, hk, studies, ref) => {
		const s = summarise(studies, { method, hk }, byDesign);
		const m = s.moderatorTest;
		expect(m?.df).toBe(ref.df);
		expect(m?.dfResidual).toBe(ref.dfResidual);
		expectRelClose(m?.statistic, ref.statistic, 1e-8);
		expect(Math.abs((m?.pValue ?? NaN) / ref.p - 1)).toBeLessThan(1e-6);
		if ('tau2' in ref) expect(m?.tau2).toBeCloseTo(ref.tau2, 9);
		expect(m?.label).toBe(hk ? 'Moderator test (common τ²), F' : 'Moderator test (common τ²), QM');
		expect(s.subgroupTest?.label).toBe('Test for subgroup differences (separate τ²)');
	});

	it('needs two groups with studies', () => {
		const one: SubgroupInput[] = [
			{ key: 'a', yi: [0.1, 0.2], vi: [0.1, 0.1] },
			{ key: 'b', yi: [], vi: [] }
		];
		expect(moderatorTest(one, { method: 'REML' })).toBeNull();
		expect(summarise(trials, REML).moderatorTest).toBeNull();
	});
});

describe('summarise: memoised per set of studies', () => {
	it('returns the identical object for the same studies and options', () => {
		const first = summarise(bundled, REML);
		expect(summarise(bundled, { ...REML })).toBe(first);
		expect(summarise([...bundled].reverse(), REML)).toBe(first);
		expect(summarise(bundled, REML, classesOf(REML))).toBe(first);
	});

	it('computes afresh for other options, other studies or an edited study', () => {
		const first = summarise(bundled, REML);
		expect(summarise(bundled, { ...REML, hk: true })).not.toBe(first);
		expect(summarise(bundled, { ...REML, leaveOutFlags: ['ci-90'] })).not.toBe(first);
		expect(summarise(bundled.slice(1), REML)).not.toBe(first);
		const edited = bundled.map((s) => (s.id === 'khan-2002' ? { ...s, effect: 0.62 } : s));
		const again = summarise(edited, REML);
		expect(again).not.toBe(first);
		expect(again.effects.find((e) => e.id === 'khan-2002')?.yi).toBe(Math.log(0.62));
	});

	it('treats the flag codes as a set', () => {
		const a = summarise(bundled, { ...REML, leaveOutFlags: ['ci-90', 'landmark'] });
		expect(summarise(bundled, { ...REML, leaveOutFlags: ['landmark', 'ci-90', 'ci-90'] })).toBe(a);
	});
});
