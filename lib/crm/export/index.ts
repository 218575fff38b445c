// Public face of the contact export: streamed, filtered, formula-safe CSV downloads.
// Routes and other engines import from here only; never hand out a CSV that bypasses csvStream's neutralising.
export { contactViewConditions, exportContactsCsv, registerSegmentContactIds, segmentMembersContactIds } from "./export-contacts";
export type { ExportOptions, SegmentContactIds } from "./export-contacts";
export { csvDownloadHeaders, csvStream } from "./csv-stream";
export { neutraliseCell } from "./formula";
export { exportContactsSchema, type ExportContactsInput } from "./schemas";
