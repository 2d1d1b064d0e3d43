import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		// 5 s by default: the lint-floor tests start ESLint with type information, which takes longer than that
		// on a loaded 2-core machine. Unit tests wait for nothing, so a generous limit hides no slowness that matters.
		testTimeout: 30_000
	}
});
