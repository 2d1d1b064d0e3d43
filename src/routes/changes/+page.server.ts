import { HISTORY } from '$lib/sources/releases.server';
import type { PageServerLoad } from './$types';

// Every version of the bundled data with its changes, computed at build time from data/releases/ and data/studies.csv.
export const load: PageServerLoad = () => ({ history: [...HISTORY].reverse() });
