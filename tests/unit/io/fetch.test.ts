import { describe, expect, it } from 'vitest';
import { fetchLimited } from '$lib/io/client';

/** A fetch that answers with `chunks` streamed, counting how many bytes were pulled. */
function streaming(chunks: number, size: number, headers: Record<string, string> = {}) {
	const seen = { pulled: 0 };
	const fetcher = (async () => {
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent === chunks) return controller.close();
				sent++;
				seen.pulled += size;
				controller.enqueue(new Uint8Array(size));
			}
		});
		return new Response(body, { headers });
	}) as typeof fetch;
	return { fetcher, seen };
}

describe('fetchLimited', () => {
	const url = new URL('https://example.test/t.csv');

	it('returns the whole body under the limit', async () => {
		const { fetcher } = streaming(3, 10);
		expect((await fetchLimited(url, 100, fetcher)).byteLength).toBe(30);
	});

	it('refuses from Content-Length before reading the body', async () => {
		const { fetcher, seen } = streaming(1000, 1000, { 'content-length': String(1_000_000) });
		await expect(fetchLimited(url, 10_000, fetcher)).rejects.toThrow(/over the/);
		expect(seen.pulled).toBeLessThanOrEqual(1000 * 2);
	});

	it('stops streaming at the limit when no length is sent', async () => {
		const { fetcher, seen } = streaming(1000, 1000);
		await expect(fetchLimited(url, 10_000, fetcher)).rejects.toThrow(/over the/);
		expect(seen.pulled).toBeLessThan(20_000);
	});

	it('says what the server answered', async () => {
		const fetcher = (async () => new Response('no', { status: 404 })) as typeof fetch;
		await expect(fetchLimited(url, 10, fetcher)).rejects.toThrow('the server answered 404');
	});

	/** A fetch whose body sends `sent` chunks and then nothing more, until aborted. */
	const stalling = (sent: number) =>
		(async (_url: unknown, init?: RequestInit) => {
			let n = 0;
			const body = new ReadableStream<Uint8Array>({
				start(controller) {
					init?.signal?.addEventListener('abort', () =>
						controller.error(new DOMException('aborted', 'AbortError'))
					);
				},
				pull(controller) {
					if (n < sent) {
						n++;
						controller.enqueue(new Uint8Array(10));
					}
					return new Promise(() => undefined); // then silence
				}
			});
			return new Response(body, { headers: { 'content-length': String(sent * 10 + 10) } });
		}) as typeof fetch;

	it('reports progress with the declared total', async () => {
		const seen: [number, number | null][] = [];
		const { fetcher } = streaming(3, 10, { 'content-length': '30' });
		await fetchLimited(url, 100, fetcher, { onProgress: (r, t) => seen.push([r, t]) });
		expect(seen.at(-1)).toEqual([30, 30]);
	});

	it('stops a server that goes silent, and says for how long', async () => {
		await expect(fetchLimited(url, 1000, stalling(1), { idleMs: 50 })).rejects.toThrow(
			'the server sent nothing for 0 seconds'
		);
	});

	it('stops when the user cancels, with an AbortError', async () => {
		const controller = new AbortController();
		const pending = fetchLimited(url, 1000, stalling(1), {
			signal: controller.signal,
			onProgress: (received) => {
				if (received > 0) controller.abort();
			}
		});
		await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
	});
});
