/** What an exported figure says about where its numbers come from: the publications, not internal files. */

/** Beyond this many studies, a caption names the first ones and points to the study pages for the rest. */
export const MAX_CITED = 8;

/** Cite the studies in view: their first author and year (the bundled labels), and where each number is sourced. */
export function citeSources(
	studies: ReadonlyArray<{ label: string }>,
	dataset: { name: string; bundled: boolean; site: string }
): string {
	const labels = studies.map((s) => s.label.trim()).filter((l) => l !== '');
	if (!dataset.bundled)
		return labels.length === 0
			? `Source: ${dataset.name} (the user's own table).`
			: `Source: ${dataset.name} (the user's own table): ${labels.join('; ')}.`;
	if (labels.length === 0) return `Source: ${dataset.name}.`;
	if (labels.length > MAX_CITED)
		return (
			`Source: ${dataset.name}, from ${labels.length} publications (${labels.slice(0, MAX_CITED).join('; ')}; and ${labels.length - MAX_CITED} more). ` +
			`Each study with its numbers and the sentences they were read in: ${dataset.site}/studies/<study>.`
		);
	return (
		`Source: ${dataset.name}, from the publications ${labels.join('; ')} (first author, year). ` +
		`Every number with the sentence it was read in: ${dataset.site}/studies/<study>.`
	);
}
