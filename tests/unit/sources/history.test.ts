import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { versionTexts } from '$lib/data/versions';
import { parseLastVisit } from '$lib/io/last-visit';
import {
	briefHistory,
	changesSince,
	datasetHistory,
	pooledByDesignClass,
	pooledChanges,
	readableDate,
	rowHistory
} from '$lib/sources/history';

const HEADER = 'id,first_author,year,design,hr_os,hr_ci_low,hr_ci_high,ci_level,source_urls,supersedes';
const v1 = [
	HEADER,
	'a-2010,A,2010,registry,0.60,0.50,0.72,0.95,https://a.example/1,',
	'b-2012,B,2012,registry,0.70,0.55,0.89,0.95,https://a.example/2,',
	'c-2018,C,2018,rct,0.90,0.70,1.16,0.95,https://a.example/3,',
	'd-2019,D,2019,rct,1.00,0.75,1.33,0.95,https://a.example/4,'
].join('\n');
const v2 = v1.replace('0.70,0.55,0.89', '0.72,0.55,0.89');
const v3 = `${v2}\ne-2024,E,2024,rct,0.95,0.80,1.13,0.95,https://a.example/5,d-2019`;
const history = datasetHistory(
	versionTexts(
		[
			{ date: '2026-01-01', text: v1 },
			{ date: '2026-02-01', text: v2 }
		],
		v3,
		'2026-03-01'
	)
);

describe('dataset history', () => {
	it('holds every version with its changes against the one before', () => {
		expect(history.map((v) => [v.date, v.rows, v.changes.map((c) => `${c.kind}:${c.id}`)])).toEqual([
			['2026-01-01', 4, []],
			['2026-02-01', 4, ['changed:b-2012']],
			['2026-03-01', 5, ['added:e-2024', 'superseded:d-2019']]
		]);
	});

	it('pools each version per design class as the default view does, one report per study', () => {
		expect(history[0]?.pooled.map((p) => [p.group, p.k])).toEqual([
			['observational', 2],
			['randomised', 2]
		]);
		// e-2024 supersedes d-2019: still two randomised reports pooled, with e-2024 in place of d-2019.
		const last = history[2]?.pooled.find((p) => p.group === 'randomised');
		expect(last?.k).toBe(2);
		expect(last?.estimate).not.toBeCloseTo(history[1]?.pooled[1]?.estimate ?? 0, 6);
	});

	it('says the pooled change per design class in words', () => {
		const [a, b] = [history[1], history[2]];
		if (!a || !b) throw new Error('history too short');
		const out = pooledChanges(a, b);
		expect(out.map((p) => p.group)).toEqual(['observational', 'randomised']);
		expect(out[0]?.changed).toBe(false);
		expect(out[1]?.text).toMatch(/^randomised HR \d\.\d{3} → \d\.\d{3}$/);
		const grown = pooledChanges(
			{ measure: 'HR', pooled: [{ group: 'observational', k: 16, estimate: 0.628, ciLow: 0, ciHigh: 0 }] },
			{ measure: 'HR', pooled: [{ group: 'observational', k: 17, estimate: 0.6223, ciLow: 0, ciHigh: 0 }] }
		);
		expect(grown[0]?.text).toBe('observational HR 0.628 (k = 16) → 0.622 (k = 17)');
		expect(pooledChanges({ measure: 'HR', pooled: [] }, b)[1]?.text).toMatch(/^randomised HR not pooled → /);
	});

	it('lists what happened to a row, version by version', () => {
		expect(rowHistory(history, 'd-2019').map((e) => [e.date, e.kind])).toEqual([
			['2026-01-01', 'listed'],
			['2026-03-01', 'superseded']
		]);
		expect(rowHistory(history, 'e-2024').map((e) => e.kind)).toEqual(['added']);
		expect(rowHistory(history, 'a-2010').map((e) => e.kind)).toEqual(['listed']);
	});

	it('finds the changes since a visitor’s version, across versions, and none when they saw the newest', () => {
		const brief = briefHistory(history);
		const first = history[0]?.hash ?? '';
		const since = changesSince(brief, first);
		expect(since?.from.hash).toBe(first);
		expect(since?.changes.map((c) => [c.kind, c.id, c.version])).toEqual([
			['changed', 'b-2012', history[1]?.id],
			['added', 'e-2024', history[2]?.id],
			['superseded', 'd-2019', history[2]?.id]
		]);
		expect(since?.changes[0]?.columns).toEqual(['hr_os']);
		expect(changesSince(brief, history[2]?.hash ?? '')).toBeNull();
		// An unknown version counts from the oldest kept one.
		expect(changesSince(brief, '00000000')?.changes).toHaveLength(3);
	});

	it('pools the kept release of the bundled data with both design classes', () => {
		const release = readFileSync('data/releases/2026-12-04.csv', 'utf8');
		const { measure, pooled } = pooledByDesignClass(release);
		expect(measure).toBe('HR');
		expect(pooled.map((p) => p.group)).toEqual(['observational', 'randomised']);
		expect(pooled.find((p) => p.group === 'randomised')?.k).toBe(4);
	});
});

describe('last visit', () => {
	it('reads what the page stores, and an id alone', () => {
		expect(parseLastVisit('{"version":"2026-12-04-7efaf6e2","hash":"7efaf6e2","date":"2026-12-05"}')).toEqual(
			{
				version: '2026-12-04-7efaf6e2',
				hash: '7efaf6e2',
				date: '2026-12-05'
			}
		);
		expect(parseLastVisit('{"version":"2026-12-04-7efaf6e2","date":"2026-12-05"}')?.hash).toBe('7efaf6e2');
	});

	it.each(['', 'null', '{"version":1}', '{"version":"x","date":"2026-12-05"}', 'x'.repeat(600)])(
		'ignores a damaged record: %s',
		(value) => expect(parseLastVisit(value)).toBeNull()
	);

	it('writes dates people read', () => {
		expect(readableDate('2026-12-04')).toBe('4 Dec 2026');
		expect(readableDate('soon')).toBe('soon');
	});
});
