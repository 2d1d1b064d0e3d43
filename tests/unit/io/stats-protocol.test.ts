import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoadResponse } from '$lib/io/client';
import type { StatsRequest, StatsResponse } from '$lib/io/stats-client';
import { summarise } from '$lib/stats/summary';
import { bundledStudies } from '../stats/bundled';

/** Every value in a message that is a plain object (not a typed array, array or primitive), with its path. */
function objectsIn(value: unknown, path = '', out: string[] = []): string[] {
	if (ArrayBuffer.isView(value) || value === null || typeof value !== 'object') return out;
	if (Array.isArray(value)) {
		if (value.some((v) => v !== null && typeof v === 'object')) out.push(`${path}[]`);
		return out;
	}
	for (const [k, v] of Object.entries(value)) objectsIn(v, `${path}.${k}`, out);
	return out;
}

/** A Worker stand-in that records what the page posts, and runs the stats worker's handler in this process. */
class FakeWorker {
	static posted: { message: StatsRequest; transfer: unknown[] }[] = [];
	static last: FakeWorker | null = null;
	constructor() {
		FakeWorker.last = this;
	}
	onmessage: ((e: { data: StatsResponse }) => void) | null = null;
	postMessage(message: StatsRequest, transfer: unknown[] = []) {
		// What a real postMessage does: a structured clone with the buffers moved.
		const cloned = structuredClone(message, { transfer: transfer as Transferable[] });
		FakeWorker.posted.push({ message: cloned, transfer });
		void import('$lib/io/stats-worker').then(() => {
			const scope = globalThis as unknown as { onmessage: (e: { data: StatsRequest }) => void };
			scope.onmessage({ data: cloned });
		});
	}
	terminate() {}
}

afterEach(() => vi.unstubAllGlobals());

describe('the stats worker protocol', () => {
	it('sends the dataset once, as transferred typed-array columns, never the study objects', async () => {
		vi.stubGlobal('self', globalThis);
		// The worker's answer, as a real one arrives: cloned, at the client's Worker.
		vi.stubGlobal('postMessage', (m: StatsResponse) =>
			FakeWorker.last?.onmessage?.({ data: structuredClone(m) })
		);
		vi.stubGlobal('Worker', FakeWorker);
		const { StatsWorker } = await import('$lib/io/stats-client');
		const pool = new StatsWorker();
		const studies = bundledStudies();
		const options = { method: 'REML' as const, hk: false, overlaps: [] };
		const rowsTo = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);
		const first = pool.summarise(studies, rowsTo(studies.length), options);
		const second = pool.summarise(studies, rowsTo(10), options);
		expect(await first).toBeNull(); // a newer request took over
		const answer = await second;
		const datasets = FakeWorker.posted.filter((p) => p.message.type === 'dataset');
		expect(datasets).toHaveLength(1);
		const dataset = datasets[0];
		if (!dataset || dataset.message.type !== 'dataset') throw new Error('no dataset message');
		expect(objectsIn(dataset.message.columns)).toEqual([]);
		expect(dataset.transfer.length).toBeGreaterThan(40);
		expect(dataset.transfer.every((b) => b instanceof ArrayBuffer)).toBe(true);
		expect(answer?.summary.overall?.estimate).toBeCloseTo(
			summarise(studies.slice(0, 10), options).overall?.estimate ?? NaN,
			12
		);
		expect(answer?.funnel).toBeTruthy();
		expect(answer?.cumulative.points.length).toBeGreaterThan(0);
	});

	it('the table worker sends studies and rows as transferred columns, not objects', async () => {
		vi.stubGlobal('self', globalThis);
		const sent: { message: LoadResponse; transfer: unknown[] }[] = [];
		vi.stubGlobal('postMessage', (message: LoadResponse, transfer: unknown[] = []) =>
			sent.push({ message, transfer })
		);
		await import('$lib/io/worker');
		const handler = (globalThis as unknown as { onmessage: (e: { data: unknown }) => void }).onmessage;
		handler({
			data: {
				source: 'Study,Year,HR,Lower,Upper\nA,2001,0.8,0.6,1.1\nB,2003,0.7,0.5,0.9\n',
				name: 't.csv',
				options: {}
			}
		});
		const done = sent.find((s) => s.message.type === 'done');
		if (!done || done.message.type !== 'done') throw new Error('no result');
		expect(done.message.result.studies).toEqual([]);
		expect(done.message.result.raw).toEqual([]);
		expect(done.message.studies?.length).toBe(2);
		expect(objectsIn(done.message.studies)).toEqual([]);
		expect(objectsIn(done.message.rows)).toEqual([]);
		expect(done.transfer.length).toBeGreaterThan(40);
		const { unpackStudies } = await import('$lib/io/columns');
		expect(unpackStudies(done.message.studies!).map((s) => s.label)).toEqual(['A 2001', 'B 2003']);
	});
});
