import { describe, expect, it } from 'vitest';
import { yearRegression, type YearPoint } from '$lib/stats/appraisal/year';
import { bcgTrials } from '../bcg';
import { expectRelClose, num, readFixture } from '../helpers';

// R metafor 3.8-1: rma(yi, vi, mods = ~ year, method = m, control = list(threshold = 1e-12, maxiter = 1000)), the
// slope's estimate, SE and p, τ² and QM. Bundled: tests/fixtures/stats/bundled-year.csv, the log HRs pooled on the
// bundled data of this release (one report per study) with their design class; BCG: dat.bcg, escalc(measure = "RR").
const METAFOR: ReadonlyArray<[string, 'REML' | 'DL' | 'FE', number, number, number, number, number]> = [
	[
		'all',
		'REML',
		0.0057270151316066,
		0.00869835365066645,
		0.510279725681427,
		0.0358747007285705,
		0.433493449642292
	],
	[
		'all',
		'DL',
		0.00427294585311959,
		0.00633457246030967,
		0.499965721904023,
		0.0162939483058307,
		0.455009183578814
	],
	[
		'observational',
		'REML',
		-0.00496817152392344,
		0.00805401777646971,
		0.537329519800795,
		0.0212070818357665,
		0.380511682318988
	],
	[
		'observational',
		'DL',
		-0.00485592423949091,
		0.00600753387450255,
		0.418914586982606,
		0.0105179927199208,
		0.653358203084914
	],
	[
		'randomised',
		'REML',
		-0.0219768747229719,
		0.0370735669325368,
		0.553321069396982,
		0.0353373897774161,
		0.351401102763512
	],
	[
		'randomised',
		'DL',
		-0.0219463137977652,
		0.0372353511526086,
		0.555596617944383,
		0.035800804685239,
		0.347385959663863
	],
	[
		'bcg',
		'REML',
		0.0266626478021093,
		0.0162691300096569,
		0.101244706808043,
		0.266555772380413,
		2.6858261163044
	],
	[
		'bcg',
		'DL',
		0.026740355931749,
		0.0170966219088742,
		0.117800546568965,
		0.303261717698754,
		2.44632274155994
	],
	['bcg', 'FE', 0.0261257418583681, 0.0036210824429657, 5.39742672294249e-13, 0, 52.0547586606984]
];

function points(group: string): YearPoint[] {
	if (group === 'bcg') return bcgTrials();
	return readFixture('bundled-year.csv')
		.filter((row) => group === 'all' || row.class === group)
		.map((row) => ({ yi: num(row, 'yi'), vi: num(row, 'vi'), year: num(row, 'year') }));
}

describe('meta-regression on publication year against metafor', () => {
	it.each(METAFOR)('%s, %s', (group, method, slope, se, p, tau2, qm) => {
		const fit = yearRegression(points(group), { method });
		expect(fit).not.toBeNull();
		expectRelClose(fit?.slope, slope, 1e-6);
		expectRelClose(fit?.se, se, 1e-6);
		expectRelClose(fit?.p, p, 1e-6);
		if (tau2 === 0) expect(fit?.tau2).toBe(0);
		else expectRelClose(fit?.tau2, tau2, 1e-6);
		// With one moderator, QM is the slope's z².
		expectRelClose(((fit?.slope ?? 0) / (fit?.se ?? 1)) ** 2, qm, 1e-6);
	});
});
