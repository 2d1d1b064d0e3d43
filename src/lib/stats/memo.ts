/**
 * A small least-recently-used cache for analyses of a set of studies, so that a selection or hover change (which
 * changes no study in view) never re-pools. Keyed by the sorted study ids and the options; a hit also requires the
 * very same Study objects, so a reloaded or edited table that reuses ids is computed afresh.
 */

import type { Study, StudyId } from '../types';

interface Entry<V> {
	studies: Map<StudyId, Study>;
	value: V;
}

/** An LRU cache of values computed from a set of studies and a JSON-serialisable options object. */
export class StudySetCache<V> {
	readonly #entries = new Map<string, Entry<V>>();
	readonly #capacity: number;

	/** Keep at most `capacity` results (the least recently used goes first). */
	constructor(capacity = 16) {
		this.#capacity = capacity;
	}

	/** The cached value for these studies and options, or `compute()`'s result, which is then cached. */
	get(studies: ReadonlyArray<Study>, options: unknown, compute: () => V): V {
		const key = `${JSON.stringify(options)}\u0000${studies
			.map((s) => s.id)
			.sort()
			.join('\u0000')}`;
		const hit = this.#entries.get(key);
		if (hit && hit.studies.size === studies.length && studies.every((s) => hit.studies.get(s.id) === s)) {
			this.#entries.delete(key);
			this.#entries.set(key, hit);
			return hit.value;
		}
		const value = compute();
		this.#entries.delete(key);
		this.#entries.set(key, { studies: new Map(studies.map((s) => [s.id, s])), value });
		while (this.#entries.size > this.#capacity) {
			const oldest = this.#entries.keys().next();
			if (oldest.done) break;
			this.#entries.delete(oldest.value);
		}
		return value;
	}

	/** Number of cached results. */
	get size(): number {
		return this.#entries.size;
	}

	/** Forget every cached result. */
	clear(): void {
		this.#entries.clear();
	}
}
