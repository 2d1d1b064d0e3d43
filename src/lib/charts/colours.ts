/** Colours for designs: the known ones have their own Okabe–Ito colour, a user's own designs take the rest in turn. */

const KNOWN = new Set([
	'registry',
	'single-institution',
	'multi-institution',
	'prospective',
	'rct',
	'not-reported'
]);
/** CSS custom properties for designs this page does not know (app.css defines them for light and dark). */
const SPARE = ['--c-spare-1', '--c-spare-2', '--c-spare-3', '--c-spare-4', '--c-spare-5', '--c-spare-6'];

/** A CSS colour for `key`, given every design key in the table (so a user's designs get distinct colours). */
export function designColour(key: string, keys: readonly string[]): string {
	if (KNOWN.has(key)) return `var(--c-${key})`;
	const unknown = keys.filter((k) => !KNOWN.has(k));
	const index = unknown.indexOf(key);
	return index < 0 ? 'var(--c-other)' : `var(${SPARE[index % SPARE.length]}, var(--c-other))`;
}
