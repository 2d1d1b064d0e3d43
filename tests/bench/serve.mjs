/**
 * A minimal static file server on 127.0.0.1 for a copy of the built site. The benchmark serves a snapshot of
 * build/ so that a rebuild during the run (another `vite build`, `npm test`) cannot change or break what is
 * being measured; the site is static and works from any static server (CONTRACT.md, Build).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = /** @type {Record<string, string>} */ ({
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.txt': 'text/plain; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.wasm': 'application/wasm'
});

/**
 * Serve `root` on an ephemeral port of 127.0.0.1.
 * @param {string} root
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveStatic(root) {
	const base = normalize(root + sep);
	const server = createServer((req, res) => {
		let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		if (path.endsWith('/')) path += 'index.html';
		let file = normalize(join(base, path));
		if (!file.startsWith(base)) {
			res.writeHead(403).end();
			return;
		}
		if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
		if (!existsSync(file) || !statSync(file).isFile()) {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
			return;
		}
		res.writeHead(200, {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'content-length': statSync(file).size,
			'cache-control': file.includes(`${sep}immutable${sep}`)
				? 'public, max-age=31536000, immutable'
				: 'no-cache'
		});
		createReadStream(file).pipe(res);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}/`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
