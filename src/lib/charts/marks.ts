/** What every chart needs to link its marks to the page: activity, selection, hover, keyboard. */
import { shorten } from '$lib/shorten';
import type { StudyId } from '$lib/types';

export interface ChartLink {
	/** Studies passing every filter except the chart's own (crossfilter). */
	active: ReadonlySet<StudyId>;
	selected: ReadonlySet<StudyId>;
	hovered: StudyId | null;
	onhover: (id: StudyId | null, anchor?: Element) => void;
	onselect: (id: StudyId) => void;
}

/** Above this many marks a chart draws them on a canvas (CanvasDots.svelte; CONTRACT.md "Charts"). */
export const CANVAS_MIN = 500;

/** One dot on a canvas: centre and radius in the chart's coordinates, and a CSS colour (a custom property is resolved). */
export interface Dot {
	id: StudyId;
	cx: number;
	cy: number;
	r: number;
	fill: string;
}

/** How a chart's figure asks to be exported: as a file (SVG, PNG) or to the clipboard. */
export type OnExport = (format: 'svg' | 'png' | 'copy', figure: HTMLElement) => void;

/** Keyboard handling for a chart's marks: arrows move focus between studies in drawing order, Enter/Space select. */
export function markKeydown(event: KeyboardEvent, ids: readonly StudyId[], link: ChartLink): void {
	const target = event.target as Element | null;
	const mark = target?.closest('[data-study-id]');
	const id = mark?.getAttribute('data-study-id');
	if (!mark || !id) return;
	const index = ids.indexOf(id);
	let next: number;
	switch (event.key) {
		case 'ArrowDown':
		case 'ArrowRight':
			next = Math.min(ids.length - 1, index + 1);
			break;
		case 'ArrowUp':
		case 'ArrowLeft':
			next = Math.max(0, index - 1);
			break;
		case 'Home':
			next = 0;
			break;
		case 'End':
			next = ids.length - 1;
			break;
		case 'Enter':
		case ' ':
			event.preventDefault();
			link.onselect(id);
			return;
		case 'Escape':
			link.onhover(null);
			return;
		default:
			return;
	}
	event.preventDefault();
	const nextId = ids[next];
	const svg = mark.closest('svg');
	const el = nextId ? svg?.querySelector<SVGElement>(`[data-study-id="${CSS.escape(nextId)}"]`) : null;
	if (el) {
		for (const other of svg?.querySelectorAll('[data-study-id][tabindex="0"]') ?? [])
			other.setAttribute('tabindex', '-1');
		el.setAttribute('tabindex', '0');
		el.focus();
	}
}

/**
 * Attributes for one study's mark group. `ids` is the chart's keyboard order; its first study is the chart's single
 * tab stop, and arrows move from there. Events are handled once per chart by `chartEvents`, not per mark.
 */
export function markProps(id: StudyId, label: string, link: ChartLink, ids: readonly StudyId[]) {
	return markAttrs(id, label, link.active.has(id), link.selected.has(id), ids);
}

/**
 * `markProps` from the mark's own state: a chart reads `active`/`selected` per mark (an `{@const}` in its keyed
 * `{#each}`, a derived that changes only when that study's state does), so a toggle re-evaluates and rewrites
 * only the marks whose state changed, not every mark.
 */
export function markAttrs(
	id: StudyId,
	label: string,
	active: boolean,
	selected: boolean,
	ids: readonly StudyId[]
) {
	return {
		'data-study-id': id,
		'data-active': String(active),
		'data-selected': String(selected),
		role: 'button',
		tabindex: ids[0] === id ? 0 : -1,
		'aria-label': shorten(label, 200),
		'aria-pressed': selected
	};
}

/**
 * A text node of one space between a mark's separate SVG texts: not drawn, but it keeps the texts apart where
 * assistive technology (and axe) read the mark's visible text, so that text matches the start of its name.
 */
export const SPACE = ' ';

/**
 * A mark's accessible name: the text it shows, in drawing order, then what it does not show (WCAG 2.5.3: the name
 * begins with the visible text, so "Khan 2002 0.61 (0.58–0.65)" is announced and can be spoken to select it).
 */
export function markName(
	shown: readonly (string | null | false)[],
	detail: readonly (string | null | false)[]
): string {
	const visible = shown.filter((t): t is string => typeof t === 'string' && t !== '').join(' ');
	const rest = detail.filter((t): t is string => typeof t === 'string' && t !== '').join(', ');
	return visible && rest ? `${visible}, ${rest}` : visible || rest;
}

/** The study mark an event happened in, if any. */
function markOf(target: EventTarget | null): Element | null {
	return target instanceof Element ? target.closest('[data-study-id]') : null;
}

/**
 * One set of delegated handlers for a whole chart (thousands of marks cost no listeners): hover and focus
 * highlight, click selects, keys move between marks.
 */
export function chartEvents(link: ChartLink, ids: readonly StudyId[]) {
	const enter = (event: Event) => {
		const mark = markOf(event.target);
		const id = mark?.getAttribute('data-study-id');
		if (mark && id && id !== link.hovered) link.onhover(id, mark);
	};
	const leave = (event: PointerEvent | FocusEvent) => {
		const from = markOf(event.target);
		const to = markOf(event.relatedTarget);
		if (from && from !== to) link.onhover(null);
	};
	return {
		onpointerover: enter,
		onpointerout: leave,
		onfocusin: enter,
		onfocusout: leave,
		onclick: (event: MouseEvent) => {
			const id = markOf(event.target)?.getAttribute('data-study-id');
			if (id) link.onselect(id);
		},
		onkeydown: (event: KeyboardEvent) => markKeydown(event, ids, link)
	};
}
