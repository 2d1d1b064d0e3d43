/**
 * The GRADE domains and the words and symbols of certainty: small and free of the rules (grade.ts), so the URL
 * reader and the page can name them without loading the statistics.
 */

/** The GRADE domains, in the order a summary-of-findings table lists them; `large` is the only upgrade here. */
export const DOMAINS = [
	'rob',
	'inconsistency',
	'indirectness',
	'imprecision',
	'publication',
	'large'
] as const;
export type Domain = (typeof DOMAINS)[number];

/** How each domain is named on the page. */
export const DOMAIN_LABELS: Readonly<Record<Domain, string>> = {
	rob: 'Risk of bias',
	inconsistency: 'Inconsistency',
	indirectness: 'Indirectness',
	imprecision: 'Imprecision',
	publication: 'Publication bias',
	large: 'Large effect'
};

/** The changes a domain allows: downgrades 0, −1, −2; the large-effect upgrade 0, +1, +2. */
export function allowedChanges(domain: Domain): readonly number[] {
	return domain === 'large' ? [0, 1, 2] : [0, -1, -2];
}

/** ⊕⊕⊕◯ etc. */
export function certaintySymbols(level: number): string {
	return '⊕'.repeat(level) + '◯'.repeat(4 - level);
}

/** High / Moderate / Low / Very low. */
export function certaintyWord(level: number): string {
	return ['Very low', 'Low', 'Moderate', 'High'][Math.max(0, Math.min(3, level - 1))] ?? 'Very low';
}
