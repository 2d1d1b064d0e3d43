import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTable } from '$lib/data/load';
import {
	copyPacked,
	lazyRows,
	packRows,
	packStudies,
	packTexts,
	textOf,
	transferables,
	unitsOf,
	unpackRows,
	unpackRowsInSlices,
	unpackStudies,
	unpackStudiesInSlices
} from '$lib/io/columns';
import { study, text } from './study-arbitrary';

describe('transferable columns', () => {
	it('round-trip every study exactly (nulls, absent fields, any text)', () => {
		fc.assert(
			fc.property(fc.array(study, { maxLength: 40 }), (studies) => {
				expect(unpackStudies(packStudies(studies))).toEqual(studies);
				const back = unpackStudies(packStudies(studies));
				back.forEach((s, i) => expect(Object.keys(s).sort()).toEqual(Object.keys(studies[i] ?? {}).sort()));
			}),
			{ numRuns: 150 }
		);
	});

	it('unpack studies with every field present as the same objects, keys in the same order as any other', () => {
		const text = 'Study,Year,N,HR,Lower,Upper\nA,2001,100,0.8,0.6,1.0\nB,2003,,0.7,0.5,0.9\n';
		const { studies } = loadTable(text, 't.csv');
		const packed = packStudies(studies);
		const out = unpackStudies(packed);
		expect(out).toEqual(studies);
		// The same rows through the general path (one field made absent) keep the other keys in the same order.
		const general = unpackStudies({
			...packed,
			text: { ...packed.text, notes: packTexts([undefined, undefined]) }
		});
		expect(Object.keys(out[0] ?? {}).filter((k) => k !== 'notes')).toEqual(Object.keys(general[0] ?? {}));
	});

	it('carry no buffer for a column without values', () => {
		const text =
			'Study,Year,Design,HR,Lower,Upper\nA,2001,Registry,0.8,0.6,1.0\nB,2003,Registry,0.7,0.5,0.9\n';
		const { studies } = loadTable(text, 't.csv');
		const packed = packStudies(studies);
		// No row has a median or a note: their columns hold states only (a short table of a million rows saves
		// 8 bytes a row per number column, 4 per text column).
		expect(packed.numbers.medianTreated.values.length).toBe(0);
		expect(packed.numbers.medianTreated.state.length).toBe(2);
		expect(packed.text.notes.ends.length).toBe(0);
		expect(packed.numbers.effect.values.length).toBe(2);
		const out = unpackStudies(packed);
		expect(out).toEqual(studies);
		expect(unpackStudies(copyPacked(packed))).toEqual(studies);
		// Rows unpacked apart (the shared texts of a design) read the same.
		expect([...unpackStudies(packed, 0, 1), ...unpackStudies(packed, 1, 2)]).toEqual(studies);
	});

	it('unpack in row ranges (and in slices) gives the same studies', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(study, { maxLength: 30 }), fc.nat(), async (studies, cut) => {
				const packed = packStudies(studies);
				const at = studies.length === 0 ? 0 : cut % (studies.length + 1);
				const out = unpackStudies(packed, 0, at);
				unpackStudies(packed, at, studies.length, out);
				expect(out).toEqual(studies);
				const sliced = await unpackStudiesInSlices(copyPacked(packed));
				expect(sliced).toEqual(studies);
			}),
			{ numRuns: 60 }
		);
	});

	it('round-trip rows of cells', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.array(text, { maxLength: 6 }), { maxLength: 30 }), async (rows) => {
				expect(unpackRows(packRows(rows))).toEqual(rows);
				expect(await unpackRowsInSlices(packRows(rows))).toEqual(rows);
				// Read on demand: the same rows, by index, in any order, through every array method.
				const lazy = lazyRows(packRows(rows));
				expect(Array.isArray(lazy)).toBe(true);
				expect(lazy.length).toBe(rows.length);
				for (let i = rows.length - 1; i >= 0; i--) expect(lazy[i]).toEqual(rows[i]);
				expect(lazyRows(packRows(rows)).map((r) => r)).toEqual(rows);
				expect([...lazyRows(packRows(rows))]).toEqual(rows);
				expect(lazy[rows.length]).toBeUndefined();
			})
		);
	});

	it('rows read on demand unpack only the rows read', () => {
		const rows = Array.from({ length: 1000 }, (_, i) => [`r${i}`, 'x'.repeat(i % 7)]);
		const lazy = lazyRows(packRows(rows));
		expect(lazy[999]).toEqual(['r999', 'x'.repeat(999 % 7)]);
		expect(Object.keys(lazy)).toEqual(['999']);
		expect(lazy[0]).toBe(lazy[0]); // each row is unpacked once, then kept
	});

	it('are made of transferable buffers only: a structured clone with transfer detaches them', () => {
		const studies = fc.sample(study, { numRuns: 20, seed: 3 });
		const packed = packStudies(studies);
		const buffers = transferables(packed);
		expect(buffers.length).toBeGreaterThan(40);
		const moved = structuredClone(packed, { transfer: buffers });
		expect(buffers.every((b) => b.byteLength === 0)).toBe(true);
		expect(unpackStudies(moved)).toEqual(studies);
	});

	it('carry a table’s text as UTF-16 code units, exactly (lone surrogates and astral characters included)', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
				const units = unitsOf(text);
				expect(units.length).toBe(text.length);
				expect(textOf(units)).toBe(text);
			})
		);
		const long = 'é\uD800x'.repeat(10_000);
		expect(textOf(unitsOf(long))).toBe(long);
		// A leading byte-order mark is text like any other (never dropped), with or without surrogates.
		for (const text of ['\uFEFFStudy,HR\n', '\uFEFF\uD83D\uDE00', 'a\uFFFD\uFEFF'])
			expect(textOf(unitsOf(text))).toBe(text);
	});
});
