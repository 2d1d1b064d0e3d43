import { bundledRows, expect, ready, test } from './fixtures';

/** "Khan 2002, …": the bundled labels are "first_author year", listed in file order. */
const labels = (rows: Record<string, string>[]) => rows.map((r) => `${r.first_author} ${r.year}`).join(', ');
const noEstimate = (r: Record<string, string>) => (r.hr_os ?? '') === '';

test('the forest plot lists only the studies in view without an effect estimate', async ({ page }) => {
	const all = bundledRows.filter(noEstimate);
	const trials = bundledRows.filter((r) => r.design === 'rct' && noEstimate(r));
	// The check means something only if the filter changes the list and leaves something in it.
	expect(trials.length).toBeGreaterThan(0);
	expect(trials.length).toBeLessThan(all.length);

	await page.goto('/?design=rct');
	await ready(page);
	const list = page.locator('figure[data-chart="forest"] .missing-list', {
		hasText: 'No effect estimate reported'
	});
	await list.scrollIntoViewIfNeeded();
	await expect(list).toHaveText(`No effect estimate reported (${trials.length}): ${labels(trials)}.`);

	await page.locator('[data-testid="clear-filters"]').click();
	await expect(list).toContainText(`No effect estimate reported (${all.length}):`);
});
