/**
 * A horizontal brush as a Svelte attachment on a transparent overlay rect: pointer gestures in pixels go in,
 * whole-year ranges (data units) come out. Svelte draws the selection; this only listens.
 */
import type { Attachment } from 'svelte/attachments';

export interface BrushCallbacks {
	/** Pixel bounds the brush may cover. */
	extent: () => readonly [number, number];
	/** While dragging: the pixels covered so far. */
	move: (px0: number, px1: number) => void;
	/** Gesture end: the pixels covered, or null for a plain click (which clears). */
	end: (span: readonly [number, number] | null) => void;
}

/** Pixels moved before a press counts as a drag rather than a click. */
const CLICK_SLOP = 3;

/** Listen for drags on an SVG element and report them in the SVG's own coordinates. */
export function pointerBrush(callbacks: BrushCallbacks): Attachment<SVGGraphicsElement> {
	return (node) => {
		let start: number | null = null;
		let last: number | null = null;
		// Pointer events can outpace frames: at most one preview per animation frame.
		let frame = 0;
		const toLocal = (event: PointerEvent): number => {
			const svg = node.ownerSVGElement;
			const ctm = node.getScreenCTM();
			if (!svg || !ctm) return event.offsetX;
			const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
			const [lo, hi] = callbacks.extent();
			return Math.min(hi, Math.max(lo, point.x));
		};
		const down = (event: PointerEvent) => {
			if (event.button !== 0) return;
			event.preventDefault();
			node.setPointerCapture?.(event.pointerId);
			start = last = toLocal(event);
		};
		const move = (event: PointerEvent) => {
			if (start === null) return;
			last = toLocal(event);
			if (frame || Math.abs(last - start) < CLICK_SLOP) return;
			frame = requestAnimationFrame(() => {
				frame = 0;
				if (start !== null && last !== null) callbacks.move(Math.min(start, last), Math.max(start, last));
			});
		};
		const up = (event: PointerEvent) => {
			if (start === null) return;
			cancelAnimationFrame(frame);
			frame = 0;
			last = toLocal(event);
			const span =
				Math.abs(last - start) >= CLICK_SLOP
					? ([Math.min(start, last), Math.max(start, last)] as const)
					: null;
			start = last = null;
			node.releasePointerCapture?.(event.pointerId);
			callbacks.end(span);
		};
		const cancel = () => {
			if (start === null) return;
			cancelAnimationFrame(frame);
			frame = 0;
			start = last = null;
			callbacks.end(null);
		};
		node.addEventListener('pointerdown', down);
		node.addEventListener('pointermove', move);
		node.addEventListener('pointerup', up);
		node.addEventListener('pointercancel', cancel);
		return () => {
			cancelAnimationFrame(frame);
			node.removeEventListener('pointerdown', down);
			node.removeEventListener('pointermove', move);
			node.removeEventListener('pointerup', up);
			node.removeEventListener('pointercancel', cancel);
		};
	};
}
