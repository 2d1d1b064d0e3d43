/**
 * Pooled statistics computed in a Web Worker, for views too large to pool within a frame: the summary, the funnel
 * with Egger's test and the evidence over time. The dataset goes to the worker once, as transferred columns (see
 * columns.ts; never a structured clone of every study object); each request sends the indices of the studies in
 * view (a transferred typed array). Only the latest request is answered: an older one resolves to null.
 */
import type { UnreportedDesign } from '$lib/domain/design';
import type { OverlapGroup } from '$lib/domain/reports';
import type { PoolMethod } from '$lib/filters/clauses';
import type { FlagSelection } from '$lib/stats/inclusion';
import type { Summary } from '$lib/stats/summary';
import type { Cumulative } from '$lib/stats/cumulative';
import type { FunnelStats } from '$lib/stats/views';
import type { Study } from '$lib/types';
import { packStudies, transferables, type PackedStudies } from './columns';
import { packedOf } from './client';

export interface StatsOptions {
	method: PoolMethod;
	hk: boolean;
	overlaps: readonly OverlapGroup[];
	/** The flags switch: studies carrying these codes are left out of pooling. */
	leaveOutFlags?: FlagSelection;
	/** How a study of unreported design is classed (the same rule as on the main thread). */
	unreportedDesign?: UnreportedDesign;
}

export type StatsRequest =
	| { type: 'dataset'; columns: PackedStudies }
	| { type: 'summarise'; seq: number; indices: Uint32Array; options: StatsOptions };

export interface StatsResponse {
	seq: number;
	summary: Summary;
	funnel: FunnelStats;
	cumulative: Cumulative;
}

/** What the worker answers a request with. */
export type StatsAnswer = Omit<StatsResponse, 'seq'>;

/**
 * The dataset as a request to the worker, and the buffers it transfers: the columns the load made for it (handed
 * over once), else packed now (the bundled data, or a stats worker started again).
 */
export function datasetMessage(dataset: readonly Study[]): {
	message: StatsRequest;
	transfer: ArrayBuffer[];
} {
	const loaded = packedOf.get(dataset);
	packedOf.delete(dataset);
	const columns = loaded ?? packStudies(dataset);
	return { message: { type: 'dataset', columns }, transfer: transferables(columns) };
}

export class StatsWorker {
	#worker: Worker | null = null;
	#dataset: readonly Study[] | null = null;
	#seq = 0;
	#pending = new Map<number, (answer: StatsAnswer | null) => void>();

	/**
	 * Pool the studies at `rows` of `dataset` (ascending indices, e.g. a view's active rows) in the worker; null when
	 * a newer request took over. The rows are transferred (the array is emptied).
	 */
	summarise(
		dataset: readonly Study[],
		rows: Uint32Array,
		options: StatsOptions
	): Promise<StatsAnswer | null> {
		const worker = this.#start();
		if (this.#dataset !== dataset) {
			this.#dataset = dataset;
			const { message, transfer } = datasetMessage(dataset);
			worker.postMessage(message, transfer);
		}
		const indices = rows;
		const seq = ++this.#seq;
		for (const [old, resolve] of this.#pending) {
			resolve(null);
			this.#pending.delete(old);
		}
		const request: StatsRequest = { type: 'summarise', seq, indices, options };
		worker.postMessage(request, [indices.buffer]);
		return new Promise((resolve) => this.#pending.set(seq, resolve));
	}

	/** Stop the worker (it starts again on the next request). */
	stop(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#dataset = null;
		for (const resolve of this.#pending.values()) resolve(null);
		this.#pending.clear();
	}

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./stats-worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<StatsResponse>) => {
			const resolve = this.#pending.get(event.data.seq);
			this.#pending.delete(event.data.seq);
			const { summary, funnel, cumulative } = event.data;
			resolve?.({ summary, funnel, cumulative });
		};
		this.#worker = worker;
		return worker;
	}
}
