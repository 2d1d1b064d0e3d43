/** The one pipeline every way in goes through: text → table → mapping → validated studies + report. */
import type { ColumnMapping, EffectMeasure, LoadIssue, LoadResult, Role, Study } from '$lib/types';
import { messages } from './messages';
import { detectDecimalComma, parseTable, type ParseOptions } from './parse';
import { autoMap, ROLE_LABELS } from './roles';
import { validateRows, type ValidateOptions } from './validate';

export interface LoadOptions extends ParseOptions, ValidateOptions {
	/** Use this mapping instead of the automatic one (after the user confirmed columns). */
	mapping?: ColumnMapping;
}

/** The roles without which no chart and no table row can say anything useful. */
const USEFUL_ROLES = [
	'year',
	'n_total',
	'n_treated',
	'median_treated',
	'effect',
	'log_effect',
	'events_treated',
	'events_control'
] as const;

/** Whether a study can be pooled: a log effect with its SE, or a ratio with both bounds. */
const poolable = (s: Study): boolean =>
	(typeof s.logEffect === 'number' && typeof s.se === 'number') ||
	(s.effect !== null && s.ciLow !== null && s.ciHigh !== null);

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
					message: messages.duplicateHeader(
						header,
						role ? ROLE_LABELS[role as keyof typeof ROLE_LABELS] : 'a role'
					)
				};
			});
	const decimalComma = options.decimalComma ?? detectDecimalComma(table);
	const hasName = mapping.label !== undefined || mapping.id !== undefined;
	const hasData = USEFUL_ROLES.some((role) => mapping[role] !== undefined);
	if (!hasName && !hasData)
		return rejected(messages.noUsableColumns(table.headers), { mapping, decimalComma, needs: ['label'] });
	if (!hasName)
		return rejected(messages.noNameColumn(table.headers), { mapping, decimalComma, needs: ['label'] });
	if (!hasData)
		return rejected(messages.noUsableColumns(table.headers), { mapping, decimalComma, needs: ['effect'] });

	const result = validateRows(table, mapping, { ...options, decimalComma });
	const fileIssues: LoadIssue[] = [];
	// Numbers that look European while the decimal comma is off: say which setting reads them.
	if (!decimalComma) {
		const european = result.issues.find((i) => /not a number/.test(i.message) && /\d,\d/.test(i.value));
		if (european)
			fileIssues.push({
				row: 0,
				column: european.column,
				value: european.value,
				severity: 'warning',
				message: messages.looksEuropean(european.row, european.column, european.value)
			});
	}
	// An "ok" table that can pool nothing says why in one line of the report (not a problem of any row), and which
	// roles would fix it.
	let needs: Role[] | undefined;
	let hint: string | undefined;
	if (result.studies.length > 0 && !result.studies.some(poolable)) {
		needs = missingEffectRoles(mapping);
		hint = messages.nothingToPool(needs.map((r) => ROLE_LABELS[r]));
	}
	const issues = [...headerIssues, ...fileIssues, ...table.issues, ...result.issues].sort(
		(a, b) => a.row - b.row
	);
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
		decimalComma,
		...(measureInUse(mapping, result.studies, options.measure) ?? {}),
		...(needs ? { needs } : {}),
		...(hint ? { hint } : {})
	};
}

/**
 * The measure that counts or log effects were read as (asked for, or the one the first study got), so the mapping
 * panel shows it and a reload reads the table the same way; none for tables of ratios, whose measure is their own.
 */
function measureInUse(
	mapping: ColumnMapping,
	studies: readonly Study[],
	asked: EffectMeasure | undefined
): { measure: EffectMeasure } | null {
	const derived =
		mapping.log_effect !== undefined ||
		(mapping.events_treated !== undefined && mapping.events_control !== undefined);
	if (!derived) return asked ? { measure: asked } : null;
	// Counts give a risk or an odds ratio only; a log effect is whatever it was read as.
	const measure =
		mapping.log_effect === undefined
			? asked === 'OR'
				? 'OR'
				: 'RR'
			: (asked ?? studies.find((s) => typeof s.logEffect === 'number')?.effectMeasure);
	return measure ? { measure } : null;
}

/** The roles to map so that a table's studies can be pooled, given what is mapped already. */
function missingEffectRoles(mapping: ColumnMapping): Role[] {
	if (mapping.log_effect !== undefined)
		return mapping.se === undefined && mapping.variance === undefined ? ['se'] : [];
	if (mapping.events_treated !== undefined || mapping.events_control !== undefined)
		return (['events_treated', 'n_treated', 'events_control', 'n_control'] as const).filter(
			(r) => mapping[r] === undefined
		);
	if (mapping.effect !== undefined)
		return (['ci_low', 'ci_high'] as const).filter((r) => mapping[r] === undefined);
	return ['effect', 'ci_low', 'ci_high'];
}
