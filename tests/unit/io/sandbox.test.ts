import { describe, expect, it } from 'vitest';

describe('the reading worker’s sandbox', () => {
	it('takes away fetch, XMLHttpRequest, sockets, importScripts, eval, Function and string timers', async () => {
		// This test file runs in its own process: the worker's global scope is played by Node's.
		const scope = globalThis as unknown as Record<string, unknown>;
		scope.self = globalThis;
		const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as FunctionConstructor;
		const asyncBefore = new AsyncFunction('return 1');
		await import('$lib/io/sandbox');
		for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'eval']) {
			const f = scope[name] as () => unknown;
			expect(() => f(), name).toThrow(`${name} is not available while reading a table.`);
		}
		// Code from a string: the global Function, and each kind of function's constructor.
		expect(() => (scope.Function as FunctionConstructor)('return 1')).toThrow('Function is not available');
		const constructors = [
			function () {}.constructor,
			async function () {}.constructor,
			function* () {}.constructor,
			async function* () {}.constructor
		] as FunctionConstructor[];
		for (const make of constructors) expect(() => new make('return fetch')).toThrow(/is not available/);
		expect(() => setTimeout('1 + 1' as unknown as () => void, 0)).toThrow('setTimeout with a string');
		// Functions already compiled and timers given functions keep working.
		expect(typeof asyncBefore).toBe('function');
		await new Promise<void>((resolve) => setTimeout(resolve, 0));
		// And nothing can be put back (module code is strict: writing a read-only property throws).
		expect(() => {
			scope.fetch = () => 'network';
		}).toThrow(TypeError);
		expect(() => {
			(Object.getPrototypeOf(async function () {}) as { constructor: unknown }).constructor = Function;
		}).toThrow(TypeError);
	});
});
