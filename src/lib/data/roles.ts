/**
 * Which column of a table plays which role. One synonym table with scores covers the bundled names and the
 * conventions of the tools people export from (RevMan, metafor, Stata metan, spreadsheets); the best-scoring
 * header wins each role and a column serves at most one role.
 */
import { ROLES, type ColumnMapping, type EffectMeasure, type Role } from '$lib/types';

/** Headers are compared in this form: lower case, letters and digits only ("Lower 95% CI" → "lower95ci"). */
export function headerKey(header: string): string {
	return header
		.slice(0, 200)
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** Exact spellings per role, in `headerKey` form; earlier spellings score higher. */
const EXACT: Record<Role, readonly string[]> = {
	id: ['id', 'studyid', 'key', 'refid', 'recordid'],
	label: [
		'label',
		'study',
		'studyname',
		'studyorsubgroup',
		'name',
		'firstauthor',
		'author',
		'authors',
		'trial',
		'trialname',
		'reference',
		'studie',
		'etude',
		'estudio'
	],
	year: ['year', 'publicationyear', 'pubyear', 'yearofpublication', 'published', 'jahr', 'annee', 'ano'],
	design: [
		'design',
		'studydesign',
		'studytype',
		'typeofstudy',
		'type',
		'alloc',
		'allocation',
		'randomisation',
		'randomization'
	],
	data_source: ['datasource', 'source', 'database', 'setting', 'registry', 'institution', 'cohort'],
	country: ['country', 'countries', 'nation', 'region', 'land', 'pays'],
	accrual_start: [
		'accrualstart',
		'startyear',
		'enrolmentstart',
		'enrollmentstart',
		'studystart',
		'yearstart'
	],
	accrual_end: ['accrualend', 'endyear', 'enrolmentend', 'enrollmentend', 'studyend', 'yearend'],
	n_total: [
		'ntotal',
		'n',
		'total',
		'totaln',
		'noofpatients',
		'numberofpatients',
		'patients',
		'samplesize',
		'nopatients',
		'npatients',
		'patienten',
		'patients',
		'participants'
	],
	n_treated: [
		'ntreated',
		'nsurgery',
		'surgeryn',
		'noperated',
		'operated',
		'treatedn',
		'nexperimental',
		'nintervention',
		'n1',
		'n1i',
		'nt',
		'ne'
	],
	n_control: [
		'ncontrol',
		'nnosurgery',
		'nosurgeryn',
		'nnotoperated',
		'notoperated',
		'controln',
		'nnonoperated',
		'n2',
		'n2i',
		'nc'
	],
	median_treated: [
		'mediantreated',
		'medianossurgerymonths',
		'medianossurgery',
		'mediansurgery',
		'mossurgery',
		'mediansurvivalsurgery',
		'mediantreatedmonths'
	],
	median_control: [
		'mediancontrol',
		'medianosnosurgerymonths',
		'medianosnosurgery',
		'mediannosurgery',
		'mosnosurgery',
		'mediansurvivalnosurgery',
		'mediancontrolmonths'
	],
	events_treated: ['eventstreated', 'tpos', 'r1', 'e1', 'et', 'ee', 'x1', 'x1i', 'd1', 'deathstreated'],
	events_control: ['eventscontrol', 'cpos', 'r2', 'e2', 'ec', 'x2', 'x2i', 'd2', 'deathscontrol'],
	nonevents_treated: ['noneventstreated', 'tneg'],
	nonevents_control: ['noneventscontrol', 'cneg'],
	effect: [
		'effect',
		'hros',
		'hr',
		'hazardratio',
		'hr95ci',
		'hrci',
		'hazardratio95ci',
		'effect95ci',
		'or95ci',
		'rr95ci',
		'es',
		'estimate',
		'or',
		'oddsratio',
		'rr',
		'riskratio',
		'relativerisk',
		'ratio'
	],
	ci_low: [
		'cilow',
		'hrcilow',
		'lower95ci',
		'lower95',
		'lowerci',
		'cilower',
		'cilb',
		'lcl',
		'lci',
		'lower',
		'll',
		'lo',
		'lb',
		'95cilower',
		'lower90ci',
		'lowerbound'
	],
	ci_high: [
		'cihigh',
		'hrcihigh',
		'upper95ci',
		'upper95',
		'upperci',
		'ciupper',
		'ciub',
		'ucl',
		'uci',
		'upper',
		'ul',
		'hi',
		'ub',
		'95ciupper',
		'upper90ci',
		'upperbound'
	],
	ci_level: ['cilevel', 'confidencelevel', 'level', 'cilevelpct'],
	effect_measure: ['effectmeasure', 'measure', 'effecttype', 'metric', 'outcomemeasure'],
	log_effect: ['logeffect', 'yi', 'loges', 'logestimate', 'theta', 'te', 'lnes'],
	variance: ['variance', 'vi', 'var', 'vartheta', 'varyi'],
	se: ['se', 'sei', 'stderr', 'standarderror', 'sees', 'sete', 'selogeffect'],
	adjusted: ['adjusted', 'hradjusted', 'adjustment', 'multivariable'],
	pmid: ['pmid', 'pubmed', 'pubmedid'],
	doi: ['doi'],
	notes: ['notes', 'note', 'comments', 'comment', 'remarks'],
	supersedes: ['supersedes', 'updates', 'replaces', 'updateof'],
	flags: ['flags', 'flag', 'cautions', 'caveats']
};

/** Words for the two arms inside a header ("Events (vaccine)", "Experimental Total", "n_placebo"). */
const TREATED_ARM =
	'(?:treated|treatment|tx|experimental|exp|experiment|intervention|int|active|vaccine|vaccinated|exposed|surgery|operated|drug|group1|arm1|e|t|1)';
const CONTROL_ARM =
	'(?:control|controls|ctrl|placebo|usualcare|comparator|unvaccinated|notvaccinated|nonvaccinated|unexposed|nosurgery|notoperated|group2|arm2|c|2)';
/** Words that may surround an interval bound's own word ("hr", "95", "ci", "limit"). */
const AROUND =
	'(?:ci|cl|hr|rr|or|es|os|effect|estimate|ratio|bound|limit|limits|confidence|interval|conf|of|the|\\d{2}|pct|percent)*';

/** Patterns scored below exact spellings: `score` 1–99, higher wins. Tested against the `headerKey`. */
const PATTERNS: ReadonlyArray<readonly [Role, RegExp, number]> = [
	// RevMan: "Odds Ratio IV, Random, 95% CI", "Risk Ratio M-H, Fixed, 95% CI", "Hazard Ratio 95% CI", or only the
	// method line "IV, Random, 95% CI".
	[
		'effect',
		/^(?:hazard|odds|risk|rate)ratio(?:mh|iv|peto|exp)?(?:fixed|random|common)?(?:\d{2})?(?:ci|ki|ic)?$/,
		80
	],
	['effect', /^(?:mh|iv|peto|exp)(?:fixed|random|common)(?:\d{2})?ci$/, 78],
	[
		'effect',
		/^(?:hr|or|rr|irr|es|effect|estimate)(?:os|pfs|dfs|adj|adjusted|crude)?(?:\d{2})?(?:ci|ki|ic)?$/,
		70
	],
	// Stata metan and friends: _ES, _seES, _LCI, _UCI; log effects named by their measure.
	['log_effect', /^(?:log|ln)(?:hr|or|rr|irr|hazardratio|oddsratio|riskratio|ratio|effect|es)$/, 75],
	[
		'se',
		/^(?:se|stderr|standarderror)(?:of)?(?:log|ln)?(?:hr|or|rr|irr|hazardratio|oddsratio|riskratio|ratio|effect|es|yi|te)?$/,
		75
	],
	[
		'variance',
		/^(?:var|variance)(?:of)?(?:log|ln)?(?:hr|or|rr|hazardratio|oddsratio|riskratio|effect|es|yi)?$/,
		75
	],
	// Interval bounds: lower/upper, lo/hi, lcl/ucl, LL/UL, rr_low/rr_high, "95% CI lower", "Lower 95% CI".
	['ci_low', new RegExp(`^${AROUND}(?:low|lower|lo|ll|lcl|lci|lb)${AROUND}$`), 60],
	['ci_high', new RegExp(`^${AROUND}(?:high|upper|hi|ul|ucl|uci|ub)${AROUND}$`), 60],
	// Counts per arm: "Events (vaccine)", "Experimental Events", "events_t", "Total (control)", "n_placebo".
	['events_treated', new RegExp(`^(?:events?|deaths?|cases|responders)${TREATED_ARM}$`), 65],
	['events_treated', new RegExp(`^${TREATED_ARM}(?:events?|deaths?|cases|responders)$`), 65],
	['events_control', new RegExp(`^(?:events?|deaths?|cases|responders)${CONTROL_ARM}$`), 65],
	['events_control', new RegExp(`^${CONTROL_ARM}(?:events?|deaths?|cases|responders)$`), 65],
	['n_treated', new RegExp(`^(?:n|total|patients|no|size)${TREATED_ARM}$`), 64],
	['n_treated', new RegExp(`^${TREATED_ARM}(?:n|total|patients|size)$`), 64],
	['n_control', new RegExp(`^(?:n|total|patients|no|size)${CONTROL_ARM}$`), 64],
	['n_control', new RegExp(`^${CONTROL_ARM}(?:n|total|patients|size)$`), 64],
	// RevMan's two-line header flattened: "Events, Total, Events, Total" (experimental first). The first "Events" goes
	// to the treated arm, the second to the control arm (ties break by column order; see autoMap).
	['events_treated', /^events?$/, 55],
	['events_control', /^events?$/, 54],
	// Design from allocation or study type.
	['design', /^(?:alloc|allocation|studytype|typeofstudy|studydesign|design)/, 50],
	['label', /^(?:study|trial|author|firstauthor)(?:name|id|or|label)?/, 40],
	['year', /^(?:publication)?year(?:ofpublication|published)?$/, 40]
];

/** A header longer than this is no known name (and is not worth a regular expression's time). */
const MAX_KEY = 60;

/** The roles a header could play, each with its score (exact spelling 100 and up, patterns below 100). */
export function roleScores(header: string): Array<{ role: Role; score: number }> {
	// A header longer than any name (a 10 MB cell read as a header) plays no role, whatever its first characters.
	if (header.length > 4 * MAX_KEY) return [];
	const key = headerKey(header);
	if (key === '' || key.length > MAX_KEY) return [];
	const found = new Map<Role, number>();
	for (const role of ROLES) {
		const at = EXACT[role].indexOf(key);
		if (at >= 0) found.set(role, 200 - at);
	}
	for (const [role, pattern, score] of PATTERNS)
		if ((found.get(role) ?? 0) < score && pattern.test(key)) found.set(role, score);
	return [...found].map(([role, score]) => ({ role, score }));
}

/**
 * Assign roles to columns, best score first (ties: earlier column, then the role's place in ROLES), so that each
 * role gets one column and each column at most one role. `duplicates` lists columns whose header repeats the
 * header of a column that got a role, with no role of their own.
 */
export function autoMap(headers: readonly string[]): { mapping: ColumnMapping; duplicates: number[] } {
	const roleOrder = new Map(ROLES.map((r, i) => [r, i]));
	const candidates: Array<{ role: Role; column: number; score: number }> = [];
	headers.forEach((header, column) => {
		for (const { role, score } of roleScores(header)) candidates.push({ role, column, score });
	});
	candidates.sort(
		(a, b) =>
			b.score - a.score || a.column - b.column || (roleOrder.get(a.role) ?? 0) - (roleOrder.get(b.role) ?? 0)
	);
	const mapping: ColumnMapping = {};
	const used = new Set<number>();
	for (const { role, column } of candidates) {
		if (mapping[role] !== undefined || used.has(column)) continue;
		mapping[role] = column;
		used.add(column);
	}
	// RevMan's flattened "Events, Total, Events, Total": the "Total" after each arm's events is that arm's size.
	const keys = headers.map(headerKey);
	const totals = keys.flatMap((k, i) => (k === 'total' ? [i] : []));
	if (
		mapping.events_treated !== undefined &&
		mapping.events_control !== undefined &&
		mapping.n_treated === undefined &&
		mapping.n_control === undefined &&
		totals.length >= 2
	) {
		const [t1, t2] = totals as [number, number];
		if (mapping.n_total === t1 || mapping.n_total === t2) delete mapping.n_total;
		mapping.n_treated = t1;
		mapping.n_control = t2;
	}
	const assigned = new Set(Object.values(mapping));
	const duplicates: number[] = [];
	for (const role of ROLES) {
		const column = mapping[role];
		if (column === undefined) continue;
		keys.forEach((k, i) => {
			if (k === keys[column] && !assigned.has(i)) duplicates.push(i);
		});
	}
	return { mapping, duplicates };
}

/** The ratio measure a header names ("Odds Ratio IV, Random, 95% CI", "logHR", "rr_low"), if it names one. */
export function measureFromHeader(header: string): EffectMeasure | null {
	const key = headerKey(header).replace(/^(?:se|var|log|ln)+/, '');
	if (key.startsWith('hr') || key.includes('hazard')) return 'HR';
	if (key === 'or' || key.startsWith('or') || key.includes('odds')) return 'OR';
	if (key.startsWith('rr') || key.includes('riskratio') || key.includes('relativerisk')) return 'RR';
	return null;
}

/** Human name of a role, for column headers and messages. */
export const ROLE_LABELS: Record<Role, string> = {
	id: 'Study id',
	label: 'Study',
	year: 'Publication year',
	design: 'Design',
	data_source: 'Data source',
	country: 'Country',
	accrual_start: 'Accrual start',
	accrual_end: 'Accrual end',
	n_total: 'Patients (total)',
	n_treated: 'Patients, treated arm',
	n_control: 'Patients, control arm',
	median_treated: 'Median OS, treated (months)',
	median_control: 'Median OS, control (months)',
	events_treated: 'Events, treated arm',
	events_control: 'Events, control arm',
	nonevents_treated: 'Non-events, treated arm',
	nonevents_control: 'Non-events, control arm',
	effect: 'Effect (ratio)',
	ci_low: 'CI lower bound',
	ci_high: 'CI upper bound',
	ci_level: 'CI level',
	effect_measure: 'Effect measure',
	log_effect: 'Log effect (e.g. yi)',
	variance: 'Variance of the log effect',
	se: 'Standard error of the log effect',
	adjusted: 'Adjusted estimate',
	pmid: 'PMID',
	doi: 'DOI',
	notes: 'Notes',
	supersedes: 'Supersedes (earlier report)',
	flags: 'Flags'
};
