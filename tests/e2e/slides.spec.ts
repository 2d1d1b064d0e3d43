import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, ready, test } from './fixtures';

async function pdfOf(page: Page, name: string, file: string) {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
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
	// The minus sign of the leave-one-out labels ("− Khan 2002") and of negative survival gains.
	expect(text).toMatch(/− \S/);
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
	execFileSync('pdftoppm', ['-png', '-r', '60', file, `${dir}/page`]);
});
