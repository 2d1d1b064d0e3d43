import { readFileSync } from 'node:fs';
import { classGrouping } from '../../src/lib/domain/design';
import Papa from 'papaparse';
import { test as base, expect, type Download, type Page } from '@playwright/test';
import type { ChartId, Study } from '../../src/lib/types';
import { loadTable } from '../../src/lib/data/load';
import { hasSofSlide } from '../../src/lib/present/deck';
import { planSlides, slideRows } from '../../src/lib/present/slides';
import { summarise } from '../../src/lib/stats/summary';

/** Every chart on the page; a ChartId added to the type without a line here fails the type check. */
const CHART_SET: Record<ChartId, true> = {
	years: true,
	cohort: true,
	survival: true,
	trend: true,
	funnel: true,
	influence: true,
	forest: true,
	cumulative: true
};
export const ALL_CHARTS = Object.keys(CHART_SET) as ChartId[];

/** The bundled dataset's rows as the reference table has them (expected values are derived from these). */
export const bundledRows: Record<string, string>[] = Papa.parse<Record<string, string>>(
	readFileSync('data/studies.csv', 'utf8'),
	{ header: true, skipEmptyLines: true }
).data;

/**
 * The bundled rows copied under new ids (and no superseding) until there are at least `atLeast`, with their CSV:
 * a large table whose every number comes from the reference rows.
 */
export function bundledCopies(atLeast: number): { rows: Record<string, string>[]; csv: string } {
	const copies = Math.ceil(atLeast / bundledRows.length);
	const rows = Array.from({ length: copies }, (_, copy) =>
		bundledRows.map((r): Record<string, string> => ({ ...r, id: `${r.id}-copy${copy}`, supersedes: '' }))
	).flat();
	const fields = Object.keys(bundledRows[0] ?? {});
	return { rows, csv: Papa.unparse(rows, { columns: fields }) };
}

/**
 * The bundled rows that a pooled estimate counts (data-k): a hazard ratio with both interval ends. CONTRACT.md
 * also leaves out a row named in another kept row's `supersedes` (one report per study), in this one place.
 */
export function pooledRows(keep: (r: Record<string, string>) => boolean = () => true) {
	const kept = bundledRows.filter(
		(r) => keep(r) && r.hr_os !== '' && r.hr_ci_low !== '' && r.hr_ci_high !== ''
	);
	const superseded = new Set(kept.map((r) => r.supersedes ?? '').filter((id) => id !== ''));
	return kept.filter((r) => !superseded.has(r.id ?? ''));
}

/** The bundled dataset as the page parses it (the same loader, at build time). */
export const bundledStudies: readonly Study[] = loadTable(
	readFileSync('data/studies.csv', 'utf8'),
	'bundled'
).studies;

/**
 * The talk the page plans when the studies passing `keep` are in every chart's view (a filter on a control, not
 * on a chart): the same planner over the same studies, so split charts and the summary slide are derived.
 */
export function plannedTalk(keep: (s: Study) => boolean = () => true) {
	const inView = bundledStudies.filter(keep);
	// Leave-one-out draws a row per pooled study, in pooling order.
	const pooled = summarise(inView, { method: 'REML', hk: false }).effects.map((e) => e.id);
	// The summary-of-findings slide when an observational or randomised class is pooled (as the page classes them).
	const sof = hasSofSlide(
		summarise(inView, { method: 'REML', hk: false, unreportedDesign: 'observational' })
	);
	return planSlides(
		(chart) => slideRows(chart, inView, classGrouping('observational'), pooled),
		undefined,
		undefined,
		sof
	);
}

/** The bundled dataset's study count, as the page's data-total says it. */
export const BUNDLED_TOTAL = String(bundledRows.length);

/** A page that fails the test on any uncaught error or dialog: user data must never run or crash. */
export const test = base.extend<{ page: Page; pageErrors: string[] }>({
	// eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring form for fixtures
	pageErrors: async ({}, use) => {
		await use([]);
	},
	page: async ({ page, pageErrors }, use) => {
		page.on('pageerror', (e) => pageErrors.push(e.message));
		page.on('dialog', (d) => {
			pageErrors.push(`dialog: ${d.message()}`);
			void d.dismiss();
		});
		await use(page);
		expect(pageErrors, 'no page errors or dialogs').toEqual([]);
	}
});

export { expect };

/** Wait until the page is hydrated (the client has taken over the prerendered HTML). */
export async function ready(page: Page) {
	await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/**
 * Every file one export click saves: one, or every part of a chart a fixed frame splits (named `…-part1of3.…`),
 * waited for in full so no part is left to a later click.
 */
export async function downloadsOf(page: Page, click: () => Promise<void>) {
	const files: Download[] = [];
	const collect = (d: Download) => void files.push(d);
	page.on('download', collect);
	try {
		await click();
		await expect.poll(() => files.length, { timeout: 60_000 }).toBeGreaterThan(0);
		const count = Number(/-part1of(\d+)\./.exec(files[0]?.suggestedFilename() ?? '')?.[1] ?? 1);
		await expect.poll(() => files.length, { timeout: 60_000 }).toBe(count);
		return [...files];
	} finally {
		page.off('download', collect);
	}
}

/** Load a CSV (its name and text) through the page's file input. */
export async function loadCsv(page: Page, name: string, text: string) {
	await page
		.getByTestId('file-input')
		.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}
