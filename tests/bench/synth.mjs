#!/usr/bin/env node
/**
 * Synthetic study tables for the benchmark: the bundled dataset's columns, plausible values, a seeded PRNG,
 * so the same size always gives the same bytes. Generated on demand, never stored.
 *
 *   node tests/bench/synth.mjs 10000 [seed] > studies-10000.csv
 */
import { fileURLToPath } from 'node:url';

/** The header of data/studies.csv, in order. */
export const COLUMNS = /** @type {const} */ ([
	'id',
	'first_author',
	'year',
	'journal',
	'pmid',
	'doi',
	'design',
	'data_source',
	'country',
	'accrual_start',
	'accrual_end',
	'n_total',
	'n_surgery',
	'n_no_surgery',
	'median_os_surgery_months',
	'median_os_no_surgery_months',
	'survival_metric_note',
	'hr_os',
	'hr_ci_low',
	'hr_ci_high',
	'ci_level',
	'hr_direction_note',
	'hr_adjusted',
	'p_value',
	'source_confidence',
	'notes',
	'source_urls'
]);

/** @typedef {Record<(typeof COLUMNS)[number], string>} SynthRow */

/**
 * mulberry32: a small, fast, seeded PRNG with uniform output in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function mulberry32(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SURNAMES = [
	'Khan',
	'Rapiti',
	'Babiera',
	'Gnerlich',
	'Fields',
	'Blanchard',
	'Ruiterkamp',
	'Neuman',
	'Soran',
	'Badwe',
	'Fitzal',
	'Shien',
	'Khan',
	'Thomas',
	'Lane',
	'Yoshimura',
	'García',
	'Müller',
	"O'Brien",
	'Nguyen',
	'Kowalski',
	'Rossi',
	'Andersson',
	'Okafor',
	'Chen',
	'Singh'
];
const JOURNALS = [
	'Ann Surg Oncol',
	'J Clin Oncol',
	'Breast Cancer Res Treat',
	'Lancet Oncol',
	'Eur J Surg Oncol',
	'JAMA Surg',
	'Breast',
	'Cancer'
];
const SOURCES = [
	'SEER',
	'National Cancer Data Base (NCDB)',
	'Institutional database',
	'Regional cancer registry',
	'Multicentre cohort',
	'Trial cohort',
	''
];
const COUNTRIES = [
	'USA',
	'Japan',
	'Netherlands',
	'Turkey',
	'India',
	'Austria',
	'Germany',
	'Korea',
	'China',
	''
];
/** Design cells and their weights: registry, single and multi-institution, trials, and some not reported. */
const DESIGNS = /** @type {const} */ ([
	['registry', 0.35],
	['single-institution', 0.3],
	['multi-institution', 0.15],
	['rct', 0.05],
	['', 0.15]
]);

/**
 * Quote a CSV cell when it needs it (comma, quote or line break).
 * @param {string} value
 */
