import { test as base, expect, type Page } from '@playwright/test';

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
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}
