/** CSV writing for spreadsheet users: UTF-8 with BOM, RFC 4180 quoting, and formulas that cannot run. */

/** A cell that a spreadsheet would read as a formula starts with one of these (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Make a cell inert in Excel and LibreOffice: a leading apostrophe unless it is a plain (negative) number. */
export function neutralise(cell: string): string {
	return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
	return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Write a table as CSV text with a BOM; every cell neutralised and quoted as needed. */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
	const line = (cells: readonly string[]) => cells.map((c) => quote(neutralise(c))).join(',');
	return '\uFEFF' + [line(headers), ...rows.map(line)].join('\r\n') + '\r\n';
}
