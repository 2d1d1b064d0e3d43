/** How studies are pooled: the estimators and their names, defined once for the panel, sentences, captions and slides. */

/** Common effect (FE), DerSimonian–Laird or REML random effects. */
export type PoolMethod = 'FE' | 'DL' | 'REML';

/** Long names, as the pooled panel states them. */
export const METHOD_NAMES: Readonly<Record<PoolMethod, string>> = {
	FE: 'common effect (inverse variance)',
	DL: 'random effects, DerSimonian–Laird',
	REML: 'random effects, REML'
};

/** Short names for a select, a caption or a slide. */
export const METHOD_LABELS: Readonly<Record<PoolMethod, string>> = {
	FE: 'common effect',
	DL: 'DerSimonian–Laird',
	REML: 'REML'
};

/** The model in a sentence: "a common-effect model", "random effects (REML)". */
export function methodInSentence(method: PoolMethod): string {
	return method === 'FE' ? 'a common-effect model' : `random effects (${METHOD_LABELS[method]})`;
}

/** The test for a difference between design classes: one name on screen, in the summary and on slides. */
export const DESIGN_TEST_NAME = 'Test for subgroup differences between design classes';

/** "Test for subgroup differences between design classes: Q = 6.12, df = 1, p = 0.013". */
export function designTestText(test: { q: number; df: number; pValue: number }): string {
	return `${DESIGN_TEST_NAME}: Q = ${test.q.toFixed(2)}, df = ${test.df}, ${pText(test.pValue)}`;
}

/** "p < 0.001", "p = 0.006", "p = 0.21". */
export function pText(p: number): string {
	return p < 0.001 ? 'p < 0.001' : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}
