import type { Locator, Page } from '@playwright/test';
import { designClass } from '../../src/lib/domain/design';
import type { PlannedSlide } from '../../src/lib/present/slides';
import { ALL_CHARTS, bundledRows, expect, plannedTalk, pooledRows, ready, test } from './fixtures';

/** The smallest chart text a slide may show at 1920×1080, in screen pixels (12 pt on a 13.33-inch slide). */
const LARGE_TYPE_PX = 24;
/** The smallest slide title at 1920×1080. */
const TITLE_PX = 40;

/** The smallest rendered font size (px on screen, after the SVG's scaling) of the visible chart text in a slide. */
async function smallestText(slide: Locator) {
	return slide.evaluate((el) => {
		let min = Infinity;
		let which = '';
		let count = 0;
		for (const t of el.querySelectorAll('svg text')) {
			const m = (t as SVGTextElement).getScreenCTM();
			if (!m || !t.textContent?.trim() || t.getBoundingClientRect().width === 0) continue;
			const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
			count++;
			if (px < min) {
				min = px;
				which = t.textContent.trim();
			}
		}
		return { count, min, which };
	});
}

/** What a slide's counter, chart and part say for the planned slide `i` of `talk`. */
async function expectSlide(page: Page, talk: readonly PlannedSlide[], i: number) {
	const slide = page.getByTestId('slide');
	const planned = talk[i];
	if (!planned) throw new Error(`no slide ${i + 1} planned`);
	await expect(page.getByTestId('slide-counter')).toHaveText(`${i + 1} / ${talk.length}`);
	await expect(slide).toHaveAttribute('data-chart', planned.chart);
	if (planned.part) await expect(slide).toHaveAttribute('data-part', String(planned.part.index + 1));
	else await expect(slide).not.toHaveAttribute('data-part');
	if (planned.pair) await expect(slide).toHaveAttribute('data-pair', planned.pair);
	// The title slide's heading is the question; every other slide's is its planned title.
	if (planned.chart !== 'title') await expect(slide.locator('h2')).toHaveText(planned.title);
	return planned;
}

/**
 * The pooled estimates as the page displays them: the randomised one from its `pooled-estimate` row (design rct),
 * and the page's plain-language summary, which states the observational one.
 */
async function displayedEstimates(page: Page) {
	const rct = page.locator('[data-testid="pooled-estimate"][data-group="randomised"]');
	await expect(rct).toHaveAttribute('data-k', String(pooledRows((r) => r.design === 'rct').length));
	const [, est, lo, hi] =
		/(\d\.\d+) \(95% CI (\d\.\d+)–(\d\.\d+)\)/.exec((await rct.locator('.v').textContent()) ?? '') ?? [];
	// The sentences load after first paint: wait for them before reading.
	await expect(page.getByTestId('summary')).toContainText('randomised trials');
	const summary = ((await page.getByTestId('summary').textContent()) ?? '').replace(/\s+/g, ' ').trim();
	return { randomised: `${est} (95% CI ${lo}–${hi})`, summary };
}

/** The closing slide says both pooled estimates, as the page displays them, with the right number of studies. */
async function expectSummarySlide(page: Page, shown: { randomised: string; summary: string }) {
	const summary = page.getByTestId('slide-summary');
	await expect(summary).toBeVisible();
	const text = ((await summary.textContent()) ?? '').replace(/\s+/g, ' ').trim();
	// The bundled data's one rule (domain/design.ts): a row without a design is observational (SOURCES.md).
	const observational = pooledRows(
		(r) => designClass(r.design || null, 'observational') === 'observational'
	).length;
	const trials = pooledRows((r) => r.design === 'rct').length;
	const obs = new RegExp(
		`In ${observational} observational studies, [^.]*\\(HR (\\d\\.\\d\\d), 95% CI (\\d\\.\\d\\d)–(\\d\\.\\d\\d)\\)`
	).exec(text);
	expect(obs, text).not.toBeNull();
	// The same observational numbers as the dashboard's summary shows.
	expect(shown.summary).toContain(`(HR ${obs?.[1]}, 95% CI ${obs?.[2]}–${obs?.[3]})`);
	expect(text).toContain(`In ${trials} randomised trials`);
	expect(text).toContain(shown.randomised);
}

