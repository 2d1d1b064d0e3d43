/** The talk as an editable PowerPoint deck, one click on the page (issue 19). */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { expect, ready, test } from './fixtures';
import { loadTable } from '../../src/lib/data/load';

test('[data-export="pptx"] saves a deck of native text and shapes with the talking points as notes', async ({
	page
}) => {
	await page.goto('/?design=rct,registry');
	await ready(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.locator('[data-export="pptx"]').click()
	]);
	expect(download.suggestedFilename()).toMatch(/^slides-rct-registry-[a-z]+(-hk)?\.pptx$/);
	const zip = await JSZip.loadAsync(readFileSync(await download.path()));
	const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
	// A title slide, eight charts (some split), the summary.
	expect(slides.length).toBeGreaterThanOrEqual(10);
	const second = (await zip.file('ppt/slides/slide2.xml')?.async('string')) ?? '';
	expect(second.match(/<p:(sp|cxnSp)>/g)?.length ?? 0).toBeGreaterThan(20);
	expect(second).not.toContain('<p:pic>');
	expect(second).toContain('When the studies ran and were published');
	const notes = (await zip.file('ppt/notesSlides/notesSlide2.xml')?.async('string')) ?? '';
	expect(notes).toContain('studies in view, published');
	await expect(page.locator('.export-bar .status')).toContainText('Saved slides-');
});

test('with order=gain the survival export and the deck show the studies by gain', async ({ page }) => {
	await page.goto('/?order=gain');
	await ready(page);
	await expect(page.locator('[data-chart="survival"] select[aria-label="Order studies by"]')).toHaveValue(
		'gain'
	);
	const [svg] = await Promise.all([
		page.waitForEvent('download'),
		page.locator('[data-chart="survival"] [data-export="svg"]').click()
	]);
	const text = readFileSync(await svg.path(), 'utf8');
	const rows = loadTable(readFileSync('data/studies.csv', 'utf8'), 'bundled')
		.studies.filter((s) => s.medianTreated !== null && s.medianControl !== null)
		.map((s) => ({ label: s.label, gain: (s.medianTreated as number) - (s.medianControl as number) }))
		.filter((s) => text.includes(`>${s.label}<`));
	expect(rows.length).toBeGreaterThan(5);
	const drawn = [...rows].sort((a, b) => text.indexOf(`>${a.label}<`) - text.indexOf(`>${b.label}<`));
	const gains = drawn.map((r) => r.gain);
	expect(gains).toEqual([...gains].sort((a, b) => b - a));
	// Choosing "by year" on the page takes order=gain out of the URL.
	await page.locator('[data-chart="survival"] select[aria-label="Order studies by"]').selectOption('year');
	await expect(page).not.toHaveURL(/order=gain/);
});
