/// <reference lib="webworker" />
/**
 * Imported first by the table-reading worker: it takes away every way to reach the network or compile code, so
 * that nothing in a file (nor a bug in a parser) can make the worker fetch, connect or eval, even on a host that
 * sends no Content-Security-Policy for the worker's script (static/_headers sends one where it is read).
 *
 * Code from strings is cut off at each door: `eval`, `Function` and the constructors of async, generator and async
 * generator functions (reached as `(async () => {}).constructor`), and `setTimeout`/`setInterval` given a string.
 * Dynamic `import()` is syntax and cannot be taken away from script; it can only run in code that is already part of
 * the worker's bundle (there is no way left to compile new code that calls it), and the worker's CSP
 * (`script-src 'self'`) keeps it to this site's own files where the header is sent.
 */
const refuse = (what: string) =>
	function refused(): never {
		throw new Error(`${what} is not available while reading a table.`);
	};
const lock = (target: object, name: string, value: unknown) => {
	try {
		Object.defineProperty(target, name, { value, writable: false, configurable: false });
	} catch {
		// A property the environment made unconfigurable stays as it is; the CSP header covers it where sent.
	}
};
const scope = self as unknown as Record<string, unknown>;
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'eval'] as const)
	lock(scope, name, refuse(name));

// Every function's `constructor` compiles code from a string: replace it on each kind of function's prototype.
const kinds: [string, object][] = [
	['Function', Object.getPrototypeOf(function () {}) as object],
	['AsyncFunction', Object.getPrototypeOf(async function () {}) as object],
	['GeneratorFunction', Object.getPrototypeOf(function* () {}) as object],
	['AsyncGeneratorFunction', Object.getPrototypeOf(async function* () {}) as object]
];
for (const [name, prototype] of kinds) lock(prototype, 'constructor', refuse(name));
lock(scope, 'Function', refuse('Function'));

// Timers given a string compile it: pass functions through, refuse strings.
for (const name of ['setTimeout', 'setInterval'] as const) {
	const timer = scope[name];
	if (typeof timer !== 'function') continue;
	const original = timer as (handler: unknown, ...rest: unknown[]) => unknown;
	// Left writable: a timer taking functions only is no door, and test runners swap timers.
	scope[name] = (handler: unknown, ...rest: unknown[]) => {
		if (typeof handler !== 'function') return refuse(`${name} with a string`)();
		return original.call(self, handler, ...rest);
	};
}
export {};
