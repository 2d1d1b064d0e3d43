/** File names that say what view a file holds: `forest-rct-reml-2x.png`, `survival-all.svg`. */
import type { ViewState } from '$lib/filters/clauses';

/** Charts whose drawing depends on the pooling method (their files name it). */
const POOLED: ReadonlySet<string> = new Set([
	'forest',
	'funnel',
	'influence',
	'cumulative',
	'dashboard',
	'charts-a4',
	'charts-slide',
	'slides'
]);

const slug = (text: string) =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 40);

/** The view as a short file-name part: filters in URL order, "all" when nothing filters. */
export function viewSlug(view: ViewState): string {
	const parts: string[] = [];
	const { design, years, n, search, select } = view.clauses;
	if (design?.kind === 'oneOf') parts.push(...design.values.map(slug));
	if (years?.kind === 'range') parts.push(`${years.min}-${years.max}`);
	if (n?.kind === 'range') parts.push(`n${Math.round(n.min)}-${Math.round(n.max)}`);
	if (search?.kind === 'text' && slug(search.text) !== '') parts.push(`q-${slug(search.text)}`);
	if (select?.kind === 'ids') parts.push(`${select.ids.length}-selected`);
	return parts.length === 0 ? 'all' : parts.join('-');
}

/** What an export is drawn for; 'natural' is the chart at its own proportions. */
export type PresetId = 'natural' | 'slide' | 'square' | 'column';

/**
 * The file-name part of an export's look: `dark`, `transparent`, `dark-transparent`, or '' for the default (the
 * page's own theme on a solid background), so variants of one figure never overwrite each other.
 */
export function variantSuffix(
	theme: 'screen' | 'light' | 'dark',
	background: 'solid' | 'transparent'
): string {
	return [theme === 'screen' ? '' : theme, background === 'transparent' ? 'transparent' : '']
		.filter((p) => p !== '')
		.join('-');
}

/**
 * A file name for `chart` in `view`: chart, filters, method where it matters, preset, variant (theme,
 * background), scale, part, extension.
 */
export function exportName(
	chart: string,
	view: ViewState,
	extension: 'svg' | 'png' | 'pdf' | 'csv' | 'pptx',
	options: {
		preset?: PresetId;
		scale?: number;
		variant?: string;
		/** One part of a chart a fixed frame splits (`part2of3`). */
		part?: { index: number; count: number };
	} = {}
): string {
	const parts = [chart, viewSlug(view)];
	if (POOLED.has(chart)) parts.push(view.method.toLowerCase() + (view.hk ? '-hk' : ''));
	if (options.preset && options.preset !== 'natural') parts.push(options.preset);
	if (options.variant) parts.push(options.variant);
	if (extension === 'png' && options.scale) parts.push(`${options.scale}x`);
	if (options.part) parts.push(`part${options.part.index + 1}of${options.part.count}`);
	return `${parts.join('-')}.${extension}`;
}
