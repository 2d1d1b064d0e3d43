/**
 * What the benchmark installs in every page before the page's own scripts run (`context.addInitScript`):
 * observers for long tasks, LCP and FCP, a poll for "charts drawn" started at navigation, a record of file
 * loads and download-link clicks, and the input→paint measurement used for every interaction.
 *
 * Everything here runs in the browser; it must not reference anything outside `benchInit`.
 */

/** @typedef {{ start: number, duration: number }} LongTask */
/**
 * @typedef {{
 *   t0: number, expect: string, reportAt: number | null, drawnAt: number | null, paintAt: number | null,
 *   status: string | null, rowsLoaded: string | null, rowsSkipped: string | null, issues: number | null,
 *   mappingShown: boolean
 * }} FileLoad
 */
/** @typedef {{ processing: number, paint: number, changed: boolean }} Sample */
/**
 * The first click on a design toggle, dispatched in the first task after `html[data-hydrated="true"]` is set
 * (only on a page whose init script set `window.__benchFirstClick`). Times from `performance.now()`.
 * @typedef {{
 *   value: string | null, hydratedAt: number, clickedAt: number | null, respondedAt: number | null,
 *   paintAt: number | null, shownBefore: string | null, shownAfter: string | null, error: string | null
 * }} FirstClick
 */
/**
 * @typedef {{
 *   longtasks: LongTask[], lcp: number | null, fcp: number | null, drawnAt: number | null,
 *   expectRows: number | null, expectName: string | null, load: FileLoad | null, anchorClicks: { at: number, name: string }[],
 *   clickedAt: number | null, firstClick: FirstClick | null, hydratedJs: string[] | null,
 *   measure: (kind: string, i: number, arg: string) => Promise<Sample>,
 *   brushDown: () => boolean, brushUp: () => void, hoverTargets: () => number,
 *   domCount: () => { svgElements: number, marks: Record<string, number> }
 * }} BenchState
 */
/** @typedef {Window & typeof globalThis & { __bench: BenchState }} BenchWindow */

