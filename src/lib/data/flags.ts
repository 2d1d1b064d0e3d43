/**
 * The codes of the bundled table's `flags` column (data/SOURCES.md, "flags") with the reason in words. Badges show
 * the code itself (short words already); the words load only where they are shown (tooltip, forest legend, flags
 * switch, study pages), so they stay out of the first paint.
 */

export interface FlagInfo {
	code: string;
	/** The reason to read the row with care, as SOURCES.md gives it. */
	words: string;
}

const WORDS: Readonly<Record<string, string>> = {
	'survivor-selection':
		'Only patients alive (or progression-free) some time after diagnosis were analysed, which favours surgery.',
	landmark: 'The hazard ratio comes from a landmark analysis.',
	'immortal-time': 'Benefit only with late surgery: immortal-time bias is possible.',
	'stage-migration': 'Part of the operated group was found metastatic only after breast surgery.',
	'margin-negative-only': 'The hazard ratio is for resection with free margins only, not for all surgery.',
	'not-surgery-vs-none': 'The row does not compare survival after surgery with no surgery.',
	'no-single-hr': 'No single surgery-vs-none hazard ratio is reported.',
	'locoregional-not-surgery':
		'The treatment compared need not include surgery (locoregional treatment: radiotherapy, surgery or both).',
	'restricted-population': 'One metastatic site or tumour size only; not comparable with all-site cohorts.',
	'different-samples': 'The medians and the hazard ratio come from different samples.',
	'ci-90': 'The published interval is a 90% confidence interval.',
	'ci-level-unstated': 'The confidence level of the interval is not stated.',
	'interval-misprint': 'The interval looks misprinted in the source (far from symmetric on the log scale).',
	'hr-direction-unclear': 'The source does not name the reference arm of the hazard ratio.',
	'secondary-source':
		'The numbers were read only in secondary sources (news reports, interviews, press releases).',
	'unverified-fields': 'Some filled fields could not be verified in any source read.',
	'no-numbers': 'No number could be verified; the row only lists the study.'
};

export const FLAGS: readonly FlagInfo[] = Object.entries(WORDS).map(([code, words]) => ({ code, words }));

const BY_CODE = new Map(FLAGS.map((f) => [f.code, f]));

/** The words of a code; an unknown code (a user's own table) says there is no explanation on file. */
export function flagInfo(code: string): FlagInfo {
	return BY_CODE.get(code) ?? { code, words: `Flag “${code}” (no explanation on file).` };
}
