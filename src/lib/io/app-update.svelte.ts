/**
 * A new deployment, seen from the page: SvelteKit registers src/service-worker.ts; when a newer one has installed
 * and waits, `ready` turns true and the page offers "reload for the new version". Nothing reloads by itself, and the
 * offer is held while `holding` (a presentation is running), so a talk is never interrupted.
 */
class AppUpdate {
	/** A new version is installed and waiting for the user's reload. */
	ready = $state(false);
	/** Held back (presentation mode): the offer waits until the talk ends. */
	holding = $state(false);
	#started = false;
	#registration: ServiceWorkerRegistration | null = null;

	/** Watch the service worker's registration for a waiting version (once per page). */
	start(): void {
		if (this.#started || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
		this.#started = true;
		void navigator.serviceWorker.ready.then((registration) => {
			this.#registration = registration;
			const check = () => {
				// A waiting worker with a controller in charge is an update (the very first install has no controller).
				if (registration.waiting && navigator.serviceWorker.controller) this.ready = true;
			};
			check();
			registration.addEventListener('updatefound', () => {
				const installing = registration.installing;
				installing?.addEventListener('statechange', () => {
					if (installing.state === 'installed') check();
				});
			});
		});
	}

	/** Let the waiting version take over, then reload into it. */
	apply(): void {
		const waiting = this.#registration?.waiting;
		if (!waiting) {
			window.location.reload();
			return;
		}
		navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
			once: true
		});
		waiting.postMessage('skip-waiting');
	}
}

/** The page's one view of updates. */
export const appUpdate = new AppUpdate();
