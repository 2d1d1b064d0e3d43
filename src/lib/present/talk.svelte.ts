/**
 * The state of a talk one window holds (slide, black screen, digits typed), kept in step with the other window over
 * the channel: the projected slides and the presenter's window each own one, and a key in either moves both.
 */
import { openTalk, type TalkMessage } from './channel';
import { keyAction, type KeyAction } from './keys';

export class Talk {
	index = $state(0);
	black = $state(false);
	/** Digits typed before Enter (go to slide N). */
	typed = $state('');
	count = $state(1);
	#channel: ReturnType<typeof openTalk> | null = null;
	#onchange: (index: number) => void;
	#onexit: () => void;

	constructor(
		start: number,
		onchange: (index: number) => void,
		/** The other window asked to leave the talk. */
		onexit: () => void
	) {
		this.index = start;
		this.#onchange = onchange;
		this.#onexit = onexit;
	}

	/** Join the channel (and, from a window that joins late, ask the other for its state). */
	connect(askState: boolean): () => void {
		this.#channel = openTalk((m) => this.#receive(m));
		if (askState) this.#channel.send({ kind: 'hello' });
		return () => {
			this.#channel?.close();
			this.#channel = null;
		};
	}

	#receive(message: TalkMessage) {
		if (message.kind === 'hello') this.#send();
		else if (message.kind === 'exit') this.#onexit();
		else {
			this.black = message.black;
			if (message.index !== this.index) {
				this.index = Math.max(0, Math.min(this.count - 1, message.index));
				this.#onchange(this.index);
			}
		}
	}

	#send() {
		this.#channel?.send({ kind: 'state', index: this.index, black: this.black });
	}

	/** Show slide `index` (clamped) here and in the other window. */
	go(index: number): void {
		const next = Math.max(0, Math.min(this.count - 1, index));
		if (next !== this.index) {
			this.index = next;
			this.#onchange(next);
		}
		this.#send();
	}

	/** Black the screen, or bring the slide back. */
	toggleBlack(): void {
		this.black = !this.black;
		this.#send();
	}

	/** Tell the other window the talk is over. */
	exit(): void {
		this.#channel?.send({ kind: 'exit' });
	}

	/**
	 * Handle a key press: slide moves and the black screen are done here; the window's own actions (full screen,
	 * keys overlay, presenter window, exit) are returned for the caller.
	 */
	key(event: KeyboardEvent): KeyAction | null {
		if (event.ctrlKey || event.metaKey || event.altKey) return null;
		// Arrow keys on a focused chart mark move between studies, not slides.
		const onMark = (event.target as Element | null)?.closest?.('[data-study-id]');
		if (onMark && event.key.startsWith('Arrow')) return null;
		// A control with focus keeps Space and Enter for itself.
		const onControl = (event.target as Element | null)?.closest?.('button, input, select, textarea, a');
		if (onControl && (event.key === ' ' || event.key === 'Enter')) return null;
		const { action, typed } = keyAction(event.key, event.shiftKey, this.index, this.count, this.typed);
		const wasTyping = this.typed !== '' || typed !== '';
		this.typed = typed;
		if (!action) {
			if (wasTyping) event.preventDefault();
			return null;
		}
		event.preventDefault();
		if (action.kind === 'go') this.go(action.index);
		else if (action.kind === 'black') this.toggleBlack();
		else return action;
		return null;
	}
}
