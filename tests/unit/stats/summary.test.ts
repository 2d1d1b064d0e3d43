import { describe, expect, it } from 'vitest';
import { byDesign, summarise } from '$lib/stats/summary';
import type { Study } from '$lib/types';
import { makeStudy } from '../study';
import { expectRelClose } from './helpers';

/**
 * Eight studies: three trials (one with a 90% interval), three registries (one with no stated level, 95% assumed),
 * one with no design, and one registry without an interval (left out of pooling).
 */
const studies: Study[] = [
	['a', 'rct', 0.85, 0.66, 1.09, 0.95],
	['b', 'rct', 1.02, 0.8, 1.3, 0.95],
	['c', 'rct', 0.71, 0.5, 1.01, 0.9],
	['d', 'registry', 0.62, 0.56, 0.69, 0.95],
	['e', 'registry', 0.55, 0.45, 0.67, null],
	['f', 'registry', 0.7, 0.6, 0.82, 0.95],
	['g', null, 0.9, 0.7, 1.16, 0.95],
	['h', 'registry', 0.8, null, null, 0.95]
].map(([id, design, effect, ciLow, ciHigh, ciLevel]) =>
	makeStudy({
		id: id as string,
		label: `Study ${id}`,
		design: design as string | null,
		effect: effect as number,
		ciLow: ciLow as number | null,
		ciHigh: ciHigh as number | null,
		ciLevel: ciLevel as number | null
	})
);

/*
 * Reference: R 4.2.2, metafor 3.8-1 (script kept with the numbers below):
 *   d$yi <- log(hr); d$sei <- (log(hi) - log(lo)) / (2 * qnorm(1 - (1 - level) / 2))   # level NA → 0.95
 *   tight <- list(threshold = 1e-12, maxiter = 10000)          # REML to convergence (default stops at 1e-5)
 *   r <- rma(yi, sei = sei, data = d, method = m, control = tight)   # overall; weights(r) in percent
 *   rg <- rma(yi, sei = sei, data = d[d$design == g, ], method = m, control = tight)   # per design, 'not-reported' for NA
 *   rma(c(rg$b...), sei = c(rg$se...), method = "FE")$QE, $QEp     # test for subgroup differences
 *   rma(yi, sei = sei, data = d, method = "REML", test = "knha", control = tight)   # Hartung–Knapp
 * Values: est, se, ci.lb, ci.ub, tau2, I2 on the log scale.
 */
const R = {
	REML: {
		all: [-0.3018135431, 0.085543649, -0.4694760142, -0.134151072, 0.0374449838, 79.09304861],
		rct: [-0.1142117435, 0.0904544791, -0.2914992648, 0.0630757777, 0.0037625727, 14.62347515],
		registry: [-0.467353102, 0.0567836927, -0.5786470945, -0.3560591095, 0.0040748355, 41.34130519],
		'not-reported': [-0.1053605157, 0.12885312, -0.3579079902, 0.1471869589, 0, 0],
		weights: [13.59532934, 13.86315178, 8.80337453, 18.16664496, 15.32333016, 16.70890609, 13.53926315],
		subgroup: [14.5667036038, 2, 0.0006868794]
	},
	DL: {
		all: [-0.3033844646, 0.0814812046, -0.4630846909, -0.1436842383, 0.0328794632, 76.86170571],
		rct: [-0.1156564746, 0.0928618076, -0.297662273, 0.0663493237, 0.0049406512, 18.3614403],
		registry: [-0.4676692606, 0.05867994, -0.5826798297, -0.3526586916, 0.0046800241, 44.73457443],
		'not-reported': [-0.1053605157, 0.12885312, -0.3579079902, 0.1471869589, 0, 0],
		weights: [13.47792784, 13.76857634, 8.45126823, 18.58907386, 15.372093, 16.92384321, 13.41721752],
		subgroup: [13.8658958595, 2, 0.000975122]
	}
} as const;

type Row = readonly [number, number, number, number, number, number | null];

