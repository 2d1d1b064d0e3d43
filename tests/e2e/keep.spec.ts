/**
 * A user's table is never lost: the flows of the reliability probe (issue 18), each ending with a reload (or a new
 * page) that must bring back the table the user chose, with a message where the user should know what happened.
 */
import type { Page, Route } from '@playwright/test';
import { BUNDLED_TOTAL as BUNDLED, expect, ready, test } from './fixtures';

const OWN = 'tests/fixtures/malformed.csv';
const OTHER = 'tests/fixtures/stats/bcg-ratio.csv';

async function loadOwn(page: Page, file = OWN) {
	await page.getByTestId('file-input').setInputFiles(file);
	await expect(page.getByTestId('dataset-name')).toHaveText(file.split('/').pop() ?? '');
}

/** Every record this page keeps in IndexedDB, read from the page itself. */
function savedRecords(page: Page): Promise<unknown[]> {
	return page.evaluate(
		() =>
			new Promise<unknown[]>((resolve, reject) => {
				const open = indexedDB.open('evidence-dashboard');
				open.onupgradeneeded = () => open.result.createObjectStore('state');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result.transaction('state').objectStore('state').getAll();
					request.onsuccess = () => resolve(request.result as unknown[]);
					request.onerror = () => reject(request.error);
				};
			})
	);
}

/**
 * Hold requests matching `pattern` until `release` is called (nothing is timed: the test decides). With `armed`
 * false, requests pass until `arm()`: the route is then in place from the first load, so a later request is not
 * answered from the browser's memory cache past it (a worker script fetched once before the hold).
 */
async function hold(page: Page, pattern: RegExp | ((url: URL) => boolean), armed = true) {
	const held: Route[] = [];
	let seen: () => void = () => undefined;
	const first = new Promise<void>((resolve) => (seen = resolve));
	await page.context().route(pattern, (route) => {
		if (!armed) return route.continue();
		held.push(route);
		seen();
	});
	return {
		first,
		arm: () => {
			armed = true;
		},
		release: async () => {
			await page.context().unroute(pattern);
			for (const route of held.splice(0)) await route.continue().catch(() => undefined);
		}
	};
}

/**
 * Load the own table, then reload with the table-reading worker's script held: the restore after the reload stays in
 * progress until the returned hold is released.
 */
async function reloadMidRestore(page: Page) {
	const worker = await hold(page, /\/workers\/worker-[^/]*\.js/, false);
	await page.goto('/');
	await ready(page);
	await loadOwn(page);
	worker.arm();
	await page.reload();
	await ready(page);
	await worker.first;
	return worker;
}

test('1: a ?data= link that fails leaves the saved table as it was, and says so', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await loadOwn(page);
	await page.goto('/?data=/nonexistent.csv');
	await ready(page);
	await expect(page.getByTestId('data-status')).toContainText('could not be loaded');
	await expect(page.getByTestId('data-status')).toContainText('unchanged');
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await page.goto('/');
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '7');
});

test('2: a loaded ?data= link leaves the address and never comes back over a file loaded later', async ({
	page
}) => {
	await page.goto('/?data=/examples/bcg-trials.csv');
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('bcg-trials.csv');
	await expect(page).not.toHaveURL(/data=/);
	await loadOwn(page);
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await expect(page).not.toHaveURL(/data=/);
	const views = (await savedRecords(page)).filter(
		(r): r is { query: string } => typeof r === 'object' && r !== null && 'query' in r
	);
	for (const view of views) expect(view.query).not.toContain('data=');
});

test('3: a reload while the saved table is read back keeps it, even after a view change meanwhile', async ({
	page
}) => {
	const worker = await reloadMidRestore(page);
	await expect(page.getByTestId('load-progress')).toContainText('Restoring your saved table');
	// A view change during the restore is saved (as a view only).
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await expect
		.poll(async () =>
			(await savedRecords(page)).some(
				(r) =>
					typeof r === 'object' &&
					r !== null &&
					String((r as { query?: unknown }).query).includes('design=rct')
			)
		)
		.toBe(true);
	await worker.release();
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '7');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', '3');
});

