/**
 * A minimal in-memory IndexedDB for Node, as much as idb-keyval and this page's stores use: one database of
 * object stores keyed by string, get/put/delete/getAll requests answered asynchronously, values structured-cloned
 * both ways, a transaction completing once a turn of the event loop passes without new requests.
 */
type Handler = (() => void) | null;

class Request<T = unknown> {
	result: T | undefined = undefined;
	error: unknown = null;
	onsuccess: Handler = null;
	onerror: Handler = null;
	onupgradeneeded: Handler = null;
	oncomplete: Handler = null;
	onabort: Handler = null;
}

class Transaction {
	oncomplete: Handler = null;
	onerror: Handler = null;
	onabort: Handler = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	constructor(readonly store: Map<string, unknown>) {
		this.touch();
	}
	/** A request was made: completion waits for another idle turn. */
	touch(): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.oncomplete?.(), 0);
	}
	objectStore(): ObjectStore {
		return new ObjectStore(this);
	}
}

class ObjectStore {
	constructor(readonly transaction: Transaction) {}
	#answer<T>(value: () => T): Request<T> {
		const req = new Request<T>();
		this.transaction.touch();
		queueMicrotask(() => {
			req.result = value();
			req.onsuccess?.();
		});
		return req;
	}
	get(key: string) {
		const value = this.transaction.store.get(key);
		return this.#answer(() => (value === undefined ? undefined : structuredClone(value)));
	}
	getAll() {
		return this.#answer(() => [...this.transaction.store.values()].map((v) => structuredClone(v)));
	}
	put(value: unknown, key: string) {
		this.transaction.store.set(key, structuredClone(value));
		return this.#answer(() => key);
	}
	delete(key: string) {
		this.transaction.store.delete(key);
		return this.#answer(() => undefined);
	}
}

/** Install a fresh in-memory IndexedDB on the global scope; returns its records (store name → key → value). */
export function installFakeIndexedDB(): Map<string, Map<string, unknown>> {
	const stores = new Map<string, Map<string, unknown>>();
	const db = {
		createObjectStore: (name: string) => stores.set(name, new Map()),
		transaction: (name: string) => {
			const store = stores.get(name);
			if (!store) throw new Error(`no store ${name}`);
			return new Transaction(store);
		},
		onclose: null
	};
	let upgraded = false;
	(globalThis as unknown as { indexedDB: unknown }).indexedDB = {
		open: () => {
			const req = new Request<typeof db>();
			setTimeout(() => {
				req.result = db;
				if (!upgraded) {
					upgraded = true;
					req.onupgradeneeded?.();
				}
				req.onsuccess?.();
			}, 0);
			return req;
		}
	};
	return stores;
}
