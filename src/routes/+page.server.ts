import bundledCsv from '../../data/studies.csv?raw';
import { loadTable } from '$lib/data/load';
import type { PageServerLoad } from './$types';

/** The bundled dataset's title, shown as the dataset name. */
const BUNDLED_NAME = 'Primary-tumour surgery in de novo stage IV breast cancer (bundled studies)';

// Parsed once at build time: the prerendered HTML carries the studies, so first paint needs no JavaScript.
export const load: PageServerLoad = () => ({ bundled: loadTable(bundledCsv, BUNDLED_NAME) });