test('presentation mode is driven by the keyboard and keeps the filters', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/?design=rct');
	await ready(page);
	// Every chart shows only the trials: the talk the planner makes of them.
	const talk = plannedTalk((s) => s.design === 'rct');
	await page.getByRole('button', { name: /present/i }).click();
	await expect(page).toHaveURL(/present=1/);
	const slide = page.getByTestId('slide');
	await expectSlide(page, talk, 0);
	await expect(slide).toContainText('design: Randomised trial');
	await page.keyboard.press('ArrowRight');
	await expectSlide(page, talk, 1);
	await page.keyboard.press('PageDown');
	await expectSlide(page, talk, 2);
	await page.keyboard.press('PageUp');
	await expectSlide(page, talk, 1);
	await page.keyboard.press('End');
	const last = await expectSlide(page, talk, talk.length - 1);
	expect(last.chart).toBe('summary');
	const summary = page.getByTestId('slide-summary');
	const trials = pooledRows((r) => r.design === 'rct').length;
	await expect(summary).toContainText(`In ${trials} randomised trials`);
	await expect(summary).not.toContainText('observational');
	// Speaker notes open in the presenter's own window (S), never on the projected page.
	const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
	const notes = presenter.getByTestId('speaker-notes');
	await expect(notes).toContainText(`Slide ${talk.length} of ${talk.length}`);
	await expect(notes).toContainText(`In ${trials} randomised trials`);
	await expect(page.getByTestId('speaker-notes')).toHaveCount(0);
	await page.bringToFront();
	await page.keyboard.press('Home');
	await expectSlide(page, talk, 0);
	// The presenter's window follows the slides.
	await expect(notes).toContainText(`Slide 1 of ${talk.length}`);
	await page.keyboard.press('ArrowLeft');
	await expectSlide(page, talk, 0);
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('slide')).toHaveCount(0);
	await expect(page).not.toHaveURL(/present=1/);
	await expect(page).toHaveURL(/design=rct/);
	const rcts = bundledRows.filter((r) => r.design === 'rct').length;
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', String(rcts));
});

/**
 * The summary-of-findings slide at 1920×1080: the appraisal panel's table, one row per design class with its
 * certainty in ⊕ symbols, every word at 24 px or more and nothing clipped above the footer.
 */
async function expectSofSlide(page: Page) {
	const slide = page.getByTestId('slide');
	await expect(slide.locator('h2')).toHaveText('Summary of findings');
	const rows = slide.getByTestId('slide-sof-row');
	await expect(rows).toHaveCount(2, { timeout: 30_000 });
	await expect(rows.first()).toHaveAttribute('data-group', 'observational');
	await expect(rows.nth(1)).toHaveAttribute('data-group', 'randomised');
	for (const row of await rows.all()) {
		const level = Number(await row.getAttribute('data-certainty'));
		await expect(row).toContainText('⊕'.repeat(level) + '◯'.repeat(4 - level));
		await expect(row).toContainText(/\d\.\d\d \(\d\.\d\d–\d\.\d\d\)/);
	}
	const { min, clipped } = await slide.evaluate((el) => {
		const footer = el.querySelector('footer')?.getBoundingClientRect().top ?? 0;
		const texts = [...el.querySelectorAll('th, td span, p, h2')].filter((e) => e.textContent?.trim());
		return {
			min: Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize))),
			clipped: texts
				.filter((e) => e.getBoundingClientRect().bottom > footer + 1 && !e.closest('footer'))
				.map((e) => e.textContent ?? '')
		};
	});
	expect(min).toBeGreaterThanOrEqual(LARGE_TYPE_PX);
	expect(clipped).toEqual([]);
	// Each cell's text fits its column: no line runs wider than its cell.
	const overflow = await slide
		.locator('td, th')
		.evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).length);
	expect(overflow).toBe(0);
	await page.screenshot({ path: test.info().outputPath('sof-slide.png') });
}

