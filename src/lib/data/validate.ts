/** Rows of strings + a column mapping → validated studies and an issue per problem. Pure; never throws. */
import { toRatio } from '../domain/ratio';
import type { ColumnMapping, EffectMeasure, LoadIssue, Role, Study } from '$lib/types';
import { shorten } from '$lib/shorten';
import { normaliseDesign } from '../domain/design';
import { messages } from './messages';
import { readNumber, type NumberOptions } from './numbers';
import { measureFromHeader, roleScores } from './roles';
import { countsEffect, isSummaryRow, Z95 } from './inputs';
import type { RawTable } from './parse';
import { normalQuantile } from '$lib/stats/distributions';

export interface ValidateOptions extends NumberOptions {
	/** The measure computed from 2×2 counts: the risk ratio (RevMan's default) unless the odds ratio is asked for. */
	measure?: EffectMeasure;
	/** The latest plausible publication year (defaults to the current year). */
	maxYear?: number;
}

export interface Validated {
	studies: Study[];
	issues: LoadIssue[];
	rowsSkipped: number;
}

const RATIO_IN_ONE_CELL = /^\s*([0-9.,]+)\s*[([]\s*([0-9.,]+)\s*(?:-|–|—|,|;|to)\s*([0-9.,]+)\s*[)\]]\s*$/i;
const YEAR_RANGE = /^\s*(\d{4})\s*(?:-|–|—|to)\s*(\d{4})\s*$/i;
/** More patients than any study of one disease could hold: a typo or a unit error. */
const MAX_PATIENTS = 10_000_000;
const DOI = /^10\.\d{4,9}\/\S+$/;
/** The longest study name kept whole; a longer one is cut with a warning. */
const MAX_LABEL = 300;
/** Rows with a repeated id reported one by one; the rest are counted in one line. */
const MAX_DUPLICATE_LINES = 100;

/** Make a string safe for ids in URLs and attributes: lower-case letters, digits and dashes. */
export function slug(text: string): string {
	return text
		.slice(0, 200)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
}

/** A confidence level named in a header such as "Lower 95% CI" (as a fraction), else null. */
function levelInHeader(header: string): number | null {
	const m = /\b(80|90|95|99)\s*%/.exec(header);
	return m ? Number(m[1]) / 100 : null;
}

