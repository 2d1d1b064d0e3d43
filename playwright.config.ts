import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './tests/setup/chromium.mjs';

const executablePath: string | null = await findChromium();
// One port per checkout (E2E_PORT), so two worktrees never reuse each other's preview server.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	// One retry in CI records a flake in the report; the suite must pass without it.
	retries: process.env.CI ? 1 : 0,
	reporter: [['list'], ['./tests/setup/slowest.ts']],
	// Generous for a loaded 2-core machine: assertions wait for a state, never a fixed time.
	timeout: 60_000,
	expect: { timeout: 15_000 },
	forbidOnly: true,
	use: {
		baseURL: `http://localhost:${port}`,
		// DOM snapshots of a page holding thousands of marks cost more than the test itself (35 s against 3 s for
		// a 2,000-study load): a trace without them on a local failure, and a full one on CI's retry.
		trace: process.env.CI ? 'on-first-retry' : { mode: 'retain-on-failure', snapshots: false },
		actionTimeout: 15_000,
		// The service worker precaches every file of the build in each new context, in the background: only the
		// offline tests need it (offline.spec.ts allows it).
		serviceWorkers: 'block',
		navigationTimeout: 30_000,
		...devices['Desktop Chrome'],
		launchOptions: {
			executablePath: executablePath ?? undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-dev-shm-usage'
			]
		}
	},
	webServer: {
		command: `npm run build && npm run preview -- --port ${port} --strictPort`,
		port,
		reuseExistingServer: !process.env.CI,
		timeout: 120_000
	}
});
