// Limits of the CSV importer: file size, row count, record size, preview sample and batch sizing.
// Never raise a limit here without measuring memory and commit time at the new size.

/** 200 MB: the largest file the upload accepts. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** Data rows (the header not counted). */
export const MAX_IMPORT_ROWS = 1_000_000;
/** One record (all its cells) may not exceed this; a bigger one means a broken file, not a contact. */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;
/** Rows shown in the upload preview. */
export const SAMPLE_ROWS = 20;
/** Longest custom field value kept from a cell. */
export const MAX_CUSTOM_VALUE_CHARS = 1_000;

/**
 * Rejected rows whose cells are kept for the "rows to fix" download: the first 50,000, and at most 16M characters of
 * cells in all (a file of mostly bad rows would otherwise store itself again). Past either, rows are still reported in
 * the error report, with their row number and reason.
 */
export const MAX_REJECT_ROWS = 50_000;
export const MAX_REJECT_CHARS = 16 * 1024 * 1024;

const MIN_BATCH_ROWS = 1_000;
// Staging parses one batch while the previous one is being copied, so two batches are in memory at once: at 5,000
// rows a 1M-row import peaks under the 300 MB goal (10,000 measured 301 MB).
const MAX_BATCH_ROWS = 5_000;

/**
 * Rows per COPY batch. A batch is also the unit of progress and of cancel checks, so it is about 1% of the file,
 * but never so small that progress is written per row, nor so big that a batch holds much memory.
 */
export function batchSizeFor(totalRows: number): number {
  return Math.min(MAX_BATCH_ROWS, Math.max(MIN_BATCH_ROWS, Math.ceil(totalRows / 100)));
}
