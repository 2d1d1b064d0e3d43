/**
 * Where the time goes: a Chrome trace of the renderer's main thread split into scripting, style, layout,
 * paint and GC (self time, so nested events are not counted twice), and a V8 CPU profile's hottest functions
 * with a snippet of the (minified) source at each, so a reader can tell which code it is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {{ name: string, ph: string, ts: number, dur?: number, tdur?: number, pid: number, tid: number, args?: { name?: string } }} TraceEvent */
/** @typedef {Record<'scripting' | 'style' | 'layout' | 'paint' | 'gc' | 'parseHtml' | 'other', number>} Breakdown */

const CATEGORY = /** @type {Record<string, keyof Breakdown>} */ ({
	EvaluateScript: 'scripting',
	'v8.compile': 'scripting',
	'v8.compileModule': 'scripting',
	'v8.evaluateModule': 'scripting',
	FunctionCall: 'scripting',
	TimerFire: 'scripting',
	FireAnimationFrame: 'scripting',
	EventDispatch: 'scripting',
	RunMicrotasks: 'scripting',
	'v8.run': 'scripting',
	'v8.execute': 'scripting',
	'V8.Execute': 'scripting',
	'v8.callFunction': 'scripting',
	FireIdleCallback: 'scripting',
	UpdateLayoutTree: 'style',
	RecalculateStyles: 'style',
	ParseAuthorStyleSheet: 'style',
	Layout: 'layout',
	PrePaint: 'paint',
	Paint: 'paint',
	PaintImage: 'paint',
	Layerize: 'paint',
	UpdateLayer: 'paint',
	UpdateLayerTree: 'paint',
	CompositeLayers: 'paint',
	Commit: 'paint',
	MajorGC: 'gc',
	MinorGC: 'gc',
	'V8.GC_SCAVENGER': 'gc',
	'V8.GCScavenger': 'gc',
	'V8.GCFinalizeMC': 'gc',
	'V8.GCIncrementalMarking': 'gc',
	'BlinkGC.AtomicPhase': 'gc',
	ParseHTML: 'parseHtml'
});

/**
 * A trace's events and its renderer main threads (as `pid:tid`).
 * @param {Buffer | string} traceJson the output of browser.stopTracing()
 * @returns {{ events: TraceEvent[], mainThreads: Set<string> }}
 */
