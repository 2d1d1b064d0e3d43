import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	resolve: {
		// d3-scale's interpolation, numbers only: keeps d3-color out of the first paint (src/lib/charts/interpolate.ts).
		alias: [
			{
				find: /^d3-interpolate$/,
				replacement: fileURLToPath(new URL('./src/lib/charts/interpolate.ts', import.meta.url))
			}
		]
	},
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		// Caps, not timings: a busy 2-core machine can take seconds to start ESLint or a large property run.
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
