/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline: at install, every file of this build (app shell, scripts, styles, workers, the PDF font, chunks loaded on
 * demand), the prerendered pages with their data (the dashboard with the bundled studies, every study page,
 * /changes) and the static files are cached; they are then served from the cache, so a journal club works with the
 * network off. A new deployment installs beside the running one and waits: the page offers "reload for the new
 * version" (never during a presentation), and only that click lets it take over. Requests for anything else
 * (a `?data=` table, another site) are left to the browser.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const PREFIX = 'evidence-dashboard-';
const CACHE = `${PREFIX}${version}`;

/** A page's path as cached: no trailing slash except the root. */
const pagePath = (path: string) => (path.length > 1 ? path.replace(/\/$/, '') : path);
/** The data SvelteKit fetches when it navigates to a prerendered page in the client. */
const dataPath = (page: string) => `${page.replace(/\/$/, '')}/__data.json`;

const PAGES = prerendered.map(pagePath);
/** Host configuration, not content. */
const STATIC = files.filter((f) => !/\/_headers$|\/_redirects$/.test(f));
const ASSETS = [...new Set([...build, ...STATIC, ...PAGES, ...PAGES.map(dataPath)])];
const CACHED = new Set(ASSETS);

sw.addEventListener('install', (event) => {
	// A page without server data has no __data.json: cache each file on its own, so one missing file does not
	// stop the rest, but fail the install when the shell itself is missing.
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			const results = await Promise.allSettled(
				ASSETS.map(async (path) => {
					const response = await fetch(path, { cache: 'no-cache' });
					if (!response.ok) throw new Error(`${path}: ${response.status}`);
					await cache.put(path, response);
				})
			);
			const failed = ASSETS.filter((path, i) => results[i]?.status === 'rejected');
			const essential = failed.filter((path) => !path.endsWith('/__data.json'));
			if (essential.length > 0) throw new Error(`Not cached: ${essential.slice(0, 5).join(', ')}`);
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
		})()
	);
});

sw.addEventListener('message', (event) => {
	// The page asks for the new version (the user clicked "Reload for the new version").
	if (event.data === 'skip-waiting') void sw.skipWaiting();
});

/** The cache key of a same-origin GET this worker serves, or null to leave the request to the browser. */
function cachedPath(request: Request): string | null {
	if (request.method !== 'GET') return null;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return null;
	const path = request.mode === 'navigate' ? pagePath(url.pathname) : url.pathname;
	return CACHED.has(path) ? path : null;
}

sw.addEventListener('fetch', (event) => {
	const path = cachedPath(event.request);
	if (path === null) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			// The query is the view (or SvelteKit's data flags), never a different file.
			const hit = await cache.match(path);
			if (hit) return hit;
			const response = await fetch(event.request);
			if (response.ok && response.type === 'basic') await cache.put(path, response.clone());
			return response;
		})()
	);
});
