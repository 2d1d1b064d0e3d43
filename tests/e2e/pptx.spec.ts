/** The talk as an editable PowerPoint deck, one click on the page (issue 19). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { bundledStudies, expect, ready, test } from './fixtures';
import { loadTable } from '../../src/lib/data/load';
import { chartEntry, SLIDE_ORDER } from '../../src/lib/charts/registry';
import { talkingPoints } from '../../src/lib/present/notes';
import { DEFAULT_ARMS } from '../../src/lib/types';

/** The first of these programs that is installed, or null. */
function installed(...paths: string[]): string | null {
	for (const p of paths) if (existsSync(p)) return p;
	for (const name of paths.map((p) => p.split('/').pop() ?? p)) {
		const which = spawnSync('which', [name], { encoding: 'utf8' });
		if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
	}
	return null;
}

/** The text runs of a slide's XML, entities decoded. */
function slideRuns(xml: string): string[] {
	return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)]
		.map((m) =>
			(m[1] ?? '')
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"')
				.replace(/&apos;/g, "'")
				.replace(/&amp;/g, '&')
		)
		.filter((t) => t.trim() !== '');
}

/** The text of a slide's XML, as a reader sees it: every run, whitespace collapsed. */
function slideText(xml: string): string {
	return slideRuns(xml).join(' ').replace(/\s+/g, ' ');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

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

test('the whole deck opens in LibreOffice with every slide’s words as text, charts as shapes and notes', async ({
	page
}) => {
	// LibreOffice converts a deck of several thousand shapes: give it time on a loaded machine.
	test.setTimeout(420_000);
	const soffice = installed('/usr/bin/soffice', '/usr/bin/libreoffice');
	const pdftotext = installed('/usr/bin/pdftotext');
	if (!soffice || !pdftotext)
		throw new Error(
			`This check needs LibreOffice Impress and poppler-utils (${soffice ? '' : 'soffice '}${pdftotext ? '' : 'pdftotext '}missing): apt-get install -y libreoffice-impress poppler-utils`
		);
	await page.goto('/');
	await ready(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.locator('[data-export="pptx"]').click()
	]);
	const dir = mkdtempSync(join(tmpdir(), 'deck-'));
	const profile = mkdtempSync(join(tmpdir(), 'lo-'));
	try {
		const file = join(dir, 'deck.pptx');
		await download.saveAs(file);
		const run = spawnSync(
			soffice,
			[`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
			{ encoding: 'utf8', timeout: 300_000 }
		);
		const pdf = join(dir, 'deck.pdf');
		expect(existsSync(pdf), `soffice: ${run.stdout} ${run.stderr} ${run.error?.message ?? ''}`).toBe(true);
		const pages = spawnSync(pdftotext, ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.split('\f');

		const zip = await JSZip.loadAsync(readFileSync(file));
		const count = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
		// One PDF page per slide (pdftotext ends the last page with a form feed too).
		expect(pages.filter((p) => p.trim() !== '').length).toBe(count);
		const titles = SLIDE_ORDER.map((chart) => ({ chart, title: chartEntry(chart).slide.title }));
		const ctx = { studies: bundledStudies, summary: [], cautions: [], arms: DEFAULT_ARMS, studyPage: null };
		const seen = new Set<string>();
		for (let i = 1; i <= count; i++) {
			const xml = (await zip.file(`ppt/slides/slide${i}.xml`)?.async('string')) ?? '';
			const notes = slideText((await zip.file(`ppt/notesSlides/notesSlide${i}.xml`)?.async('string')) ?? '');
			const text = slideText(xml);
			const page = squash(pages[i - 1] ?? '');
			expect(xml, `slide ${i}`).not.toContain('<p:pic>');
			const chart = titles.find((t) => text.includes(t.title));
			if (chart && i > 1) {
				// A chart slide: native shapes, its title as text in the PDF, its talking points in the notes.
				seen.add(chart.chart);
				expect(xml.match(/<p:(sp|cxnSp)>/g)?.length ?? 0, `slide ${i} shapes`).toBeGreaterThan(20);
				expect(page, `slide ${i} (${chart.chart}) in the PDF`).toContain(squash(chart.title));
				const point = chart.chart === 'forest' ? 'observational studies' : talkingPoints(chart.chart, ctx)[0];
				if (point) expect(notes, `slide ${i} notes`).toContain(point);
				expect(notes, `slide ${i} notes`).toContain('Source');
			} else if (text.includes('Summary of findings')) {
				seen.add('sof');
				expect(xml).toContain('<a:tbl>');
				// Columns side by side: pdftotext interleaves their lines, so single-line words are checked.
				for (const words of ['Summary of findings', 'HR (95% CI)', 'Observational', 'Randomised', '⊕'])
					expect(page, `the summary-of-findings slide in the PDF`).toContain(words);
				expect(page.match(/\d\.\d\d \(\d\.\d\d–\d\.\d\d\)/g)).toHaveLength(2);
				expect(notes).toContain('Inconsistency:');
			} else {
				// The title and summary slides: their words are in the PDF as text.
				expect(page.length, `slide ${i} text`).toBeGreaterThan(40);
				// Compared without spaces: a line may break after a dash ("0.57–" / "0.68"), which pdftotext joins with one.
				const plain = page.replace(/•/g, '').replace(/\s+/g, '');
				for (const run of slideRuns(xml)) expect(plain, `slide ${i}`).toContain(run.replace(/\s+/g, ''));
			}
		}
		expect([...seen].sort()).toEqual([...SLIDE_ORDER, 'sof'].sort());
		// The methods and the closing summary's cautions, as the live talk says them, drawn in the rendered deck.
		const all = squash(pages.join(' '));
		for (const words of ['How the studies were pooled', 'What the studies in view say', 'Before quoting it'])
			expect(all).toContain(words);
	} finally {
		rmSync(dir, { recursive: true, force: true });
		rmSync(profile, { recursive: true, force: true });
	}
});
