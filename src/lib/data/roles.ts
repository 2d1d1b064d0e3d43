/** Which column of a table plays which role: automatic for the bundled names and common variants. */
import { ROLES, type ColumnMapping, type Role } from '$lib/types';

/** Headers are compared in this form: lower case, letters and digits only ("Lower 95% CI" → "lower95ci"). */
export function headerKey(header: string): string {
	return header
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** Known header spellings per role, already in `headerKey` form. Order of roles matters only for ties. */
const SYNONYMS: Record<Role, readonly string[]> = {
	id: ['id', 'studyid', 'key', 'refid', 'recordid'],
	label: ['label', 'study', 'studyname', 'name', 'firstauthor', 'author', 'authors', 'trial', 'reference'],
	year: ['year', 'publicationyear', 'pubyear', 'yearofpublication', 'published'],
	design: ['design', 'studydesign', 'studytype', 'type'],
	data_source: ['datasource', 'source', 'database', 'setting', 'registry', 'institution', 'cohort'],
	country: ['country', 'countries', 'nation', 'region'],
	accrual_start: ['accrualstart', 'startyear', 'enrolmentstart', 'enrollmentstart', 'studystart', 'yearstart'],
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
		'npatients'
	],
	n_treated: ['ntreated', 'nsurgery', 'surgeryn', 'noperated', 'operated', 'treatedn', 'nexperimental', 'nintervention'],
	n_control: [
		'ncontrol',
		'nnosurgery',
		'nosurgeryn',
		'nnotoperated',
		'notoperated',
		'controln',
		'nnonoperated'
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
		'estimate', 'or', 'oddsratio', 'rr', 'riskratio', 'relativerisk'],
	ci_low: [
		'cilow',
		'hrcilow',
		'lower95ci',
		'lower95',
		'lowerci',
		'cilower',
		'lcl',
		'lower',
		'll',
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
		'ucl',
		'upper',
		'ul',
		'95ciupper',
		'upper90ci',
		'upperbound'
	],
	ci_level: ['cilevel', 'confidencelevel', 'level', 'cilevelpct'],
	effect_measure: ['effectmeasure', 'measure', 'effecttype', 'metric'],
	adjusted: ['adjusted', 'hradjusted', 'adjustment', 'multivariable'],
	pmid: ['pmid', 'pubmed', 'pubmedid'],
	doi: ['doi'],
	notes: ['notes', 'note', 'comments', 'comment', 'remarks'],
	supersedes: ['supersedes', 'updates', 'replaces', 'updateof'],
	flags: ['flags', 'flag', 'cautions', 'caveats']
};

/** Assign each role the first column whose header is a known spelling for it; a column serves one role. */
export function autoMap(headers: readonly string[]): { mapping: ColumnMapping; duplicates: number[] } {
	const keys = headers.map(headerKey);
	const mapping: ColumnMapping = {};
	const used = new Set<number>();
	const duplicates: number[] = [];
	// Exact spellings first, in the order of each role's list, so "hr_os" beats a later generic "estimate".
	for (const role of ROLES) {
		for (const synonym of SYNONYMS[role]) {
			const index = keys.findIndex((k, i) => k === synonym && !used.has(i));
			if (index >= 0) {
				mapping[role] = index;
				used.add(index);
				keys.forEach((k, i) => {
					if (i !== index && k === synonym) duplicates.push(i);
				});
				break;
			}
		}
	}
	return { mapping, duplicates };
}

/** The effect measure implied by the effect column's header, if it names one. */
export function measureFromHeader(header: string): 'HR' | 'OR' | 'RR' | null {
	const key = headerKey(header);
	if (key.startsWith('hr') || key.includes('hazard')) return 'HR';
	if (key === 'or' || key.includes('odds')) return 'OR';
	if (key === 'rr' || key.includes('riskratio') || key.includes('relativerisk')) return 'RR';
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
	effect: 'Effect (ratio)',
	ci_low: 'CI lower bound',
	ci_high: 'CI upper bound',
	ci_level: 'CI level',
	effect_measure: 'Effect measure',
	adjusted: 'Adjusted estimate',
	pmid: 'PMID',
	doi: 'DOI',
	notes: 'Notes',
	supersedes: 'Supersedes (earlier report)',
	flags: 'Flags'
};