function expectPooled(
	result: {
		estimate: number;
		se: number;
		ciLow: number;
		ciHigh: number;
		tau2: number;
		i2: number | null;
	} | null,
	ref: Row
) {
	expect(result).not.toBeNull();
	const [est, se, lo, hi, tau2, i2] = ref;
	expectRelClose(result?.estimate, est);
	expectRelClose(result?.se, se);
	expectRelClose(result?.ciLow, lo);
	expectRelClose(result?.ciHigh, hi);
	if (tau2 === 0) expect(result?.tau2).toBe(0);
	else expectRelClose(result?.tau2, tau2, 1e-4);
	if (i2 === null) expect(result?.i2).toBeNull();
	else expectRelClose(result?.i2, i2, 1e-4);
}

describe.each(['REML', 'DL'] as const)('summarise with %s', (method) => {
	const summary = summarise(studies, { method, hk: false }, byDesign);
	const ref = R[method];

	it('pools the seven studies with an interval, in input order, and says why the eighth is left out', () => {
		expect(summary.method).toBe(method);
		expect(summary.effects.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
		expect(summary.excluded).toEqual([
			{ id: 'h', code: 'noInterval', reason: expect.stringContaining('Study h') }
		]);
		expect(summary.overall?.k).toBe(7);
		expectPooled(summary.overall, ref.all);
	});

	it('weights every pooled study as metafor does (percent), and the excluded one not at all', () => {
		expect([...summary.weights.keys()]).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
		ref.weights.forEach((w, i) => expectRelClose(summary.weights.get(summary.effects[i]?.id ?? ''), w, 1e-6));
		expect(summary.weights.has('h')).toBe(false);
	});

	it.each(['rct', 'registry', 'not-reported'] as const)('pools the %s group on its own', (key) => {
		const group = summary.groups.find((g) => g.key === key);
		expect(group?.k).toBe(key === 'not-reported' ? 1 : 3);
		expectPooled(group?.result ?? null, ref[key]);
	});

	it('keeps the groups in order of first appearance and tests their difference', () => {
		expect(summary.groups.map((g) => g.key)).toEqual(['rct', 'registry', 'not-reported']);
		const [q, df, p] = ref.subgroup;
		expectRelClose(summary.subgroupTest?.q, q, 1e-6);
		expect(summary.subgroupTest?.df).toBe(df);
		expectRelClose(summary.subgroupTest?.pValue, p, 1e-5);
	});
});

describe('summarise options', () => {
	it('applies Hartung–Knapp to the interval, not the estimate or τ²', () => {
		const hk = summarise(studies, { method: 'REML', hk: true });
		expect(hk.hk).toBe(true);
		expectPooled(
			hk.overall,
			[-0.3018135431, 0.0835870181, -0.5063436083, -0.0972834779, 0.0374449838, 79.09304861]
		);
		expect(hk.overall?.df).toBe(6);
	});

	it('groups by a caller-chosen key', () => {
		const byLevel = summarise(studies, { method: 'REML', hk: false }, (s) =>
			s.ciLevel === 0.9 ? '90' : 'other'
		);
		expect(byLevel.groups.map((g) => [g.key, g.k])).toEqual([
			['other', 6],
			['90', 1]
		]);
	});

	it('with no poolable study: nothing pooled, every study excluded, no subgroup test', () => {
		const none = summarise([makeStudy({ id: 'x', effect: 0.8 })], { method: 'REML', hk: false });
		expect(none.overall).toBeNull();
		expect(none.groups).toEqual([]);
		expect(none.subgroupTest).toBeNull();
		expect(none.excluded.map((e) => [e.id, e.code])).toEqual([['x', 'noInterval']]);
		expect(none.weights.size).toBe(0);
	});

	it('passes overlap groups to the pooling warnings', () => {
		const overlapping = summarise(studies, {
			method: 'REML',
			hk: false,
			overlaps: [{ name: 'One registry', ids: ['d', 'e'] }]
		});
		const plain = summarise(studies, { method: 'REML', hk: false });
		expect(overlapping.warnings.length).toBeGreaterThan(plain.warnings.length);
		expect(JSON.stringify(overlapping.warnings)).toContain('One registry');
	});
});
