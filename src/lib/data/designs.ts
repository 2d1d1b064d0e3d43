/** Study designs: free text from a table normalised to a small set of keys, each with a label and a rank. */

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
	[/\b(multi[\s-]*(institution|centre|center|site)|multicentric|multicent(er|re)|multi-institutional)\b/i, 'multi-institution'],
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

/** Label and order for a design key, including keys that came from a user's own table. */
export function designInfo(key: string | null): DesignInfo {
	const k = key ?? NOT_REPORTED_DESIGN;
	const known = KNOWN.find((d) => d.key === k);
	if (known) return known;
	const label = k.replace(/-/g, ' ');
	return { key: k, label: label.charAt(0).toUpperCase() + label.slice(1), order: 5 };
}

/** The design keys present in a set of studies, in display order. */
export function designsOf(studies: ReadonlyArray<{ design: string | null }>): DesignInfo[] {
	const keys = new Set(studies.map((s) => s.design ?? NOT_REPORTED_DESIGN));
	return [...keys].map(designInfo).sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
}
