import { sveltekit } from '@sveltejs/kit/vite';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { releaseDate, versionTexts, type VersionName } from './src/lib/data/versions.js';

/**
 * The bundled data's version (src/lib/data/version.ts): the latest kept release when data/studies.csv equals it,
 * else a new version dated `DATASET_DATE`, the last commit of data/studies.csv, or today.
 */
function datasetVersion(): VersionName {
	const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));
	const releases = readdirSync(path('./data/releases')).flatMap((file) => {
		const date = releaseDate(file);
		return date ? [{ date, text: readFileSync(path(`./data/releases/${file}`), 'utf8') }] : [];
	});
	let committed = '';
	try {
		committed = execFileSync('git', ['log', '-1', '--format=%cs', '--', 'data/studies.csv'], {
			cwd: path('./'),
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
	} catch {
		// Not a git checkout: the build's date names the version.
	}
	const date = process.env.DATASET_DATE ?? (committed || new Date().toISOString().slice(0, 10));
	const last = versionTexts(releases, readFileSync(path('./data/studies.csv'), 'utf8'), date).at(-1);
	if (!last) throw new Error('data/studies.csv could not be read');
	return { id: last.id, date: last.date, hash: last.hash };
}

export default defineConfig({
	plugins: [sveltekit()],
	define: { __DATASET_VERSION__: JSON.stringify(datasetVersion()) },
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
