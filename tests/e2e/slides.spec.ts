import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, ready, test } from './fixtures';

async function pdfOf(page: Page, name: string, file: string) {
	const [download] = await Promise.all([
		page.waitForEvent('download', { timeout: 60_000 }),
		page.getByRole('button', { name }).click()
	]);
	const bytes = readFileSync(await download.path());
	writeFileSync(file, bytes);
	return { bytes, filename: download.suggestedFilename() };
}

test('the slides PDF keeps every glyph in an embedded Unicode font', async ({ page }, info) => {
	await page.goto('/');
	await ready(page);
	const dir = info.outputPath('pdf');
	mkdirSync(dir, { recursive: true });
	const file = `${dir}/slides.pdf`;
	const { bytes } = await pdfOf(page, 'PDF (16:9 slides)', file);
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	expect(text).toContain('← favours surgery');
	expect(text).toContain('favours no surgery →');
	// The minus sign (U+2212) of negative survival gains ("−1.3"), not a hyphen.
	expect(text).toMatch(/−\d/);
	const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
	const rows = fonts
		.split('\n')
		.slice(2)
		.filter((l) => l.trim() !== '');
	expect(rows.length).toBeGreaterThan(0);
	for (const row of rows) {
		expect(row).toContain('DejaVu');
		// The "emb" column: every font used is embedded.
		expect(row).toMatch(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
	}
	// The talk's order: long charts split as on the slides, then the methods and the summary with its cautions, as
	// the live talk says them.
	expect(text).toContain('(1 of ');
	expect(text.replace(/\s+/g, ' ')).toContain(
		'Does removing the primary tumour help women with de novo stage IV'
	);
	expect(text).toContain('How the studies were pooled');
	expect(text).toContain('What the studies in view say');
	expect(text).toContain('Before quoting it');
	expect(text.replace(/\s+/g, ' ')).toContain(
		'Observational studies compare patients who were chosen for surgery'
	);
	expect(text.replace(/\s+/g, ' ')).toMatch(
		/In \d+ observational studies, surgery went with a \d+% lower hazard/
	);
	// Every word above the footer (the slide's bottom 28 pt) is set at ≥ 12 pt on the 13.33-in page: pdftotext's
	// word box is DejaVu Sans' ascent to descent, 1.164 em.
	const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
	const pageHeight = Number(/<page width="960(?:\.0+)?" height="([\d.]+)"/.exec(bbox)?.[1]);
	expect(pageHeight).toBe(540);
	const words = [
		...bbox.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)
	].map((m) => ({ top: Number(m[1]), size: (Number(m[2]) - Number(m[1])) / 1.164, text: m[3] }));
	const body = words.filter((w) => w.top < pageHeight - 28);
	expect(body.length).toBeGreaterThan(300);
	expect(body.filter((w) => w.size < 11.95).map((w) => `${w.text} ${w.size.toFixed(1)} pt`)).toEqual([]);
	execFileSync('pdftoppm', ['-png', '-r', '60', file, `${dir}/page`]);
});

/** The smallest chart text on the slide in screen px: computed font size × the SVG's drawn scale, per <text>. */
async function smallestText(page: Page) {
	return page.locator('[data-testid="slide"] .plot > svg').evaluateAll((svgs) => {
		let min = Infinity;
		let which = '';
		for (const svg of svgs as SVGSVGElement[]) {
			const box = svg.viewBox.baseVal;
			const scale = svg.getBoundingClientRect().width / (box.width || 1);
			for (const t of svg.querySelectorAll('text')) {
				if (!t.textContent?.trim() || t.getClientRects().length === 0) continue;
				const px = parseFloat(getComputedStyle(t).fontSize) * scale;
				// Cross-check with the drawn glyph box: the text is as tall as its size says.
				const drawn = t.getBoundingClientRect().height;
				const size = Math.min(px, drawn / 1.1);
				if (size < min) {
					min = size;
					which = t.textContent.trim();
				}
			}
		}
		return { min, which };
	});
}

