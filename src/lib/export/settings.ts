/** The user's export choices, shared by every chart (kept apart so the page needs no export code to start). */

export type Theme = 'screen' | 'light' | 'dark';

export interface ExportSettings {
	scale: 1 | 2 | 3 | 4;
	background: 'solid' | 'transparent';
	theme: Theme;
}

export const DEFAULT_EXPORT: ExportSettings = { scale: 2, background: 'solid', theme: 'screen' };
