// REST route contracts of the CRM's imports endpoints; lib/api/routes.ts gathers every spec list into API_ROUTES.
// The upload (multipart) and the two CSV downloads are described here too; their descriptions name their real content types.
import { z } from "zod";
import { exportContactsSchema } from "@/lib/crm/export/schemas";
import {
  importIdSchema,
  importPageSchema,
  importPreviewSchema,
  importSchema,
  listImportsSchema,
  startImportSchema,
} from "@/lib/crm/import/schemas";
import { defineRoute, type RouteSpec } from "../spec";

export const uploadImportRoute = defineRoute({
  id: "contacts.imports.upload",
  method: "POST",
  path: "/api/v1/contacts/imports",
  summary: "Upload a CSV of contacts and get a preview with a suggested column mapping",
  description:
    "Request content type: `multipart/form-data` with one file field named `file` (a .csv; at most 200 MB and 1,000,000 rows). " +
    "The file is streamed to storage, never buffered. Answers the headers, the first 20 rows, the detected encoding (UTF-8, with a BOM " +
    "stripped, or Windows-1252 when the bytes are not UTF-8, with a note), the delimiter and a suggested mapping. 415 NOT_CSV for a " +
    "spreadsheet, PDF, image or binary file; 413 FILE_TOO_LARGE / TOO_MANY_ROWS; 422 for an empty file, a header without rows, a first " +
    "row that looks like data, duplicate column names or an unclosed quote (the message names the row or columns).",
  tag: "Contacts",
  permission: "contacts.import",
  response: importPreviewSchema,
  successStatus: 201,
});

export const listImportsRoute = defineRoute({
  id: "contacts.imports.list",
  method: "GET",
  path: "/api/v1/contacts/imports",
  summary: "List CSV imports, newest first (keyset-paginated)",
  description: "Pass `nextCursor` back as `cursor` for the next page.",
  tag: "Contacts",
  permission: "contacts.read",
  query: listImportsSchema,
  response: importPageSchema,
});

export const getImportRoute = defineRoute({
  id: "contacts.imports.get",
  method: "GET",
  path: "/api/v1/contacts/imports/{id}",
  summary: "An import's status and progress counters",
  description:
    "`processedRows`/`totalRows` advance while the job reads the file (updated about every 1% of rows); `progress` is 0–1 for a bar. " +
    "After the commit: `inserted`, `updated`, `skipped`, `duplicateRows`, `stageMovesRefused`, `stageChanges`, `companiesCreated`, " +
    "`customFieldsCreated`. The error report lists the `errorRows` rows, the rows dropped as repeated and the refused stage moves.",
  tag: "Contacts",
  permission: "contacts.read",
  params: importIdSchema,
  response: importSchema,
});

export const startImportRoute = defineRoute({
  id: "contacts.imports.start",
  method: "POST",
  path: "/api/v1/contacts/imports/{id}/start",
  summary: "Start an uploaded import with a column mapping and an upsert policy",
  description:
    "Queues the import job and answers at once (202). Policies for emails that already exist (compared case-insensitively): `skip`, " +
    "`update` (the file's non-empty mapped values replace stored ones) or `fill_blanks` (only empty stored fields are filled). " +
    "All-or-nothing: the contacts change only when the whole import commits. 409 IMPORT_ALREADY_STARTED unless the import is uploaded or failed.",
  tag: "Contacts",
  permission: "contacts.import",
  params: importIdSchema,
  body: startImportSchema,
  response: importSchema,
  successStatus: 202,
});

export const cancelImportRoute = defineRoute({
  id: "contacts.imports.cancel",
  method: "POST",
  path: "/api/v1/contacts/imports/{id}/cancel",
  summary: "Cancel an import that has not finished; nothing of it is imported",
  description: "409 IMPORT_NOT_CANCELLABLE once the import has completed, failed or been cancelled.",
  tag: "Contacts",
  permission: "contacts.import",
  params: importIdSchema,
  response: importSchema,
});

export const importErrorsRoute = defineRoute({
  id: "contacts.imports.errors",
  method: "GET",
  path: "/api/v1/contacts/imports/{id}/errors.csv",
  summary: "Download an import's error report",
  description:
    "Response content type: `text/csv` (attachment), columns `row`, `field`, `reason`, in row order. `row` is the line of the file the " +
    "row starts on (the header is row 1), as a spreadsheet numbers it; `field` is the CSV column, or `(row)` for the row as a whole.",
  tag: "Contacts",
  permission: "contacts.read",
  params: importIdSchema,
  response: z.string().describe("text/csv"),
});

export const importRejectsRoute = defineRoute({
  id: "contacts.imports.rejects",
  method: "GET",
  path: "/api/v1/contacts/imports/{id}/rows-to-fix.csv",
  summary: "Download the rows an import rejected, to fix and import again",
  description:
    "Response content type: `text/csv` (attachment): an `Errors` column (each problem as `column: reason`), then the file's own " +
    "columns with the rejected rows' cells as read, in row order. Kept for the first 50,000 rejected rows of an import (and at most " +
    "16M characters of cells); every rejected row is in the error report (`errors.csv`). Cells starting with = + - @ get a leading " +
    "apostrophe, as in every CSV download.",
  tag: "Contacts",
  permission: "contacts.read",
  params: importIdSchema,
  response: z.string().describe("text/csv"),
});

export const exportContactsRoute = defineRoute({
  id: "contacts.export",
  method: "GET",
  path: "/api/v1/contacts/export",
  summary: "Download contacts as CSV: any filtered view or segment",
  description:
    "Response content type: `text/csv` (attachment), streamed. Same filters as the contacts list. Cells starting with = + - @, tab or CR " +
    "get a leading apostrophe so spreadsheets do not run them as formulas. Column headers re-import with the CSV importer's auto-mapping.",
  tag: "Contacts",
  permission: "contacts.export",
  query: exportContactsSchema,
  response: z.string().describe("text/csv"),
});

export const importsRoutes: RouteSpec[] = [
  uploadImportRoute,
  listImportsRoute,
  getImportRoute,
  startImportRoute,
  cancelImportRoute,
  importErrorsRoute,
  importRejectsRoute,
  exportContactsRoute,
] as unknown as RouteSpec[];
