/**
 * The codes of the bundled table's `flags` column (data/SOURCES.md, "flags"), each with a short badge text and
 * the reason in words. A code not listed here (a user's own table) is shown as written.
 */
export interface FlagInfo {
	code: string;
	/** A few words for a badge. */
	short: string;
	/** The reason to read the row with care, as SOURCES.md gives it. */
	words: string;
}

export const FLAGS: readonly FlagInfo[] = [
	{
		code: 'survivor-selection',
		short: 'survivors only',
		words:
			'Only patients alive (or progression-free) some time after diagnosis were analysed, which favours surgery.'
	},
	{ code: 'landmark', short: 'landmark HR', words: 'The hazard ratio comes from a landmark analysis.' },
	{
		code: 'immortal-time',
		short: 'immortal time',
		words: 'Benefit only with late surgery: immortal-time bias is possible.'
	},
	{
		code: 'stage-migration',
		short: 'stage migration',
		words: 'Part of the operated group was found metastatic only after breast surgery.'
	},
	{
		code: 'margin-negative-only',
		short: 'free margins only',
		words: 'The hazard ratio is for resection with free margins only, not for all surgery.'
	},
	{
		code: 'not-surgery-vs-none',
		short: 'not surgery vs none',
		words: 'The row does not compare survival after surgery with no surgery.'
	},
	{ code: 'no-single-hr', short: 'no single HR', words: 'No single surgery-vs-none hazard ratio is reported.' },
	{
		code: 'locoregional-not-surgery',
		short: 'locoregional, not surgery',
		words: 'The treatment compared need not include surgery (locoregional treatment: radiotherapy, surgery or both).'
	},
	{
		code: 'restricted-population',
		short: 'restricted population',
		words: 'One metastatic site or tumour size only; not comparable with all-site cohorts.'
	},
	{
		code: 'different-samples',
		short: 'different samples',
		words: 'The medians and the hazard ratio come from different samples.'
	},
	{ code: 'ci-90', short: '90% CI', words: 'The published interval is a 90% confidence interval.' },
	{
		code: 'ci-level-unstated',
		short: 'CI level unstated',
		words: 'The confidence level of the interval is not stated.'
	},
	{
		code: 'interval-misprint',
		short: 'interval misprint?',
		words: 'The interval looks misprinted in the source (far from symmetric on the log scale).'
	},
	{
		code: 'hr-direction-unclear',
		short: 'HR direction unclear',
		words: 'The source does not name the reference arm of the hazard ratio.'
	},
	{
		code: 'secondary-source',
		short: 'secondary source',
		words: 'The numbers were read only in secondary sources (news reports, interviews, press releases).'
	},
	{
		code: 'unverified-fields',
		short: 'unverified fields',
		words: 'Some filled fields could not be verified in any source read.'
	},
	{ code: 'no-numbers', short: 'no numbers', words: 'No number could be verified; the row only lists the study.' }
];

const BY_CODE = new Map(FLAGS.map((f) => [f.code, f]));

/** The badge text and words of a code; an unknown code is its own short text, with no explanation. */
export function flagInfo(code: string): FlagInfo {
	return BY_CODE.get(code) ?? { code, short: code, words: `Flag “${code}” (no explanation on file).` };
}
