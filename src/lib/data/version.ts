/**
 * The version of the bundled data this build carries, named at build time (vite.config.ts `define`) from
 * `data/studies.csv` and the releases kept in `data/releases/`: exports, captions and the page's badge name it.
 */
import type { VersionName } from './versions';

declare const __DATASET_VERSION__: VersionName;

/** The bundled data's version: `id` ("2026-12-04-1a2b3c4d"), `date` and content `hash`. */
export const DATASET_VERSION: VersionName = __DATASET_VERSION__;

/** "2026-12-04 (1a2b3c4d)": the version as people read it. */
export const DATASET_VERSION_TEXT = `${DATASET_VERSION.date} (${DATASET_VERSION.hash})`;
