/**
 * Work proportional to change, seen in the DOM: a design toggle rewrites the marks whose state changed and no
 * others, creates or removes no study mark in the charts laid out without the filters, and keeps the table's rows
 * (showing and hiding them) instead of re-creating them.
 */
import { expect, ready, test } from './fixtures';

/** Charts whose geometry does not depend on the filters (the forest's markers follow the weights, per mark). */
const STABLE = ['cohort', 'years', 'survival', 'trend', 'forest'];

test('a design toggle touches only the marks whose state changed, and re-creates no mark or table row', async ({
	page
}) => {
	await page.goto('/');
	await ready(page);
	const count = page.getByTestId('study-count');
	const shownBefore = await count.getAttribute('data-shown');
	const before = await page.evaluate((charts) => {
		const state: Record<string, string> = {};
		for (const chart of charts)
			for (const m of document.querySelectorAll(`figure[data-chart="${chart}"] [data-study-id]`))
				state[`${chart}|${m.getAttribute('data-study-id')}`] = m.getAttribute('data-active') ?? '';
		const log = { marks: [] as string[], created: 0, removed: 0, rowsCreated: 0, rowsRemoved: 0 };
		const markOf = (n: Node) => {
			const chart = (n as Element).closest?.('figure[data-chart]')?.getAttribute('data-chart');
			return chart && charts.includes(chart) ? chart : null;
		};
		const isStudy = (n: Node) =>
			n instanceof Element && (n.matches('[data-study-id]') || n.querySelector('[data-study-id]') !== null);
		new MutationObserver((records) => {
			for (const r of records) {
				const target = r.target as Element;
				// A write to a mark or anything in it (a row moved, a label redrawn), except the forest's marker,
				// which the view's weights size.
				const mark = r.type === 'attributes' ? target.closest('[data-study-id]') : null;
				if (mark && !target.matches('rect.est')) {
					const chart = markOf(mark);
					if (chart) log.marks.push(`${chart}|${mark.getAttribute('data-study-id')}`);
				}
				if (r.type === 'childList') {
					const inChart = markOf(target) !== null;
					const inTable = target.closest('[data-testid="study-table"]') !== null;
					for (const n of r.addedNodes) {
						if (inChart && isStudy(n)) log.created++;
						if (inTable && n instanceof HTMLTableRowElement) log.rowsCreated++;
					}
					for (const n of r.removedNodes) {
						if (inChart && isStudy(n)) log.removed++;
						if (inTable && n instanceof HTMLTableRowElement) log.rowsRemoved++;
					}
				}
			}
		}).observe(document.body, { subtree: true, childList: true, attributes: true });
		(window as unknown as { __log: typeof log }).__log = log;
		return state;
	}, STABLE);
	expect(Object.keys(before).length).toBeGreaterThan(40);

	await page.locator('[data-filter="design"] button[data-value="rct"]').click();
	await expect(count).not.toHaveAttribute('data-shown', shownBefore ?? '');
	await expect(page.locator('[data-filter="design"] button[data-value="rct"]')).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	const { log, after } = await page.evaluate((charts) => {
		const after: Record<string, string> = {};
		for (const chart of charts)
			for (const m of document.querySelectorAll(`figure[data-chart="${chart}"] [data-study-id]`))
				after[`${chart}|${m.getAttribute('data-study-id')}`] = m.getAttribute('data-active') ?? '';
		return {
			log: (window as unknown as { __log: { marks: string[] } & Record<string, number> }).__log,
			after
		};
	}, STABLE);
	// The same marks, some now inactive: none created or removed.
	expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
	expect([log.created, log.removed]).toEqual([0, 0]);
	const flipped = Object.keys(after).filter((k) => after[k] !== before[k]);
	expect(flipped.length).toBeGreaterThan(0);
	// Every mark written is one whose state changed; most marks were not touched.
	expect([...new Set(log.marks)].filter((k) => !flipped.includes(k))).toEqual([]);
	expect(new Set(log.marks).size).toBeLessThan(Object.keys(after).length);
	// The table shows and hides its rows: none created or removed.
	expect([log.rowsCreated, log.rowsRemoved]).toEqual([0, 0]);
	const shown = Number(await count.getAttribute('data-shown'));
	await expect(page.locator('[data-testid="study-table"] tbody tr[data-study-id]')).toHaveCount(shown);
});
