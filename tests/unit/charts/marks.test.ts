import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { chartEvents, markKeydown, markName, markProps, type ChartLink } from '$lib/charts/marks';

/** Just enough of the DOM for the marks' delegated handlers: attributes, closest, querySelector(All), focus. */
class FakeElement {
	readonly attrs = new Map<string, string>();
	readonly children: FakeElement[] = [];
	parent: FakeElement | null = null;
	focused = false;
	constructor(
		readonly tag: string,
		attrs: Record<string, string> = {}
	) {
		for (const [k, v] of Object.entries(attrs)) this.attrs.set(k, v);
	}
	append(child: FakeElement) {
		child.parent = this;
		this.children.push(child);
		return child;
	}
	getAttribute(name: string) {
		return this.attrs.get(name) ?? null;
	}
	setAttribute(name: string, value: string) {
		this.attrs.set(name, value);
	}
	/** Selectors used by marks.ts: a tag, [attr], [attr="value"], and those chained. */
	matches(selector: string): boolean {
		const tag = /^[a-z]+/.exec(selector)?.[0];
		if (tag && tag !== this.tag) return false;
		return [...selector.matchAll(/\[([\w-]+)(?:="([^"]*)")?\]/g)].every(([, name, value]) =>
			value === undefined ? this.attrs.has(name ?? '') : this.attrs.get(name ?? '') === value
		);
	}
	closest(selector: string): FakeElement | null {
		if (this.matches(selector)) return this;
		return this.parent ? this.parent.closest(selector) : null;
	}
	querySelectorAll(selector: string): FakeElement[] {
		return this.children.flatMap((c) => [
			...(c.matches(selector) ? [c] : []),
			...c.querySelectorAll(selector)
		]);
	}
	querySelector(selector: string): FakeElement | null {
		return this.querySelectorAll(selector)[0] ?? null;
	}
	focus() {
		this.focused = true;
	}
}

beforeAll(() => {
	vi.stubGlobal('Element', FakeElement);
	vi.stubGlobal('CSS', { escape: (s: string) => s });
});
afterAll(() => vi.unstubAllGlobals());

const ids = ['a', 'b', 'c'];

function chart() {
	const svg = new FakeElement('svg');
	const marks = ids.map((id, i) =>
		svg.append(new FakeElement('g', { 'data-study-id': id, tabindex: i === 0 ? '0' : '-1' }))
	);
	const dots = marks.map((m) => m.append(new FakeElement('circle')));
	return { svg, marks, dots };
}

function link(overrides: Partial<ChartLink> = {}): ChartLink {
	return {
		active: new Set(['a', 'b']),
		selected: new Set(['b']),
		hovered: null,
		onhover: vi.fn(),
		onselect: vi.fn(),
		...overrides
	};
}

const key = (target: FakeElement, k: string) => {
	const event = { key: k, target, preventDefault: vi.fn() };
	return event;
};

describe('markProps', () => {
	it.each([
		// id, active, selected, tabindex
		['a', 'true', 'false', 0],
		['b', 'true', 'true', -1],
		['c', 'false', 'false', -1]
	])('%s: data-active %s, data-selected %s, tabindex %i', (id, active, selected, tabindex) => {
		expect(markProps(id, `Study ${id}`, link(), ids)).toEqual({
			'data-study-id': id,
			'data-active': active,
			'data-selected': selected,
			role: 'button',
			tabindex,
			'aria-label': `Study ${id}`,
			'aria-pressed': selected === 'true'
		});
	});
});

describe('markKeydown', () => {
	let c: ReturnType<typeof chart>;
	beforeEach(() => {
		c = chart();
	});

	it.each([
		// from, key, to
		[0, 'ArrowDown', 1],
		[0, 'ArrowRight', 1],
		[1, 'ArrowUp', 0],
		[1, 'ArrowLeft', 0],
		[0, 'ArrowUp', 0],
		[2, 'ArrowDown', 2],
		[0, 'End', 2],
		[2, 'Home', 0]
	])('from mark %i, %s focuses mark %i and makes it the only tab stop', (from, k, to) => {
		const l = link();
		const event = key(c.dots[from]!, k);
		markKeydown(event as unknown as KeyboardEvent, ids, l);
		expect(event.preventDefault).toHaveBeenCalled();
		expect(c.marks.map((m) => m.focused)).toEqual(ids.map((_, i) => i === to));
		expect(c.marks.map((m) => m.getAttribute('tabindex'))).toEqual(
			ids.map((_, i) => (i === to ? '0' : '-1'))
		);
		expect(l.onselect).not.toHaveBeenCalled();
	});

	it.each(['Enter', ' '])('%j selects the focused study', (k) => {
		const l = link();
		const event = key(c.marks[1]!, k);
		markKeydown(event as unknown as KeyboardEvent, ids, l);
		expect(l.onselect).toHaveBeenCalledWith('b');
		expect(event.preventDefault).toHaveBeenCalled();
		expect(c.marks.some((m) => m.focused)).toBe(false);
	});

	it('Escape clears the hover and leaves the key to the page', () => {
		const l = link({ hovered: 'a' });
		const event = key(c.marks[0]!, 'Escape');
		markKeydown(event as unknown as KeyboardEvent, ids, l);
		expect(l.onhover).toHaveBeenCalledWith(null);
		expect(event.preventDefault).not.toHaveBeenCalled();
	});

	it('ignores other keys and keys outside a mark', () => {
		const l = link();
		const other = key(c.marks[0]!, 'x');
		markKeydown(other as unknown as KeyboardEvent, ids, l);
		const outside = key(c.svg, 'ArrowDown');
		markKeydown(outside as unknown as KeyboardEvent, ids, l);
		expect(other.preventDefault).not.toHaveBeenCalled();
		expect(outside.preventDefault).not.toHaveBeenCalled();
		expect(c.marks.map((m) => [m.focused, m.getAttribute('tabindex')])).toEqual([
			[false, '0'],
			[false, '-1'],
			[false, '-1']
		]);
		expect(l.onselect).not.toHaveBeenCalled();
		expect(l.onhover).not.toHaveBeenCalled();
	});
});

describe('chartEvents', () => {
	it('a click inside a mark selects its study; a click elsewhere does nothing', () => {
		const c = chart();
		const l = link();
		const events = chartEvents(l, ids);
		events.onclick({ target: c.dots[2] } as unknown as MouseEvent);
		events.onclick({ target: c.svg } as unknown as MouseEvent);
		events.onclick({ target: null } as unknown as MouseEvent);
		expect(l.onselect).toHaveBeenCalledTimes(1);
		expect(l.onselect).toHaveBeenCalledWith('c');
	});

	it('pointer or focus entering a mark hovers it once, with the mark as the anchor', () => {
		const c = chart();
		const l = link();
		const events = chartEvents(l, ids);
		events.onpointerover({ target: c.dots[0] } as unknown as PointerEvent);
		events.onfocusin({ target: c.marks[1] } as unknown as FocusEvent);
		expect(l.onhover).toHaveBeenNthCalledWith(1, 'a', c.marks[0]);
		expect(l.onhover).toHaveBeenNthCalledWith(2, 'b', c.marks[1]);
		const hovering = link({ hovered: 'a' });
		chartEvents(hovering, ids).onpointerover({ target: c.dots[0] } as unknown as PointerEvent);
		expect(hovering.onhover).not.toHaveBeenCalled();
	});

	it('leaving a mark clears the hover, moving within it does not', () => {
		const c = chart();
		const l = link({ hovered: 'a' });
		const events = chartEvents(l, ids);
		events.onpointerout({ target: c.dots[0], relatedTarget: c.marks[0] } as unknown as PointerEvent);
		expect(l.onhover).not.toHaveBeenCalled();
		events.onpointerout({ target: c.dots[0], relatedTarget: c.svg } as unknown as PointerEvent);
		events.onfocusout({ target: c.marks[0], relatedTarget: c.marks[1] } as unknown as FocusEvent);
		expect(l.onhover).toHaveBeenCalledTimes(2);
		expect(l.onhover).toHaveBeenCalledWith(null);
	});

	it('keys go to markKeydown with the chart order', () => {
		const c = chart();
		const l = link();
		chartEvents(l, ids).onkeydown(key(c.marks[0]!, 'End') as unknown as KeyboardEvent);
		expect(c.marks[2]?.focused).toBe(true);
	});
});

describe('markName: the accessible name begins with the visible text (WCAG 2.5.3)', () => {
	it.each<[string, (string | null | false)[], (string | null | false)[], string]>([
		[
			'label then numbers, then the unseen',
			['Khan 2002', '0.61 (0.58–0.65)'],
			['HR'],
			'Khan 2002 0.61 (0.58–0.65), HR'
		],
		['gaps and falses are skipped', ['Khan 2002', false, ''], [null, 'not pooled'], 'Khan 2002, not pooled'],
		[
			'a truncated label is followed by the full one',
			['Diaz de la Noval 20…'],
			['Diaz de la Noval 2019'],
			'Diaz de la Noval 20…, Diaz de la Noval 2019'
		],
		['nothing shown: the detail alone', [], ['Khan 2002: ratio 0.61'], 'Khan 2002: ratio 0.61'],
		['nothing unseen: the visible text alone', ['Khan 2002'], [false], 'Khan 2002']
	])('%s', (_, shown, detail, expected) => {
		expect(markName(shown, detail)).toBe(expected);
	});
});
