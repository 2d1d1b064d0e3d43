/**
 * Work proportional to change, in the funnel: a design toggle keeps every point (the same DOM nodes, in the same
 * places), fades those no longer pooled (data-pooled="false"; data-active="false" where the filters exclude them, as
 * in every chart) and rewrites only the marks whose state changed,
 * the region and the pooled line. Counted with a MutationObserver on the figure, across the toggle.
 */
import { bundledRows, expect, pooledRows, ready, test } from './fixtures';

/** Bundled rows with an estimate and both interval ends: every one has a point, pooled in view or not. */
const placed = bundledRows.filter((r) => r.hr_os !== '' && r.hr_ci_low !== '' && r.hr_ci_high !== '');

test('a design toggle fades funnel points instead of re-creating them, and writes only what changed', async ({
	page
}) => {
	await page.goto('/');
	await ready(page);
	const funnel = page.locator('figure[data-chart="funnel"]');
	const marks = funnel.locator('[data-study-id]');
	await expect(marks).toHaveCount(placed.length);
	await expect(funnel.locator('[data-study-id][data-active="true"]')).toHaveCount(placed.length);
	await expect(funnel.locator('[data-study-id][data-pooled="true"]')).toHaveCount(pooledRows().length);
	await expect(funnel.getByTestId('egger')).toBeVisible();

	// Tag every mark node and record every change under the figure from here on.
	const before = await page.evaluate(() => {
		const fig = document.querySelector('figure[data-chart="funnel"]') as HTMLElement;
		const log = { added: 0, removed: 0, attributes: [] as [string, string][] };
		const state = new Map<string, string | null>();
		for (const mark of fig.querySelectorAll('[data-study-id]')) {
			(mark as Element & { tagged?: boolean }).tagged = true;
			state.set(
				mark.getAttribute('data-study-id') ?? '',
				`${mark.getAttribute('data-active')}/${mark.getAttribute('data-pooled')}`
			);
		}
		const record = (list: MutationRecord[]) => {
			for (const m of list) {
				const marks = [...m.addedNodes, ...m.removedNodes].filter(
					(n) => n instanceof Element && (n.matches('[data-study-id]') || n.querySelector('[data-study-id]'))
				);
				if (m.type === 'childList') {
					log.added += m.addedNodes.length && marks.length ? marks.length : 0;
					log.removed += m.removedNodes.length && marks.length ? marks.length : 0;
				}
				if (m.type === 'attributes' && m.target instanceof Element) {
					const id = m.target.closest('[data-study-id]')?.getAttribute('data-study-id') ?? '';
					log.attributes.push([id, `${m.target.tagName.toLowerCase()}.${m.attributeName}`]);
				}
			}
		};
		const observer = new MutationObserver(record);
		observer.observe(fig, { subtree: true, childList: true, attributes: true });
		(window as unknown as { funnelLog: () => typeof log }).funnelLog = () => {
			record(observer.takeRecords());
			return log;
		};
		return Object.fromEntries(state);
	});

	const rct = pooledRows((r) => r.design === 'rct').length;
	expect(rct).toBeGreaterThanOrEqual(2);
	await page.locator('[data-filter="design"] [data-value="rct"]').click();
	await expect(funnel.locator('[data-study-id][data-pooled="true"]')).toHaveCount(rct);
	await expect(funnel.locator('[data-study-id][data-active="true"]')).toHaveCount(
		placed.filter((r) => r.design === 'rct').length
	);
	await expect(funnel.getByTestId('egger')).toContainText(`df = ${rct - 2}`);

	// Every point stayed: the same nodes, none added or removed.
	await expect(marks).toHaveCount(placed.length);
	expect(
		await marks.evaluateAll((els) => els.every((e) => (e as Element & { tagged?: boolean }).tagged))
	).toBe(true);
	const log = await page.evaluate(() => (window as unknown as { funnelLog: () => unknown }).funnelLog());
	const { added, removed, attributes } = log as {
		added: number;
		removed: number;
		attributes: [string, string][];
	};
	expect([added, removed]).toEqual([0, 0]);
	// Marks: only data-active and data-pooled, and only on the marks whose state changed; nothing moved (no cx, cy).
	const after = Object.fromEntries(
		await marks.evaluateAll((els) =>
			els.map((e) => [
				e.getAttribute('data-study-id'),
				`${e.getAttribute('data-active')}/${e.getAttribute('data-pooled')}`
			])
		)
	);
	const changed = Object.keys(before).filter((id) => before[id] !== after[id]);
	expect(changed.length).toBe(placed.filter((r) => r.design !== 'rct').length);
	const onMarks = attributes.filter(([id]) => id !== '');
	expect(
		onMarks.map(([, what]) => what).every((what) => what === 'g.data-active' || what === 'g.data-pooled')
	).toBe(true);
	expect(new Set(onMarks.map(([id]) => id))).toEqual(new Set(changed));
	// Outside the marks: the region and the pooled line follow the view.
	const paths = attributes.filter(([id]) => id === '').map(([, what]) => what);
	expect(paths).toContain('path.d');
});
