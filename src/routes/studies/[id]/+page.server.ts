import bundledCsv from '../../../../data/studies.csv?raw';
import sourcesMd from '../../../../data/SOURCES.md?raw';
import overlapsCsv from '../../../../data/overlaps.csv?raw';
import { error } from '@sveltejs/kit';
import { parseSources } from '$lib/sources/markdown.server';
import { rowsOf, studyPages } from '$lib/sources/study';
import { rowHistory } from '$lib/sources/history';
import { HISTORY } from '$lib/sources/releases.server';
import type { EntryGenerator, PageServerLoad } from './$types';

// Read once per build: the markdown library runs here, at build time, and never ships to the browser.
const pages = studyPages(bundledCsv, parseSources(sourcesMd), overlapsCsv);

/** One prerendered page per row of the bundled table. */
export const entries: EntryGenerator = () => rowsOf(bundledCsv).map((r) => ({ id: r.id ?? '' }));

export const load: PageServerLoad = ({ params }) => {
	const page = pages.get(params.id);
	if (!page) error(404, `No bundled study has the id “${params.id}”.`);
	return { page, history: rowHistory(HISTORY, params.id) };
};
