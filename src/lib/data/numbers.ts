/** Strict reading of numeric cells: a value, an explicit "not reported", nothing, or not a number. */

export type NumberCell =
	| { kind: 'value'; value: number }
	| { kind: 'empty' }
	| { kind: 'not-reported'; token: string }
	| { kind: 'invalid'; token: string };

/** Tokens people write for "no number here". Compared after trimming and lower-casing. */
const NOT_REPORTED = new Set([
	'nr',
	'n.r.',
	'not reported',
	'not reached',
	'nrch',
	'na',
	'n/a',
	'n.a.',
	'nan',
	'none',
	'unknown',
	'unk',
	'?',
	'-',
	'–',
	'—',
	'.',
	'null',
	'missing'
]);

export interface NumberOptions {
	/** When true, "0,63" is 0.63 and "1.234,5" is 1234.5. */
	decimalComma?: boolean;
}

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const THOUSANDS_DOT_DECIMAL = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const THOUSANDS_COMMA_DECIMAL = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const THIN_SPACES = /[\s\u00a0\u202f\u2009']/g;

/** Parse one cell as a number, never guessing: anything ambiguous is `invalid`. */
export function readNumber(raw: string, options: NumberOptions = {}): NumberCell {
	const trimmed = raw.trim();
	if (trimmed === '') return { kind: 'empty' };
	if (NOT_REPORTED.has(trimmed.toLowerCase())) return { kind: 'not-reported', token: trimmed };
	// Unicode minus sign, spaces and apostrophes used as digit groupings.
	let text = trimmed.replace(/\u2212/g, '-').replace(THIN_SPACES, '');
	if (options.decimalComma) {
		if (THOUSANDS_COMMA_DECIMAL.test(text)) text = text.replace(/\./g, '').replace(',', '.');
		else if (/^[+-]?\d*,\d+$/.test(text)) text = text.replace(',', '.');
		else if (text.includes(',')) return { kind: 'invalid', token: trimmed };
	} else if (THOUSANDS_DOT_DECIMAL.test(text)) {
		text = text.replace(/,/g, '');
	}
	if (!PLAIN.test(text)) return { kind: 'invalid', token: trimmed };
	const value = Number(text);
	if (!Number.isFinite(value)) return { kind: 'invalid', token: trimmed };
	return { kind: 'value', value };
}