test('3: while the saved table is read back, the bundled charts stay as drawn (faded), then turn live with it', async ({
	page
}) => {
	// Whether the appraisal panel was ever in the page while a saved table was being read back.
	await page.addInitScript(() => {
		const w = window as unknown as { appraisalWhileReading: boolean };
		w.appraisalWhileReading = false;
		new MutationObserver(() => {
			const reading = document.documentElement.dataset.restoring === 'reading';
			if (reading && document.querySelector('[data-testid="appraisal"]')) w.appraisalWhileReading = true;
		}).observe(document, { childList: true, subtree: true, attributes: true });
	});
	const worker = await reloadMidRestore(page);
	// The restore has begun, after the page answered input: no part that came as the server's HTML (each chart and
	// the table, in its `.island`) was turned live on the bundled data it is about to lose.
	const asDrawn = await page.locator('.island').count();
	expect(asDrawn).toBe((await page.locator('.charts > div').count()) + 1);
	await expect(page.locator('html')).toHaveAttribute('data-restoring', 'reading');
	await expect(page.locator('.island').first()).toHaveCSS('opacity', '0.45');
	await expect(page.getByTestId('dataset-name')).not.toHaveText('malformed.csv');
	// Nor is the appraisal computed for the bundled data: what loads once the page answers input (the summary's
	// sentences) has loaded, and in the frames since, no appraisal panel came while the table was being read.
	await expect(page.getByTestId('summary')).not.toBeEmpty();
	await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
	expect(
		await page.evaluate(() => (window as unknown as { appraisalWhileReading: boolean }).appraisalWhileReading)
	).toBe(false);
	await worker.release();
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	// Once the saved table is in use, its appraisal comes.
	await expect(page.getByTestId('appraisal')).toBeVisible();
	expect(
		await page.evaluate(() => (window as unknown as { appraisalWhileReading: boolean }).appraisalWhileReading)
	).toBe(false);
	// Every part turns live with the saved table, and nothing is left faded.
	await expect(page.locator('.island')).toHaveCount(0);
	await expect(page.locator('html')).not.toHaveAttribute('data-restoring');
	const forest = page.locator('[data-chart="forest"] [data-study-id]');
	await expect(forest.first()).toBeVisible();
	const ids = await forest.evaluateAll((marks) => marks.map((m) => m.getAttribute('data-study-id')));
	const rows = await page
		.locator('tr[data-study-id]')
		.evaluateAll((trs) => trs.map((t) => t.getAttribute('data-study-id')));
	expect(ids.every((id) => rows.includes(id))).toBe(true);
	await forest.first().click();
	await expect(page.locator(`tr[data-study-id="${ids[0]}"]`)).toHaveAttribute('data-selected', 'true');
});

test('3: with nothing saved, the charts turn live at start as before (no wait, nothing faded)', async ({
	page
}) => {
	await page.goto('/');
	await ready(page);
	await expect(page.locator('.island')).toHaveCount(0);
	await expect(page.locator('html')).not.toHaveAttribute('data-restoring');
	// A hint left by a table since gone (another tab went back to the bundled data) costs one wait, then is cleared.
	await page.evaluate(() => localStorage.setItem('evidence-dashboard:saved-table', '1'));
	await page.reload();
	await ready(page);
	await expect(page.locator('.island')).toHaveCount(0);
	await expect(page.locator('html')).not.toHaveAttribute('data-restoring');
	expect(await page.evaluate(() => localStorage.getItem('evidence-dashboard:saved-table'))).toBeNull();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', String(BUNDLED));
});

test('4: a table with a name longer than the reader allows is saved shortened and comes back', async ({
	page
}) => {
	await page.goto('/');
	await ready(page);
	const name = `${'very-long-name-'.repeat(80)}.csv`;
	await page.getByTestId('file-input').setInputFiles({
		name,
		mimeType: 'text/csv',
		buffer: Buffer.from('Study,Year,HR,Lower,Upper\nA,2001,0.8,0.6,1.0\nB,2003,0.7,0.5,0.9\n')
	});
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '2');
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '2');
	await expect(page.getByTestId('dataset-name')).toContainText('very-long-name-very-long-name-');
	await expect(page.getByTestId('data-status')).toHaveCount(0);
});

test('5: a slow ?data= download shows progress and gives way to a file chosen meanwhile', async ({
	page
}) => {
	const download = await hold(page, (url) => url.pathname === '/examples/bcg-trials.csv');
	await page.goto('/?data=/examples/bcg-trials.csv');
	await ready(page);
	await download.first;
	await expect(page.getByTestId('download-progress')).toContainText('Downloading bcg-trials.csv');
	await loadOwn(page);
	await download.release();
	await expect(page.getByTestId('data-status')).toContainText('you chose another table');
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
});

test('5: a ?data= download can be cancelled; the table in use and the saved one stay', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await loadOwn(page);
	const again = await hold(page, (url) => url.pathname === '/examples/bcg-trials.csv');
	await page.goto('/?data=/examples/bcg-trials.csv');
	await ready(page);
	await again.first;
	await page.getByTestId('download-cancel').click();
	await expect(page.getByTestId('data-status')).toContainText('cancelled');
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await again.release();
	await page.goto('/');
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('malformed.csv');
});

