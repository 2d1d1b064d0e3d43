/** Chart options live in the view (and so in the URL), so exports and slides show what the user chose. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, fromQuery, toQuery } from '$lib/filters/clauses';

describe('order= and trend= in the URL', () => {
	it('reads and writes survival by gain and the trend of survival gain', () => {
		const view = fromQuery(new URLSearchParams('design=rct&order=gain&trend=gain'));
		expect(view.order).toBe('gain');
		expect(view.trend).toBe('gain');
		expect(toQuery(view)).toBe('design=rct&order=gain&trend=gain');
	});

	it('the defaults (by year, the effect) stay out of the URL, and unknown values are ignored', () => {
		expect(toQuery({ ...DEFAULT_VIEW, order: 'year', trend: 'effect' })).toBe('');
		const view = fromQuery(new URLSearchParams('order=size&trend=x'));
		expect(view.order).toBeUndefined();
		expect(view.trend).toBeUndefined();
	});
});
