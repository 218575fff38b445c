// CSV imports as records: start with a mapping and policy (enqueues the job), read status and progress, list, cancel, and
// stream the error report. Every query is scoped to ctx.workspaceId; an import of another workspace is "not found".
import "server-only";
import type { Readable } from "node:stream";
import type PgBoss from "pg-boss";
import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { contactImportErrors, contactImports, type ContactImport } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { csvStream } from "@/lib/crm/export/csv-stream";
import { ValidationError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import { getQueue } from "@/lib/jobs/runtime";
import { decodeCursor, encodeCursor, newestFirst, olderThan } from "@/lib/pagination";
import { importNotFound, importStateConflict } from "./errors";
import { importContactsJob } from "./jobs";
import { mappingProblems, type ImportMapping } from "./mapping";
import {
  importIdSchema,
  listImportsSchema,
  startImportSchema,
  type ImportJson,
  type ImportPolicy,
  type ImportStatus,
  type ListImportsInput,
  type StartImportInput,
} from "./schemas";
import { deleteUpload, readUploadMeta } from "./storage";

/** 0–1 for a progress bar: reading and validating the file is 90%, the commit the rest. */
export function importProgress(r: Pick<ContactImport, "status" | "processedRows" | "totalRows">): number {
  if (r.status === "completed") return 1;
  if (r.status === "committing") return 0.95;
  if (r.totalRows <= 0) return 0;
  return Math.min(0.9, (0.9 * r.processedRows) / r.totalRows);
}

export function importToJson(r: ContactImport): ImportJson {
  return {
    id: r.id,
    fileName: r.fileName,
    status: r.status as ImportStatus,
    policy: r.policy as ImportPolicy,
    mapping: r.mapping,
    totalBytes: r.fileBytes,
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    validRows: r.validRows,
    errorRows: r.errorRows,
    duplicateRows: r.duplicateRows,
    inserted: r.inserted,
    updated: r.updated,
    skipped: r.skipped,
    stageMovesRefused: r.stageMovesRefused,
    stageChanges: r.stageChanges,
    companiesCreated: r.companiesCreated,
    customFieldsCreated: r.customFieldsCreated,
    progress: importProgress(r),
    errorMessage: r.errorMessage,
    fileSha256: r.fileSha256,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

async function findImport(ctx: Ctx, id: string): Promise<ContactImport> {
  const parsed = importIdSchema.safeParse({ id });
  if (!parsed.success) throw importNotFound();
  const [row] = await ctx.db
    .select()
    .from(contactImports)
    .where(and(eq(contactImports.workspaceId, ctx.workspaceId), eq(contactImports.id, parsed.data.id)))
    .limit(1);
  if (!row) throw importNotFound();
  return row;
}

/** The import with its progress counters, or IMPORT_NOT_FOUND. */
export async function getImport(ctx: Ctx, id: string): Promise<ContactImport> {
  authorize(ctx, "contacts.read");
  return findImport(ctx, id);
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listImports(ctx: Ctx, raw: ListImportsInput = {}): Promise<{ items: ContactImport[]; nextCursor: string | null }> {
  authorize(ctx, "contacts.read");
  const input = listImportsSchema.parse(raw);
  const conds: SQL[] = [eq(contactImports.workspaceId, ctx.workspaceId)];
  const cur = decodeCursor(input.cursor);
  const after = cur ? olderThan(contactImports.createdAt, contactImports.id, cur, "uuid") : null;
  if (after) conds.push(after);
  const rows = await ctx.db
    .select({ imp: contactImports, key: sql<string>`${contactImports.createdAt}::text` })
    .from(contactImports)
    .where(and(...conds))
    .orderBy(...newestFirst(contactImports.createdAt, contactImports.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => r.imp), nextCursor: rows.length > input.limit && last ? encodeCursor(last.key, last.imp.id) : null };
}

export interface StartImportDeps {
  /** The queue to enqueue on; defaults to the process's queue (lib/jobs/runtime). */
  boss?: PgBoss;
}

/**
 * Saves the mapping and policy and enqueues the import job. Only an `uploaded` import, or a `failed` one being retried,
 * can start; the status moves to `validating` before the job is queued, so a double click enqueues one job.
 */
export async function startImport(ctx: Ctx, id: string, raw: StartImportInput, deps: StartImportDeps = {}): Promise<ContactImport> {
  authorize(ctx, "contacts.import");
  const input = startImportSchema.parse(raw);
  const imp = await findImport(ctx, id);
  if (imp.status !== "uploaded" && imp.status !== "failed") {
    throw importStateConflict(`This import is ${imp.status}; only an uploaded or failed import can be started.`, "IMPORT_ALREADY_STARTED");
  }
  const meta = await readUploadMeta(ctx.workspaceId, imp.id);
  if (!meta) throw importStateConflict("The uploaded file is no longer available. Upload it again.", "IMPORT_FILE_GONE");
  const problems = mappingProblems(meta.headers, input.mapping as ImportMapping);
  if (problems.length > 0) throw new ValidationError({ mapping: problems }, problems[0]);
  // Every header is stored, unmapped ones as null, so the record says exactly what was ignored.
  const mapping: Record<string, string | null> = Object.fromEntries(meta.headers.map((h) => [h, input.mapping[h] ?? null]));

  const started = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(contactImports)
      .set({
        status: "validating",
        mapping,
        policy: input.policy,
        processedRows: 0,
        validRows: 0,
        errorRows: 0,
        duplicateRows: 0,
        inserted: 0,
        updated: 0,
        skipped: 0,
        errorMessage: null,
        finishedAt: null,
      })
      .where(and(eq(contactImports.workspaceId, ctx.workspaceId), eq(contactImports.id, imp.id), eq(contactImports.status, imp.status)))
      .returning();
    if (!row) throw importStateConflict("This import was started or cancelled a moment ago.", "IMPORT_ALREADY_STARTED");
    await recordAudit(tx, ctx, {
      action: "contact_import.start",
      entityType: "contact_import",
      entityId: imp.id,
      after: { policy: input.policy, mapping },
    });
    return row;
  });

  try {
    const boss = deps.boss ?? (await getQueue()).boss;
    await enqueue(boss, importContactsJob, { importId: imp.id, workspaceId: ctx.workspaceId });
  } catch (e) {
    await ctx.db
      .update(contactImports)
      .set({ status: imp.status, errorMessage: "The import could not be queued. Try again in a moment." })
      .where(and(eq(contactImports.workspaceId, ctx.workspaceId), eq(contactImports.id, imp.id), eq(contactImports.status, "validating")));
    throw e;
  }
  return started;
}

/**
 * Cancels an import that has not finished. The job notices between batches, or at the end of its commit transaction,
 * and rolls back: nothing of a cancelled import reaches the contacts.
 */
export async function cancelImport(ctx: Ctx, id: string): Promise<ContactImport> {
  authorize(ctx, "contacts.import");
  const imp = await findImport(ctx, id);
  const cancelled = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(contactImports)
      .set({ status: "cancelled", errorMessage: "Cancelled: nothing was imported.", finishedAt: new Date() })
      .where(
        and(
          eq(contactImports.workspaceId, ctx.workspaceId),
          eq(contactImports.id, imp.id),
          inArray(contactImports.status, ["uploaded", "validating", "committing"]),
        ),
      )
      .returning();
    if (!row) {
      const [now] = await tx.select({ status: contactImports.status }).from(contactImports).where(eq(contactImports.id, imp.id));
      throw importStateConflict(`This import is already ${now?.status ?? imp.status}; it cannot be cancelled.`, "IMPORT_NOT_CANCELLABLE");
    }
    await recordAudit(tx, ctx, { action: "contact_import.cancel", entityType: "contact_import", entityId: imp.id, before: { status: imp.status } });
    return row;
  });
  // No job will run for an import that was never started; a running job removes its own file when it stops.
  if (imp.status === "uploaded") await deleteUpload(ctx.workspaceId, imp.id).catch(() => {});
  return cancelled;
}

