/**
 * Study designs and design classes: one definition used by the summary, the subgroup test, evidence over time, the
 * forest plot and the count. Pure: imports nothing outside `domain/`.
 */
import { runPass, type Pass } from './pass';

export interface DesignInfo {
	key: string;
	label: string;
	/** Randomised evidence sorts last, as the story of this literature runs. */
	order: number;
}

export const NOT_REPORTED_DESIGN = 'not-reported';

const KNOWN: readonly DesignInfo[] = [
	{ key: 'registry', label: 'Registry', order: 0 },
	{ key: 'single-institution', label: 'Single institution', order: 1 },
	{ key: 'multi-institution', label: 'Multi-institution', order: 2 },
	{ key: 'prospective', label: 'Prospective cohort', order: 3 },
	{ key: 'rct', label: 'Randomised trial', order: 4 },
	{ key: NOT_REPORTED_DESIGN, label: 'Design not reported', order: 9 }
];

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
	[/\b(rct|randomi[sz]ed|randomi[sz]ation|trial)\b/i, 'rct'],
	[/\b(registry|register|population|seer|ncdb|national|database)\b/i, 'registry'],
	[/\b(single[\s-]*(institution|centre|center|site)|institutional|monocentric)\b/i, 'single-institution'],
	[
		/\b(multi[\s-]*(institution|centre|center|site)|multicentric|multicent(er|re)|multi-institutional)\b/i,
		'multi-institution'
	],
	[/\bprospective\b/i, 'prospective']
];

/** Normalise a design cell: a known key, a slug of the text for anything else, or null when empty. */
export function normaliseDesign(raw: string): string | null {
	const text = raw.trim();
	if (text === '') return null;
	for (const [pattern, key] of PATTERNS) if (pattern.test(text)) return key;
	const slug = text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return slug === '' ? null : slug.slice(0, 40);
}

/**
 * Label and order for a design key, including keys that came from a user's own table: those read as the user wrote
 * them (lower case, "random"), never re-cased into a design name of ours.
 */
export function designInfo(key: string | null): DesignInfo {
	const k = key ?? NOT_REPORTED_DESIGN;
	const known = KNOWN.find((d) => d.key === k);
	if (known) return known;
	return { key: k, label: k.replace(/-/g, ' '), order: 5 };
}

/** The designs of a dataset: each design key present, in display order, with how many studies have it. */
export interface Designs {
	list: DesignInfo[];
	counts: Readonly<Record<string, number>>;
}

/** One pass over the studies for their designs (worked out once per array: every chart and the filters ask). */
export const DESIGNS: Pass<{ design: string | null }, Map<string, number>, Designs> = {
	name: 'designs',
	start: () => new Map(),
	step(counts, s) {
		const key = s.design ?? NOT_REPORTED_DESIGN;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	},
	finish: (counts) => ({
		list: [...counts.keys()]
			.map(designInfo)
			.sort((a, b) => a.order - b.order || a.label.localeCompare(b.label)),
		counts: Object.assign(Object.create(null) as Record<string, number>, Object.fromEntries(counts))
	})
};

/** The design keys present in a set of studies, in display order. */
export function designsOf(studies: ReadonlyArray<{ design: string | null }>): DesignInfo[] {
	return runPass(studies, DESIGNS).list;
}

/** How many studies have each design key (an empty design counts as "not-reported"). */
export function designCounts(
	studies: ReadonlyArray<{ design: string | null }>
): Readonly<Record<string, number>> {
	return runPass(studies, DESIGNS).counts;
}

/** The two design classes of this literature; any other class is a design a user's table names in its own words. */
export const OBSERVATIONAL = 'observational';
export const RANDOMISED = 'randomised';

/** Designs that are observational (retrospective or prospective cohorts and registries). */
const OBSERVATIONAL_DESIGNS: ReadonlySet<string> = new Set([
	'registry',
	'single-institution',
	'multi-institution',
	'prospective'
]);

/**
 * How a study whose design is not reported is classed: `observational` for the bundled data (SOURCES.md: every
 * row without a design is an observational study; only the trials are randomised), `unknown` for a user's table
 * (an empty cell says nothing, so those studies form a class of their own, "design not reported").
 */
export type UnreportedDesign = 'observational' | 'unknown';

/**
 * The one rule: `rct` → randomised; registry, single- or multi-institution, prospective cohort → observational; no
 * design → per `unreported`; any other design (a user's own word, e.g. an allocation "random") → itself.
 */
export function designClass(design: string | null, unreported: UnreportedDesign): string {
	if (design === null || design === NOT_REPORTED_DESIGN)
		return unreported === 'observational' ? OBSERVATIONAL : NOT_REPORTED_DESIGN;
	if (design === 'rct') return RANDOMISED;
	return OBSERVATIONAL_DESIGNS.has(design) ? OBSERVATIONAL : design;
}

/** A design class's label, and its place (observational, randomised, then the user's designs, unreported last). */
export function classInfo(key: string): DesignInfo {
	if (key === OBSERVATIONAL) return { key, label: 'Observational', order: 0 };
	if (key === RANDOMISED) return { key, label: 'Randomised', order: 1 };
	const d = designInfo(key);
	return { key, label: d.label, order: d.key === NOT_REPORTED_DESIGN ? 9 : 2 };
}

/** A class in a sentence: "observational studies", "randomised trial", "studies with design “random”". */
export function classNoun(key: string, k: number): string {
	const one = k === 1;
	if (key === OBSERVATIONAL) return one ? 'observational study' : 'observational studies';
	if (key === RANDOMISED) return one ? 'randomised trial' : 'randomised trials';
	if (key === 'all') return one ? 'study' : 'studies';
	if (key === NOT_REPORTED_DESIGN) return one ? 'study of unreported design' : 'studies of unreported design';
	return `${one ? 'study' : 'studies'} with design “${designInfo(key).label}”`;
}

const byBundled = (s: { design: string | null }): string => designClass(s.design, 'observational');
const byTable = (s: { design: string | null }): string => designClass(s.design, 'unknown');

/** The grouping by design class under a rule (the same function object each time, so analyses memoise on it). */
export function classGrouping(unreported: UnreportedDesign): (s: { design: string | null }) => string {
	return unreported === 'observational' ? byBundled : byTable;
}
