/**
 * The summary-of-findings table as files: CSV rows and a standalone SVG (drawn from the appraisal, not from the
 * screen), with a caption naming the dataset, the view and the method. Pure: no DOM.
 */
import type { Appraisal, SofRow } from '$lib/stats/appraisal/appraise';
import { certaintySymbols, certaintyWord, DOMAIN_LABELS, type Domain } from '$lib/stats/appraisal/domains';
import { escapeXml } from './sanitise';

const r2 = (v: number) => (v < 0.1 ? v.toFixed(3) : v.toFixed(2));
const months = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const changeText = (c: number) => (c === 0 ? 'no change' : c > 0 ? `+${c}` : `−${-c}`);

/** A change in deaths per 1,000 in words: "89 fewer", "12 more", "none". */
export function fewerMore(v: number): string {
	const n = Math.abs(Math.round(v));
	return n === 0 ? 'none' : `${n} ${v < 0 ? 'fewer' : 'more'}`;
}

/** An interval of changes in words: "75 to 102 fewer", "65 fewer to 21 more". */
export function fewerMoreRange(low: number, high: number): string {
	const lo = Math.round(low);
	const hi = Math.round(high);
	if (hi < 0) return `${-hi} to ${-lo} fewer`;
	if (lo > 0) return `${lo} to ${hi} more`;
	return `${fewerMore(lo)} to ${fewerMore(hi)}`;
}

/**
 * Do the table's patient counts need to say what they count? Each row counts the patients of its pooled studies;
 * the page's header counts every study in view (`patientsInView`, null when none reports n). They differ when a
 * study in view has no usable estimate (shown, not pooled), so the table then says "in pooled studies".
 */
export function patientsDiffer(a: Pick<Appraisal, 'rows'>, patientsInView: number | null): boolean {
	return patientsInView === null || a.rows.reduce((s, r) => s + r.patients, 0) !== patientsInView;
}

/** A row's patients in words: "1,234 patients", "… in pooled studies" when `qualify`, "(cohorts overlap)". */
export function patientsText(row: SofRow, qualify: boolean): string {
	return `${row.patients.toLocaleString('en')} patients${qualify ? ' in pooled studies' : ''}${row.overlaps.length > 0 ? ' (cohorts overlap)' : ''}`;
}

/** The words of one row, shared by the CSV, the SVG and the slide. */
export function rowCells(row: SofRow, measure: string, qualify = false) {
	const x = row.absolute;
	return {
		evidence: row.label,
		designs: row.designs,
		studies: `${row.k} ${row.k === 1 ? 'study' : 'studies'}`,
		patients: patientsText(row, qualify),
		effect: `${measure} ${r2(row.estimate)} (${r2(row.ciLow)}–${r2(row.ciHigh)})`,
		absolute: x
			? [
					`Median ${months(x.baselineMonths)} → ${months(x.medianTreated.value)} months (${months(x.medianTreated.low)}–${months(x.medianTreated.high)})`,
					...x.deaths.map(
						(d) =>
							`Deaths/1,000 at ${d.years} y: ${Math.round(d.baseline)} → ${Math.round(d.treated.value)} (${fewerMore(d.difference.value)}; ${fewerMoreRange(d.difference.low, d.difference.high)})`
					)
				]
			: [],
		certainty: `${certaintySymbols(row.certainty.level)} ${certaintyWord(row.certainty.level)}`,
		judgements: row.certainty.judgements.map(
			(j) =>
				`${DOMAIN_LABELS[j.domain as Domain]}: ${changeText(j.change)}. ${j.overridden ? `Your judgement: ${j.reason}` : j.reason}`
		)
	};
}

