/**
 * One home per concept (issue 17): the log → ratio conversion, the design-class rule, one-report-per-study and the
 * shared types live in src/lib/domain, once. This test reads the sources and fails when a copy comes back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}
const sources = files('src').map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const where = (pattern: RegExp) =>
	sources.filter((s) => pattern.test(s.text)).map((s) => s.path.replace(/\\/g, '/'));

/** Numerical code whose exponentials are likelihoods and distributions, not log effects turned into ratios. */
const NUMERICS = [
	'src/lib/stats/distributions.ts',
	'src/lib/stats/regression.ts',
	'src/lib/stats/meta.ts',
	// exp(−λt): survival under a constant hazard, not a ratio
	'src/lib/stats/appraisal/absolute.ts'
];

describe('one definition per concept', () => {
	it('log effects become ratios only in domain/ratio.ts', () => {
		const found = where(/Math\.exp\(/).filter((p) => !NUMERICS.includes(p));
		expect(found).toEqual(['src/lib/domain/ratio.ts']);
	});

	it.each([
		['the design classes', /function designClass\b/, ['src/lib/domain/design.ts']],
		['the design keys and labels', /function designInfo\b/, ['src/lib/domain/design.ts']],
		['one report per study', /function supersededBy\b/, ['src/lib/domain/reports.ts']],
		['the flag kinds', /BIAS_FLAGS\s*[:=]/, ['src/lib/domain/flags.ts']],
		['the measure words', /function measureWords\b/, ['src/lib/domain/measure.ts']],
		['the method labels', /METHOD_NAMES\s*[:=]/, ['src/lib/domain/method.ts']],
		['the caption type', /interface Caption\b/, ['src/lib/domain/caption.ts']],
		['the effect measure type', /type EffectMeasure\s*=/, ['src/lib/domain/measure.ts']],
		// stats/meta.ts (PoolMethod = Tau2Method) and stats/warnings.ts (OverlapGroup) are another issue's files:
		// they re-export the domain's definitions when next edited.
		['the pooling method type', /type PoolMethod\s*=/, ['src/lib/domain/method.ts', 'src/lib/stats/meta.ts']],
		[
			'overlapping cohorts',
			/interface OverlapGroup\b/,
			['src/lib/domain/reports.ts', 'src/lib/stats/warnings.ts']
		]
	])('%s are defined once', (_, pattern, homes) => {
		expect(where(pattern).sort()).toEqual([...homes].sort());
	});
});
