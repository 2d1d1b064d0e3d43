/** Groups of studies that share patients (e.g. one registry), read from a small CSV: group,studies(;-separated). */
import type { OverlapGroup } from '../domain/reports';
import { parseTable } from './parse';

export type { OverlapGroup };

/** Parse the overlap table; rows without a name or with fewer than two studies are ignored. */
export function parseOverlaps(text: string): OverlapGroup[] {
	const table = parseTable(text);
	const nameAt = table.headers.indexOf('group');
	const idsAt = table.headers.indexOf('studies');
	if (nameAt < 0 || idsAt < 0) return [];
	return table.rows
		.map((row) => ({
			name: (row[nameAt] ?? '').trim(),
			ids: (row[idsAt] ?? '')
				.split(';')
				.map((id) => id.trim())
				.filter(Boolean)
		}))
		.filter((g) => g.name !== '' && g.ids.length >= 2);
}
