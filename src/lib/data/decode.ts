/** Bytes of a file → text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. */

export interface Decoded {
	text: string;
	encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/** Decode a file's bytes without losing accented names: strict UTF-8 first, Windows-1252 when that fails. */
export function decodeBytes(bytes: Uint8Array): Decoded {
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
	}
}
