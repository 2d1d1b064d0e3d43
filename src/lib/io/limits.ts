/** Limits shared by the page and the table-reading worker (a module of its own: the worker must not import the client). */

/**
 * Tables with more data rows than this are refused with a message that says so: a tab holds each row as a study
 * object, its raw cells and their copies to the workers, and well before 100 MB of short rows that no longer fits
 * (2.2 million rows failed with the browser's "Data cannot be cloned").
 */
export const MAX_ROWS = 1_000_000;
