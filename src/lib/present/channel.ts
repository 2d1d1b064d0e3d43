/**
 * The projected slides and the presenter's window talk over one `BroadcastChannel` (same origin, no server): either
 * window that changes the slide or blacks the screen says so, and the other follows.
 */

/** The state both windows share. */
export interface TalkState {
	/** The slide shown, 0-based. */
	index: number;
	/** The screen is blacked out (B or "."). */
	black: boolean;
}

/** A message on the channel: the state after a change, a new window asking for it, or the end of the talk. */
export type TalkMessage = ({ kind: 'state' } & TalkState) | { kind: 'hello' } | { kind: 'exit' };

export const CHANNEL = 'evidence-dashboard-talk';

function isMessage(data: unknown): data is TalkMessage {
	if (typeof data !== 'object' || data === null) return false;
	const m = data as Record<string, unknown>;
	if (m.kind === 'hello' || m.kind === 'exit') return true;
	return m.kind === 'state' && Number.isInteger(m.index) && typeof m.black === 'boolean';
}

/** Open the channel; `onmessage` gets only well-formed messages. Returns send and close (a no-op without support). */
export function openTalk(onmessage: (message: TalkMessage) => void): {
	send: (message: TalkMessage) => void;
	close: () => void;
} {
	if (typeof BroadcastChannel === 'undefined') return { send: () => undefined, close: () => undefined };
	const channel = new BroadcastChannel(CHANNEL);
	channel.onmessage = (event: MessageEvent<unknown>) => {
		if (isMessage(event.data)) onmessage(event.data);
	};
	return { send: (message) => channel.postMessage(message), close: () => channel.close() };
}