/** The table as CSV headers and rows (one row per design class; judgements one column per domain). */
export function sofCsv(a: Appraisal): { headers: string[]; rows: string[][] } {
	const domains = a.rows[0]?.certainty.judgements.map((j) => j.domain) ?? [];
	const headers = [
		'evidence',
		'designs',
		'studies',
		'patients',
		`${a.measure}`,
		'ci_low',
		'ci_high',
		'baseline_median_months',
		'median_treated_months',
		'median_treated_low',
		'median_treated_high',
		...(a.rows[0]?.absolute?.deaths ?? []).flatMap((d) => [
			`deaths_per_1000_${d.years}y_baseline`,
			`deaths_per_1000_${d.years}y_treated`,
			`deaths_per_1000_${d.years}y_treated_low`,
			`deaths_per_1000_${d.years}y_treated_high`
		]),
		'certainty',
		'certainty_level',
		...domains.flatMap((d) => [`${d}_change`, `${d}_reason`, `${d}_overridden`])
	];
	const rows = a.rows.map((row) => {
		const x = row.absolute;
		return [
			row.label,
			row.designs,
			String(row.k),
			String(row.patients),
			String(row.estimate),
			String(row.ciLow),
			String(row.ciHigh),
			x ? String(x.baselineMonths) : '',
			x ? String(x.medianTreated.value) : '',
			x ? String(x.medianTreated.low) : '',
			x ? String(x.medianTreated.high) : '',
			...(x?.deaths ?? []).flatMap((d) => [
				String(d.baseline),
				String(d.treated.value),
				String(d.treated.low),
				String(d.treated.high)
			]),
			certaintyWord(row.certainty.level),
			String(row.certainty.level),
			...row.certainty.judgements.flatMap((j) => [String(j.change), j.reason, j.overridden ? 'yes' : 'no'])
		];
	});
	return { headers, rows };
}

/** Split text into lines of at most `max` characters, at spaces. */
export function wrap(text: string, max: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line !== '' && line.length + 1 + word.length > max) {
			lines.push(line);
			line = word;
		} else line = line === '' ? word : `${line} ${word}`;
	}
	if (line !== '') lines.push(line);
	return lines;
}

export interface SofSvgOptions {
	title: string;
	subtitle: string;
	source: string;
	background: string | null;
	foreground: string;
	muted: string;
	rule: string;
	/** The page's count of patients in view (null: none reported), so the rows say what they count. */
	patientsInView?: number | null;
}

const COLUMNS = [
	{ key: 'evidence', width: 190 },
	{ key: 'studies', width: 150 },
	{ key: 'effect', width: 170 },
	{ key: 'absolute', width: 330 },
	{ key: 'certainty', width: 130 },
	{ key: 'judgements', width: 560 }
] as const;
const FONT = 14;
const LINE = 19;
const PAD = 24;
/** Characters per line at FONT px in a column of this width (DejaVu Sans averages ~0.56 em). */
const charsFor = (width: number) => Math.floor((width - 12) / (FONT * 0.56));

/** The summary-of-findings table for a slide: short cells of lines, one row per design class. */
export interface SofSlide {
	title: string;
	headers: string[];
	rows: { group: string; level: number; cells: string[][] }[];
	/** Under the table: how certainty starts and what the absolute effects assume. */
	footnotes: string[];
	/** Speaker notes: every judgement with its reason, per row. */
	notes: string[];
}

/** The title of the summary-of-findings slide (on the live slide and in the deck). */
export const SOF_SLIDE_TITLE = 'Summary of findings';

const GRADE_NOTE =
	'GRADE: randomised evidence starts high (⊕⊕⊕⊕), observational low (⊕⊕◯◯); judgements computed from the studies pooled in view unless marked “yours”.';
const ABSOLUTE_NOTE =
	'Absolute effects assume proportional hazards and exponential survival (median ÷ HR); intervals from the HR’s 95% CI.';

/**
 * The table as a slide (the live talk and the PPTX deck draw this one model): per design class its evidence, studies
 * and patients, the effect with its CI, the absolute effects and the certainty with ⊕ symbols and every change.
 */
