/** A horizontal d3 brush as a Svelte attachment: publishes whole-year ranges in data units, never pixels. */
import { brushX, type D3BrushEvent } from 'd3-brush';
import { select } from 'd3-selection';
import type { Attachment } from 'svelte/attachments';
import { brushToYears, yearsToBrush, type YearsLayout } from './years.layout';

export interface YearBrushOptions {
	layout: () => YearsLayout;
	/** The committed range, drawn when no gesture runs. */
	range: () => readonly [number, number] | null;
	/** Called while dragging (no history entry). */
	preview: (range: [number, number] | null) => void;
	/** Called once when the gesture ends. */
	commit: (range: [number, number] | null) => void;
}

/** Attach a brush to an SVG group; it follows the layout and redraws the committed range. */
export function yearBrush(options: YearBrushOptions): Attachment<SVGGElement> {
	return (node) => {
		const group = select(node);
		const brush = brushX<unknown>();
		let dragging = false;

		$effect(() => {
			const layout = options.layout();
			const { margin, width, height, x } = layout;
			const read = (event: D3BrushEvent<unknown>) => {
				const s = event.selection as [number, number] | null;
				return s ? brushToYears(x, s[0], s[1]) : null;
			};
			brush
				.extent([
					[margin.left, margin.top],
					[Math.max(margin.left + 1, width - margin.right), Math.max(margin.top + 1, height - margin.bottom)]
				])
				.on('start', (event: D3BrushEvent<unknown>) => {
					if (event.sourceEvent) dragging = true;
				})
				.on('brush', (event: D3BrushEvent<unknown>) => {
					if (event.sourceEvent) options.preview(read(event));
				})
				.on('end', (event: D3BrushEvent<unknown>) => {
					if (!event.sourceEvent) return;
					dragging = false;
					options.commit(read(event));
				});
			group.call(brush);
		});

		$effect(() => {
			const layout = options.layout();
			const range = options.range();
			if (dragging) return;
			group.call(brush.move, range ? yearsToBrush(layout.x, range[0], range[1]) : null);
		});

		return () => {
			brush.on('start brush end', null);
			group.on('.brush', null);
			group.selectAll('*').remove();
		};
	};
}
