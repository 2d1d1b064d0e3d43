import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { BIAS_FLAGS as BIAS } from '../../src/lib/domain/flags';
import { slideCharts, slideRows } from '../../src/lib/present/slides';
import { bundledStudies, expect, plannedTalk, ready, test } from './fixtures';

const rows = Papa.parse<Record<string, string>>(readFileSync('data/studies.csv', 'utf8'), {
	header: true,
	skipEmptyLines: true
}).data;
const label = (id: string) => {
	const r = rows.find((x) => x.id === id);
	return `${r?.first_author} ${r?.year}`;
};

test.beforeEach(async ({ page }) => {
	await page.goto('/');
	await ready(page);
});

test('each row of the bundled table links to its study page; a user’s own table has no such links', async ({
	page
}) => {
	const table = page.getByTestId('study-table');
	const hrefs = await table
		.locator('tbody tr[data-study-id]')
		.evaluateAll((trs) =>
			trs.map((tr) => [
				tr.getAttribute('data-study-id'),
				tr.querySelector('a[data-testid="study-page"]')?.getAttribute('href')
			])
		);
	// The table lists the bundled rows in file order.
	expect(hrefs).toEqual(rows.map((r) => [r.id, `/studies/${r.id}`]));
	await table.locator('tr[data-study-id="khan-2002"] a[data-testid="study-page"]').click();
	await expect(page).toHaveURL(/\/studies\/khan-2002$/);
	await expect(page.getByTestId('provenance')).toBeVisible();

	await page.goto('/');
	await ready(page);
	await page.getByText('Paste a table').click();
	await page.getByTestId('paste-input').fill('Study\tYear\tHR (95% CI)\nA\t2001\t0.63 (0.55–0.72)\n');
	await page.getByTestId('paste-load').click();
	await expect(page.getByTestId('load-report')).toHaveAttribute('data-rows-loaded', '1');
	await expect(table.locator('tbody tr[data-study-id]')).toHaveCount(1);
	await expect(page.locator('a[data-testid="study-page"]')).toHaveCount(0);
});

test('the tooltip names the study page, its flags in words and what supersedes it', async ({ page }) => {
	const tip = page.getByTestId('tooltip');
	// Hover again if the pointer lost the mark (a chart still settling after hydration can re-lay out under it).
	await expect(async () => {
		await page.locator('[data-chart="cohort"] [data-study-id="khan-2002"] circle').first().hover();
		await expect(tip.locator('a[data-testid="study-page"]')).toHaveAttribute('href', '/studies/khan-2002', {
			timeout: 2_000
		});
	}).toPass({ timeout: 15_000 });
	await expect(tip.locator('[data-flag="margin-negative-only"]')).toContainText('free margins');
	await page.locator('[data-chart="forest"] [data-study-id="soran-2018"] .hit').hover();
	await expect(tip.locator('[data-superseded-by="soran-2021"]')).toContainText(label('soran-2021'));
});

test('a superseded report stays drawn in the forest plot and the table, marked with its update', async ({
	page
}) => {
	const superseded = rows.filter((r) => r.supersedes).map((r) => [r.supersedes ?? '', r.id ?? ''] as const);
	expect(superseded.length).toBeGreaterThan(0);
	for (const [old, update] of superseded) {
		const mark = page.locator(`[data-chart="forest"] g[data-study-id="${old}"]`);
		await expect(mark).toHaveAttribute('data-superseded-by', update);
		await expect(mark).toHaveAttribute('aria-label', new RegExp(`superseded by ${label(update)}`));
		const row = page.locator(`[data-testid="study-table"] tr[data-study-id="${old}"]`);
		await expect(row.locator(`[data-superseded-by="${update}"]`)).toHaveText(
			`superseded by ${label(update)}`
		);
		await expect(page.locator(`[data-chart="forest"] g[data-study-id="${update}"]`)).not.toHaveAttribute(
			'data-superseded-by',
			/.+/
		);
	}
});

test('flags show as badges in the table and marks in the forest plot, explained in words', async ({
	page
}) => {
	const flagged = rows.filter((r) => r.flags);
	for (const r of flagged) {
		const codes = (r.flags ?? '').split(';');
		const badges = page.locator(`[data-testid="study-table"] tr[data-study-id="${r.id}"] [data-flag]`);
		expect(await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-flag'))), r.id).toEqual(
			codes
		);
		for (const b of await badges.all()) await expect(b).toHaveAttribute('title', /\w{4,}/);
		if (r.hr_os) {
			await expect(page.locator(`[data-chart="forest"] g[data-study-id="${r.id}"]`)).toHaveAttribute(
				'data-flags',
				codes.join(' ')
			);
		}
	}
	const legend = page.getByTestId('flag-legend');
	await legend.locator('summary').click();
	await expect(legend.locator('[data-flag="margin-negative-only"]')).toContainText(label('khan-2002'));
});

/** The rows pooled from data/studies.csv: an estimate with an interval, one report per study, chosen flags out. */
function pooledIds(design: string | null, exclude: 'all' | 'bias' | string[] = []) {
	const inView = rows.filter((r) => design === null || r.design === design);
	const usable = inView.filter((r) => r.hr_os && r.hr_ci_low && r.hr_ci_high);
	const flaggedOut = (r: Record<string, string>) => {
		const codes = (r.flags ?? '').split(';').filter(Boolean);
		if (exclude === 'all') return codes.length > 0;
		if (exclude === 'bias') return codes.some((c) => BIAS.includes(c));
		return codes.some((c) => exclude.includes(c));
	};
	// One report per study: a row named in another row's `supersedes` is never pooled.
	const superseded = new Set(inView.map((r) => r.supersedes ?? '').filter(Boolean));
	return usable.filter((r) => !superseded.has(r.id ?? '') && !flaggedOut(r)).map((r) => r.id);
}

