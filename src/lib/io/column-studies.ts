/**
 * A large table's studies read from its columns on demand (issue 18): one small object per study, its row, whose
 * fields are getters over the packed columns (columns.ts), instead of an object of thirty fields with a box per
 * number and a string per text. A million studies are then about 20 MB on the page instead of about 260 MB, and that
 * is what the garbage collector copies while they are made and marks while they are held; a reload frees as little.
 *
 * Each study reads as a `Study` (every field, null and absent kept apart, the same values as `unpackStudies`). A text
 * is decoded when first read and kept (ids and labels are read by everything); a design, source, country or measure
 * is one string per distinct value; numbers are read from the typed arrays each time. Not own properties: a spread
 * (`{ ...study }`) copies nothing, so code that copies a study names its fields, and `plainStudy` gives the object.
 */
import type { EffectMeasure, Study, StudyId } from '$lib/types';
import {
	ABSENT,
	decode,
	NO_ITEMS,
	NULL,
	NUMBER_KEYS,
	pairsOf,
	shareText,
	SHARED_KEYS,
	startsOf,
	TEXT_KEYS,
	type ListColumn,
	type NumberColumn,
	type NumberKey,
	type PackedStudies,
	type TextColumn,
	type TextKey,
	yieldToPage
} from './columns';

/** One text column, its texts decoded when first read. */
class Texts {
	readonly #column: TextColumn;
	/** Decoded texts by row (holes: not read yet). */
	readonly #known: (string | undefined)[];
	/** For a column of few values: one string per distinct text. */
	readonly #shared: Map<string, string> | null;
	constructor(column: TextColumn, shared: boolean) {
		this.#column = column;
		this.#known = [];
		this.#shared = shared ? new Map() : null;
	}
	at(i: number): string | null | undefined {
		const c = this.#column;
		const state = c.state[i];
		if (state === NULL) return null;
		if (state === ABSENT) return undefined;
		const known = this.#known[i];
		if (known !== undefined) return known;
		const read = decode(c.chars, i > 0 ? (c.ends[i - 1] ?? 0) : 0, c.ends[i] ?? 0);
		const value = this.#shared ? shareText(this.#shared, read) : read;
		this.#known[i] = value;
		return value;
	}
}

