/**
 * Every sentence a user can read about their data lives here, so wording stays consistent and reviewable.
 * Each names the row, the column and the value where there is one.
 */

const q = (value: string): string => `“${value.length > 60 ? value.slice(0, 57) + '…' : value}”`;

export const messages = {
	emptyFile: () => 'The file is empty: there is no table to read.',
	binaryFile: () =>
		'This does not look like a text table (it contains binary data). Choose a CSV or TSV file.',
	headerOnly: () => 'The file has a header row but no data rows.',
	noUsableColumns: (headers: string[]) =>
		`None of the columns (${headers.slice(0, 6).map(q).join(', ')}${headers.length > 6 ? ', …' : ''}) could be recognised as a study name, year, cohort size, median or effect. Map the columns by hand.`,
	tooLarge: (mb: number, limitMb: number) =>
		`The file is ${mb.toFixed(0)} MB, over the ${limitMb} MB this page can read safely in a browser tab.`,
	parseProblem: (row: number, detail: string) => `Row ${row} could not be read cleanly: ${detail}.`,
	tooManyFields: (row: number, got: number, expected: number) =>
		`Row ${row} has ${got} cells but the header has ${expected}; the extra cells were ignored.`,
	tooFewFields: (row: number, got: number, expected: number) =>
		`Row ${row} has ${got} cells but the header has ${expected}; the missing cells are read as not reported.`,
	duplicateHeader: (header: string, role: string) =>
		`The column ${q(header)} appears more than once; only the first is used as ${role}.`,
	noLabel: (row: number) => `Row ${row} has no study name, so it was skipped.`,
	duplicateId: (row: number, id: string, newId: string) =>
		`Row ${row}: the id ${q(id)} is already used by an earlier row; this row is shown as ${q(newId)}.`,
	notReportedToken: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} is read as not reported.`,
	notANumber: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} is not a number; the cell is left empty (not reported).`,
	notAnInteger: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} is not a whole number of patients; the cell is left empty.`,
	tooManyPatients: (row: number, column: string, value: string, max: number) =>
		`Row ${row}, ${column}: ${q(value)} patients is more than any study could have (over ${max.toLocaleString('en')}); the cell is left empty.`,
	commentLine: (value: string) =>
		`A line starting with # was read as a comment, not as a study: ${q(value)}.`,
	negative: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} is negative, which is impossible here; the cell is left empty.`,
	yearOutOfRange: (row: number, column: string, value: string, max: number) =>
		`Row ${row}, ${column}: ${q(value)} is not a year between 1900 and ${max}; the cell is left empty.`,
	accrualReversed: (row: number, start: number, end: number) =>
		`Row ${row}: accrual starts in ${start} but ends in ${end}; both accrual years are left empty.`,
	accrualAfterPublication: (row: number, column: string, value: number, year: number) =>
		`Row ${row}, ${column}: accrual year ${value} is after the publication year ${year}; the cell is left empty.`,
	armLargerThanTotal: (row: number, column: string, value: number, total: number) =>
		`Row ${row}, ${column}: ${value} patients in one arm is more than the ${total} in the whole study; the cell is left empty.`,
	armsExceedTotal: (row: number, treated: number, control: number, total: number) =>
		`Row ${row}: the arms add up to ${treated + control}, more than the ${total} patients in total; check the counts.`,
	nonPositiveRatio: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} cannot be a ratio (it must be above 0); the cell is left empty.`,
	intervalReversed: (row: number, low: number, high: number) =>
		`Row ${row}: the interval ${low}–${high} has its lower bound above its upper bound; the interval is left empty.`,
	intervalExcludesEstimate: (row: number, effect: number, low: number, high: number) =>
		`Row ${row}: the estimate ${effect} lies outside its own interval ${low}–${high}; the interval is left empty.`,
	intervalWithoutEstimate: (row: number) =>
		`Row ${row}: an interval is given without an estimate; it is not shown.`,
	halfInterval: (row: number) =>
		`Row ${row}: only one bound of the interval is given; the interval is left empty.`,
	ciLevelInvalid: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} is not a confidence level such as 0.95, 95 or 95%; the level is treated as not stated.`,
	ciLevelMissing: (row: number) =>
		`Row ${row}: the confidence level of the interval is not stated; 95% is assumed when pooling.`,
	noLevelColumn: () =>
		'The table has no confidence-level column and its headers name no level; intervals are taken as 95% when pooling.',
	unknownMeasure: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} is not a ratio measure this page knows (HR, OR, RR); HR is assumed.`,
	badPmid: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} is not a PubMed id (digits only); no link is made.`,
	badDoi: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} is not a DOI (10.xxxx/…); no link is made.`,
	badAdjusted: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} is not yes or no; adjustment is treated as not stated.`,
	notPositiveSpread: (row: number, column: string, value: string) =>
		`Row ${row}, ${column}: ${q(value)} cannot be a standard error or variance (it must be above 0); the study is not pooled.`,
	logEffectWithoutSpread: (row: number) =>
		`Row ${row}: the log effect has no standard error or variance, so the study cannot be pooled.`,
	countsNotPoolable: (row: number, kind: 'no-events' | 'all-events') =>
		kind === 'no-events'
			? `Row ${row}: no events in either arm, so the counts give no ratio; the study is shown but not pooled.`
			: `Row ${row}: every patient in both arms had the event, so the counts give no ratio; the study is shown but not pooled.`,
	eventsExceedArm: (row: number) =>
		`Row ${row}: an arm has more events than patients; the counts are not used.`,
	countsIncomplete: (row: number) =>
		`Row ${row}: events are given but not every arm's size (or non-events); no effect can be computed from the counts.`,
	summaryRowsLeftOut: (rows: ReadonlyArray<{ row: number; label: string }>) =>
		`${rows.length === 1 ? '1 summary row was' : `${rows.length} summary rows were`} left out, not studies: ${rows
			.slice(0, 5)
			.map((r) => `row ${r.row} ${q(r.label)}`)
			.join(', ')}${rows.length > 5 ? ', …' : ''}.`,
	noNameColumn: (headers: string[]) =>
		`No column was recognised as the study name (columns: ${headers.slice(0, 6).map(q).join(', ')}${headers.length > 6 ? ', …' : ''}). Choose it under “Study” in the column mapping.`,
	looksEuropean: (row: number, column: string, value: string) =>
		`Numbers such as ${q(value)} (row ${row}, ${column}) look like they use a decimal comma; tick “decimal comma” in the column mapping to read them.`,
	nothingToPool: (roles: string[]) =>
		roles.length === 0
			? 'No study can be pooled: no row has both an effect and its spread (interval, standard error or variance).'
			: `No study can be pooled: the table has no ${roles.join(', ')} column. Map ${roles.length === 1 ? 'it' : 'them'} in the column mapping.`,
	savedSessionDropped: () =>
		'The table saved in this browser could not be read back (its record was damaged or written by another version); it was discarded and the bundled data is shown.',
	moreDuplicateIds: (more: number) =>
		`${more.toLocaleString('en')} more rows repeat the id of an earlier row; each is numbered (-2, -3 …) in the same way.`,
	labelTooLong: (row: number, length: number, max: number) =>
		`Row ${row}: the study name is ${length.toLocaleString('en')} characters long, more than any name (an unclosed quote?); only its first ${max} are kept.`,
	logColumnAsRatio: (column: string) =>
		`The column ${q(column)} looks like an effect on the log scale (such as metafor's yi), but it is read as a ratio; map it as “Log effect” in the column mapping.`
};

/** What a link carrying a table (io/fragment.ts) says when it cannot be made or read. */
export const shareMessages = {
	tooLarge: (encodedKb: number, limitKb: number) =>
		`This table is too large for a link: compressed it takes ${encodedKb.toLocaleString('en')} KB, and a link holds at most ${limitKb} KB. Share the table as a file instead.`,
	fragmentTooLong: (limitKb: number) =>
		`The link is longer than any link this page makes (over ${limitKb} KB); it was not opened.`,
	fragmentDamaged: () =>
		'The table in this link is damaged (it was cut short or changed when copied); nothing was loaded.',
	fragmentTooLargeInflated: (limitMb: number) =>
		`The table in this link unpacks to more than ${limitMb} MB, more than any link this page makes; it was not opened.`,
	fragmentVersion: () =>
		'This link was made by a different version of the dashboard and cannot be read here; nothing was loaded.'
};
