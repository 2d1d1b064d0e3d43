import { describe, expect, it } from 'vitest';
import type { LoadResponse } from '$lib/io/client';
import { MAX_ROWS } from '$lib/io/limits';

describe('the table-reading worker', () => {
	it('refuses a table with more rows than a tab can hold, saying how many it can, and sends nothing large back', async () => {
		// This test file runs in its own process: the worker's global scope is played by Node's.
		const scope = globalThis as unknown as Record<string, unknown>;
		const sent: LoadResponse[] = [];
		scope.self = globalThis;
		scope.postMessage = (m: LoadResponse) => sent.push(m);
		await import('$lib/io/worker');
		const handler = scope.onmessage as (e: { data: unknown }) => void;
		handler({ data: { source: `Study\n${'a\n'.repeat(MAX_ROWS + 1)}`, name: 'huge.csv', options: {} } });
		const done = sent.find((m) => m.type === 'done');
		if (done?.type !== 'done') throw new Error('no result');
		expect(done.result.status).toBe('rejected');
		expect(done.result.issues[0]?.message).toContain('can hold up to 1,000,000 rows');
		expect(done.result.issues[0]?.message).toContain('1,000,001 rows');
		expect(done.units.length).toBe(0);
		expect(done.result.raw).toEqual([]);
	});
});
