/** What every chart needs to link its marks to the page: activity, selection, hover, keyboard. */
import type { StudyId } from '$lib/types';

export interface ChartLink {
	/** Studies passing every filter except the chart's own (crossfilter). */
	active: ReadonlySet<StudyId>;
	selected: ReadonlySet<StudyId>;
	hovered: StudyId | null;
	onhover: (id: StudyId | null, anchor?: Element) => void;
	onselect: (id: StudyId) => void;
}

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
 * Attributes and handlers for one study's mark group. `ids` is the chart's keyboard order; its first study is the
 * chart's single tab stop, and arrows move from there.
 */
export function markProps(id: StudyId, label: string, link: ChartLink, ids: readonly StudyId[]) {
	const first = ids[0] === id;
	return {
		'data-study-id': id,
		'data-active': String(link.active.has(id)),
		'data-selected': String(link.selected.has(id)),
		'data-hovered': String(link.hovered === id),
		role: 'button',
		tabindex: first ? 0 : -1,
		'aria-label': label,
		'aria-pressed': link.selected.has(id),
		onpointerenter: (e: PointerEvent) => link.onhover(id, e.currentTarget as Element),
		onpointerleave: () => link.onhover(null),
		onfocus: (e: FocusEvent) => link.onhover(id, e.currentTarget as Element),
		onblur: () => link.onhover(null),
		onclick: () => link.onselect(id),
		onkeydown: (e: KeyboardEvent) => markKeydown(e, ids, link)
	};
}
