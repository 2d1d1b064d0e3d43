import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'no-undef': 'off',
			// Shallow routing only rewrites the query of the page itself; paths are built with resolve().
			'svelte/no-navigation-without-resolve': ['error', { ignorePushState: true, ignoreReplaceState: true }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The pure floor (STYLE.md "The house"): parsing, statistics, clauses, layouts and domain types import neither
		// Svelte, SvelteKit, the DOM, nor the layers above them (state, io, components, export, presentation).
		files: [
			'src/lib/domain/**/*.ts',
			'src/lib/data/**/*.ts',
			'src/lib/stats/**/*.ts',
			'src/lib/filters/**/*.ts',
			'src/lib/sources/**/*.ts',
			// A chart's spec and layout, the registry of specs and the shared pieces of their figures (issue 19).
			'src/lib/charts/*/spec.ts',
			'src/lib/charts/*/layout.ts',
			'src/lib/charts/registry.ts',
			'src/lib/charts/shared/spec.ts',
			'src/lib/charts/shared/figure.ts',
			'src/lib/figure/**/*.ts',
			'src/lib/types.ts'
		],
		ignores: ['**/*.svelte.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'svelte',
								'svelte/*',
								'$app/*',
								'@sveltejs/*',
								'idb-keyval',
								'*.svelte',
								'*.svelte.js',
								'*.svelte.ts'
							],
							message: 'Pure modules import neither Svelte, SvelteKit nor the browser (STYLE.md "The house").'
						},
						{
							group: [
								'$lib/state',
								'$lib/state/*',
								'$lib/io',
								'$lib/io/*',
								'$lib/components/*',
								'$lib/export/*',
								'$lib/present/*',
								'**/state/*',
								'**/io/*',
								'**/components/*',
								'**/export/*',
								'**/present/*'
							],
							message:
								'Imports point down: a pure module cannot import state, io, components, export or present.'
						},
						{
							// Chart code that touches the DOM (marks' events, canvas colours, the brush); layouts, specs, the registry
							// of specs and the shared pure helpers (common, colours) are pure and may be imported.
							regex:
								'(^|/)charts/(marks|canvas-colours|interpolate|brush\\.svelte)$|^\\.\\.?/(marks|canvas-colours|interpolate)$',
							allowTypeImports: true,
							message:
								'A pure module may import chart layouts, specs and the registry, not chart code that touches the DOM or loads components.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				...[
					'window',
					'document',
					'navigator',
					'location',
					'localStorage',
					'sessionStorage',
					'indexedDB',
					'fetch',
					'Worker',
					'requestAnimationFrame',
					'getComputedStyle',
					'CSS'
				].map((name) => ({ name, message: 'Pure modules do not touch the browser (STYLE.md "The house").' }))
			]
		}
	},
	{
		// The domain floor (STYLE.md "The house"): one definition of each concept, importing nothing outside domain/.
		files: ['src/lib/domain/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^(?!\\./)',
							message: 'domain/ imports nothing outside domain/ (only ./ siblings).'
						}
					]
				}
			]
		}
	},
	{
		// Components draw; the state computes (issue 11): a chart or component imports statistics only as types, plus
		// the caution wording (warnings) and the views' constants.
		files: ['src/lib/charts/**/*.svelte', 'src/lib/components/**/*.svelte', 'src/lib/present/**/*.svelte'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/stats/*', '!$lib/stats/warnings', '!$lib/stats/views'],
							allowTypeImports: true,
							message:
								'Components draw what the state computed: statistics come from src/lib/state (the Dashboard), not from a component.'
						}
					]
				}
			]
		}
	},
	{
		// Charts sit below export and presentation (STYLE.md "The house"): a chart's component, slot or helper never
		// imports them (the pure spec and layout files have the stricter floor above). Components still take their
		// statistics from the state, as above.
		files: ['src/lib/charts/**/*.ts', 'src/lib/charts/**/*.svelte'],
		ignores: [
			'src/lib/charts/*/spec.ts',
			'src/lib/charts/*/layout.ts',
			'src/lib/charts/registry.ts',
			'src/lib/charts/shared/spec.ts',
			'src/lib/charts/shared/figure.ts'
		],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/stats/*', '!$lib/stats/warnings', '!$lib/stats/views'],
							allowTypeImports: true,
							message:
								'Components draw what the state computed: statistics come from src/lib/state (the Dashboard), not from a component.'
						},
						{
							group: [
								'$lib/export',
								'$lib/export/*',
								'$lib/present',
								'$lib/present/*',
								'**/export/*',
								'**/present/*'
							],
							message: 'Charts sit below export and presentation: they never import them (issue 19).'
						}
					]
				}
			]
		}
	},
	{
		// The state computes; it never imports a component (a .svelte file), only rune modules (`*.svelte.ts`,
		// imported as `x.svelte`, lower-case by convention) and the pure floors.
		files: ['src/lib/state/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '(^|/)[A-Z][^/]*\\.svelte$',
							caseSensitive: true,
							message:
								'The state never imports components (.svelte): components read the state, not the reverse.'
						},
						{
							group: ['$lib/components', '$lib/components/*', '**/components/*'],
							message: 'The state never imports components: components read the state, not the reverse.'
						}
					]
				}
			]
		}
	},
	{
		// The state classes replace their Maps, Sets and URLs wholesale ($state.raw / $derived) and never mutate them,
		// so Svelte's reactive collections would only add cost.
		files: ['src/lib/state/**', 'src/lib/export/actions.svelte.ts'],
		rules: { 'svelte/prefer-svelte-reactivity': 'off' }
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench-results/'
		]
	}
);
