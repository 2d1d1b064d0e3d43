/// <reference lib="webworker" />
/**
 * Imported first by the table-reading worker: it takes away every way to reach the network or compile code, so
 * that nothing in a file (nor a bug in a parser) can make the worker fetch, connect or eval, even on a host that
 * sends no Content-Security-Policy for the worker's script (static/_headers sends one where it is read).
 */
const refuse = (what: string) => () => {
	throw new Error(`${what} is not available while reading a table.`);
};
const scope = self as unknown as Record<string, unknown>;
for (const name of [
	'fetch',
	'XMLHttpRequest',
	'WebSocket',
	'EventSource',
	'importScripts',
	'eval'
] as const) {
	try {
		Object.defineProperty(scope, name, { value: refuse(name), writable: false, configurable: false });
	} catch {
		// A property the environment made unconfigurable stays as it is; the CSP header covers it where sent.
	}
}
export {};
