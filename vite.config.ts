import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		// Caps, not timings: a busy 2-core machine can take seconds to start ESLint or a large property run.
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
