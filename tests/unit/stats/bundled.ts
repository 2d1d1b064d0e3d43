import { readFileSync } from 'node:fs';
import { loadTable } from '$lib/data/load';
import type { Study } from '$lib/types';

/** The bundled table data/studies.csv, loaded as the page loads it. */
export function bundledStudies(): Study[] {
	return loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled').studies;
}