test('6: two tabs: a newer table saved in another tab wins, and the older tab is told', async ({
	page,
	context
}) => {
	await page.goto('/');
	await ready(page);
	await loadOwn(page);
	const second = await context.newPage();
	await second.goto('/');
	await ready(second);
	await expect(second.getByTestId('dataset-name')).toHaveText('malformed.csv');
	await loadOwn(second, OTHER);
	// The first tab hears of it, and its view changes no longer overwrite anything.
	await expect(page.getByTestId('tab-notice')).toContainText('Another tab has since loaded “bcg-ratio.csv”');
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-shown', '3');
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('bcg-ratio.csv');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', '13');
});

test('7: a second load then an immediate reload brings back the second table', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await loadOwn(page);
	await loadOwn(page, OTHER);
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('dataset-name')).toHaveText('bcg-ratio.csv');
	// Back to the bundled data, then an immediate reload: the bundled data, as chosen.
	await page.getByTestId('reset-data').click();
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
});

/** Dispatch a drop whose `dataTransfer` is a stand-in (folders and unreadable files cannot be made otherwise). */
function dropStandIn(page: Page, kind: 'folder' | 'unreadable' | 'link' | 'several') {
	return page.evaluate((kind) => {
		const file = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
		const table = 'Study,Year,N\nDropped,2010,42\n';
		type Item = { kind: string; getAsFile: () => File | null; webkitGetAsEntry?: () => unknown };
		let items: Item[];
		let files: File[] = [];
		let types = ['Files'];
		if (kind === 'folder') {
			const folder = file('my-tables', '');
			items = [
				{
					kind: 'file',
					getAsFile: () => folder,
					webkitGetAsEntry: () => ({ isDirectory: true, name: 'my-tables' })
				}
			];
			files = [folder];
		} else if (kind === 'unreadable') {
			const gone = file('gone.csv', table);
			Object.defineProperty(gone, 'arrayBuffer', {
				value: () => Promise.reject(new DOMException('A requested file could not be found.', 'NotFoundError'))
			});
			items = [{ kind: 'file', getAsFile: () => gone }];
			files = [gone];
		} else if (kind === 'several') {
			files = [file('first.csv', table), file('second.csv', table), file('third.csv', table)];
			items = files.map((f) => ({ kind: 'file', getAsFile: () => f }));
		} else {
			types = ['text/uri-list', 'text/plain'];
			items = [{ kind: 'string', getAsFile: () => null }];
		}
		const event = new Event('drop', { bubbles: true, cancelable: true });
		Object.defineProperty(event, 'dataTransfer', { value: { files, items, types } });
		document.querySelector('main')?.dispatchEvent(event);
		return event.defaultPrevented;
	}, kind);
}

test('a dropped folder, an unreadable file, a link and several files each get a message', async ({
	page
}) => {
	await page.goto('/');
	await ready(page);
	expect(await dropStandIn(page, 'folder')).toBe(true);
	await expect(page.getByTestId('data-status')).toContainText('“my-tables” is a folder');
	await expect(page.getByTestId('study-count')).toHaveAttribute('data-total', BUNDLED);
	expect(await dropStandIn(page, 'unreadable')).toBe(true);
	await expect(page.getByTestId('data-status')).toContainText('“gone.csv” could not be read');
	// A dropped link never navigates the tab away (the drop is taken) and is answered.
	const url = page.url();
	expect(await dropStandIn(page, 'link')).toBe(true);
	await expect(page.getByTestId('data-status')).toContainText('A link or text was dropped');
	expect(page.url()).toBe(url);
	expect(await dropStandIn(page, 'several')).toBe(true);
	await expect(page.getByTestId('dataset-name')).toHaveText('first.csv');
	await expect(page.getByTestId('data-status')).toContainText('3 files were dropped; only the first');
});

test('a saved view starting with "?" restores, and an address too long to read is ignored', async ({
	page
}) => {
	await page.goto('/favicon.svg');
	// A view record as an earlier version wrote it (a leading "?"), for the bundled data.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('evidence-dashboard');
				open.onupgradeneeded = () => open.result.createObjectStore('state');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('state', 'readwrite');
					tx.objectStore('state').put(
						{ version: 1, table: null, query: '?design=rct', savedAt: 5 },
						'session'
					);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			})
	);
	await page.goto('/');
	await ready(page);
	await expect(page).toHaveURL(/\/\?design=rct$/);
	await expect(page.locator('[data-filter="design"] [data-value="rct"]')).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	// An address longer than any view this page writes is not parsed (a server may refuse it anyway: set in place).
	await page.evaluate(() => {
		history.pushState(null, '', `/?design=rct&studies=${'x'.repeat(70_000)}`);
		dispatchEvent(new PopStateEvent('popstate'));
	});
	await expect(page.locator('[data-filter="design"] [data-value="rct"]')).toHaveAttribute(
		'aria-pressed',
		'false'
	);
});
