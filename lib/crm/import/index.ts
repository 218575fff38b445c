// Public face of the CSV import engine: upload and preview, mapping, start/cancel/status, the error report and the job.
// Routes, pages and workers import from here only; never reach into the engine's other files from outside it.
export { uploadImport, sniffNotCsv, type UploadOptions, type UploadRequest } from "./upload";
export { cancelImport, getImport, importErrorsCsv, importProgress, importRejectsCsv, importToJson, listImports, startImport, type StartImportDeps } from "./imports";
export { IMPORT_FIELDS, IMPORT_FIELD_LABELS, customKeyFor, mappingProblems, normaliseHeader, suggestMapping } from "./mapping";
export type { ImportField, ImportMapping, MappingTarget } from "./mapping";
export { importContactsJob, IMPORT_JOBS } from "./jobs";
export { importTestHooks, runContactImport, type ImportOutcome, type ImportTestHooks } from "./pipeline";
export { importUploadDir, importUploadPath } from "./storage";
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./limits";
export * from "./schemas";
