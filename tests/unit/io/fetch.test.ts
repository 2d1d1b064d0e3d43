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
});