test('every chart has slides, drawn with their studies in large type at 1080p, then the summary', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/');
	await ready(page);
	const shown = await displayedEstimates(page);
	await page.getByRole('button', { name: /present/i }).click();
	const talk = plannedTalk();
	// A long chart is split, not shrunk: more slides than charts, one of them the summary.
	expect(talk.length).toBeGreaterThan(ALL_CHARTS.length + 1);
	const slide = page.getByTestId('slide');
	const seen: string[] = [];
	for (const i of talk.keys()) {
		const expected = await expectSlide(page, talk, i);
		const title = await slide.locator('h2').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
		expect(title, `slide ${i + 1} (${expected.key}) title`).toBeGreaterThanOrEqual(TITLE_PX);
		seen.push(expected.chart, ...(expected.pair ? [expected.pair] : []));
		if (expected.chart === 'summary') {
			await expectSummarySlide(page, shown);
			await expect(slide.locator('svg')).toHaveCount(0);
			// The two cautions that matter most for the view, after the result.
			await expect(slide.getByTestId('slide-cautions').locator('p')).toHaveCount(2);
		} else if (expected.chart === 'sof') {
			await expectSofSlide(page);
		} else if (expected.chart === 'title' || expected.chart === 'methods') {
			await expect(slide.locator('svg')).toHaveCount(0);
			if (expected.chart === 'title') await expect(slide).toContainText('Data: ');
			else await expect(slide).toContainText('One report per study');
		} else {
			// The chart itself is on the slide: its SVG with a mark per study; the cumulative chart's marks stand
			// for a group and a year instead (CONTRACT.md). A paired slide draws both charts.
			for (const id of [expected.chart, ...(expected.pair ? [expected.pair] : [])]) {
				const mark = id === 'cumulative' ? 'svg [data-group][data-year]' : 'svg [data-study-id]';
				await expect(slide.locator(`figure[data-chart="${id}"] ${mark}`).first()).toBeVisible();
			}
			// A part of a split chart draws exactly the studies the planner gave it.
			if (expected.part) {
				const ids = await slide
					.locator('svg [data-study-id]')
					.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-study-id') ?? ''))].sort());
				expect(ids, expected.key).toEqual([...expected.part.ids].sort());
			}
			const text = await smallestText(slide);
			expect(text.count, expected.key).toBeGreaterThan(0);
			expect(
				text.min,
				`slide ${i + 1} (${expected.key}): smallest text "${text.which}" ${text.min.toFixed(1)} px`
			).toBeGreaterThanOrEqual(LARGE_TYPE_PX);
		}
		if (i < talk.length - 1) await page.keyboard.press('ArrowRight');
	}
	expect(seen.at(-1)).toBe('summary');
	expect(seen[0]).toBe('title');
	expect([...new Set(seen)].sort()).toEqual([...ALL_CHARTS, 'methods', 'sof', 'summary', 'title'].sort());
	// Talking points stay off the projected page.
	await expect(page.getByTestId('speaker-notes')).toHaveCount(0);
});

test('printing gives one chart per page with its caption, and no controls', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.emulateMedia({ media: 'print' });
	const figures = page.locator('figure[data-chart]');
	// Every chart, lazy ones included.
	await expect(figures).toHaveCount(ALL_CHARTS.length);
	expect(await figures.evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')).sort())).toEqual(
		[...ALL_CHARTS].sort()
	);
	for (const figure of await figures.all()) {
		const chart = await figure.getAttribute('data-chart');
		expect(await figure.evaluate((el) => getComputedStyle(el).breakAfter), `${chart}`).toBe('page');
		expect(await figure.evaluate((el) => getComputedStyle(el).breakInside), `${chart}`).toBe('avoid');
		expect(await figure.evaluate((el) => getComputedStyle(el).contentVisibility), `${chart}`).toBe('visible');
		await expect(figure.locator('h3'), `${chart}`).toBeVisible();
		await expect(figure.locator('[data-export="svg"]'), `${chart}`).toBeHidden();
	}
	await expect(page.getByTestId('file-input')).toBeHidden();
	await expect(page.getByTestId('present')).toBeHidden();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	// One page per chart at least (plus the header and the table).
	const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
	expect(pages.length).toBeGreaterThanOrEqual(ALL_CHARTS.length);
});