test('the randomised trials pool one report per trial: soran-2021, not soran-2018', async ({ page }) => {
	await page.goto('/?design=rct');
	await ready(page);
	const overall = page.locator('[data-testid="pooled-estimate"][data-group="randomised"]');
	await expect(overall).toHaveAttribute('data-k', String(pooledIds('rct').length));
	expect(pooledIds('rct')).toHaveLength(4);
	// metafor 3.8-1 on the shared table (tests/fixtures/stats/reference.R, section 1): REML HR 0.891 (0.725–1.095).
	const attr = async (name: string) => Number(await overall.getAttribute(name)).toFixed(3);
	expect([await attr('data-estimate'), await attr('data-ci-low'), await attr('data-ci-high')]).toEqual([
		'0.891',
		'0.725',
		'1.095'
	]);
	await expect(overall).toHaveAttribute('data-method', 'REML');
	// soran-2018 is drawn, hollow (not pooled), and marked.
	const old = page.locator('[data-chart="forest"] g[data-study-id="soran-2018"]');
	await expect(old).toHaveAttribute('data-superseded-by', 'soran-2021');
	await expect(old).toHaveAttribute('aria-label', /not pooled/);
	await expect(old.locator('rect.est')).toHaveClass(/hollow/);
});

test('leaving out flagged studies re-pools, lives in the URL and survives a reload', async ({ page }) => {
	// About twenty re-pools (one per flag code unticked) and a reload: near the default limit on a loaded machine.
	test.slow();
	await page.goto('/?overall=1');
	await ready(page);
	const overall = page.locator('[data-testid="pooled-estimate"][data-group="all"]');
	await expect(overall).toHaveAttribute('data-k', String(pooledIds(null).length));
	const before = await overall.getAttribute('data-estimate');
	await page.getByTestId('exclude-flags').check();
	// The switch leaves out bias-flagged studies; reporting caveats stay in unless chosen.
	await expect(page).toHaveURL(/[?&]exclude=bias(&|$)/);
	await expect(overall).toHaveAttribute('data-k', String(pooledIds(null, 'bias').length));
	expect(await overall.getAttribute('data-estimate')).not.toBe(before);
	// Keep only one reason: the studies with other flags come back into the pool.
	await page.getByTestId('exclude-codes').locator('summary').click();
	const codes = page.getByTestId('exclude-codes').locator('input[data-flag]');
	const all = await codes.evaluateAll((els) => els.map((e) => e.getAttribute('data-flag') ?? ''));
	await codes.and(page.locator('[data-flag="ci-90"]')).check();
	for (const code of all.filter((c) => c !== 'ci-90')) {
		await codes.and(page.locator(`[data-flag="${code}"]`)).uncheck();
	}
	await expect(page).toHaveURL(/[?&]exclude=ci-90(&|$)/);
	await expect(overall).toHaveAttribute('data-k', String(pooledIds(null, ['ci-90']).length));
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('exclude-flags')).toBeChecked();
	await expect(overall).toHaveAttribute('data-k', String(pooledIds(null, ['ci-90']).length));
	await page.getByTestId('exclude-flags').uncheck();
	await expect(page).not.toHaveURL(/exclude=/);
	await expect(overall).toHaveAttribute('data-k', String(pooledIds(null).length));
});

test('slide notes name each study’s page of sources', async ({ page }) => {
	await page.goto('/?present=1');
	await ready(page);
	await expect(page.getByTestId('slide')).toBeVisible();
	// Notes are the presenter's: they open in their own window (S), never on the projected page.
	const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
	const notes = presenter.getByTestId('speaker-notes');
	await expect(page.getByTestId('speaker-notes')).toHaveCount(0);
	const talk = plannedTalk();
	const byId = new Map(bundledStudies.map((s) => [s.id, s]));
	// Every study a slide draws (a split chart's part, or the chart's drawable studies) is named with its page.
	const onSlide = (i: number) => {
		const slide = talk[i];
		const chart = slide ? slideCharts(slide)[0] : undefined;
		if (!slide || !chart) return [];
		return slide.part?.ids ?? slideRows(chart, bundledStudies)?.map((r) => r.id) ?? [...byId.keys()];
	};
	const sourceLines = notes.locator('li').filter({ hasText: 'Sources: /studies/' });
	// Slide 1 is the title: from the first chart on.
	await page.keyboard.press('ArrowRight');
	for (const i of [1, 2]) {
		await expect(notes).toContainText(`Slide ${i + 1} of ${talk.length}`);
		const ids = onSlide(i);
		expect(ids.length).toBeGreaterThan(0);
		await expect(sourceLines).toHaveText(ids.map((id) => `${byId.get(id)?.label} — Sources: /studies/${id}`));
		await page.keyboard.press('ArrowRight');
	}
	// A study with extraction notes: the notes window names its page on the first slide that draws it, and the
	// raw note itself is never read out.
	const withNotes = rows.find((r) => r.notes);
	const at = talk.findIndex((_, i) => onSlide(i).includes(withNotes?.id ?? ''));
	expect(at).toBeGreaterThanOrEqual(0);
	await page.keyboard.press('Home');
	for (let i = 0; i < at; i++) await page.keyboard.press('ArrowRight');
	await expect(notes).toContainText(`Slide ${at + 1} of ${talk.length}`);
	await expect(notes).toContainText(`Sources: /studies/${withNotes?.id}`);
	await expect(notes).not.toContainText(withNotes?.notes ?? '');
	// The closing summary draws no study: no list of sources.
	await page.keyboard.press('End');
	await expect(notes).toContainText(`Slide ${talk.length} of ${talk.length}`);
	await expect(sourceLines).toHaveCount(0);
});
