/**
 * Work that need not be in the frame a person's input paints: run it when the main thread is next idle (within
 * `timeout` ms), or on a timer where the browser has no idle callbacks. Browser or Node (tests): no DOM needed.
 */
export function afterIdle(run: () => void, timeout = 500): { cancel: () => void } {
	if (typeof requestIdleCallback === 'function') {
		const id = requestIdleCallback(run, { timeout });
		return { cancel: () => cancelIdleCallback(id) };
	}
	const id = setTimeout(run, 0);
	return { cancel: () => clearTimeout(id) };
}