export function sofSlide(a: Appraisal, patientsInView: number | null): SofSlide {
	const qualify = patientsDiffer(a, patientsInView);
	const hasAbsolute = a.rows.some((r) => r.absolute !== null);
	return {
		title: SOF_SLIDE_TITLE,
		headers: [
			'Evidence',
			'Studies (patients)',
			`${a.measure} (95% CI)`,
			...(hasAbsolute ? ['Absolute effect'] : []),
			'Certainty'
		],
		rows: a.rows.map((row) => {
			const c = rowCells(row, a.measure, qualify);
			const x = row.absolute;
			const changes = row.certainty.judgements
				.filter((j) => j.change !== 0)
				.map(
					(j) =>
						`${DOMAIN_LABELS[j.domain as Domain]} ${changeText(j.change)}${j.overridden ? ' (yours)' : ''}`
				);
			return {
				group: row.group,
				level: row.certainty.level,
				cells: [
					[c.evidence, c.designs],
					[c.studies, c.patients],
					[`${r2(row.estimate)} (${r2(row.ciLow)}–${r2(row.ciHigh)})`],
					...(hasAbsolute
						? [
								x
									? [
											`Median ${months(x.baselineMonths)} → ${months(x.medianTreated.value)} months (${months(x.medianTreated.low)}–${months(x.medianTreated.high)})`,
											...x.deaths.map(
												(d) =>
													`${d.years} y: ${fewerMore(d.difference.value)} deaths per 1,000 (${fewerMoreRange(d.difference.low, d.difference.high)})`
											)
										]
									: ['Not computed']
							]
						: []),
					[
						`${certaintySymbols(row.certainty.level)} ${certaintyWord(row.certainty.level)}`,
						...(changes.length > 0 ? changes : ['No change from the start'])
					]
				]
			};
		}),
		footnotes: [GRADE_NOTE, ...(hasAbsolute ? [ABSOLUTE_NOTE] : [])],
		notes: a.rows.flatMap((row) => [
			`${row.label}: ${certaintyWord(row.certainty.level)} certainty (${certaintySymbols(row.certainty.level)}), starting ${certaintyWord(row.certainty.start).toLowerCase()}.`,
			...rowCells(row, a.measure, qualify).judgements
		])
	};
}

/** The table as a standalone SVG document with its title, the view, the method and the source. */
export function sofSvg(a: Appraisal, o: SofSvgOptions): { text: string; width: number; height: number } {
	const width = PAD * 2 + COLUMNS.reduce((s, c) => s + c.width, 0);
	const out: string[] = [];
	let y = PAD + 22;
	const text = (x: number, yy: number, s: string, attrs = '') =>
		out.push(`<text x="${x}" y="${yy}"${attrs}>${escapeXml(s)}</text>`);
	text(PAD, y, o.title, ' font-size="20" font-weight="700"');
	for (const line of wrap(o.subtitle, 170)) {
		y += 20;
		text(PAD, y, line, ` fill="${o.muted}"`);
	}
	y += 30;
	const heads = [
		'Evidence',
		'Studies (patients)',
		`${a.measure} (95% CI)`,
		'Absolute effect',
		'Certainty',
		'Judgements'
	];
	let x = PAD;
	COLUMNS.forEach((c, i) => {
		text(x + 6, y, heads[i] ?? '', ' font-weight="700"');
		x += c.width;
	});
	y += 10;
	out.push(`<line x1="${PAD}" x2="${width - PAD}" y1="${y}" y2="${y}" stroke="${o.rule}" stroke-width="2"/>`);
	const qualify = o.patientsInView !== undefined && patientsDiffer(a, o.patientsInView);
	for (const row of a.rows) {
		const c = rowCells(row, a.measure, qualify);
		const cells: Record<(typeof COLUMNS)[number]['key'], string[]> = {
			evidence: [c.evidence, ...wrap(c.designs, charsFor(190))],
			studies: [c.studies, ...wrap(c.patients, charsFor(150))],
			effect: [c.effect],
			absolute: c.absolute.flatMap((t) => wrap(t, charsFor(330))),
			certainty: [c.certainty],
			judgements: c.judgements.flatMap((t) => wrap(t, charsFor(560)))
		};
		const lines = Math.max(...Object.values(cells).map((l) => l.length));
		let cx = PAD;
		for (const col of COLUMNS) {
			cells[col.key].forEach((t, i) =>
				text(
					cx + 6,
					y + LINE * (i + 1),
					t,
					i > 0 && col.key !== 'absolute' && col.key !== 'judgements' ? ` fill="${o.muted}"` : ''
				)
			);
			cx += col.width;
		}
		y += LINE * lines + 10;
		out.push(`<line x1="${PAD}" x2="${width - PAD}" y1="${y}" y2="${y}" stroke="${o.rule}"/>`);
	}
	y += 6;
	const notes = [
		'GRADE: randomised evidence starts high (⊕⊕⊕⊕), observational low (⊕⊕◯◯); judgements computed from the studies pooled in view unless marked “Your judgement”.',
		ABSOLUTE_NOTE,
		o.source
	];
	for (const n of notes)
		for (const line of wrap(n, 190)) {
			y += 18;
			text(PAD, y, line, ` fill="${o.muted}" font-size="12"`);
		}
	const height = Math.ceil(y + PAD);
	const bg = o.background ? `<rect width="100%" height="100%" fill="${o.background}"/>` : '';
	return {
		text: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="${FONT}" fill="${o.foreground}">${bg}${out.join('')}</svg>`,
		width,
		height
	};
}
