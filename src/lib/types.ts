/** Domain types shared by every layer. No logic lives here. */

/** A stable identifier of one study (a row of the table). */
export type StudyId = string;

/** What a column of a loaded table can be mapped to (CONTRACT.md, plus a few extras of the bundled table). */
export const ROLES = [
	'id',
	'label',
	'year',
	'design',
	'data_source',
	'country',
	'accrual_start',
	'accrual_end',
	'n_total',
	'n_treated',
	'n_control',
	'median_treated',
	'median_control',
	'events_treated',
	'events_control',
	'nonevents_treated',
	'nonevents_control',
	'effect',
	'ci_low',
	'ci_high',
	'ci_level',
	'effect_measure',
	'log_effect',
	'variance',
	'se',
	'adjusted',
	'pmid',
	'doi',
	'notes',
	'supersedes',
	'flags'
] as const;
export type Role = (typeof ROLES)[number];

/** Column index per role; a role left out is not in the table. */
export type ColumnMapping = Partial<Record<Role, number>>;

/** A ratio effect measure, or 'effect' when the table does not name it (domain/measure.ts). */
export type { EffectMeasure } from './domain/measure';
import type { EffectMeasure } from './domain/measure';

/** One study, validated: every number is either a finite value from the file or null ("not reported"). */
export interface Study {
	id: StudyId;
	/** Display name, e.g. "Khan 2002". */
	label: string;
	/** 1-based data row in the file it came from. */
	row: number;
	year: number | null;
	/** Normalised design key (see designs.ts), null when not reported. */
	design: string | null;
	dataSource: string | null;
	country: string | null;
	accrualStart: number | null;
	accrualEnd: number | null;
	nTotal: number | null;
	nTreated: number | null;
	nControl: number | null;
	/** Median overall survival, months. */
	medianTreated: number | null;
	medianControl: number | null;
	/** Patients with the event (2×2 counts), per arm; null when not given. */
	eventsTreated?: number | null;
	eventsControl?: number | null;
	/**
	 * The effect on the log scale and its standard error, when the table gives them (log effect with variance or SE,
	 * or 2×2 counts as metafor's escalc computes them). Pooling prefers these over `effect` and its interval, which
	 * are then set from them (95% interval) for display.
	 */
	logEffect?: number | null;
	se?: number | null;
	effect: number | null;
	ciLow: number | null;
	ciHigh: number | null;
	/** Confidence level of the interval as a fraction (0.95, 0.90); null when not stated. */
	ciLevel: number | null;
	effectMeasure: EffectMeasure;
	/** true: adjusted estimate; false: unadjusted (e.g. randomised); null: not stated. */
	adjusted: boolean | null;
	pmid: string | null;
	doi: string | null;
	notes: string | null;
	/** The id of the earlier report of the same patients that this row updates (shown, not pooled), else null. */
	supersedes: StudyId | null;
	/** Codes of the known reasons to read this row with care (SOURCES.md `flags`), in file order. */
	flags: string[];
	/** Columns of the file that map to no role, in file order, as text. */
	extra: ReadonlyArray<readonly [header: string, value: string]>;
}

export type Severity = 'error' | 'warning';

/** One problem met while loading: row 0 is the header or the file itself. */
export interface LoadIssue {
	row: number;
	column: string;
	value: string;
	severity: Severity;
	message: string;
}

export type LoadStatus = 'ok' | 'partial' | 'rejected';

/** The outcome of reading a table: the studies kept and an account of everything else. */
export interface LoadResult {
	name: string;
	status: LoadStatus;
	studies: Study[];
	issues: LoadIssue[];
	rowsLoaded: number;
	rowsSkipped: number;
	headers: string[];
	/** The data rows as read (cells as text), for exporting the table as loaded. */
	raw: string[][];
	mapping: ColumnMapping;
	delimiter: string;
	/** Whether numbers were read with a decimal comma. */
	decimalComma: boolean;
	/** The roles to map before the table can be used (rejected) or pooled (no usable effect), most urgent first. */
	needs?: Role[];
	/** The measure asked for 2×2 counts, when one was (read settings round-trip it). */
	measure?: EffectMeasure;
	/** One sentence on what to do when the table loaded but nothing in it can be pooled. */
	hint?: string;
}

/** The identifiers of the linked charts, from the one list of charts (a type only: no code is imported). */
export type { ChartId } from './charts/registry';

/** How a text table was read; the user can override both. */
export interface ReadSettings {
	delimiter: string;
	decimalComma: boolean;
	/** The measure computed from 2×2 counts (log risk ratio by default, or log odds ratio). */
	measure?: EffectMeasure;
}

/** What the two compared arms are called (surgery / no surgery for the bundled data). */
export interface ArmLabels {
	treated: string;
	control: string;
}

export const DEFAULT_ARMS: ArmLabels = { treated: 'Surgery', control: 'No surgery' };
