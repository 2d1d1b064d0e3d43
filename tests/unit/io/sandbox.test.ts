import { describe, expect, it } from 'vitest';

describe('the reading worker’s sandbox', () => {
	it('takes away fetch, XMLHttpRequest, sockets, importScripts and eval', async () => {
		// This test file runs in its own process: the worker's global scope is played by Node's.
		const scope = globalThis as unknown as Record<string, unknown>;
		scope.self = globalThis;
		await import('$lib/io/sandbox');
		for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'eval']) {
			const f = scope[name] as () => unknown;
			expect(() => f(), name).toThrow(`${name} is not available while reading a table.`);
		}
		// And it cannot be put back (module code is strict: writing a read-only property throws).
		expect(() => {
			scope.fetch = () => 'network';
		}).toThrow(TypeError);
	});
});
