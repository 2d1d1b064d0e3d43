/**
 * A user's table and view carried in a link's fragment (`#table=v1.…`), which browsers never send to a server:
 * JSON, compressed with the platform's `CompressionStream('deflate-raw')`, in base64url. Pure apart from those
 * web-standard streams (Node 20 has them too), so the codec is tested in Node. Reading a fragment never throws:
 * a damaged, oversized or foreign one gives a message.
 */
import { shareMessages } from '$lib/data/messages';
import { ROLES, type ArmLabels, type ColumnMapping, type ReadSettings } from '$lib/types';

/** What a shared link carries. */
export interface SharedTable {
	/** The table's name (its file name). */
	name: string;
	/** The table as text, as it was read (it is loaded through the same checks as a file). */
	text: string;
	/** The view's query string, without "?". */
	view: string;
	mapping?: ColumnMapping;
	read?: ReadSettings;
	arms?: ArmLabels;
}

/** The fragment's key and format version: `#table=v1.<base64url>`. */
const PREFIX = 'table=v1.';
/** The longest fragment this page writes or reads (characters; ≈ 24 KB of compressed table). */
export const MAX_FRAGMENT = 32 * 1024;
/** The most a fragment may unpack to: far above any table that fits a link, far below a decompression bomb. */
export const MAX_INFLATED = 4 * 1024 * 1024;
/** A table longer than this is not even compressed: it cannot fit a link. */
const MAX_TEXT = 16 * MAX_INFLATED;

export type Encoded = { ok: true; fragment: string } | { ok: false; message: string; bytes: number };
export type Decoded = { ok: true; shared: SharedTable } | { ok: false; message: string };

/** Does this location hash carry a shared table? (cheap: no decoding) */
export function isSharedFragment(hash: string): boolean {
	return hash.replace(/^#/, '').startsWith('table=');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes → base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
		const n = (a << 16) | (b << 8) | c;
		const left = bytes.length - i;
		out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
		if (left > 1) out += B64[(n >> 6) & 63]!;
		if (left > 2) out += B64[n & 63]!;
	}
	return out;
}

/** base64url (no padding) → bytes; null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
	const out = new Uint8Array(Math.floor((text.length * 3) / 4));
	let bits = 0;
	let value = 0;
	let at = 0;
	for (const ch of text) {
		value = (value << 6) | B64.indexOf(ch);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[at++] = (value >> bits) & 0xff;
		}
	}
	return out;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflate, stopping as soon as the output passes `max` bytes (null then); throws on a corrupt stream. */
async function inflate(bytes: Uint8Array, max: number): Promise<Uint8Array | null> {
	const reader = new Blob([bytes as BlobPart])
		.stream()
		.pipeThrough(new DecompressionStream('deflate-raw'))
		.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > max) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.byteLength;
	}
	return out;
}

/** The fragment (without "#") carrying `shared`, or a message when it would be too long for a link. */
export async function encodeShared(shared: SharedTable): Promise<Encoded> {
	const json = JSON.stringify({
		n: shared.name,
		t: shared.text,
		q: shared.view,
		...(shared.mapping ? { m: shared.mapping } : {}),
		...(shared.read ? { r: shared.read } : {}),
		...(shared.arms ? { a: shared.arms } : {})
	});
	const kb = (n: number) => Math.ceil(n / 1024);
	if (json.length > MAX_TEXT)
		return {
			ok: false,
			bytes: json.length,
			message: shareMessages.tooLarge(kb(json.length), kb(MAX_FRAGMENT))
		};
	const fragment = PREFIX + toBase64Url(await deflate(new TextEncoder().encode(json)));
	return fragment.length > MAX_FRAGMENT
		? {
				ok: false,
				bytes: fragment.length,
				message: shareMessages.tooLarge(kb(fragment.length), kb(MAX_FRAGMENT))
			}
		: { ok: true, fragment };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** The payload's fields, checked one by one; null when any is of the wrong shape. */
function parseShared(value: unknown): SharedTable | null {
	if (!isRecord(value)) return null;
	const { n, t, q, m, r, a } = value;
	if (!isString(n, 1000) || !isString(t, MAX_INFLATED) || !isString(q, 10_000)) return null;
	const shared: SharedTable = { name: n.trim() || 'Shared table', text: t, view: q.replace(/^\?/, '') };
	if (m !== undefined) {
		if (!isRecord(m)) return null;
		const mapping: ColumnMapping = {};
		for (const [role, index] of Object.entries(m)) {
			if (!(ROLES as readonly string[]).includes(role)) return null;
			if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return null;
			mapping[role as (typeof ROLES)[number]] = index;
		}
		shared.mapping = mapping;
	}
	if (r !== undefined) {
		if (!isRecord(r) || !isString(r.delimiter, 1) || typeof r.decimalComma !== 'boolean') return null;
		if (r.measure !== undefined && r.measure !== 'HR' && r.measure !== 'RR' && r.measure !== 'OR')
			return null;
		shared.read = {
			delimiter: r.delimiter,
			decimalComma: r.decimalComma,
			...(r.measure ? { measure: r.measure } : {})
		};
	}
	if (a !== undefined) {
		if (!isRecord(a) || !isString(a.treated, 40) || !isString(a.control, 40)) return null;
		shared.arms = { treated: a.treated, control: a.control };
	}
	return shared;
}

/** Read a location hash (with or without "#") carrying a table; a message when it cannot be read. */
export async function decodeShared(hash: string): Promise<Decoded> {
	const fragment = hash.replace(/^#/, '');
	const fail = (message: string): Decoded => ({ ok: false, message });
	if (fragment.length > MAX_FRAGMENT) return fail(shareMessages.fragmentTooLong(MAX_FRAGMENT / 1024));
	if (!fragment.startsWith('table=')) return fail(shareMessages.fragmentDamaged());
	if (!fragment.startsWith(PREFIX)) return fail(shareMessages.fragmentVersion());
	const bytes = fromBase64Url(fragment.slice(PREFIX.length));
	if (!bytes || bytes.length === 0) return fail(shareMessages.fragmentDamaged());
	let json: Uint8Array | null;
	try {
		json = await inflate(bytes, MAX_INFLATED);
	} catch {
		return fail(shareMessages.fragmentDamaged());
	}
	if (json === null) return fail(shareMessages.fragmentTooLargeInflated(MAX_INFLATED / 1024 / 1024));
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
	} catch {
		return fail(shareMessages.fragmentDamaged());
	}
	const shared = parseShared(value);
	return shared ? { ok: true, shared } : fail(shareMessages.fragmentDamaged());
}
