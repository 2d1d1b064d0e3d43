/**
 * JavaScript and CSS shipped to first paint: every file build/index.html references (module preloads, scripts,
 * stylesheets, and the modules its inline start script imports), raw and gzip (node:zlib, level 9),
 * plus the inline script (the hydration data) and the HTML itself.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @typedef {{ file: string, kind: 'js' | 'css', raw: number, gzip: number }} ShippedFile */
/**
 * @typedef {{
 *   files: ShippedFile[],
 *   js: { raw: number, gzip: number },
 *   css: { raw: number, gzip: number },
 *   inlineJs: { raw: number, gzip: number },
 *   html: { raw: number, gzip: number },
 *   allAppJs: { raw: number, gzip: number, files: number }
 * }} ShippedBytes
 */

/** @param {Buffer | string} data */
const gzipSize = (data) => gzipSync(data, { level: 9 }).length;

/**
 * Every .js file under a folder.
 * @param {string} dir
 * @returns {string[]}
 */
function jsFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return jsFiles(path);
		return name.endsWith('.js') ? [path] : [];
	});
}

/**
 * What the built page ships before first paint.
 * @param {string} buildDir
 * @returns {ShippedBytes}
 */
export function shippedBytes(buildDir) {
	const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
	/** @type {Map<string, 'js' | 'css'>} */
	const refs = new Map();
	for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
		const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
		const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? '';
		if (!href) continue;
		if (/\bmodulepreload\b/.test(rel)) refs.set(href, 'js');
		else if (/\bstylesheet\b/.test(rel)) refs.set(href, 'css');
	}
	for (const tag of html.match(/<script\b[^>]*\bsrc="[^"]+"[^>]*>/g) ?? []) {
		const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
		if (src) refs.set(src, 'js');
	}
	const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
		(m) => m[1] ?? ''
	);
	for (const code of inline)
		for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) if (m[1]) refs.set(m[1], 'js');

	/** @type {ShippedFile[]} */
	const files = [];
	for (const [ref, kind] of refs) {
		if (/^[a-z]+:\/\//i.test(ref)) continue; // external: not ours
		const path = join(buildDir, posix.normalize(ref.replace(/^\//, '').replace(/[?#].*$/, '')));
		const data = readFileSync(path);
		files.push({ file: relative(buildDir, path), kind, raw: data.length, gzip: gzipSize(data) });
	}
	const total = (/** @type {'js' | 'css'} */ kind) =>
		files
			.filter((f) => f.kind === kind)
			.reduce((acc, f) => ({ raw: acc.raw + f.raw, gzip: acc.gzip + f.gzip }), { raw: 0, gzip: 0 });
	const inlineText = inline.join('\n');
	const all = jsFiles(join(buildDir, '_app')).map((f) => readFileSync(f));
	return {
		files,
		js: total('js'),
		css: total('css'),
		inlineJs: { raw: Buffer.byteLength(inlineText), gzip: inlineText ? gzipSize(inlineText) : 0 },
		html: { raw: Buffer.byteLength(html), gzip: gzipSize(html) },
		allAppJs: {
			raw: all.reduce((s, d) => s + d.length, 0),
			gzip: all.reduce((s, d) => s + gzipSize(d), 0),
			files: all.length
		}
	};
}
