/**
 * The import floors of STYLE.md, enforced by lint: ESLint's own API runs the project's config on small fixture
 * sources placed (by file path) in each folder, so an upward import must fail and a downward one pass.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({
	cwd: process.cwd(),
	// Fixture components are not files of the TypeScript project: lint them without type information (the import
	// rules need none).
	overrideConfig: [{ files: ['**/*.svelte'], languageOptions: { parserOptions: { projectService: false } } }]
});

/** Messages of the floor rules for a source text linted as if it lived at `filePath`. */
async function floorErrors(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return (result?.messages ?? [])
		.filter((m) =>
			['@typescript-eslint/no-restricted-imports', 'no-restricted-globals'].includes(m.ruleId ?? '')
		)
		.map((m) => m.message);
}

describe('pure modules cannot import upwards', () => {
	it.each([
		[
			'stats importing svelte',
			'src/lib/stats/fixture.ts',
			"import { tick } from 'svelte';\nexport const t = tick;"
		],
		[
			'data importing the worker client (io)',
			'src/lib/data/fixture.ts',
			"import { loadInWorker } from '$lib/io/client';\nexport const l = loadInWorker;"
		],
		[
			'filters importing the state',
			'src/lib/filters/fixture.ts',
			"import { Dashboard } from '$lib/state/dashboard.svelte';\nexport const d = Dashboard;"
		],
		[
			'a layout importing SvelteKit navigation',
			'src/lib/charts/fixture/layout.ts',
			"import { goto } from '$app/navigation';\nexport const g = goto;"
		],
		[
			'a layout importing the DOM helpers of the charts',
			'src/lib/charts/fixture/layout.ts',
			"import { markProps } from '../marks';\nexport const m = markProps;"
		],
		[
			'types importing export code',
			'src/lib/types.ts',
			"import { toCsv } from '$lib/export/csv';\nexport const c = toCsv;"
		],
		[
			'stats importing a component by a relative path',
			'src/lib/stats/fixture.ts',
			"import Table from '../components/StudyTable.svelte';\nexport const t = Table;"
		],
		['stats touching the document', 'src/lib/stats/fixture.ts', 'export const title = () => document.title;'],
		[
			'domain importing statistics',
			'src/lib/domain/fixture.ts',
			"import { pool } from '$lib/stats/meta';\nexport const p = pool;"
		],
		[
			'domain importing the types file above it',
			'src/lib/domain/fixture.ts',
			"import type { Study } from '../types';\nexport type S = Study;"
		],
		[
			'domain importing a package',
			'src/lib/domain/fixture.ts',
			"import { scaleLog } from 'd3-scale';\nexport const s = scaleLog;"
		],
		[
			'domain touching the window',
			'src/lib/domain/fixture.ts',
			'export const w = () => window.location.href;'
		],
		[
			'a figure scene reading the state',
			'src/lib/figure/fixture.ts',
			"import { Dashboard } from '$lib/state/dashboard.svelte';\nexport const d = Dashboard;"
		],
		[
			'a figure writer importing export code (the page side)',
			'src/lib/figure/fixture.ts',
			"import { download } from '$lib/export/svg';\nexport const d = download;"
		],
		[
			'a figure scene measuring text in the DOM',
			'src/lib/figure/fixture.ts',
			"export const w = () => document.createElement('canvas');"
		],
		[
			'a chart component computing statistics',
			'src/lib/charts/Fixture.svelte',
			'<script lang="ts">\n\timport { egger } from \'$lib/stats/bias\';\n\tconst e = egger;\n</script>\n{e}\n'
		],
		[
			'a chart spec importing svelte',
			'src/lib/charts/fixture/spec.ts',
			"import { tick } from 'svelte';\nexport const t = tick;"
		],
		[
			'a chart spec importing its component statically',
			'src/lib/charts/fixture/spec.ts',
			"import Chart from './FixtureChart.svelte';\nexport const c = Chart;"
		],
		[
			'a chart spec reading the state',
			'src/lib/charts/fixture/spec.ts',
			"import { Dashboard } from '$lib/state/dashboard.svelte';\nexport const d = Dashboard;"
		],
		[
			'a chart spec importing export code',
			'src/lib/charts/fixture/spec.ts',
			"import { exportName } from '$lib/export/names';\nexport const e = exportName;"
		],
		[
			'a chart spec importing the presentation',
			'src/lib/charts/fixture/spec.ts',
			"import { planSlides } from '$lib/present/slides';\nexport const p = planSlides;"
		],
		[
			'a chart spec touching the document',
			'src/lib/charts/fixture/spec.ts',
			'export const t = () => document.title;'
		],
		[
			'a chart layout in its folder measuring the window',
			'src/lib/charts/fixture/layout.ts',
			'export const w = () => window.innerWidth;'
		],
		[
			'the registry loading a component statically',
			'src/lib/charts/registry.ts',
			"import Forest from './forest/ForestChart.svelte';\nexport const f = Forest;"
		],
		[
			'the state importing a component',
			'src/lib/state/fixture.ts',
			"import Table from '$lib/components/StudyTable.svelte';\nexport const t = Table;"
		],
		[
			'the state importing a chart component by a relative path',
			'src/lib/state/fixture.ts',
			"import Forest from '../charts/forest/ForestChart.svelte';\nexport const f = Forest;"
		],
		[
			'a chart component importing export code',
			'src/lib/charts/fixture/FixtureChart.svelte',
			'<script lang="ts">\n\timport { download } from \'$lib/export/svg\';\n\tconst d = download;\n</script>\n{d}\n'
		],
		[
			'a chart slot naming a slide type from the presentation',
			'src/lib/charts/Fixture.svelte',
			'<script lang="ts">\n\timport type { PlannedSlide } from \'$lib/present/slides\';\n\tlet { s }: { s: PlannedSlide } = $props();\n</script>\n{s.title}\n'
		],
		[
			'a chart helper importing the presentation',
			'src/lib/charts/fixture.ts',
			"import { planSlides } from '../present/slides';\nexport const p = planSlides;"
		]
	])('%s fails lint', async (_, filePath, code) => {
		expect(await floorErrors(filePath, code)).not.toEqual([]);
	});

	it.each([
		[
			'domain importing a sibling',
			'src/lib/domain/fixture.ts',
			"import { toRatio } from './ratio';\nexport const r = toRatio;"
		],
		[
			'stats importing types',
			'src/lib/stats/fixture.ts',
			"import type { Study } from '$lib/types';\nexport type S = Study;"
		],
		[
			'a layout importing another pure chart module',
			'src/lib/charts/fixture/layout.ts',
			"import { fitLabel } from '../common';\nexport const f = fitLabel;"
		],
		[
			'types naming the chart ids (a type only)',
			'src/lib/types.ts',
			"export type { ChartId } from './charts/registry';"
		],
		[
			'a chart component naming statistics types',
			'src/lib/charts/Fixture.svelte',
			'<script lang="ts">\n\timport type { Summary } from \'$lib/stats/summary\';\n\tlet { s }: { s: Summary } = $props();\n</script>\n{s.method}\n'
		],
		[
			'a figure scene built on a chart layout',
			'src/lib/figure/fixture.ts',
			"import { yearsLayout } from '$lib/charts/years/layout';\nexport const y = yearsLayout;"
		],
		[
			'the state importing svelte and io (they sit above)',
			'src/lib/state/fixture.ts',
			"import { tick } from 'svelte';\nimport { navigate } from '$lib/io/url';\nexport const a = [tick, navigate];"
		],
		[
			'a chart spec built on its layout and the figure helpers',
			'src/lib/charts/fixture/spec.ts',
			"import { emptyScene } from '$lib/figure/compose';\nimport { yearsLayout } from './layout';\nexport const a = [emptyScene, yearsLayout];"
		],
		[
			'a figure dispatching to the registry of specs',
			'src/lib/figure/fixture.ts',
			"import { chartEntry } from '$lib/charts/registry';\nexport const c = chartEntry;"
		],
		[
			'the state importing its rune modules',
			'src/lib/state/fixture.ts',
			"import { FilterState } from './filters.svelte';\nexport const f = FilterState;"
		],
		[
			'a chart slot drawing its component',
			'src/lib/charts/fixture/Slot.svelte',
			'<script lang="ts">\n\timport Chart from \'./FixtureChart.svelte\';\n</script>\n<Chart />\n'
		]
	])('%s passes', async (_, filePath, code) => {
		expect(await floorErrors(filePath, code)).toEqual([]);
	});
});
