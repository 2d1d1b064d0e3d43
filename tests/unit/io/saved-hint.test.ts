import { afterEach, describe, expect, it, vi } from 'vitest';
import { announce } from '$lib/io/persist';
import { hintSaved, savedHinted } from '$lib/io/saved-hint';

/** A storage of the Web Storage shape, in memory. */
function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (i) => [...items.keys()][i] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, String(value))
	};
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('the saved-table hint the page reads at once as it starts', () => {
	it('says a table is saved after one is announced, and not after the bundled data is', () => {
		vi.stubGlobal('localStorage', memoryStorage());
		expect(savedHinted()).toBe(false);
		announce(5, 'own.csv');
		expect(savedHinted()).toBe(true);
		announce(6, null);
		expect(savedHinted()).toBe(false);
		hintSaved(7);
		expect(savedHinted()).toBe(true);
		hintSaved(null);
		expect(savedHinted()).toBe(false);
	});

	it('without storage (absent, or throwing as in a sandbox) it never throws and hints nothing', () => {
		vi.stubGlobal('localStorage', undefined);
		expect(() => hintSaved(3)).not.toThrow();
		expect(savedHinted()).toBe(false);
		const denied = memoryStorage();
		denied.getItem = () => {
			throw new DOMException('denied', 'SecurityError');
		};
		denied.setItem = denied.getItem;
		vi.stubGlobal('localStorage', denied);
		expect(() => announce(4, 'own.csv')).not.toThrow();
		expect(savedHinted()).toBe(false);
	});
});
