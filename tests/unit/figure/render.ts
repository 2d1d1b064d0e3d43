/** Shared by the figure tests: the bundled dashboard with its deferred statistics loaded. */
import { readFileSync } from 'node:fs';
import { loadTable } from '$lib/data/load';
import { Dashboard } from '$lib/state/dashboard.svelte';

export const bundled = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled');

export async function dashboard(): Promise<Dashboard> {
	const dash = new Dashboard({ bundled, overlaps: [], navigate: () => undefined });
	dash.loadSentences();
	await dash.loadViews();
	await import('$lib/stats/sentences');
	await new Promise((r) => setTimeout(r, 0));
	return dash;
}
