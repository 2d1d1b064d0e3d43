/** One report per study: which row a later report of the same patients replaces (the `supersedes` column). */
import type { Study, StudyId } from '$lib/types';

/** Each superseded study's id → the study that updates it; a `supersedes` naming no loaded row is ignored. */
export function supersededBy(studies: readonly Study[]): Map<StudyId, Study> {
	const ids = new Set(studies.map((s) => s.id));
	const out = new Map<StudyId, Study>();
	for (const s of studies) if (s.supersedes && s.supersedes !== s.id && ids.has(s.supersedes)) out.set(s.supersedes, s);
	return out;
}
