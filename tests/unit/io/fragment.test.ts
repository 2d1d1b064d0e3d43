import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	decodeShared,
	encodeShared,
	fromBase64Url,
	isSharedFragment,
	MAX_FRAGMENT,
	toBase64Url,
	type SharedTable
} from '$lib/io/fragment';

const DIR = 'tests/fixtures/tables';
const tables = readdirSync(DIR).filter((f) => /\.(csv|tsv|txt)$/.test(f));

/** Compress JSON the way the page does, to build fragments the page never writes. */
async function pack(json: string): Promise<string> {
	const stream = new Blob([new TextEncoder().encode(json)])
		.stream()
		.pipeThrough(new CompressionStream('deflate-raw'));
	return `table=v1.${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

describe('base64url', () => {
	it.each([[[]], [[0]], [[255, 254]], [[1, 2, 3]], [[0, 16, 131, 16, 81, 135, 32, 146, 139, 48]]])(
		'round-trips %j and matches Node’s encoder',
		(bytes) => {
			const data = new Uint8Array(bytes);
			const text = toBase64Url(data);
			expect(text).toBe(Buffer.from(data).toString('base64url'));
			expect([...(fromBase64Url(text) ?? [])]).toEqual(bytes);
		}
	);

	it('refuses text that is not base64url', () => {
		expect(fromBase64Url('ab+c')).toBeNull();
		expect(fromBase64Url('abcde')).toBeNull();
	});
});

describe('a link carrying a table', () => {
	it('has fixture tables to carry', () => expect(tables.length).toBeGreaterThanOrEqual(5));

	it.each(tables)('round-trips %s with its view, mapping, reading settings and arms', async (file) => {
		const shared: SharedTable = {
			name: file,
			text: readFileSync(`${DIR}/${file}`, 'utf8'),
			view: 'design=rct&method=DL&studies=a,b',
			mapping: { label: 0, year: 1, effect: 3 },
			read: { delimiter: ',', decimalComma: false, measure: 'RR' },
			arms: { treated: 'BCG', control: 'Control' }
		};
		const encoded = await encodeShared(shared);
		if (!encoded.ok) throw new Error(encoded.message);
		expect(encoded.fragment.length).toBeLessThanOrEqual(MAX_FRAGMENT);
		expect(encoded.fragment).toMatch(/^table=v1\.[A-Za-z0-9_-]+$/);
		expect(isSharedFragment(`#${encoded.fragment}`)).toBe(true);
		// The table is compressed, not readable in the address.
		expect(encoded.fragment).not.toContain(shared.text.slice(0, 20));
		expect(await decodeShared(`#${encoded.fragment}`)).toEqual({ ok: true, shared });
	});

	it('carries a table without optional settings, and non-Latin text', async () => {
		const shared: SharedTable = { name: 'Études.csv', text: 'étude,année\nÅsa 😀,2001\n', view: '' };
		const encoded = await encodeShared(shared);
		if (!encoded.ok) throw new Error(encoded.message);
		expect(await decodeShared(encoded.fragment)).toEqual({ ok: true, shared });
	});

	it('says a table is too large for a link, and how large, instead of making one', async () => {
		let text = 'id,year,hr\n';
		let seed = 7;
		for (let i = 0; i < 6000; i++) {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			text += `s${seed.toString(36)},${1990 + (seed % 30)},${(seed % 1000) / 997}\n`;
		}
		const encoded = await encodeShared({ name: 'big.csv', text, view: '' });
		expect(encoded.ok).toBe(false);
		if (!encoded.ok) {
			expect(encoded.bytes).toBeGreaterThan(MAX_FRAGMENT);
			expect(encoded.message).toMatch(/too large for a link: compressed it takes [\d,]+ KB.*at most 32 KB/);
		}
	});

	it('rejects a damaged fragment with a message', async () => {
		const encoded = await encodeShared({ name: 'a.csv', text: 'study,year\nA,2001\nB,2002\n', view: '' });
		if (!encoded.ok) throw new Error(encoded.message);
		const body = encoded.fragment;
		const cases = [
			body.slice(0, body.length - 6), // cut short
			body.slice(0, 12) + (body[12] === 'A' ? 'B' : 'A') + body.slice(13), // one character changed
			`${body}!`, // not base64url
			'table=v1.', // empty
			await pack('not json'),
			await pack('{"n":"x","t":42,"q":""}'), // text of the wrong type
			await pack('{"n":"x","t":"a,b\\n1,2","q":"","m":{"evil":1}}') // unknown role
		];
		for (const hash of cases) {
			const decoded = await decodeShared(hash);
			expect(decoded, hash.slice(0, 40)).toEqual({
				ok: false,
				message: expect.stringMatching(/damaged|nothing was loaded/)
			});
		}
		expect(await decodeShared('table=v9.abc')).toEqual({
			ok: false,
			message: expect.stringMatching(/different version/)
		});
	});

	it('rejects an oversized fragment and a decompression bomb without unpacking it whole', async () => {
		const long = await decodeShared(`table=v1.${'A'.repeat(MAX_FRAGMENT)}`);
		expect(long).toEqual({
			ok: false,
			message: expect.stringMatching(/longer than any link this page makes/)
		});
		const bomb = await pack(JSON.stringify({ n: 'x', t: ' '.repeat(5 * 1024 * 1024), q: '' }));
		expect(bomb.length).toBeLessThan(MAX_FRAGMENT);
		expect(await decodeShared(bomb)).toEqual({
			ok: false,
			message: expect.stringMatching(/unpacks to more than 4 MB/)
		});
	});
});
