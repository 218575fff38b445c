// Inputs and outputs of the CSV import API and job: one zod schema per input, shared by the engine, the REST routes,
// the OpenAPI document and the queue. Never accept a mapping target that is not a contact field or custom.<key>.
import { z } from "zod";
import { isMappingTarget, type MappingTarget } from "./mapping";

export const IMPORT_POLICIES = ["skip", "update", "fill_blanks"] as const;
export type ImportPolicy = (typeof IMPORT_POLICIES)[number];

export const IMPORT_STATUSES = ["uploaded", "validating", "ready", "committing", "completed", "failed", "cancelled"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const importIdSchema = z.object({ id: z.string().uuid("Not an import id.") });

const mappingTargetSchema = z
  .string()
  .refine(isMappingTarget, "Not a contact field: use a field name (email, firstName, …) or custom.<lower_snake_key>.")
  .transform((v) => v as MappingTarget);

export const importMappingSchema = z.record(z.string().max(500), mappingTargetSchema.nullable());

export const startImportSchema = z.object({
  mapping: importMappingSchema.describe("CSV header → contact field, `custom.<key>`, or null to ignore the column."),
  policy: z
    .enum(IMPORT_POLICIES)
    .describe("For emails that already exist: skip them, update them with the file's non-empty values, or only fill their empty fields."),
});

export const listImportsSchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The job's payload: the import id is the natural key that makes a redelivered job harmless. */
export const importJobPayloadSchema = z.object({ importId: z.string().uuid(), workspaceId: z.string().min(1).max(100) }).strict();

export const importSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  policy: z.enum(IMPORT_POLICIES),
  mapping: z.record(z.string(), z.string().nullable()),
  totalBytes: z.number().int(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  validRows: z.number().int(),
  errorRows: z.number().int(),
  duplicateRows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  /** Backward stage moves left out because the importer's role may not make them (each is in the error report). */
  stageMovesRefused: z.number().int(),
  /** Stage moves the import made on existing contacts (in their history and timeline). */
  stageChanges: z.number().int(),
  companiesCreated: z.number().int(),
  /** Custom fields the file's columns named that the workspace had not defined (created as text fields). */
  customFieldsCreated: z.number().int(),
  /** 0–1 for a progress bar: reading the file is most of it, the commit the last step. */
  progress: z.number().min(0).max(1),
  errorMessage: z.string().nullable(),
  fileSha256: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJson = z.infer<typeof importSchema>;

export const importPageSchema = z.object({ items: z.array(importSchema), nextCursor: z.string().nullable() });

export const importColumnSchema = z.object({
  index: z.number().int(),
  header: z.string(),
  suggested: z.string().nullable(),
  /** What the column would become as a custom field, when it is mapped as one. */
  customField: z.string().nullable(),
});

export const importPreviewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  totalBytes: z.number().int(),
  totalRows: z.number().int(),
  fileSha256: z.string(),
  encoding: z.enum(["utf-8", "windows-1252"]),
  bom: z.boolean(),
  encodingNote: z.string().nullable(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), z.string().nullable()),
  columns: z.array(importColumnSchema),
  /** Why the suggested mapping cannot start as is (e.g. no email and no name column). */
  mappingProblems: z.array(z.string()),
  /** Rows the parser already could not read (broken quotes); they will be in the error report. */
  warnings: z.array(z.string()),
  /** Earlier completed imports of the same bytes: re-running is safe and changes nothing already imported. */
  previousImports: z.array(z.object({ id: z.string(), finishedAt: z.string().nullable(), policy: z.string() })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export type StartImportInput = z.input<typeof startImportSchema>;
export type ListImportsInput = z.input<typeof listImportsSchema>;
