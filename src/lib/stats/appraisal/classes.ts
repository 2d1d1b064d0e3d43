/**
 * The design classes the appraisal compares (GRADE starts randomised evidence high and observational evidence low).
 * The one place the appraisal decides a study's class, following the project's one definition
 * (`domain/design.ts` `designClass`, through the summary's `classesOf`).
 */
import { designInfo, NOT_REPORTED_DESIGN } from '$lib/domain/design';

export type DesignClass = 'observational' | 'randomised';

/** The order rows appear in (observational first, as the literature ran). */
export const CLASS_ORDER: readonly DesignClass[] = ['observational', 'randomised'];

/** The class's heading in the summary-of-findings table. */
export function classLabel(key: DesignClass): string {
	return key === 'randomised' ? 'Randomised trials' : 'Observational studies';
}

/**
 * How the class is named in a sentence, from the designs of its studies: "registries" when every study is a
 * registry, "observational studies" otherwise; "randomised trials".
 */
export function classNoun(key: DesignClass, designs: ReadonlyArray<string | null>): string {
	if (key === 'randomised') return 'randomised trials';
	const keys = new Set(designs.map((d) => d ?? NOT_REPORTED_DESIGN));
	if (keys.size === 1 && keys.has('registry')) return 'registries';
	return 'observational studies';
}

/** The designs a class holds, in words ("Registry, Single institution, Design not reported"). */
export function classDesigns(designs: ReadonlyArray<string | null>): string {
	const infos = [...new Set(designs.map((d) => d ?? NOT_REPORTED_DESIGN))].map(designInfo);
	return infos
		.sort((a, b) => a.order - b.order || a.label.localeCompare(b.label))
		.map((d) => d.label)
		.join(', ');
}
