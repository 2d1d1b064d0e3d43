import bundledCsv from '../../data/studies.csv?raw';
import overlapsCsv from '../../data/overlaps.csv?raw';
import { parseOverlaps } from '$lib/data/overlaps';
import { loadTable } from '$lib/data/load';
import { briefHistory } from '$lib/sources/history';
import { HISTORY } from '$lib/sources/releases.server';
import type { PageServerLoad } from './$types';

/** The bundled dataset's title, shown as the dataset name. */
const BUNDLED_NAME = 'Primary-tumour surgery in de novo stage IV breast cancer (bundled studies)';

// Parsed once at build time: the prerendered HTML carries the studies, so first paint needs no JavaScript.
export const load: PageServerLoad = () => ({
	bundled: loadTable(bundledCsv, BUNDLED_NAME),
	overlaps: parseOverlaps(overlapsCsv),
	/** The bundled data's versions, for the returning visitor's note (the full diff is on /changes). */
	versions: briefHistory(HISTORY)
});