export function traceEvents(traceJson) {
	const parsed = JSON.parse(String(traceJson));
	/** @type {TraceEvent[]} */
	const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
	const mainThreads = new Set(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	return { events, mainThreads };
}

/**
 * Self time by category on the renderer main thread(s) of a trace, in ms.
 * @param {Buffer | string} traceJson the output of browser.stopTracing()
 * @returns {Breakdown}
 */
export function traceBreakdown(traceJson) {
	const { events, mainThreads } = traceEvents(traceJson);
	/** @type {Breakdown} */
	const out = { scripting: 0, style: 0, layout: 0, paint: 0, gc: 0, parseHtml: 0, other: 0 };
	/** @type {Map<string, TraceEvent[]>} */
	const byThread = new Map();
	for (const e of events) {
		if (e.ph !== 'X' || e.dur === undefined) continue;
		const key = `${e.pid}:${e.tid}`;
		if (!mainThreads.has(key)) continue;
		const list = byThread.get(key) ?? [];
		list.push(e);
		byThread.set(key, list);
	}
	for (const list of byThread.values()) {
		list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
		/** @type {{ end: number, category: keyof Breakdown, self: number }[]} */
		const stack = [];
		const pop = () => {
			const done = stack.pop();
			if (done) out[done.category] += done.self / 1000;
		};
		for (const e of list) {
			const dur = e.dur ?? 0;
			while (stack.length && (stack[stack.length - 1]?.end ?? 0) <= e.ts) pop();
			const parent = stack[stack.length - 1];
			if (parent) parent.self -= dur;
			const category = CATEGORY[e.name] ?? (parent ? parent.category : 'other');
			stack.push({ end: e.ts + dur, category, self: dur });
		}
		while (stack.length) pop();
	}
	for (const k of /** @type {(keyof Breakdown)[]} */ (Object.keys(out))) out[k] = Math.max(0, out[k]);
	return out;
}

/**
 * @typedef {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number, columnNumber: number } }[],
 *   samples?: number[], timeDeltas?: number[], startTime: number, endTime: number }} CpuProfile
 */
/** @typedef {{ ms: number, share: number, name: string, where: string, snippet: string }} HotFunction */

/**
 * The functions with most self time in a CPU profile, with a snippet of source from the build folder.
 * @param {CpuProfile} profile
 * @param {string} buildDir
 * @param {number} [top]
 * @returns {HotFunction[]}
 */
export function hotFunctions(profile, buildDir, top = 12) {
	/** @type {Map<number, number>} */
	const selfById = new Map();
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	for (let i = 0; i < samples.length; i++) {
		const id = /** @type {number} */ (samples[i]);
		selfById.set(id, (selfById.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
	}
	/** @type {Map<string, { us: number, name: string, url: string, line: number, col: number }>} */
	const byFn = new Map();
	let total = 0;
	for (const node of profile.nodes) {
		const us = selfById.get(node.id) ?? 0;
		if (us === 0) continue;
		const f = node.callFrame;
		if (f.functionName === '(idle)') continue;
		total += us;
		const key = `${f.functionName}|${f.url}|${f.lineNumber}|${f.columnNumber}`;
		const entry = byFn.get(key) ?? {
			us: 0,
			name: f.functionName,
			url: f.url,
			line: f.lineNumber,
			col: f.columnNumber
		};
		entry.us += us;
		byFn.set(key, entry);
	}
	/** @type {Map<string, string[]>} */
	const sources = new Map();
	const snippet = (/** @type {string} */ url, /** @type {number} */ line, /** @type {number} */ col) => {
		const path = url.startsWith('http') ? new URL(url).pathname : '';
		if (!path.startsWith('/_app/')) return '';
		const file = join(buildDir, path);
		if (!sources.has(file)) sources.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
		const text = sources.get(file)?.[line] ?? '';
		return text.slice(col, col + 90).replace(/\s+/g, ' ');
	};
	return [...byFn.values()]
		.sort((a, b) => b.us - a.us)
		.slice(0, top)
		.map((f) => ({
			ms: f.us / 1000,
			share: total ? f.us / total : 0,
			name: f.name || '(anonymous)',
			where: f.url ? `${f.url.replace(/^https?:\/\/[^/]+/, '')}:${f.line + 1}:${f.col + 1}` : '',
			snippet: snippet(f.url, f.line, f.col)
		}));
}

/** The main-thread work counted as an interaction's CPU: script (with its GC), style, layout and paint. */
export const CPU_PARTS = /** @type {const} */ (['scripting', 'gc', 'style', 'layout', 'paint']);

/**
 * Main-thread CPU per interaction: the trace's renderer main-thread events split by user-timing marks
 * (`startMark` … `endMark`, in pairs, as `performance.mark` writes them), each window's events (those overlapping it)
 * summed by category as self time, in ms: thread time (`tdur`) where recorded, else wall time. One breakdown
 * per window, in order.
 * @param {Buffer | string} traceJson
 * @param {string} startMark
 * @param {string} endMark
 * @returns {Breakdown[]}
 */
export function windowBreakdowns(traceJson, startMark, endMark) {
	const parsed = JSON.parse(String(traceJson));
	/** @type {TraceEvent[]} */
	const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
	const mainThreads = new Set(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	// User-timing marks: one event per mark (instant or a zero-length span); keep the first of each timestamp.
	const marks = events
		.filter((e) => (e.name === startMark || e.name === endMark) && e.ph !== 'e')
		.sort((a, b) => a.ts - b.ts);
	/** @type {[number, number][]} */
	const windows = [];
	let open = /** @type {number | null} */ (null);
	for (const m of marks) {
		if (m.name === startMark) open = m.ts;
		else if (open !== null) {
			windows.push([open, m.ts]);
			open = null;
		}
	}
	const empty = () =>
		/** @type {Breakdown} */ ({ scripting: 0, style: 0, layout: 0, paint: 0, gc: 0, parseHtml: 0, other: 0 });
	const out = windows.map(empty);
	/** The window an event [start, end] overlaps (the first, if several), or -1. */
	const windowOf = (/** @type {number} */ start, /** @type {number} */ end) => {
		let lo = 0;
		let hi = windows.length;
		// The first window ending at or after the event's start.
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((windows[mid]?.[1] ?? 0) < start) lo = mid + 1;
			else hi = mid;
		}
		const w = windows[lo];
		return w && w[0] <= end ? lo : -1;
	};
	/** @type {Map<string, TraceEvent[]>} */
	const byThread = new Map();
	for (const e of events) {
		if (e.ph !== 'X' || e.dur === undefined) continue;
		const key = `${e.pid}:${e.tid}`;
		if (!mainThreads.has(key)) continue;
		const list = byThread.get(key) ?? [];
		list.push(e);
		byThread.set(key, list);
	}
	for (const list of byThread.values()) {
		list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
		/** @type {{ end: number, category: keyof Breakdown, self: number, window: number }[]} */
		const stack = [];
		const pop = () => {
			const done = stack.pop();
			const target = done && done.window >= 0 ? out[done.window] : undefined;
			if (done && target) target[done.category] += Math.max(0, done.self) / 1000;
		};
		for (const e of list) {
			const dur = e.dur ?? 0;
			// Thread time (CPU actually spent on the thread) where the trace records it: on a busy machine the
			// wall-clock duration also counts the time the thread waited for a core.
			const cpu = typeof e.tdur === 'number' ? e.tdur : dur;
			while (stack.length && (stack[stack.length - 1]?.end ?? 0) <= e.ts) pop();
			const parent = stack[stack.length - 1];
			if (parent) parent.self -= cpu;
			const category = CATEGORY[e.name] ?? (parent ? parent.category : 'other');
			// The task that dispatches the input starts before its mark: an event belongs to the window it overlaps.
			stack.push({ end: e.ts + dur, category, self: cpu, window: windowOf(e.ts, e.ts + dur) });
		}
		while (stack.length) pop();
	}
	return out;
}

/** The CPU of one breakdown: script + GC + style + layout + paint, in ms. */
export function cpuOf(/** @type {Breakdown} */ b) {
	return CPU_PARTS.reduce((sum, k) => sum + b[k], 0);
}
