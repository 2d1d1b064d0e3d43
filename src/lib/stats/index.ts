/** The statistics core: pure functions, no Svelte, no DOM. */

export * from './distributions';
export * from './effects';
export * from './regression';
export * from './meta';
export * from './bias';
export * from './warnings';
export { statsMessages } from './messages';
export * from './inclusion';
export * from './cumulative';
export * from './trend';
export * from './heterogeneity';
export * from './trimfill';
export * from './mantelHaenszel';
