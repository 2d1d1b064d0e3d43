/**
 * Work proportional to change: the appraisal (a second pooling, Egger's tests, meta-regressions on year) is not
 * recomputed inside the frame a filter change paints. On the page (`follow`, an effect: browser only) it catches up
 * in idle time (`afterIdle`); without a page it is the view itself, at once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { loadTable } from '$lib/data/load';
import { Dashboard } from '$lib/state/dashboard.svelte';
import type { Navigate } from '$lib/state/filters.svelte';
import { afterIdle } from '$lib/state/idle';

const bundled = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled');
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the appraisal without a page', () => {
	it('is the view itself, at once', async () => {
		const d = new Dashboard({ bundled, overlaps: [], navigate: vi.fn<Navigate>() });
		await d.appraisal.load();
		const groups = () => d.appraisal.result?.rows.map((r) => r.group);
		expect(groups()).toEqual(['observational', 'randomised']);
		d.filters.set('design', { kind: 'oneOf', field: 'design', values: ['rct'] });
		expect(groups()).toEqual(['randomised']);
	});
});

describe('afterIdle', () => {
	it('runs later, not now; a cancelled run never happens', async () => {
		const ran: string[] = [];
		afterIdle(() => ran.push('a'));
		const b = afterIdle(() => ran.push('b'));
		b.cancel();
		expect(ran).toEqual([]);
		await tick();
		expect(ran).toEqual(['a']);
	});
});