/** One list column (flags, extra), each row's list made when first read. */
class Lists {
	readonly #column: ListColumn;
	readonly #items: Texts;
	readonly #known: (string[] | undefined)[] = [];
	#starts: Uint32Array | null = null;
	constructor(column: ListColumn) {
		this.#column = column;
		this.#items = new Texts(column.items, false);
	}
	at(i: number): string[] {
		const n = this.#column.counts[i] ?? 0;
		if (n === 0) return NO_ITEMS;
		const known = this.#known[i];
		if (known) return known;
		const starts = (this.#starts ??= startsOf(this.#column));
		const from = starts[i] ?? 0;
		const out = new Array<string>(n);
		for (let k = 0; k < n; k++) out[k] = this.#items.at(from + k) ?? '';
		this.#known[i] = out;
		return out;
	}
}

/** What the studies of one table share: its columns and what has been decoded of them. */
class Table {
	readonly packed: PackedStudies;
	readonly #texts = new Map<TextKey, Texts>();
	readonly flags: Lists;
	readonly extra: Lists;
	readonly #pairs: (ReadonlyArray<readonly [string, string]> | undefined)[] = [];
	constructor(packed: PackedStudies) {
		this.packed = packed;
		this.flags = new Lists(packed.flags);
		this.extra = new Lists(packed.extra);
	}
	text(key: TextKey, i: number): string | null | undefined {
		let texts = this.#texts.get(key);
		if (!texts) this.#texts.set(key, (texts = new Texts(this.packed.text[key], SHARED_KEYS.has(key))));
		return texts.at(i);
	}
	number(key: NumberKey, i: number): number | null | undefined {
		const c: NumberColumn = this.packed.numbers[key];
		const state = c.state[i];
		return state === 0 ? (c.values[i] ?? null) : state === NULL ? null : undefined;
	}
	pairs(i: number): ReadonlyArray<readonly [string, string]> {
		return (this.#pairs[i] ??= pairsOf(this.extra.at(i)));
	}
}

/** A study of a packed table, read from its columns (see the module note). */
class ColumnStudy implements Study {
	readonly #t: Table;
	readonly #i: number;
	constructor(table: Table, i: number) {
		this.#t = table;
		this.#i = i;
	}
	get id(): StudyId {
		return this.#t.text('id', this.#i) ?? '';
	}
	get label(): string {
		return this.#t.text('label', this.#i) ?? '';
	}
	get design(): string | null {
		return this.#t.text('design', this.#i) ?? null;
	}
	get dataSource(): string | null {
		return this.#t.text('dataSource', this.#i) ?? null;
	}
	get country(): string | null {
		return this.#t.text('country', this.#i) ?? null;
	}
	get effectMeasure(): EffectMeasure {
		return (this.#t.text('effectMeasure', this.#i) ?? 'HR') as EffectMeasure;
	}
	get pmid(): string | null {
		return this.#t.text('pmid', this.#i) ?? null;
	}
	get doi(): string | null {
		return this.#t.text('doi', this.#i) ?? null;
	}
	get notes(): string | null {
		return this.#t.text('notes', this.#i) ?? null;
	}
	get supersedes(): StudyId | null {
		return this.#t.text('supersedes', this.#i) ?? null;
	}
	get row(): number {
		return this.#t.number('row', this.#i) ?? 0;
	}
	get year(): number | null {
		return this.#t.number('year', this.#i) ?? null;
	}
	get accrualStart(): number | null {
		return this.#t.number('accrualStart', this.#i) ?? null;
	}
	get accrualEnd(): number | null {
		return this.#t.number('accrualEnd', this.#i) ?? null;
	}
	get nTotal(): number | null {
		return this.#t.number('nTotal', this.#i) ?? null;
	}
	get nTreated(): number | null {
		return this.#t.number('nTreated', this.#i) ?? null;
	}
	get nControl(): number | null {
		return this.#t.number('nControl', this.#i) ?? null;
	}
	get medianTreated(): number | null {
		return this.#t.number('medianTreated', this.#i) ?? null;
	}
	get medianControl(): number | null {
		return this.#t.number('medianControl', this.#i) ?? null;
	}
	get eventsTreated(): number | null | undefined {
		return this.#t.number('eventsTreated', this.#i);
	}
	get eventsControl(): number | null | undefined {
		return this.#t.number('eventsControl', this.#i);
	}
	get logEffect(): number | null | undefined {
		return this.#t.number('logEffect', this.#i);
	}
	get se(): number | null | undefined {
		return this.#t.number('se', this.#i);
	}
	get effect(): number | null {
		return this.#t.number('effect', this.#i) ?? null;
	}
	get ciLow(): number | null {
		return this.#t.number('ciLow', this.#i) ?? null;
	}
	get ciHigh(): number | null {
		return this.#t.number('ciHigh', this.#i) ?? null;
	}
	get ciLevel(): number | null {
		return this.#t.number('ciLevel', this.#i) ?? null;
	}
	get adjusted(): boolean | null {
		const a = this.#t.packed.adjusted[this.#i];
		return a === 2 ? null : a === 1;
	}
	get flags(): string[] {
		return this.#t.flags.at(this.#i);
	}
	get extra(): ReadonlyArray<readonly [string, string]> {
		return this.#t.pairs(this.#i);
	}
	/** As JSON, the study's fields (as a plain study would give them). */
	toJSON(): Study {
		return plainStudy(this);
	}
}

/** The fields of a `Study`. */
const FIELDS: readonly (keyof Study)[] = [...TEXT_KEYS, ...NUMBER_KEYS, 'adjusted', 'flags', 'extra'];

/** A study as a plain object of its fields (an absent optional field left out), whatever it was read from. */
export function plainStudy(study: Study): Study {
	const out: Record<string, unknown> = {};
	for (const key of FIELDS) {
		const v = study[key];
		if (v !== undefined) out[key] = v;
	}
	return out as unknown as Study;
}

/** Studies made per slice: 100,000 small objects take a few milliseconds. */
const SLICE = 100_000;

/**
 * The studies of a packed table, read from its columns (one small object each; see the module note), made a slice
 * at a time with the page given a turn between slices (a million take a few slices).
 */
export async function columnStudiesInSlices(packed: PackedStudies): Promise<Study[]> {
	const table = new Table(packed);
	const out: Study[] = [];
	for (let from = 0; from < packed.length;) {
		const to = Math.min(packed.length, from + SLICE);
		for (let i = from; i < to; i++) out.push(new ColumnStudy(table, i));
		from = to;
		if (from < packed.length) await yieldToPage();
	}
	return out;
}
