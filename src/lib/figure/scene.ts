/**
 * A figure as data: a chart-agnostic scene of text, lines, rectangles, circles and polygons in px, with colours as
 * theme tokens. Every writer (SVG string, PNG via that SVG, PDF, PPTX) draws a Scene and nothing else, so the page,
 * images, PDFs and slides show one figure. Pure: no DOM, no Svelte.
 */

/** A colour by role, resolved per theme by `paint` (never a CSS variable: writers need plain colours). */
export type Paint =
	| 'fg'
	| 'muted'
	| 'rule'
	| 'bg'
	| 'accent'
	| 'treated'
	| 'control'
	| 'pooled'
	| 'inactive'
	| 'warn'
	| `design:${string}`;

export interface TextNode {
	kind: 'text';
	x: number;
	/** The middle of the line (writers centre the glyphs on it). */
	y: number;
	text: string;
	/** px. */
	size: number;
	bold?: boolean;
	anchor: 'start' | 'middle' | 'end';
	fill: Paint;
	role?: string;
}
export interface LineNode {
	kind: 'line';
	x1: number;
	y1: number;
	x2: number;
	y2: number;
	stroke: Paint;
	width: number;
	dash?: boolean;
	role?: string;
}
export interface RectNode {
	kind: 'rect';
	x: number;
	y: number;
	w: number;
	h: number;
	fill: Paint | null;
	stroke?: Paint;
	strokeWidth?: number;
	opacity?: number;
	role?: string;
}
export interface CircleNode {
	kind: 'circle';
	cx: number;
	cy: number;
	r: number;
	fill: Paint | null;
	stroke?: Paint;
	strokeWidth?: number;
	opacity?: number;
	role?: string;
}
/** A polygon (closed: a diamond, a band, a region) or a polyline (open: a step line). */
export interface PolyNode {
	kind: 'poly';
	points: readonly (readonly [number, number])[];
	closed: boolean;
	fill: Paint | null;
	stroke?: Paint;
	strokeWidth?: number;
	opacity?: number;
	role?: string;
}
/** Marks that belong together (a study's row), by role and id. */
export interface GroupNode {
	kind: 'group';
	role: string;
	id?: string;
	/** Hooks the SVG carries as `data-*` attributes (e.g. a cumulative point's group, year and k). */
	data?: Readonly<Record<string, string>>;
	children: SceneNode[];
}
export type SceneNode = TextNode | LineNode | RectNode | CircleNode | PolyNode | GroupNode;

export type Target = 'screen' | 'slide' | 'export' | 'print';

/** One type scale per frame; `min` is the floor no text of the frame goes below. */
export interface TypeScale {
	title: number;
	subtitle: number;
	body: number;
	small: number;
	min: number;
}

/** What a figure is drawn for. A null height grows with the content; a fixed one splits long charts into parts. */
export interface Frame {
	width: number;
	height: number | null;
	target: Target;
	type: TypeScale;
	theme: 'light' | 'dark';
	background: 'solid' | 'transparent';
	/** Padding around the figure (px). */
	pad: number;
}

export type FramePreset = 'natural' | 'slide' | 'square' | 'column';

/** Pixels per point at 96 px/in (print sizes are given in points). */
export const PX_PER_PT = 96 / 72;

/**
 * The frames of the exports. A 16:9 slide is 1920 × 1080 with text ≥ 24 px (12 pt on a 13.33-in slide,
 * PowerPoint's chart-text default) and titles of 44 px; the journal column is 85 mm wide at print size (321 px at
 * 96 px/in) with text ≥ 7 pt.
 */
export function framePreset(
	preset: FramePreset,
	theme: Frame['theme'] = 'light',
	background: Frame['background'] = 'solid'
): Frame {
	const base = { theme, background };
	switch (preset) {
		case 'slide':
			return {
				...base,
				width: 1920,
				height: 1080,
				target: 'slide',
				pad: 56,
				type: { title: 44, subtitle: 26, body: 24, small: 24, min: 24 }
			};
		case 'square':
			return {
				...base,
				width: 1080,
				height: 1080,
				target: 'export',
				pad: 40,
				type: { title: 40, subtitle: 22, body: 20, small: 20, min: 20 }
			};
		case 'column': {
			const pt = (v: number) => Math.round(v * PX_PER_PT * 100) / 100;
			return {
				...base,
				width: Math.round((85 / 25.4) * 96),
				height: null,
				target: 'print',
				pad: 4,
				type: { title: pt(9), subtitle: pt(7.5), body: pt(7), small: pt(7), min: pt(7) }
			};
		}
		default:
			return {
				...base,
				width: 800,
				height: null,
				target: 'export',
				pad: 16,
				type: { title: 18, subtitle: 13, body: 12, small: 11, min: 11 }
			};
	}
}

/** The caption around a chart: its title, the view, the pooled estimate, and where the numbers come from. */
export interface SceneCaption {
	title: string;
	subtitle: string;
	source: string;
	summary?: string;
}

/** A chart drawn for a frame: one part of it when it is split. */
export interface Scene {
	chart: string;
	/** For a chart split over several parts (a long chart in a fixed frame). */
	part: { index: number; count: number } | null;
	width: number;
	height: number;
	frame: Frame;
	title: string;
	nodes: SceneNode[];
	/** Study ids in drawn order (the rows of a row chart, the points of a scatter). */
	rows: string[];
	/** Said instead of a chart when there is nothing to draw (the scene then holds only its caption and this). */
	empty: string | null;
}

const LIGHT: Record<string, string> = {
	fg: '#1a1a1a',
	muted: '#5c5c5c',
	rule: '#d9dcdf',
	bg: '#ffffff',
	accent: '#0072b2',
	treated: '#0072b2',
	control: '#d55e00',
	pooled: '#1a1a1a',
	inactive: '#c4c8cc',
	warn: '#7a4b00',
	registry: '#e69f00',
	'single-institution': '#56b4e9',
	'multi-institution': '#009e73',
	prospective: '#cc79a7',
	rct: '#0072b2',
	'not-reported': '#999999',
	other: '#8a6d3b'
};
const DARK: Record<string, string> = {
	...LIGHT,
	fg: '#e8eaed',
	muted: '#a4abb3',
	rule: '#363c42',
	bg: '#15181b',
	accent: '#56b4e9',
	treated: '#56b4e9',
	control: '#e69f00',
	pooled: '#e8eaed',
	inactive: '#4a5056',
	warn: '#f3d18b',
	rct: '#56b4e9',
	'single-institution': '#f0e442'
};

/** A paint as a #rrggbb colour in a theme (the same values as app.css). */
export function paint(p: Paint, theme: Frame['theme']): string {
	const palette = theme === 'dark' ? DARK : LIGHT;
	const key = p.startsWith('design:') ? p.slice(7) : p;
	return palette[key] ?? palette.other ?? '#8a6d3b';
}

/** Every text node of a scene (groups flattened), for checks and for writers that list text. */
export function sceneTexts(nodes: readonly SceneNode[]): TextNode[] {
	return nodes.flatMap((n) => (n.kind === 'group' ? sceneTexts(n.children) : n.kind === 'text' ? [n] : []));
}

/** Every node, groups flattened. */
export function flatten(nodes: readonly SceneNode[]): Exclude<SceneNode, GroupNode>[] {
	return nodes.flatMap((n) => (n.kind === 'group' ? flatten(n.children) : [n]));
}
