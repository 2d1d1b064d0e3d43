/** The keys a presenter (or a clicker) uses, as pure actions: the projected window and the presenter's share them. */

/** What a key press asks for. */
export type KeyAction =
	| { kind: 'go'; index: number }
	| { kind: 'black' }
	| { kind: 'fullscreen' }
	| { kind: 'help' }
	| { kind: 'notes' }
	| { kind: 'exit' };

/** The keys listed on the "?" overlay, in words. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
	['→ ↓ Page Down Space', 'next slide'],
	['← ↑ Page Up Shift+Space Backspace', 'previous slide'],
	['Home / End', 'first / last slide'],
	['a number, then Enter', 'go to that slide'],
	['B or .', 'black screen (again to come back)'],
	['F', 'full screen'],
	['S', 'presenter window: notes, next slide, timer'],
	['?', 'this list'],
	['Escape', 'leave the presentation']
];

/**
 * The action of a key on slide `index` (0-based) of `count`, with the digits typed so far; returns the action (null:
 * not a presenter key) and the digits typed after it.
 */
export function keyAction(
	key: string,
	shift: boolean,
	index: number,
	count: number,
	typed = ''
): { action: KeyAction | null; typed: string } {
	const go = (i: number) => ({
		action: { kind: 'go', index: Math.max(0, Math.min(count - 1, i)) } as const,
		typed: ''
	});
	if (/^[0-9]$/.test(key)) return { action: null, typed: (typed + key).slice(-4) };
	if (key === 'Enter' && typed !== '') return go(Number(typed) - 1);
	if (key === 'Backspace' && typed !== '') return { action: null, typed: typed.slice(0, -1) };
	switch (key) {
		case 'ArrowRight':
		case 'ArrowDown':
		case 'PageDown':
		case 'n':
			return go(index + 1);
		case ' ':
			return go(shift ? index - 1 : index + 1);
		case 'ArrowLeft':
		case 'ArrowUp':
		case 'PageUp':
		case 'Backspace':
		case 'p':
			return go(index - 1);
		case 'Home':
			return go(0);
		case 'End':
			return go(count - 1);
		case 'b':
		case 'B':
		case '.':
			return { action: { kind: 'black' }, typed: '' };
		case 'f':
		case 'F':
			return { action: { kind: 'fullscreen' }, typed: '' };
		case '?':
			return { action: { kind: 'help' }, typed: '' };
		case 's':
		case 'S':
			return { action: { kind: 'notes' }, typed: '' };
		case 'Escape':
			return { action: { kind: 'exit' }, typed: '' };
		default:
			return { action: null, typed };
	}
}