/** Validate every row. A row is skipped only when it cannot be named; otherwise bad cells are dropped. */
export function validateRows(
	table: RawTable,
	mapping: ColumnMapping,
	options: ValidateOptions = {}
): Validated {
	const maxYear = options.maxYear ?? new Date().getFullYear();
	const issues: LoadIssue[] = [];
	const studies: Study[] = [];
	const usedIds = new Set<string>();
	// Next suffix to try per id, so numbering "-2, -3 …" costs the same for the 20,000th copy as for the second.
	const nextSuffix = new Map<string, number>();
	const summaryRows: Array<{ row: number; label: string }> = [];
	let duplicateIds = 0;
	const countMeasure: EffectMeasure = options.measure === 'OR' ? 'OR' : 'RR';
	const logHeader = mapping.log_effect === undefined ? '' : (table.headers[mapping.log_effect] ?? '');
	/** Without a ratio column, interval bounds beside a log effect are on the log scale (metafor's ci.lb, ci.ub). */
	const logBounds = mapping.effect === undefined && mapping.log_effect !== undefined;
	/** Counts give an effect only with events in both arms (one "Events" column is a study's total events). */
	const bothArmsCounted = mapping.events_treated !== undefined && mapping.events_control !== undefined;
	const mapped = new Set(Object.values(mapping));
	const headerOf = (role: Role): string => {
		const index = mapping[role];
		return index === undefined ? role : (table.headers[index] ?? role);
	};
	const effectHeader = mapping.effect === undefined ? '' : (table.headers[mapping.effect] ?? '');
	// A ratio column whose header names no measure is an "effect": never called a hazard ratio unless it says so.
	const measureDefault: EffectMeasure = measureFromHeader(effectHeader) ?? 'effect';
	let rowsSkipped = 0;
	// Without a level column, a header such as "Lower 90% CI" states the level for every row.
	const levelFromHeaders =
		mapping.ci_level === undefined
			? (levelInHeader(headerOf('ci_low')) ??
				levelInHeader(headerOf('ci_high')) ??
				levelInHeader(effectHeader))
			: null;
	// A log-scale column (metafor's yi, "logHR") mapped as a ratio would read yi = −3.02 as nonsense and 0.0488 as
	// HR 0.049: say which role reads it.
	if (effectHeader !== '' && roleScores(effectHeader).some((r) => r.role === 'log_effect' && r.score >= 75))
		issues.push({
			row: 0,
			column: effectHeader,
			value: '',
			severity: 'warning',
			message: messages.logColumnAsRatio(effectHeader)
		});
	if (mapping.ci_low !== undefined && mapping.ci_level === undefined && levelFromHeaders === null)
		issues.push({
			row: 0,
			column: headerOf('ci_low'),
			value: '',
			severity: 'warning',
			message: messages.noLevelColumn()
		});

	table.rows.forEach((cells, i) => {
		const row = i + 1;

		const cell = (role: Role): string => {
			const index = mapping[role];
			return index === undefined ? '' : (cells[index] ?? '').trim();
		};
		const warn = (role: Role | '', value: string, message: string) =>
			issues.push({ row, column: role === '' ? '' : headerOf(role), value, severity: 'warning', message });

		const num = (role: Role): number | null => {
			const raw = cell(role);
			const parsed = readNumber(raw, options);
			switch (parsed.kind) {
				case 'value':
					return parsed.value;
				case 'empty':
					return null;
				case 'not-reported':
					warn(role, raw, messages.notReportedToken(row, headerOf(role), raw));
					return null;
				case 'invalid':
					warn(role, raw, messages.notANumber(row, headerOf(role), raw));
					return null;
			}
		};
		const count = (role: Role): number | null => {
			const value = num(role);
			if (value === null) return null;
			if (value < 0)
				return (warn(role, cell(role), messages.negative(row, headerOf(role), cell(role))), null);
			if (!Number.isInteger(value))
				return (warn(role, cell(role), messages.notAnInteger(row, headerOf(role), cell(role))), null);
			if (value > MAX_PATIENTS)
				return (
					warn(role, cell(role), messages.tooManyPatients(row, headerOf(role), cell(role), MAX_PATIENTS)),
					null
				);
			return value;
		};
		const positive = (role: Role): number | null => {
			const value = num(role);
			if (value !== null && value < 0)
				return (warn(role, cell(role), messages.negative(row, headerOf(role), cell(role))), null);
			return value;
		};
		const year = (role: Role, raw = cell(role)): number | null => {
			if (raw === '') return null;
			const parsed = readNumber(raw);
			if (parsed.kind === 'not-reported')
				return (warn(role, raw, messages.notReportedToken(row, headerOf(role), raw)), null);
			if (
				parsed.kind !== 'value' ||
				!Number.isInteger(parsed.value) ||
				parsed.value < 1900 ||
				parsed.value > maxYear
			)
				return (warn(role, raw, messages.yearOutOfRange(row, headerOf(role), raw, maxYear)), null);
			return parsed.value;
		};
		const ratio = (role: Role, raw: string): number | null => {
			if (raw === '') return null;
			const parsed = readNumber(raw, options);
			if (parsed.kind === 'not-reported')
				return (warn(role, raw, messages.notReportedToken(row, headerOf(role), raw)), null);
			if (parsed.kind !== 'value')
				return (warn(role, raw, messages.notANumber(row, headerOf(role), raw)), null);
			if (parsed.value <= 0)
				return (warn(role, raw, messages.nonPositiveRatio(row, headerOf(role), raw)), null);
			return parsed.value;
		};

		// Name and identity.
		const rawLabel = cell('label');
		const rawId = cell('id');
		// RevMan's "Total (95% CI)", "Heterogeneity: …", "Test for overall effect: …" and subgroup headings are no studies.
		if (isSummaryRow(rawLabel || rawId, cells, mapping)) {
			summaryRows.push({ row, label: rawLabel || rawId });
			return;
		}
		if (rawLabel === '' && rawId === '') {
			rowsSkipped++;
			issues.push({
				row,
				column: headerOf('label'),
				value: '',
				severity: 'error',
				message: messages.noLabel(row)
			});
			return;
		}
		const publicationYear = year('year');
		let baseLabel = rawLabel === '' ? rawId : rawLabel;
		// A name longer than any study's (an unclosed quote swallowing the file) is cut, so no view draws megabytes.
		if (baseLabel.length > MAX_LABEL) {
			warn(
				rawLabel === '' ? 'id' : 'label',
				shorten(baseLabel, 60),
				messages.labelTooLong(row, baseLabel.length, MAX_LABEL)
			);
			baseLabel = shorten(baseLabel, MAX_LABEL);
		}
		const label =
			publicationYear !== null && !/\b(19|20)\d{2}\b/.test(baseLabel)
				? `${baseLabel} ${publicationYear}`
				: baseLabel;
		// A label in a non-Latin script slugs to little or nothing ("王 2015" → "2015"): number it by row instead.
		const base = slug(rawId !== '' ? rawId : label);
		let id = /[a-z]/.test(base) ? base : base === '' ? `row-${row}` : `row-${row}-${base}`;
		if (usedIds.has(id)) {
			let n = nextSuffix.get(id) ?? 2;
			while (usedIds.has(`${id}-${n}`)) n++;
			nextSuffix.set(id, n + 1);
			// Past the first hundred, repeated ids are counted into one line: 20,000 copies of a name need no 20,000 lines.
			if (++duplicateIds <= MAX_DUPLICATE_LINES)
				warn('id', rawId || label, messages.duplicateId(row, id, `${id}-${n}`));
			id = `${id}-${n}`;
		}
		usedIds.add(id);

		// Accrual period, also from one cell such as "2004-2008".
		let accrualStart: number | null;
		let accrualEnd: number | null;
		const rangeMatch = YEAR_RANGE.exec(cell('accrual_start'));
		// When both years came from one cell, every problem with them names that cell's column.
		const endRole: Role = rangeMatch && cell('accrual_end') === '' ? 'accrual_start' : 'accrual_end';
		if (rangeMatch && cell('accrual_end') === '') {
			accrualStart = year('accrual_start', rangeMatch[1]);
			accrualEnd = year('accrual_start', rangeMatch[2]);
		} else {
			accrualStart = year('accrual_start');
			accrualEnd = year('accrual_end');
		}
		if (accrualStart !== null && accrualEnd !== null && accrualStart > accrualEnd) {
			warn(
				'accrual_start',
				`${accrualStart}–${accrualEnd}`,
				messages.accrualReversed(row, accrualStart, accrualEnd)
			);
			accrualStart = accrualEnd = null;
		}
		if (publicationYear !== null) {
			if (accrualStart !== null && accrualStart > publicationYear) {
				warn(
					'accrual_start',
					String(accrualStart),
					messages.accrualAfterPublication(row, headerOf('accrual_start'), accrualStart, publicationYear)
				);
				accrualStart = null;
			}
			if (accrualEnd !== null && accrualEnd > publicationYear) {
				warn(
					endRole,
					String(accrualEnd),
					messages.accrualAfterPublication(row, headerOf(endRole), accrualEnd, publicationYear)
				);
				accrualEnd = null;
			}
		}

		// Patients.
		let nTotal = count('n_total');
		let nTreated = count('n_treated');
		let nControl = count('n_control');
		// 2×2 counts: events per arm, with the arm's size or its non-events (metafor's tpos/tneg, cpos/cneg).
		const eventsTreated = count('events_treated');
		const eventsControl = count('events_control');
		const noneventsTreated = count('nonevents_treated');
		const noneventsControl = count('nonevents_control');
		if (nTreated === null && eventsTreated !== null && noneventsTreated !== null)
			nTreated = eventsTreated + noneventsTreated;
		if (nControl === null && eventsControl !== null && noneventsControl !== null)
			nControl = eventsControl + noneventsControl;
		// With the arms but no total, the study's patients are the two arms together (never "0 patients").
		const totalFromArms = nTotal === null && mapping.n_total === undefined;
		if (totalFromArms && nTreated !== null && nControl !== null) nTotal = nTreated + nControl;
		if (nTotal !== null) {
			if (nTreated !== null && nTreated > nTotal) {
				warn(
					'n_treated',
					String(nTreated),
					messages.armLargerThanTotal(row, headerOf('n_treated'), nTreated, nTotal)
				);
				nTreated = null;
			}
			if (nControl !== null && nControl > nTotal) {
				warn(
					'n_control',
					String(nControl),
					messages.armLargerThanTotal(row, headerOf('n_control'), nControl, nTotal)
				);
				nControl = null;
			}
			if (nTreated !== null && nControl !== null && nTreated + nControl > nTotal)
				warn('n_total', String(nTotal), messages.armsExceedTotal(row, nTreated, nControl, nTotal));
		}

		// Effect and interval, also from one cell such as "0.63 (0.55–0.72)".
		let rawEffect = cell('effect');
		let rawLow = logBounds ? '' : cell('ci_low');
		let rawHigh = logBounds ? '' : cell('ci_high');
		const oneCell = RATIO_IN_ONE_CELL.exec(rawEffect);
		const inOneCell = oneCell !== null && rawLow === '' && rawHigh === '';
		if (oneCell && inOneCell) [, rawEffect = '', rawLow = '', rawHigh = ''] = oneCell;
		// Problems with bounds read out of the effect cell name the effect column, the one the file has.
		const lowRole: Role = inOneCell ? 'effect' : 'ci_low';
		const highRole: Role = inOneCell ? 'effect' : 'ci_high';
		const effect = ratio('effect', rawEffect);
		let ciLow = ratio(lowRole, rawLow);
		let ciHigh = ratio(highRole, rawHigh);
		if ((ciLow === null) !== (ciHigh === null)) {
			warn(ciLow === null ? lowRole : highRole, rawLow || rawHigh, messages.halfInterval(row));
			ciLow = ciHigh = null;
		}
		if (ciLow !== null && ciHigh !== null) {
			if (ciLow > ciHigh) {
				warn(lowRole, `${ciLow}–${ciHigh}`, messages.intervalReversed(row, ciLow, ciHigh));
				ciLow = ciHigh = null;
			} else if (effect === null) {
				warn('effect', '', messages.intervalWithoutEstimate(row));
				ciLow = ciHigh = null;
			} else if (effect < ciLow || effect > ciHigh) {
				warn('effect', String(effect), messages.intervalExcludesEstimate(row, effect, ciLow, ciHigh));
				ciLow = ciHigh = null;
			}
		}
		let ciLevel: number | null = levelFromHeaders;
		const rawLevel = cell('ci_level');
		if (rawLevel !== '') {
			const parsed = readNumber(rawLevel.replace(/%$/, ''), options);
			const value = parsed.kind === 'value' ? (parsed.value > 1 ? parsed.value / 100 : parsed.value) : NaN;
			if (value > 0.5 && value < 1) ciLevel = value;
			else warn('ci_level', rawLevel, messages.ciLevelInvalid(row, headerOf('ci_level'), rawLevel));
		}
		if (ciLow !== null && ciLevel === null && rawLevel === '' && mapping.ci_level !== undefined)
			warn('ci_level', '', messages.ciLevelMissing(row));

		// The effect on the log scale with its SE: given (yi with vi or sei), or from 2×2 counts as escalc does.
		let logEffect: number | null = null;
		let se: number | null = null;
		let effectMeasure = measureDefault;
		if (mapping.log_effect !== undefined) {
			logEffect = num('log_effect');
			let seValue = mapping.se === undefined ? null : num('se');
			if (seValue === null && mapping.variance !== undefined) {
				const v = num('variance');
				if (v !== null)
					seValue =
						v > 0
							? Math.sqrt(v)
							: (warn(
									'variance',
									cell('variance'),
									messages.notPositiveSpread(row, headerOf('variance'), cell('variance'))
								),
								null);
			} else if (seValue !== null && !(seValue > 0)) {
				warn('se', cell('se'), messages.notPositiveSpread(row, headerOf('se'), cell('se')));
				seValue = null;
			}
			if (seValue === null && logBounds && logEffect !== null) {
				const lo = num('ci_low');
				const hi = num('ci_high');
				const z = levelZ(ciLevel);
				if (lo !== null && hi !== null && hi > lo) seValue = (hi - lo) / (2 * z);
			}
			if (logEffect !== null && seValue !== null) se = seValue;
			else if (logEffect !== null)
				warn(mapping.se !== undefined ? 'se' : 'variance', '', messages.logEffectWithoutSpread(row));
			// A log effect's measure: named by its header ("logOR"), else chosen in the mapping panel, else the ratio
			// column's, else not named ("effect": metafor's yi says nothing of what it is the log of).
			effectMeasure =
				(logHeader === '' ? null : measureFromHeader(logHeader)) ?? options.measure ?? measureDefault;
		} else if (bothArmsCounted && (eventsTreated !== null || eventsControl !== null)) {
			const result = countsEffect(eventsTreated, nTreated, eventsControl, nControl, countMeasure);
			if (result.kind === 'ok' || mapping.effect === undefined) effectMeasure = countMeasure;
			if (result.kind === 'ok') {
				logEffect = result.yi;
				se = Math.sqrt(result.vi);
			} else if (result.kind === 'no-events' || result.kind === 'all-events')
				warn(
					'events_treated',
					`${eventsTreated}/${nTreated} vs ${eventsControl}/${nControl}`,
					messages.countsNotPoolable(row, result.kind)
				);
			else if (result.kind === 'events-exceed')
				warn(
					'events_treated',
					`${eventsTreated}/${nTreated} vs ${eventsControl}/${nControl}`,
					messages.eventsExceedArm(row)
				);
			else if (eventsTreated !== null && eventsControl !== null)
				warn('n_treated', '', messages.countsIncomplete(row));
		}
		// A log effect with its SE is shown as a ratio with its 95% interval when the table gives no ratio of its own.
		let shownEffect = effect;
		if (logEffect !== null && se !== null && effect === null && !Number.isNaN(logEffect)) {
			shownEffect = toRatio(logEffect);
			ciLow = toRatio(logEffect - Z95 * se);
			ciHigh = toRatio(logEffect + Z95 * se);
			ciLevel = 0.95;
		}
		const rawMeasure = cell('effect_measure');
		if (rawMeasure !== '') {
			const m = rawMeasure.toUpperCase().replace(/[^A-Z]/g, '');
			if (m === 'HR' || m === 'OR' || m === 'RR') effectMeasure = m;
			else if (m.startsWith('HAZARD')) effectMeasure = 'HR';
			else if (m.startsWith('ODDS')) effectMeasure = 'OR';
			else if (m.startsWith('RISK') || m.startsWith('RELATIVE')) effectMeasure = 'RR';
			else
				warn(
					'effect_measure',
					rawMeasure,
					messages.unknownMeasure(row, headerOf('effect_measure'), rawMeasure)
				);
		}

		let adjusted: boolean | null = null;
		const rawAdjusted = cell('adjusted').toLowerCase();
		if (/^(yes|y|true|1|adjusted|multivariable|multivariate)$/.test(rawAdjusted)) adjusted = true;
		else if (/^(no|n|false|0|unadjusted|crude|univariable|univariate)$/.test(rawAdjusted)) adjusted = false;
		else if (rawAdjusted !== '')
			warn('adjusted', cell('adjusted'), messages.badAdjusted(row, headerOf('adjusted'), cell('adjusted')));

		let pmid: string | null = cell('pmid') || null;
		if (pmid !== null && !/^\d{1,9}$/.test(pmid)) {
			warn('pmid', pmid, messages.badPmid(row, headerOf('pmid'), pmid));
			pmid = null;
		}
		let doi: string | null = cell('doi').replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '') || null;
		if (doi !== null && !DOI.test(doi)) {
			warn('doi', cell('doi'), messages.badDoi(row, headerOf('doi'), cell('doi')));
			doi = null;
		}

		const text = (role: Role): string | null => cell(role) || null;
		studies.push({
			id,
			label,
			row,
			year: publicationYear,
			design: normaliseDesign(cell('design')),
			dataSource: text('data_source'),
			country: text('country'),
			accrualStart,
			accrualEnd,
			nTotal,
			nTreated,
			nControl,
			medianTreated: positive('median_treated'),
			medianControl: positive('median_control'),
			eventsTreated,
			eventsControl,
			logEffect: se === null ? null : logEffect,
			se: logEffect === null ? null : se,
			effect: shownEffect,
			ciLow,
			ciHigh,
			ciLevel,
			effectMeasure,
			adjusted,
			pmid,
			doi,
			notes: text('notes'),
			supersedes: cell('supersedes') === '' ? null : slug(cell('supersedes')) || null,
			flags: [
				...new Set(
					cell('flags')
						.split(/[;,|]/)
						.map((f) => slug(f))
						.filter((f) => f !== '')
				)
			],
			extra: table.headers.flatMap((header, c) =>
				mapped.has(c) || (cells[c] ?? '').trim() === '' ? [] : [[header, (cells[c] ?? '').trim()] as const]
			)
		});
	});
	if (duplicateIds > MAX_DUPLICATE_LINES)
		issues.push({
			row: 0,
			column: headerOf('id'),
			value: String(duplicateIds),
			severity: 'warning',
			message: messages.moreDuplicateIds(duplicateIds - MAX_DUPLICATE_LINES)
		});
	if (summaryRows.length > 0)
		issues.push({
			row: 0,
			column: headerOf('label'),
			value: summaryRows.map((r) => r.label).join(' · '),
			severity: 'warning',
			message: messages.summaryRowsLeftOut(summaryRows)
		});
	return { studies, issues, rowsSkipped };
}

/** The normal quantile for a two-sided interval at `level` (95% when not stated). */
function levelZ(level: number | null): number {
	const l = level !== null && level > 0 && level < 1 ? level : 0.95;
	return normalQuantile(1 - (1 - l) / 2);
}
