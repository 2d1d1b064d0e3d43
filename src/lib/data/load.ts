/** The one pipeline every way in goes through: text → table → mapping → validated studies + report. */
import type { ColumnMapping, LoadIssue, LoadResult } from '$lib/types';
import { messages } from './messages';
import { detectDecimalComma, parseTable, type ParseOptions } from './parse';
import { autoMap, ROLE_LABELS } from './roles';
import { validateRows, type ValidateOptions } from './validate';

export interface LoadOptions extends ParseOptions, ValidateOptions {
	/** Use this mapping instead of the automatic one (after the user confirmed columns). */
	mapping?: ColumnMapping;
}

/** The roles without which no chart and no table row can say anything useful. */
const USEFUL_ROLES = ['year', 'n_total', 'n_treated', 'median_treated', 'effect'] as const;

/** Read a CSV/TSV text into studies. Never throws on user input; everything wrong is in `issues`. */
export function loadTable(text: string, name: string, options: LoadOptions = {}): LoadResult {
	const table = parseTable(text, options);
	const rejected = (message: string, extra: Partial<LoadResult> = {}): LoadResult => ({
		name,
		status: 'rejected',
		studies: [],
		issues: [{ row: 0, column: '', value: '', severity: 'error', message }],
		rowsLoaded: 0,
		rowsSkipped: table.rows.length,
		headers: table.headers,
		raw: [],
		mapping: {},
		delimiter: table.delimiter,
		decimalComma: false,
		...extra
	});
	if (table.fatal !== null) return rejected(table.fatal);

	const auto = autoMap(table.headers);
	const mapping = options.mapping ?? auto.mapping;
	const headerIssues: LoadIssue[] = options.mapping
		? []
		: auto.duplicates.map((index) => {
				const header = table.headers[index] ?? '';
				const role = Object.entries(mapping).find(([, i]) => table.headers[i] === header)?.[0];
				return {
					row: 0,
					column: header,
					value: header,
					severity: 'warning' as const,
					message: messages.duplicateHeader(header, role ? ROLE_LABELS[role as keyof typeof ROLE_LABELS] : 'a role')
				};
			});
	const decimalComma = options.decimalComma ?? detectDecimalComma(table);
	const hasName = mapping.label !== undefined || mapping.id !== undefined;
	if (!hasName || !USEFUL_ROLES.some((role) => mapping[role] !== undefined))
		return rejected(messages.noUsableColumns(table.headers), { mapping, decimalComma });

	const result = validateRows(table, mapping, { ...options, decimalComma });
	const issues = [...headerIssues, ...table.issues, ...result.issues].sort((a, b) => a.row - b.row);
	const rowsLoaded = result.studies.length;
	return {
		name,
		status: rowsLoaded === 0 ? 'rejected' : result.rowsSkipped > 0 ? 'partial' : 'ok',
		studies: result.studies,
		issues,
		rowsLoaded,
		rowsSkipped: result.rowsSkipped,
		headers: table.headers,
		raw: table.rows,
		mapping,
		delimiter: table.delimiter,
		decimalComma
	};
}