test('every slide at 1920×1080 is readable from the back of the room', async ({ page }) => {
	// Every slide of the talk is measured and photographed: slow on a loaded machine.
	test.slow();
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/?present=1');
	await ready(page);
	const slide = page.getByTestId('slide');
	await expect(slide).toBeVisible();
	const total = Number((await page.getByTestId('slide-counter').textContent())?.split('/')[1]);
	const forestIds = new Set<string>();
	for (let i = 1; i <= total; i++) {
		await expect(page.getByTestId('slide-counter')).toHaveText(`${i} / ${total}`);
		const chart = await slide.getAttribute('data-chart');
		const title = await slide.locator('h2').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
		expect(title, `slide ${i} title`).toBeGreaterThanOrEqual(40);
		if (chart !== 'summary' && chart !== 'title' && chart !== 'methods' && chart !== 'sof') {
			await expect(slide.locator('.plot > svg').first()).toBeVisible();
			const { min, which } = await smallestText(page);
			expect(min, `slide ${i} (${chart}): "${which}"`).toBeGreaterThanOrEqual(24);
			// Nothing runs off the slide: every chart ends above the footer.
			const chartBottom = Math.max(
				...(await slide
					.locator('.plot > svg')
					.evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().bottom)))
			);
			const footerTop = await slide.locator('footer').evaluate((f) => f.getBoundingClientRect().top);
			expect(chartBottom, `slide ${i} (${chart}) fits`).toBeLessThanOrEqual(footerTop + 1);
		}
		if (chart === 'forest')
			for (const id of await slide
				.locator('[data-chart="forest"] [data-study-id]')
				.evaluateAll((els) => els.map((e) => e.getAttribute('data-study-id') ?? '')))
				forestIds.add(id);
		await page.screenshot({ path: test.info().outputPath(`slide-${i}.png`) });
		if (i < total) await page.keyboard.press('ArrowRight');
	}
	// The forest, split over slides, still shows every study with an estimate.
	const withEffect = readFileSync('data/studies.csv', 'utf8')
		.split('\n')
		.slice(1)
		.filter((l) => l.trim() !== '').length;
	expect(forestIds.size).toBeGreaterThan(0);
	expect(forestIds.size).toBeLessThanOrEqual(withEffect);
	// The closing slide states the observational and the randomised pooled estimates.
	await expect(slide).toHaveAttribute('data-chart', 'summary');
	const summary = page.getByTestId('slide-summary');
	await expect(summary).toContainText(/In \d+ observational studies, .*\(HR \d\.\d\d, 95% CI/);
	await expect(summary).toContainText(/In \d+ randomised trials, .*\d\.\d\d \(95% CI \d\.\d\d–\d\.\d\d\)/);
	const size = await summary
		.locator('p')
		.first()
		.evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
	expect(size).toBeGreaterThanOrEqual(32);
	// The summary, its trends over time and the cautions end above the footer (a long one is set smaller to fit).
	const summaryBottom = await summary.evaluate((el) => el.getBoundingClientRect().bottom);
	const footerTop = await slide.locator('footer').evaluate((f) => f.getBoundingClientRect().top);
	expect(summaryBottom, 'the summary slide fits').toBeLessThanOrEqual(footerTop + 1);
	// And every word on every slide at ≥ 24 px: the footer, the panels, the cautions.
	const smallest = await slide.evaluate((el) =>
		Math.min(
			...[...el.querySelectorAll('p, li, span, dt, dd, h2, h3')]
				.filter((e) => !e.closest('figure') && e.textContent?.trim())
				.map((e) => parseFloat(getComputedStyle(e).fontSize))
		)
	);
	expect(smallest).toBeGreaterThanOrEqual(24);
});

test('speaker notes open in a separate presenter window, never on the projected slide', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/?present=1');
	await ready(page);
	await expect(page.getByTestId('slide')).toBeVisible();
	const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
	await expect(popup.getByTestId('speaker-notes')).toContainText('Slide 1 of');
	await expect(page.getByTestId('speaker-notes')).toHaveCount(0);
	await page.keyboard.press('End');
	await expect(popup.getByTestId('speaker-notes')).toContainText('observational');
	await expect(page.getByTestId('speaker-notes')).toHaveCount(0);
});