/** Installed before any page script (serialised by Playwright; self-contained). */
export function benchInit() {
	const w = /** @type {BenchWindow} */ (window);
	if (w.__bench) return;
	/** @type {BenchState} */
	const state = {
		longtasks: [],
		lcp: null,
		fcp: null,
		drawnAt: null,
		expectRows: null,
		expectName: null,
		load: null,
		anchorClicks: [],
		clickedAt: null,
		firstClick: null,
		hydratedJs: null,
		measure: async () => ({ processing: NaN, paint: NaN, changed: false }),
		brushDown: () => false,
		brushUp: () => {},
		hoverTargets: () => 0,
		domCount: () => ({ svgElements: 0, marks: {} })
	};
	w.__bench = state;

	/** @param {string} type @param {(list: PerformanceObserverEntryList) => void} fn */
	const observe = (type, fn) => {
		try {
			new PerformanceObserver(fn).observe({ type, buffered: true });
		} catch {
			// Entry type not supported by this browser: leave the figure empty.
		}
	};
	observe('longtask', (list) => {
		for (const e of list.getEntries()) state.longtasks.push({ start: e.startTime, duration: e.duration });
	});
	observe('largest-contentful-paint', (list) => {
		const entries = list.getEntries();
		const last = entries[entries.length - 1];
		if (last) state.lcp = last.startTime;
	});
	observe('paint', (list) => {
		for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') state.fcp = e.startTime;
	});

	/** A promise for the moment after the next frame has been painted. */
	const afterPaint = () =>
		new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(undefined), 0)));
	const root = () => document.documentElement;
	const figuresDrawn = () => {
		const figures = document.querySelectorAll('figure[data-chart]');
		return (
			figures.length > 0 &&
			[...figures].every(
				(f) => f.querySelector('svg') !== null || f.querySelector('[data-testid="empty-state"]')
			)
		);
	};
	// The dashboard: hydrated and every chart's <svg> present (or its empty state, which says why there is none).
	// The Vega-Lite page sets data-drawn itself.
	const drawn = () =>
		root().dataset.drawn === 'true' || (root().dataset.hydrated === 'true' && figuresDrawn());
	const poll = () => {
		if (drawn()) setTimeout(() => (state.drawnAt = performance.now()), 0);
		else requestAnimationFrame(poll);
	};
	requestAnimationFrame(poll);
	// First click after hydration: as soon as the page says it answers input, click the first design toggle
	// that is not pressed (in the next task, the earliest a person's click could be handled) and time until
	// the toggle shows its new state and that frame is painted.
	const hydration = new MutationObserver(() => {
		if (root().dataset.hydrated !== 'true') return;
		hydration.disconnect();
		// The scripts fetched by the time the page answers input (run.mjs sums their gzip sizes from the build).
		state.hydratedJs = performance
			.getEntriesByType('resource')
			.filter((e) => /\.m?js(\?|$)/.test(e.name))
			.map((e) => new URL(e.name).pathname);
		if (!(/** @type {{ __benchFirstClick?: boolean }} */ (/** @type {unknown} */ (w)).__benchFirstClick))
			return;
		/** @type {FirstClick} */
		const first = {
			value: null,
			hydratedAt: performance.now(),
			clickedAt: null,
			respondedAt: null,
			paintAt: null,
			shownBefore: null,
			shownAfter: null,
			error: null
		};
		state.firstClick = first;
		setTimeout(() => {
			const button = [...document.querySelectorAll('[data-filter="design"] button[data-value]')].find(
				(b) => b.getAttribute('aria-pressed') !== 'true'
			);
			if (!(button instanceof HTMLElement)) {
				first.error = 'no design toggle to click';
				return;
			}
			const count = () =>
				document.querySelector('[data-testid="study-count"]')?.getAttribute('data-shown') ?? null;
			first.value = button.getAttribute('data-value');
			first.shownBefore = count();
			first.clickedAt = performance.now();
			button.click();
			const check = () => {
				if (button.getAttribute('aria-pressed') === 'true') {
					first.respondedAt = performance.now();
					first.shownAfter = count();
					setTimeout(() => (first.paintAt = performance.now()), 0);
				} else if (performance.now() - (first.clickedAt ?? 0) > 10_000)
					first.error = 'the toggle did not answer within 10 s';
				else requestAnimationFrame(check);
			};
			requestAnimationFrame(check);
		}, 0);
	});
	hydration.observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });

	// A file chosen in a file input: time the report and the redraw from the change event on.
	document.addEventListener(
		'change',
		(event) => {
			const input = event.target;
			if (!(input instanceof HTMLInputElement) || input.type !== 'file' || state.expectRows === null) return;
			/** @type {FileLoad} */
			const load = {
				t0: performance.now(),
				expect: String(state.expectRows),
				reportAt: null,
				drawnAt: null,
				paintAt: null,
				status: null,
				rowsLoaded: null,
				rowsSkipped: null,
				issues: null,
				mappingShown: false
			};
			state.load = load;
			const check = () => {
				const report = document.querySelector('[data-testid="load-report"]');
				if (document.querySelector('[data-testid="column-mapping"]')) load.mappingShown = true;
				// A new report: the dataset name is the file's (or, when rejected, the report names the file).
				const name = document.querySelector('[data-testid="dataset-name"]')?.textContent?.trim();
				if (load.reportAt === null && report) {
					const rows = report.getAttribute('data-rows-loaded');
					const status = report.getAttribute('data-status');
					const fresh =
						status === 'rejected'
							? (report.textContent ?? '').includes(state.expectName ?? '')
							: name === state.expectName && rows === load.expect;
					if (fresh) {
						load.reportAt = performance.now();
						load.status = status;
						load.rowsLoaded = rows;
						load.rowsSkipped = report.getAttribute('data-rows-skipped');
						load.issues = report.querySelectorAll('[data-testid="load-issue"]').length;
					}
				}
				const count = document.querySelector('[data-testid="study-count"]');
				if (load.reportAt !== null && count?.getAttribute('data-total') === load.expect && figuresDrawn()) {
					load.drawnAt = performance.now();
					setTimeout(() => (load.paintAt = performance.now()), 0);
					return;
				}
				if (load.status !== 'rejected') requestAnimationFrame(check);
			};
			requestAnimationFrame(check);
		},
		true
	);

	// Downloads: the page clicks an <a download>; note when.
	document.addEventListener(
		'click',
		(event) => {
			const a = event.target;
			if (a instanceof HTMLAnchorElement && a.hasAttribute('download'))
				state.anchorClicks.push({ at: performance.now(), name: a.download });
		},
		true
	);

	// Input → paint. Each sample waits for a painted frame, then a pseudo-random 0–16 ms so inputs land at
	// any phase of the 60 Hz frame (as a person's would), dispatches the input, lets microtasks (the
	// framework's flush) run, forces style and layout (`processing`), then waits for the next painted frame
	// (`paint`).
	let seed = 12345;
	const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296) % 1;
	const phase = () => new Promise((resolve) => setTimeout(resolve, random() * 16));

	/** @param {Element} el @param {string} type @param {number} x @param {number} y @param {boolean} [shift] */
	const mouse = (el, type, x, y, shift = false) =>
		el.dispatchEvent(
			new MouseEvent(type, {
				bubbles: true,
				cancelable: true,
				composed: true,
				view: window,
				button: 0,
				buttons: type === 'mouseup' ? 0 : 1,
				clientX: x,
				clientY: y,
				shiftKey: shift
			})
		);
	/**
	 * One step of a brush gesture for either kind of brush: pointer events on the overlay (a brush that
	 * captures the pointer listens there) and mouse events on it, which bubble to the window (where d3-brush
	 * listens during a drag).
	 * @param {Element} el @param {'down' | 'move' | 'up'} phase @param {number} x @param {number} y
	 */
	const gesture = (el, phase, x, y) => {
		const init = {
			bubbles: true,
			cancelable: true,
			composed: true,
			view: window,
			button: 0,
			buttons: phase === 'up' ? 0 : 1,
			clientX: x,
			clientY: y
		};
		el.dispatchEvent(
			new PointerEvent(`pointer${phase}`, { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true })
		);
		el.dispatchEvent(new MouseEvent(`mouse${phase}`, init));
	};
	let brush = { x0: 0, x1: 0, y: 0, down: false };
	const overlay = () => document.querySelector('[data-chart="years"] svg .overlay');
	state.brushDown = () => {
		const el = overlay();
		if (!el) return false;
		const r = el.getBoundingClientRect();
		brush = { x0: r.left, x1: r.right, y: r.top + Math.min(20, r.height / 2), down: true };
		gesture(el, 'down', brush.x0 + (brush.x1 - brush.x0) * 0.5, brush.y);
		return true;
	};
	state.brushUp = () => {
		const el = overlay();
		if (!brush.down || !el) return;
		gesture(el, 'up', brush.x0 + (brush.x1 - brush.x0) * 0.95, brush.y);
		brush.down = false;
	};
	const marks = () => document.querySelectorAll('[data-chart="cohort"] [data-study-id]');
	state.hoverTargets = () => marks().length;

	/** The input for one sample; returns the cleanup that runs after the sample, unmeasured. */
	/** @type {Record<string, (i: number, arg: string) => (() => void) | void>} */
	const actions = {
		noop: () => {},
		toggle: (_i, value) => {
			const button = document.querySelector(
				`[data-filter="design"] button[data-value="${CSS.escape(value)}"]`
			);
			if (!(button instanceof HTMLElement)) throw new Error(`no design toggle "${value}"`);
			button.click();
		},
		legend: (_i, value) => {
			const label = [...document.querySelectorAll('.role-legend-label text')].find(
				(t) => t.textContent === value
			);
			if (!label) throw new Error(`no legend entry "${value}"`);
			const r = label.getBoundingClientRect();
			mouse(label, 'click', r.left + 2, r.top + 2, true);
		},
		// One keystroke in the search box: even samples type the query, odd ones clear it (the box's own
		// debounce applies the filter later; `settles` waits for it, so its work is inside the sample).
		search: (i, text) => {
			const input = document.querySelector('[data-filter="search"] input');
			if (!(input instanceof HTMLInputElement)) throw new Error('no search input in [data-filter="search"]');
			input.value = i % 2 === 0 ? text : '';
			input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
		},
		brush: (i) => {
			const el = overlay();
			if (!brush.down || !el) throw new Error('brush not started');
			gesture(el, 'move', brush.x0 + (brush.x1 - brush.x0) * (i % 2 === 0 ? 0.75 : 0.95), brush.y);
		},
		hover: (i) => {
			const all = marks();
			const el = all[(i * 7) % Math.max(1, Math.min(all.length, 60))];
			if (!el) throw new Error('no mark to hover');
			el.dispatchEvent(
				new PointerEvent('pointerenter', { bubbles: false, pointerType: 'mouse', isPrimary: true })
			);
			el.dispatchEvent(
				new PointerEvent('pointerover', { bubbles: true, pointerType: 'mouse', isPrimary: true })
			);
			return () => {
				el.dispatchEvent(
					new PointerEvent('pointerleave', { bubbles: false, pointerType: 'mouse', isPrimary: true })
				);
				el.dispatchEvent(
					new PointerEvent('pointerout', { bubbles: true, pointerType: 'mouse', isPrimary: true })
				);
			};
		}
	};

	/**
	 * What an input should change, read before and after each sample (outside the timing), so that an input
	 * that no longer reaches the page (a hook renamed, a brush rewritten) fails instead of timing nothing.
	 * @type {Record<string, (arg: string) => string>}
	 */
	const probes = {
		toggle: (value) =>
			(document
				.querySelector(`[data-filter="design"] button[data-value="${CSS.escape(value)}"]`)
				?.getAttribute('aria-pressed') ?? '') +
			(document.querySelector('[data-testid="study-count"]')?.getAttribute('data-shown') ?? ''),
		search: () => document.querySelector('[data-testid="study-count"]')?.getAttribute('data-shown') ?? '',
		brush: () =>
			(document.querySelector('[data-testid="study-count"]')?.getAttribute('data-shown') ?? '') +
			(document.querySelector('[data-chart="years"] .selection')?.getAttribute('width') ?? ''),
		hover: () =>
			(document.querySelector('[data-testid="tooltip"]')?.textContent ?? '') +
			(document.querySelector('[data-hovered="true"]')?.getAttribute('data-study-id') ?? ''),
		legend: () => {
			const view = /** @type {{ __view?: { signal: (name: string) => unknown } }} */ (
				/** @type {unknown} */ (window)
			).__view;
			return JSON.stringify(view?.signal('design') ?? null);
		}
	};
	state.domCount = () => {
		/** @type {Record<string, number>} */
		const marks = {};
		for (const figure of document.querySelectorAll('figure[data-chart]'))
			marks[figure.getAttribute('data-chart') ?? '?'] = figure.querySelectorAll('[data-study-id]').length;
		return { svgElements: document.querySelectorAll('svg *').length, marks };
	};

	const settles = new Set(['search']);
	state.measure = async (kind, i, arg) => {
		const action = actions[kind];
		if (!action) throw new Error(`unknown action ${kind}`);
		const probe = probes[kind];
		await afterPaint();
		const before = probe ? probe(arg) : '';
		await phase();
		// Marks for the trace (run.mjs): the main thread's work between them is this input's CPU.
		performance.mark('bench:in');
		const t0 = performance.now();
		const cleanup = action(i, arg);
		for (let k = 0; k < 10; k++) await Promise.resolve();
		void root().getBoundingClientRect();
		const t1 = performance.now();
		// Inputs applied after a debounce: wait (up to 2 s) until the page shows their effect.
		if (settles.has(kind) && probe) {
			const until = performance.now() + 2000;
			while (probe(arg) === before && performance.now() < until)
				await new Promise((resolve) => requestAnimationFrame(resolve));
		}
		await afterPaint();
		const t2 = performance.now();
		performance.mark('bench:out');
		// Work the input left for idle time (a history entry, statistics that catch up): the next idle period
		// after the frame closes a second, wider window (run.mjs reports both).
		await new Promise((resolve) =>
			typeof requestIdleCallback === 'function'
				? requestIdleCallback(() => resolve(undefined), { timeout: 1000 })
				: setTimeout(resolve, 0)
		);
		await afterPaint();
		performance.mark('bench:idle');
		const changed = probe ? probe(arg) !== before : true;
		if (cleanup) {
			cleanup();
			await afterPaint();
		}
		return { processing: t1 - t0, paint: t2 - t0, changed };
	};
}