const ERROR_BATCH = 5_000;

/** The error report as CSV (row, field, reason), in row order, streamed in batches. Checks access before streaming. */
export async function importErrorsCsv(ctx: Ctx, id: string): Promise<{ stream: Readable; fileName: string }> {
  authorize(ctx, "contacts.read");
  const imp = await findImport(ctx, id);
  const db = ctx.db;
  async function* rows(): AsyncGenerator<string[]> {
    let after = 0;
    for (;;) {
      // The table has no id, so batches end on a whole row: a row's errors are never split across two batches.
      const batch = await db
        .select({ row: contactImportErrors.rowNumber, field: contactImportErrors.field, reason: contactImportErrors.reason })
        .from(contactImportErrors)
        .where(and(eq(contactImportErrors.workspaceId, ctx.workspaceId), eq(contactImportErrors.importId, imp.id), gt(contactImportErrors.rowNumber, after)))
        .orderBy(asc(contactImportErrors.rowNumber), asc(contactImportErrors.field))
        .limit(ERROR_BATCH);
      const full = batch.length === ERROR_BATCH;
      const lastRow = batch[batch.length - 1]?.row ?? after;
      const complete = full && batch[0]!.row !== lastRow ? batch.filter((e) => e.row !== lastRow) : batch;
      for (const e of complete) yield [String(e.row), e.field, e.reason];
      if (!full) return;
      after = complete[complete.length - 1]!.row;
    }
  }
  const base = imp.fileName.replace(/\.[^.]*$/, "") || "import";
  return { stream: csvStream(["row", "field", "reason"], rows()), fileName: `${base}-errors.csv` };
}