test('the projected window shows the slide and nothing else once the pointer rests', async ({ page }) => {
	// Every slide of the talk is visited: slow on a loaded machine.
	test.slow();
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/?present=1');
	await ready(page);
	const talk = plannedTalk();
	const controls = page.getByTestId('slide-controls');
	for (const i of talk.keys()) {
		await expect(page.getByTestId('slide-counter')).toHaveText(`${i + 1} / ${talk.length}`);
		// No control, no "Exported" footer: only the slide.
		await expect(controls).toBeHidden();
		// (Chart marks are focusable for selection; no button, select or input is drawn.)
		await expect(
			page
				.getByRole('dialog', { name: 'Presentation' })
				.locator('button:visible, select:visible, input:visible')
		).toHaveCount(0);
		if (i < talk.length - 1) await page.keyboard.press('ArrowRight');
	}
	await expect(page.getByTestId('slide').locator('footer')).not.toContainText('Exported');
	// Moving the pointer shows the controls; they leave again when it rests.
	await page.mouse.move(400, 300);
	await page.mouse.move(420, 320);
	await expect(controls).toBeVisible();
	await expect(page.getByTestId('present-exit')).toBeVisible();
	await expect(controls).toBeHidden();
	// "?" lists the keys; Escape closes the list, not the talk.
	await page.keyboard.press('?');
	await expect(page.getByTestId('keys-help')).toContainText('black screen');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('keys-help')).toBeHidden();
	await expect(page.getByTestId('slide')).toBeVisible();
});

test('every presenter key works: numbers, black screen, Shift+Space, Backspace; the slide is in the URL', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/?present=1&slide=5');
	await ready(page);
	const talk = plannedTalk();
	const counter = page.getByTestId('slide-counter');
	await expect(counter).toHaveText(`5 / ${talk.length}`);
	await page.reload();
	await ready(page);
	await expect(counter).toHaveText(`5 / ${talk.length}`);
	await page.keyboard.press('ArrowDown');
	await expect(counter).toHaveText(`6 / ${talk.length}`);
	await expect(page).toHaveURL(/slide=6/);
	await page.reload();
	await ready(page);
	await expect(counter).toHaveText(`6 / ${talk.length}`);
	await page.keyboard.press('Shift+Space');
	await expect(counter).toHaveText(`5 / ${talk.length}`);
	await page.keyboard.press('Backspace');
	await expect(counter).toHaveText(`4 / ${talk.length}`);
	await page.keyboard.press('ArrowUp');
	await expect(counter).toHaveText(`3 / ${talk.length}`);
	await page.keyboard.press('Space');
	await expect(counter).toHaveText(`4 / ${talk.length}`);
	await page.keyboard.press('1');
	await page.keyboard.press('0');
	await page.keyboard.press('Enter');
	await expect(counter).toHaveText(`10 / ${talk.length}`);
	// B (or ".") blacks the screen, and brings the slide back.
	const black = page.getByTestId('black-screen');
	await page.keyboard.press('b');
	await expect(black).toBeVisible();
	expect(await black.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
	await page.keyboard.press('.');
	await expect(black).toBeHidden();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('slide')).toHaveCount(0);
	await expect(page).not.toHaveURL(/slide=/);
});

test('keys pressed in the presenter window move the projected slides', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/?present=1');
	await ready(page);
	const talk = plannedTalk();
	const counter = page.getByTestId('slide-counter');
	await expect(counter).toHaveText(`1 / ${talk.length}`);
	const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
	await ready(presenter);
	const notes = presenter.getByTestId('speaker-notes');
	await expect(notes).toContainText(`Slide 1 of ${talk.length}`);
	// The presenter sees the current and the next slide, the elapsed time and the clock.
	await expect(presenter.getByTestId('presenter-current').getByTestId('slide')).toHaveAttribute(
		'data-index',
		'1'
	);
	await expect(presenter.getByTestId('presenter-next').getByTestId('slide')).toHaveAttribute(
		'data-index',
		'2'
	);
	await expect(presenter.getByTestId('presenter-timer')).toHaveText(/^\d\d:\d\d$/);
	await expect(presenter.getByTestId('presenter-clock')).toHaveText(/^\d\d:\d\d$/);
	await presenter.bringToFront();
	await presenter.keyboard.press('ArrowRight');
	await expect(counter).toHaveText(`2 / ${talk.length}`);
	await expect(notes).toContainText(`Slide 2 of ${talk.length}`);
	await presenter.keyboard.press('PageDown');
	await presenter.keyboard.press('Space');
	await expect(counter).toHaveText(`4 / ${talk.length}`);
	await presenter.keyboard.press('End');
	await expect(counter).toHaveText(`${talk.length} / ${talk.length}`);
	await presenter.keyboard.press('b');
	await expect(page.getByTestId('black-screen')).toBeVisible();
	await presenter.keyboard.press('b');
	await expect(page.getByTestId('black-screen')).toBeHidden();
	// And the projected window's keys move the presenter's view.
	await page.bringToFront();
	await page.keyboard.press('Home');
	await expect(notes).toContainText(`Slide 1 of ${talk.length}`);
});
