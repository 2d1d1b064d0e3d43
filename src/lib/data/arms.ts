/** Words that follow the data: arm names read from a user's column headers, neutral when the headers say nothing. */
import type { ArmLabels, ColumnMapping } from '$lib/types';

/** Arms of a table whose columns do not name them. */
export const NEUTRAL_ARMS: ArmLabels = { treated: 'Treatment', control: 'Control' };

/** Parts of a header that name the quantity, not the arm ("n_", "events", "median OS … months"). */
const NOISE =
	/\b(n|number|patients|pts|totals?|events?|deaths?|median|os|overall|survival|months?|mo|arm|group|of|in|the)\b/gi;

/** What a header says about its arm: "n_bcg" → "bcg", "Median OS surgery (months)" → "surgery"; '' when nothing. */
function armWord(header: string): string {
	return header
		.replace(/[_\-()[\].,:;/]+/g, ' ')
		.replace(NOISE, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Arm names from the headers mapped to the treated and control roles (counts, events or medians), when both name
 * an arm and differ; else the neutral "Treatment" / "Control".
 */
export function armsFromColumns(headers: readonly string[], mapping: ColumnMapping): ArmLabels {
	const pick = (roles: readonly (keyof ColumnMapping)[]) => {
		for (const role of roles) {
			const i = mapping[role];
			const word = i === undefined ? '' : armWord(headers[i] ?? '');
			if (word !== '' && !/^(treated|treatment|control|experimental|intervention)$/i.test(word)) return word;
		}
		return '';
	};
	const treated = pick(['n_treated', 'median_treated']);
	const control = pick(['n_control', 'median_control']);
	if (treated === '' || control === '' || treated.toLowerCase() === control.toLowerCase())
		return NEUTRAL_ARMS;
	const cap = (w: string) =>
		/^[a-z]/.test(w) && w === w.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w;
	return { treated: cap(treated), control: cap(control) };
}
