/**
 * The crossfilter engine: studies as columns (typed arrays), one bitset per filter clause, and each view's active
 * set = the AND of the clauses it does not own (a view is never filtered by its own clause, so its own brush
 * highlights instead of removing, as in Mosaic's `SelectionResolver.predicate`). Work follows change: a clause
 * that did not change keeps its bitset, and a view whose clauses did not change keeps its set (the same object,
 * so whatever was derived from it need not run again).
 */
import { NOT_REPORTED_DESIGN } from '$lib/domain/design';
import type { ChartId, Study, StudyId } from '$lib/types';
import { sameClause, type Clause, type Clauses, type ClauseSource } from './clauses';

/** The fields clauses test, one array per field, one slot per study (NaN: not reported). */
export interface StudyColumns {
	ids: readonly StudyId[];
	year: Float64Array;
	nTotal: Float64Array;
	/** Index into `designs` per study. */
	design: Uint16Array;
	designs: readonly string[];
	/** Lower-cased texts a search looks in: label, data source, country, id. */
	text: readonly (readonly string[])[];
}

/** Lay studies out as columns. The search texts are built on the first search (a table of a million rows that
 * is never searched never lowers four million strings). */
export function toColumns(studies: readonly Study[]): StudyColumns {
	const n = studies.length;
	const year = new Float64Array(n);
	const nTotal = new Float64Array(n);
	const design = new Uint16Array(n);
	const designs: string[] = [];
	const codes = new Map<string, number>();
	const ids: StudyId[] = new Array<StudyId>(n);
	for (let i = 0; i < n; i++) {
		const s = studies[i]!;
		ids[i] = s.id;
		year[i] = s.year ?? NaN;
		nTotal[i] = s.nTotal ?? NaN;
		const key = s.design ?? NOT_REPORTED_DESIGN;
		let code = codes.get(key);
		if (code === undefined) {
			code = designs.push(key) - 1;
			codes.set(key, code);
		}
		design[i] = code;
	}
	let text: string[][] | null = null;
	return {
		ids,
		year,
		nTotal,
		design,
		designs,
		get text() {
			return (text ??= studies.map((s) =>
				[s.label, s.dataSource ?? '', s.country ?? '', s.id].map((t) => t.toLowerCase())
			));
		}
	};
}

