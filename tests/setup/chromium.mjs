#!/usr/bin/env node
/**
 * Finds a Chromium that Playwright can drive, in this order:
 *   1. $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH (or $CHROMIUM_PATH), when set;
 *   2. Playwright's own browser, when `npx playwright install chromium` has run on this machine;
 *   3. Debian/Ubuntu's /usr/bin/chromium (or /usr/lib/chromium/chromium, chromium-browser, google-chrome).
 * Run with --ensure (as `npm test` does) to install Debian's chromium, the fonts exported images need, poppler-utils
 * (pdftotext, pdftoppm: the PDF checks) and libreoffice-impress (soffice: the PPTX check) when they are missing and
 * apt-get is available (as root or with sudo), and to explain what to do otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SYSTEM_PATHS = [
	'/usr/lib/chromium/chromium',
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable'
];
const APT_PACKAGES = [
	'chromium',
	'fonts-liberation',
	'fonts-dejavu-core',
	'poppler-utils',
	'libreoffice-impress'
];
/** Packages the tests use as commands: present on the PATH (however installed) counts as installed. */
const COMMANDS = { 'poppler-utils': ['pdftotext', 'pdftoppm'], 'libreoffice-impress': ['soffice'] };

/** Playwright's own downloaded Chromium, if any. */
async function playwrightOwn() {
	try {
		const { chromium } = await import('playwright');
		const path = chromium.executablePath();
		return path && existsSync(path) ? path : null;
	} catch {
		return null;
	}
}

/** The path of a usable Chromium, or null. */
export async function findChromium() {
	const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (existsSync(fromEnv)) return fromEnv;
		throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH is set to ${fromEnv}, but no file is there.`);
	}
	return (await playwrightOwn()) ?? SYSTEM_PATHS.find((p) => existsSync(p)) ?? null;
}

function missingAptPackages() {
	const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...APT_PACKAGES], {
		encoding: 'utf8'
	});
	if (r.error) return null; // no dpkg: not a Debian-like system
	const installed = new Set(
		r.stdout
			.split('\n')
			.filter((l) => l.endsWith('install ok installed'))
			.map((l) => l.split(' ')[0])
	);
	return APT_PACKAGES.filter((p) => !installed.has(p));
}

/** @param {string} cmd */
function canRun(cmd) {
	return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

async function ensure() {
	const envSet = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || process.env.CHROMIUM_PATH;
	const missing = missingAptPackages();
	const found = await findChromium().catch((e) => {
		console.error(String(e.message));
		process.exit(1);
	});
	/** @param {string} p */
	const stillNeeded = (p) => {
		if (p === 'chromium') return !envSet && !found;
		const commands = COMMANDS[/** @type {keyof typeof COMMANDS} */ (p)];
		return commands === undefined || !commands.every(canRun);
	};
	const needed = missing === null ? [] : missing.filter(stillNeeded);
	if (found && needed.length === 0) {
		console.log(`chromium: ${found}`);
		return;
	}
	if (missing !== null && needed.length > 0 && canRun('apt-get')) {
		const root = process.getuid?.() === 0;
		const sudo = root ? [] : canRun('sudo') ? ['sudo', '-n'] : null;
		if (sudo) {
			console.log(`Installing ${needed.join(', ')} with apt-get (needed for the browser tests)…`);
			const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
			const run = (/** @type {string[]} */ args) => {
				const [cmd = 'apt-get', ...rest] = [...sudo, ...args];
				execFileSync(cmd, rest, { stdio: 'inherit', env });
			};
			try {
				run(['apt-get', 'update', '-qq']);
				run(['apt-get', 'install', '-y', '-qq', ...needed]);
			} catch {
				console.error('apt-get could not install the packages (see above).');
			}
			const now = await findChromium();
			if (now) {
				console.log(`chromium: ${now}`);
				return;
			}
		}
	}
	if (found) {
		console.warn(
			`chromium: ${found} (${needed.join(', ')} missing: exported images may lack text, and the PDF and PPTX checks need pdftotext and soffice)`
		);
		return;
	}
	console.error(
		[
			'No Chromium found for the browser tests, and it could not be installed automatically.',
			'Do one of these, then run the tests again:',
			`  - on Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y ${APT_PACKAGES.join(' ')}`,
			'  - where Playwright can download browsers: npx playwright install chromium',
			'  - or point at any Chromium/Chrome: export PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH=/path/to/chrome'
		].join('\n')
	);
	process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (process.argv.includes('--ensure')) await ensure();
	else console.log((await findChromium()) ?? 'not found');
}