const REJECT_BATCH = 2_000;

/**
 * The rows the import rejected, as the file had them, to fix and import again: an `Errors` column (each problem as
 * "column: reason") followed by the file's own columns, in row order. Rows past the kept cap (lib/crm/import/limits.ts)
 * are only in the error report. Checks access before streaming.
 */
export async function importRejectsCsv(ctx: Ctx, id: string): Promise<{ stream: Readable; fileName: string }> {
  authorize(ctx, "contacts.read");
  const imp = await findImport(ctx, id);
  const headers = imp.headers ?? [];
  const db = ctx.db;
  async function* rows(): AsyncGenerator<string[]> {
    let after = 0;
    for (;;) {
      const { rows: batch } = await db.execute<{ row: number; cells: string[]; problems: string | null }>(
        sql`SELECT r.row_number AS row, r.cells,
                   (SELECT string_agg(e.field || ': ' || e.reason, '; ' ORDER BY e.field)
                      FROM contact_import_errors e
                     WHERE e.workspace_id = r.workspace_id AND e.import_id = r.import_id AND e.row_number = r.row_number) AS problems
              FROM contact_import_rejects r
             WHERE r.workspace_id = ${ctx.workspaceId} AND r.import_id = ${imp.id} AND r.row_number > ${after}
             ORDER BY r.row_number LIMIT ${REJECT_BATCH}`,
      );
      for (const r of batch) {
        const cells = r.cells.length >= headers.length ? r.cells : [...r.cells, ...Array<string>(headers.length - r.cells.length).fill("")];
        yield [r.problems ?? "", ...cells];
      }
      if (batch.length < REJECT_BATCH) return;
      after = batch[batch.length - 1]!.row;
    }
  }
  const base = imp.fileName.replace(/\.[^.]*$/, "") || "import";
  return { stream: csvStream(["Errors", ...headers], rows()), fileName: `${base}-rows-to-fix.csv` };
}