/** A fixed-size set of study indices, 32 per word. */
export class Bitset {
	readonly words: Uint32Array;
	constructor(readonly size: number) {
		this.words = new Uint32Array(Math.ceil(size / 32));
	}
	/** Every study in. */
	static full(size: number): Bitset {
		const b = new Bitset(size);
		b.words.fill(0xffffffff);
		const tail = size % 32;
		if (tail !== 0) b.words[b.words.length - 1] = (1 << tail) - 1;
		return b;
	}
	set(i: number): void {
		const w = i >>> 5;
		this.words[w] = (this.words[w] ?? 0) | (1 << (i & 31));
	}
	has(i: number): boolean {
		return ((this.words[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
	}
	/** This AND other, in place. */
	and(other: Bitset): this {
		for (let w = 0; w < this.words.length; w++) this.words[w] = (this.words[w] ?? 0) & (other.words[w] ?? 0);
		return this;
	}
	copy(): Bitset {
		const b = new Bitset(this.size);
		b.words.set(this.words);
		return b;
	}
	/** How many indices are set. */
	count(): number {
		let c = 0;
		for (let w = 0; w < this.words.length; w++) {
			let v = this.words[w] ?? 0;
			v = v - ((v >>> 1) & 0x55555555);
			v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
			c += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
		}
		return c;
	}
	/** The indices set, ascending, written into `out` from 0 (it holds `count()`); returns how many. */
	fill(out: Uint32Array): number {
		let at = 0;
		for (let w = 0; w < this.words.length; w++) {
			let word = this.words[w] ?? 0;
			while (word !== 0) {
				out[at++] = w * 32 + 31 - Math.clz32(word & -word);
				word &= word - 1;
			}
		}
		return at;
	}
}

/**
 * A view's active studies as a read-only set of ids over a bitset (null: every study), without a `Set` of ids: asking
 * a million-study view costs one AND of bit words, not a million insertions. `has` looks the id's row up in the
 * dataset's id index, built on the first question about a filtered view. Ids asked about are the dataset's.
 */
export class ActiveSet implements ReadonlySet<StudyId> {
	readonly #bits: Bitset | null;
	/** How many studies the dataset has. */
	readonly #total: number;
	readonly #ids: () => readonly StudyId[];
	readonly #index: () => ReadonlyMap<StudyId, number>;
	readonly size: number;
	constructor(
		bits: Bitset | null,
		total: number,
		ids: () => readonly StudyId[],
		index: () => ReadonlyMap<StudyId, number>
	) {
		this.#bits = bits;
		this.#total = total;
		this.#ids = ids;
		this.#index = index;
		this.size = bits ? bits.count() : total;
	}
	/** Whether every study of the dataset is in (no clause applies). */
	get all(): boolean {
		return this.#bits === null || this.size === this.#total;
	}
	/** The rows (indices into the dataset) in the set, ascending, as one typed array (a loop, not a generator: a
	 * million rows in a few ms). */
	rowArray(): Uint32Array {
		const out = new Uint32Array(this.size);
		if (this.#bits === null) for (let i = 0; i < this.#total; i++) out[i] = i;
		else this.#bits.fill(out);
		return out;
	}
	/** Whether row `i` of the dataset is in the set. */
	hasRow(i: number): boolean {
		return this.#bits === null ? i >= 0 && i < this.#total : this.#bits.has(i);
	}
	/** Whether a study of the dataset is in the set (a set of every study answers without its index). */
	has(id: StudyId): boolean {
		if (this.#bits === null) return true;
		const i = this.#index().get(id);
		return i !== undefined && this.hasRow(i);
	}
	*keys(): SetIterator<StudyId> {
		const ids = this.#ids();
		for (const i of this.rowArray()) yield ids[i] ?? '';
	}
	values(): SetIterator<StudyId> {
		return this.keys();
	}
	*entries(): SetIterator<[StudyId, StudyId]> {
		for (const id of this.keys()) yield [id, id];
	}
	[Symbol.iterator](): SetIterator<StudyId> {
		return this.keys();
	}
	forEach(fn: (value: StudyId, key: StudyId, set: ReadonlySet<StudyId>) => void, thisArg?: unknown): void {
		for (const id of this.keys()) fn.call(thisArg, id, id, this);
	}
	// The ES2025 set algebra, written out (Node 20 has no Set.prototype.union).
	union<U>(other: ReadonlySetLike<U>): Set<StudyId | U> {
		const out = new Set<StudyId | U>(this.keys());
		for (const v of iterate(other)) out.add(v);
		return out;
	}
	intersection<U>(other: ReadonlySetLike<U>): Set<StudyId & U> {
		const out = new Set<StudyId & U>();
		for (const id of this.keys()) if (other.has(id as unknown as U)) out.add(id as StudyId & U);
		return out;
	}
	difference<U>(other: ReadonlySetLike<U>): Set<StudyId> {
		const out = new Set<StudyId>();
		for (const id of this.keys()) if (!other.has(id as unknown as U)) out.add(id);
		return out;
	}
	symmetricDifference<U>(other: ReadonlySetLike<U>): Set<StudyId | U> {
		const out: Set<StudyId | U> = this.difference(other);
		for (const v of iterate(other)) if (!this.has(v as unknown as StudyId)) out.add(v);
		return out;
	}
	isSubsetOf(other: ReadonlySetLike<unknown>): boolean {
		for (const id of this.keys()) if (!other.has(id)) return false;
		return true;
	}
	isSupersetOf(other: ReadonlySetLike<unknown>): boolean {
		for (const v of iterate(other)) if (typeof v !== 'string' || !this.has(v)) return false;
		return true;
	}
	isDisjointFrom(other: ReadonlySetLike<unknown>): boolean {
		for (const id of this.keys()) if (other.has(id)) return false;
		return true;
	}
}

function* iterate<U>(set: ReadonlySetLike<U>): Generator<U> {
	const it = set.keys();
	for (let r = it.next(); !r.done; r = it.next()) yield r.value;
}

/** The studies one clause admits, as a bitset over the columns. */
export function clauseBits(columns: StudyColumns, clause: Clause): Bitset {
	const n = columns.ids.length;
	const bits = new Bitset(n);
	switch (clause.kind) {
		case 'oneOf': {
			const wanted = new Set(clause.values);
			const codes = columns.designs.map((d) => wanted.has(d));
			for (let i = 0; i < n; i++) if (codes[columns.design[i] ?? 0]) bits.set(i);
			break;
		}
		case 'range': {
			const values = clause.field === 'year' ? columns.year : columns.nTotal;
			// NaN (not reported) fails both comparisons, so it never passes a range.
			for (let i = 0; i < n; i++) {
				const v = values[i] ?? NaN;
				if (v >= clause.min && v <= clause.max) bits.set(i);
			}
			break;
		}
		case 'ids': {
			const wanted = new Set(clause.ids);
			for (let i = 0; i < n; i++) if (wanted.has(columns.ids[i] ?? '')) bits.set(i);
			break;
		}
		case 'text': {
			const needle = clause.text.trim().toLowerCase();
			if (needle === '') return Bitset.full(n);
			for (let i = 0; i < n; i++) if (columns.text[i]?.some((t) => t.includes(needle))) bits.set(i);
			break;
		}
	}
	return bits;
}

/** Which view owns a clause, so that view ignores it: only the years chart owns one (its brush). */
export function ownerOf(source: ClauseSource): ChartId | null {
	return source === 'years' ? 'years' : null;
}

interface ClauseEntry {
	clause: Clause;
	bits: Bitset;
	/** Bumped whenever this source's clause changes. */
	version: number;
}

/** Crossfilter over one dataset: feed it the clauses with `update`, ask each view's active set with `active`. */
export class Crossfilter {
	readonly #studies: readonly Study[];
	#columns: StudyColumns | null = null;
	readonly #entries = new Map<ClauseSource, ClauseEntry>();
	readonly #views = new Map<ChartId | null, { key: string; ids: ActiveSet }>();
	#index: Map<StudyId, number> | null = null;
	#version = 0;
	/** How many clause bitsets were (re)computed: work done, for tests and profiling. */
	bitsetsBuilt = 0;

	constructor(studies: readonly Study[]) {
		this.#studies = studies;
	}

	/** The studies as columns, laid out when a clause first needs them (a view with no clause never does). */
	get columns(): StudyColumns {
		return (this.#columns ??= toColumns(this.#studies));
	}

	/** Row of each study id (built on first use, once per dataset). */
	get index(): ReadonlyMap<StudyId, number> {
		if (!this.#index) {
			const index = new Map<StudyId, number>();
			const { ids } = this.columns;
			for (let i = 0; i < ids.length; i++) index.set(ids[i] ?? '', i);
			this.#index = index;
		}
		return this.#index;
	}

	/** Take the current clauses: only a clause that changed is recomputed. Returns the sources that changed. */
	update(clauses: Clauses): ClauseSource[] {
		const changed: ClauseSource[] = [];
		for (const source of this.#entries.keys())
			if (clauses[source] === undefined) {
				this.#entries.delete(source);
				changed.push(source);
			}
		for (const [source, clause] of Object.entries(clauses) as [ClauseSource, Clause][]) {
			const entry = this.#entries.get(source);
			if (entry && (entry.clause === clause || sameClause(entry.clause, clause))) continue;
			this.bitsetsBuilt++;
			this.#entries.set(source, { clause, bits: clauseBits(this.columns, clause), version: ++this.#version });
			changed.push(source);
		}
		return changed;
	}

	/**
	 * The studies `view` shows as active: those passing every clause it does not own (null: every clause). The same
	 * set object comes back until one of those clauses changes.
	 */
	active(view: ChartId | null): ActiveSet {
		const used = [...this.#entries.entries()].filter(([source]) => view === null || ownerOf(source) !== view);
		const key = used.map(([source, e]) => `${source}:${e.version}`).join('|');
		const cached = this.#views.get(view);
		if (cached && cached.key === key) return cached.ids;
		let bits: Bitset | null = null;
		for (const [, e] of used) bits = bits ? bits.and(e.bits) : e.bits.copy();
		const ids = new ActiveSet(
			bits,
			this.#studies.length,
			() => this.columns.ids,
			() => this.index
		);
		this.#views.set(view, { key, ids });
		return ids;
	}
}
