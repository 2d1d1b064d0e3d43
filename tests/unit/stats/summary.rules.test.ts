import { describe, expect, it } from 'vitest';
import { logEffect } from '$lib/stats/effects';
import { moderatorTest, type SubgroupInput } from '$lib/stats/meta';
import { byDesign, summarise, type SummariseOptions } from '$lib/stats/summary';
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

	it('gives k = 4, REML HR 0.890 (95% CI 0.724–1.095) as metafor on the shared table', () => {
		// Section 1: ids badwe-2015, soran-2021, khan-2022, shien-2023; estimate -0.116029727548406,
		// CI -0.323192283866713 to 0.0911328287699011, τ² 0.0265978750575293.
		expect(s.effects.map((e) => e.id)).toEqual(['badwe-2015', 'soran-2021', 'khan-2022', 'shien-2023']);
		expect(s.overall?.estimate).toBeCloseTo(-0.116029727548406, 8);
		expect(s.overall?.ciLow).toBeCloseTo(-0.323192283866713, 8);
		expect(s.overall?.ciHigh).toBeCloseTo(0.0911328287699011, 8);
		expect(s.overall?.tau2).toBeCloseTo(0.0265978750575293, 8);
		const hr = [s.overall?.estimate, s.overall?.ciLow, s.overall?.ciHigh].map((x) =>
			Math.exp(x ?? NaN).toFixed(3)
		);
		expect(hr).toEqual(['0.890', '0.724', '1.095']);
	});

	it('rescales 90% intervals to their standard errors', () => {
		const ninety = trials.filter((t) => t.ciLevel === 0.9);
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

	it('pools the earlier report when the update is not in view, or has no estimate', () => {
		const withoutUpdate = trials.filter((t) => !updates.includes(t));
		const r = summarise(withoutUpdate, REML);
		expect(r.superseded.size).toBe(0);
		for (const u of updates) expect(r.effects.map((e) => e.id)).toContain(u.supersedes);
		const noEstimate = trials.map((t) => (updates.includes(t) ? { ...t, effect: null } : t));
		expect(summarise(noEstimate, REML).superseded.size).toBe(0);
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
		const flagged = trials.filter((t) => t.flags.includes('ci-90') && logEffect(t).ok).map((t) => t.id);
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

	it('pools the earlier report when its update is left out as flagged', () => {
		const studies = [
			makeStudy({ id: 'old' }),
			makeStudy({ id: 'new', supersedes: 'old', flags: ['interim'] }),
			makeStudy({ id: 'other' })
		];
		const r = summarise(studies, { ...REML, leaveOutFlags: ['interim'] });
		expect(r.effects.map((e) => e.id)).toEqual(['old', 'other']);
		expect(r.superseded.size).toBe(0);
		expect([...r.flaggedOut.keys()]).toEqual(['new']);
	});
});

describe('summarise: moderator test with a common τ² beside the separate-τ² test', () => {
	// Section 3: rma(yi, sei = sei, mods = ~ factor(group), method, test) on one report per study.
	const BUNDLED = [
		{
			method: 'REML',
			hk: false,
			statistic: 30.4387227310823,
			df: 4,
			dfResidual: null,
			p: 3.98427302228398e-6,
			tau2: 0.00755119485755962
		},
		{ method: 'REML', hk: true, statistic: 6.12091571348566, df: 4, dfResidual: 15, p: 0.0039779332435319 },
		{
			method: 'DL',
			hk: false,
			statistic: 35.0827505012518,
			df: 4,
			dfResidual: null,
			p: 4.46703615084929e-7,
			tau2: 0.00566204643112164
		},
		{ method: 'DL', hk: true, statistic: 6.31600636771681, df: 4, dfResidual: 15, p: 0.00346842970712774 },
		{
			method: 'FE',
			hk: false,
			statistic: 76.1451855188319,
			df: 4,
			dfResidual: null,
			p: 1.1406575612829e-15,
			tau2: 0
		},
		{ method: 'FE', hk: true, statistic: 4.97167482384262, df: 4, dfResidual: 15, p: 0.00939681031192203 }
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
		const s = summarise(studies, { method, hk });
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
		expect(summarise(bundled, REML, byDesign)).toBe(first);
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
