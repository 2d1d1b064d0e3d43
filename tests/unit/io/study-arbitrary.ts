import fc from 'fast-check';
import type { Study } from '$lib/types';

/** Any text, astral and lone surrogates included. */
export const text = fc.oneof(fc.string({ maxLength: 30, unit: 'binary' }), fc.string({ maxLength: 8 }));
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const num = fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -5000, max: 5000 }));

/** Every study a load can produce (optional fields present, null or absent). */
export const study: fc.Arbitrary<Study> = fc.record(
	{
		id: text,
		label: text,
		row: fc.nat(),
		year: nullable(fc.integer({ min: 1900, max: 2100 })),
		design: nullable(text),
		dataSource: nullable(text),
		country: nullable(text),
		accrualStart: nullable(num),
		accrualEnd: nullable(num),
		nTotal: nullable(num),
		nTreated: nullable(num),
		nControl: nullable(num),
		medianTreated: nullable(num),
		medianControl: nullable(num),
		eventsTreated: nullable(num),
		eventsControl: nullable(num),
		logEffect: nullable(num),
		se: nullable(num),
		effect: nullable(num),
		ciLow: nullable(num),
		ciHigh: nullable(num),
		ciLevel: nullable(num),
		effectMeasure: fc.constantFrom('HR', 'RR', 'OR'),
		adjusted: nullable(fc.boolean()),
		pmid: nullable(text),
		doi: nullable(text),
		notes: nullable(text),
		supersedes: nullable(text),
		flags: fc.array(text, { maxLength: 4 }),
		extra: fc.array(fc.tuple(text, text), { maxLength: 4 })
	},
	{
		requiredKeys: [
			'id',
			'label',
			'row',
			'year',
			'design',
			'dataSource',
			'country',
			'accrualStart',
			'accrualEnd',
			'nTotal',
			'nTreated',
			'nControl',
			'medianTreated',
			'medianControl',
			'effect',
			'ciLow',
			'ciHigh',
			'ciLevel',
			'effectMeasure',
			'adjusted',
			'pmid',
			'doi',
			'notes',
			'supersedes',
			'flags',
			'extra'
		]
	}
) as fc.Arbitrary<Study>;
