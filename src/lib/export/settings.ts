/** The user's export choices, shared by every chart (kept apart so the page needs no export code to start). */
import type { PresetId } from './names';

export type Theme = 'screen' | 'light' | 'dark';

export interface ExportSettings {
	scale: 1 | 2 | 3 | 4;
	background: 'solid' | 'transparent';
	theme: Theme;
	/** What the figure is for: its own proportions, a 16:9 slide, a square, or one journal column. */
	preset: PresetId;
	/** Put the plain-language summary into each caption. */
	summary: boolean;
}

export const DEFAULT_EXPORT: ExportSettings = {
	scale: 2,
	background: 'solid',
	theme: 'screen',
	preset: 'natural',
	summary: false
};

/** Padding around an exported chart inside its frame (CSS px). */
export const FRAME_PAD = 16;

/**
 * How each preset is drawn: the width the chart is laid out at, the output size (null height: the chart's own),
 * and, for the journal column, a fixed pixel density (85 mm at 300 dpi = 1004 px from a 392-px frame).
 */
export const PRESETS: Record<
	PresetId,
	{
		label: string;
		layoutWidth: number;
		frame: { width: number; height: number | null } | null;
		scale?: number;
	}
> = {
	natural: { label: 'as drawn', layoutWidth: 800, frame: null },
	slide: { label: '16:9 slide', layoutWidth: 1280 - 2 * FRAME_PAD, frame: { width: 1280, height: 720 } },
	square: { label: 'square', layoutWidth: 1000 - 2 * FRAME_PAD, frame: { width: 1000, height: 1000 } },
	// 392 px drawn 2.56× wide: 11-px chart text prints at about 6.8 pt in an 85-mm column.
	column: {
		label: 'journal column (85 mm, 300 dpi)',
		layoutWidth: 392 - 2 * FRAME_PAD,
		frame: { width: 392, height: null },
		scale: 1004 / 392
	}
};
