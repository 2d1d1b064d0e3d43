/**
 * A small least-recently-used cache for analyses of a set of studies, so that a selection or hover change (which
 * changes no study in view) never re-pools. Keyed by an order-free hash of the study ids (no sort: a toggle at
 * 10,000 studies costs a pass of integer sums) and the options; a hit also requires the very same Study objects,
 * so a hash collision, or a reloaded or edited table that reuses ids, is computed afresh.
 */

import type { Study, StudyId } from '../types';

/** Two 32-bit hashes of each study's id (FNV-1a with two seeds), computed once per Study object. */
const idHashes = new WeakMap<Study, [number, number]>();
function hashesOf(study: Study): [number, number] {
	let h = idHashes.get(study);
	if (!h) {
		let a = 0x811c9dc5;
		let b = 0x01000193;
		for (let i = 0; i < study.id.length; i++) {
			const c = study.id.charCodeAt(i);
			a = Math.imul(a ^ c, 0x01000193);
			b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
		}
		h = [a >>> 0, b >>> 0];
		idHashes.set(study, h);
	}
	return h;
}

/**
 * A key for a set of studies whatever their order: the count, the sum and the xor of the ids' hashes (and the
 * sum of the second hash's squares, so swapping studies rarely keeps every part).
 */
export function setKey(studies: ReadonlyArray<Study>): string {
	let sum = 0;
	let xor = 0;
	let mix = 0;
	for (const s of studies) {
		const [a, b] = hashesOf(s);
		sum = (sum + a) >>> 0;
		xor = (xor ^ b) >>> 0;
		mix = (mix + Math.imul(b, b | 1)) >>> 0;
	}
	return `${studies.length}:${sum.toString(36)}:${xor.toString(36)}:${mix.toString(36)}`;
}

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
		const key = `${JSON.stringify(options)}\u0000${setKey(studies)}`;
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