function csvCell(value) {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Rows of a synthetic study table.
 * @param {number} n number of studies
 * @param {number} [seed]
 * @returns {SynthRow[]}
 */
export function synthRows(n, seed = 20260127) {
	const random = mulberry32(seed);
	const int = (/** @type {number} */ lo, /** @type {number} */ hi) =>
		lo + Math.floor(random() * (hi - lo + 1));
	/** @template T @param {readonly T[]} list @returns {T} */
	const pick = (list) => /** @type {T} */ (list[Math.floor(random() * list.length)]);
	const chance = (/** @type {number} */ p) => random() < p;
	/** Standard normal (Box–Muller). */
	const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const design = () => {
		let u = random();
		for (const [key, weight] of DESIGNS) if ((u -= weight) < 0) return key;
		return '';
	};
	const fixed = (/** @type {number} */ x, /** @type {number} */ digits) => String(Number(x.toFixed(digits)));

	/** @type {SynthRow[]} */
	const rows = [];
	for (let i = 1; i <= n; i++) {
		const author = pick(SURNAMES);
		const year = int(1995, 2025);
		const d = design();
		const hasAccrual = chance(0.9);
		const accrualEnd = year - int(1, 5);
		const accrualStart = accrualEnd - int(0, 15);
		// Cohort size log-uniform between 20 and 30,000; arms split it, sometimes not reported.
		const nTotal = Math.round(Math.exp(Math.log(20) + random() * (Math.log(30000) - Math.log(20))));
		const hasArms = chance(0.85);
		const nSurgery = Math.max(1, Math.min(nTotal - 1, Math.round(nTotal * (0.2 + random() * 0.5))));
		const hasMedians = chance(0.6);
		const medianNo = Math.exp(Math.log(20) + 0.35 * normal());
		const medianYes = medianNo * Math.exp(0.25 + 0.2 * normal());
		// Hazard ratio lognormal around 0.7, interval width shrinking with cohort size.
		const hasHr = chance(0.75);
		const logHr = Math.log(0.7) + 0.25 * normal();
		const se = Math.max(0.04, 2 / Math.sqrt(nTotal));
		const level = chance(0.03) ? 0.9 : 0.95;
		const z = level === 0.9 ? 1.645 : 1.96;
		const hr = Number(Math.exp(logHr).toFixed(2));
		const hasCi = chance(0.93);
		const low = Math.max(0.01, Math.min(hr, Number(Math.exp(logHr - z * se).toFixed(2))));
		const high = Math.max(hr, Number(Math.exp(logHr + z * se).toFixed(2)));
		const p = 2 * (1 - normalCdf(Math.abs(logHr / se)));
		const pmid = chance(0.6) ? String(int(10_000_000, 39_999_999)) : '';
		const doi = chance(0.5) ? `10.${int(1000, 9999)}/synth.${year}.${i}` : '';
		const source = pick(SOURCES);
		rows.push({
			id: `synth-${String(i).padStart(6, '0')}`,
			first_author: author,
			year: String(year),
			journal: pick(JOURNALS),
			pmid,
			doi,
			design: d,
			data_source: source,
			country: pick(COUNTRIES),
			accrual_start: hasAccrual ? String(accrualStart) : '',
			accrual_end: hasAccrual ? String(accrualEnd) : '',
			n_total: String(nTotal),
			n_surgery: hasArms ? String(nSurgery) : '',
			n_no_surgery: hasArms ? String(nTotal - nSurgery) : '',
			median_os_surgery_months: hasMedians ? fixed(medianYes, 1) : '',
			median_os_no_surgery_months: hasMedians ? fixed(medianNo, 1) : '',
			survival_metric_note: hasMedians && chance(0.2) ? 'Median OS from diagnosis, months.' : '',
			hr_os: hasHr ? String(hr) : '',
			hr_ci_low: hasHr && hasCi ? String(low) : '',
			hr_ci_high: hasHr && hasCi ? String(high) : '',
			ci_level: hasHr && hasCi ? String(level) : '',
			hr_direction_note: hasHr && chance(0.1) ? 'HR < 1 favours surgery.' : '',
			hr_adjusted: hasHr ? pick(['yes', 'no', '']) : '',
			p_value: hasHr && chance(0.5) ? (p < 0.001 ? '<0.001' : fixed(p, 3)) : '',
			source_confidence: pick(['primary', 'primary', 'secondary']),
			notes: chance(0.3)
				? `Synthetic study ${i}, "${d || 'design not reported'}" cohort; values drawn at random, not real.`
				: '',
			source_urls: pmid ? `https://pubmed.ncbi.nlm.nih.gov/${pmid}/` : ''
		});
	}
	return rows;
}

/**
 * Standard normal CDF (Abramowitz–Stegun 7.1.26), enough for a plausible p-value.
 * @param {number} x
 */
function normalCdf(x) {
	const t = 1 / (1 + 0.3275911 * Math.abs(x) * Math.SQRT1_2);
	const y =
		1 -
		((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
			t *
			Math.exp(-(x * x) / 2);
	return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/**
 * A synthetic study table as CSV text (header + n rows, LF line ends).
 * @param {number} n
 * @param {number} [seed]
 */
export function synthCsv(n, seed) {
	const lines = [COLUMNS.join(',')];
	for (const row of synthRows(n, seed)) lines.push(COLUMNS.map((c) => csvCell(row[c])).join(','));
	return lines.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const n = Number(process.argv[2] ?? 1000);
	const seed = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
	if (!Number.isInteger(n) || n < 0) {
		console.error('usage: node tests/bench/synth.mjs ROWS [SEED]');
		process.exit(2);
	}
	process.stdout.write(synthCsv(n, seed));
}
