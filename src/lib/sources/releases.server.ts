/**
 * The bundled data's versions, read at build time: the releases kept in `data/releases/<date>.csv` and the current
 * `data/studies.csv`, named as vite.config.ts named the current one (`DATASET_VERSION`).
 */
import current from '../../../data/studies.csv?raw';
import { DATASET_VERSION } from '$lib/data/version';
import { releaseDate, versionTexts } from '$lib/data/versions';
import { datasetHistory, type VersionEntry } from './history';

const files = import.meta.glob<string>('../../../data/releases/*.csv', {
	query: '?raw',
	import: 'default',
	eager: true
});

const releases = Object.entries(files).flatMap(([path, text]) => {
	const date = releaseDate(path);
	return date ? [{ date, text }] : [];
});

/** Every version of the bundled data, oldest first, with its changes and pooled estimates. */
export const HISTORY: readonly VersionEntry[] = datasetHistory(
	versionTexts(releases, current, DATASET_VERSION.date)
);

if (HISTORY.at(-1)?.id !== DATASET_VERSION.id)
	throw new Error(
		`The history's newest version is not ${DATASET_VERSION.id}: the build named it differently.`
	);
