// The import job's work: stream-parse the uploaded CSV, validate each row, COPY valid rows into the import's staging table
// in batches (errors in bulk, progress every batch), then commit everything in ONE transaction. A crash, a failure or a
// cancel before that transaction commits leaves no contact, company or history row of this import behind.
import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { and, eq, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { schema, type Db, type Tx } from "@/db/client";
import { contactImports, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { logger } from "@/lib/log";
import { getMembershipRole } from "@/lib/workspaces/membership";
import { commitStaged, type CommitCounts, type CommitInput } from "./commit";
import { createCsvParser, isBlankRecord, recordStartLine, type CsvProblem } from "./csv";
import { BomStripper, latin1ToWindows1252, LineEndingNormaliser } from "./encoding";
import { ImportCancelled, ImportFileError } from "./errors";
import { batchSizeFor, MAX_REJECT_CHARS, MAX_REJECT_ROWS } from "./limits";
import type { ImportMapping, MappingTarget } from "./mapping";
import { compileRowPlan, validateRow, WHOLE_ROW, type RowError } from "./row";
import type { ImportPolicy } from "./schemas";
import { copyBatch, copyLine, CopyText, createStagingTable, dropOrphanStagingTables, dropStagingTable, stagingTableName } from "./staging";
import { deleteUpload, importUploadPath, readUploadMeta, type UploadMeta } from "./storage";

/**
 * Test seams: integration tests cancel between batches and inject a failing statement into the commit transaction.
 * Production code never sets these.
 */
export interface ImportTestHooks {
  afterBatch?: (info: { importId: string; batch: number; processedRows: number }) => Promise<void> | void;
  /** Runs inside the commit transaction, after the upsert and before the import is marked completed. */
  beforeCommitEnd?: (query: (text: string) => Promise<unknown>) => Promise<void> | void;
  /** Told where a finished import's time went (milliseconds per phase and commit step); the benchmark listens. */
  onTimings?: (info: { importId: string; timings: Record<string, number> }) => void;
}
export const importTestHooks: ImportTestHooks = {};

export type ImportOutcome = "completed" | "failed" | "cancelled" | "skipped";

const ACTIVE = ["validating", "committing"];
const MAX_REASON_CHARS = 1_000;

interface StageResult {
  processedRows: number;
  validRows: number;
  errorRows: number;
}

/** Milliseconds per phase of one import, summed; logged when the import completes. */
type Timings = Record<string, number>;

function addTime(t: Timings, phase: string, ms: number): void {
  t[phase] = (t[phase] ?? 0) + ms;
}

function lockKey(importId: string): string {
  return `contact-import:${importId}`;
}

/** Runs one import to its end. Idempotent by import id: a redelivered or retried job starts the staging over. */
export async function runContactImport(db: Db, payload: { importId: string; workspaceId: string }): Promise<ImportOutcome> {
  const { importId, workspaceId } = payload;
  const client = await db.$client.connect();
  // A connection that dies while checked out (server restart, terminated backend) reports here instead of crashing the
  // process; the query in flight rejects, the import fails, and the connection is discarded below.
  const onConnectionError = (err: Error) => logger().warn({ err, importId }, "import connection lost");
  client.on("error", onConnectionError);
  let broken = false;
  let ownsLock = false;
  let outcome: ImportOutcome = "skipped";
  try {
    // One runner per import, even if pg-boss hands the job out twice (expiry while still running).
    const { rows: lock } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [lockKey(importId)]);
    if (!lock[0]?.ok) return "skipped";
    ownsLock = true;

    const [imp] = await db
      .select()
      .from(contactImports)
      .where(and(eq(contactImports.id, importId), eq(contactImports.workspaceId, workspaceId)))
      .limit(1);
    if (!imp) return "skipped";
    if (!ACTIVE.includes(imp.status)) {
      // Cancelled while still queued: the job has nothing to do but remove the file the upload left.
      if (imp.status === "cancelled") await deleteUpload(workspaceId, importId).catch(() => {});
      return "skipped";
    }

    try {
      await client.query("DELETE FROM contact_import_errors WHERE workspace_id = $1 AND import_id = $2", [workspaceId, importId]);
      await client.query("DELETE FROM contact_import_rejects WHERE workspace_id = $1 AND import_id = $2", [workspaceId, importId]);
      const reset = await client.query(
        `UPDATE contact_imports SET status = 'validating', processed_rows = 0, valid_rows = 0, error_rows = 0, duplicate_rows = 0,
                inserted = 0, updated = 0, skipped = 0, stage_moves_refused = 0, stage_changes = 0, companies_created = 0,
                custom_fields_created = 0, error_message = NULL, finished_at = NULL
          WHERE id = $1 AND workspace_id = $2 AND status IN ('validating', 'committing')`,
        [importId, workspaceId],
      );
      if (reset.rowCount === 0) return "skipped";
      await dropOrphanStagingTables(client).catch(() => 0);

      const meta = await readUploadMeta(workspaceId, importId);
      if (!meta) throw new ImportFileError("The uploaded file is no longer available. Upload it again.");
      // The header as read: the columns of the "rows to fix" download.
      await client.query("UPDATE contact_imports SET headers = $3 WHERE id = $1 AND workspace_id = $2", [importId, workspaceId, meta.headers]);
      const table = await createStagingTable(client, importId);
      const policy = imp.policy as ImportPolicy;
      const mapping = imp.mapping as ImportMapping;

      const timings: Timings = {};
      const stagingStarted = performance.now();
      const staged = await stageFile(client, { importId, workspaceId, table, meta, mapping, expectedSha256: imp.fileSha256 }, timings);
      addTime(timings, "staging", performance.now() - stagingStarted);

      const moved = await client.query(
        `UPDATE contact_imports SET status = 'committing', total_rows = $3, processed_rows = $3, valid_rows = $4, error_rows = $5
          WHERE id = $1 AND workspace_id = $2 AND status = 'validating'`,
        [importId, workspaceId, staged.processedRows, staged.validRows, staged.errorRows],
      );
      if (moved.rowCount === 0) throw new ImportCancelled();

      const actor = await importActor(db, workspaceId, imp.createdByUserId);
      const targets = Object.values(mapping).filter((t): t is MappingTarget => !!t);
      const commitStarted = performance.now();
      await commitInOneTransaction(client, {
        importId,
        workspaceId,
        table,
        policy,
        targets,
        mapping,
        actor,
        fileName: imp.fileName,
        staged,
        timings,
      });
      addTime(timings, "commit", performance.now() - commitStarted);
      for (const k of Object.keys(timings)) timings[k] = Math.round(timings[k]!);
      logger().info({ importId, rows: staged.processedRows, timings }, "contact import timings");
      importTestHooks.onTimings?.({ importId, timings });
      outcome = "completed";
      return outcome;
    } catch (e) {
      broken = true;
      // Any failure after a cancel is the cancel's doing (e.g. the staging table was swept): report it as cancelled.
      const [now] = await db
        .select({ status: contactImports.status })
        .from(contactImports)
        .where(eq(contactImports.id, importId))
        .catch(() => []);
      if (e instanceof ImportCancelled || now?.status === "cancelled") {
        outcome = "cancelled";
        await finishCancelled(db, importId, workspaceId);
      } else {
        outcome = "failed";
        const message =
          e instanceof ImportFileError
            ? `${e.message} Nothing was imported.`
            : "The import failed before it could be committed, so nothing was imported. Start it again; if it keeps failing, contact support.";
        if (!(e instanceof ImportFileError)) logger().error({ err: e, importId }, "contact import failed");
        // Conditional on the import still running: a cancel that got there first keeps its status.
        await db
          .update(contactImports)
          .set({ status: "failed", errorMessage: message, finishedAt: new Date() })
          .where(and(eq(contactImports.id, importId), eq(contactImports.workspaceId, workspaceId), inArray(contactImports.status, ACTIVE)))
          .catch(() => {});
      }
      return outcome;
    }
  } finally {
    client.off("error", onConnectionError);
    if (!ownsLock) {
      // Another runner has this import: its staging table and file are not ours to touch.
      client.release();
      return outcome;
    }
    if (!broken) {
      await dropStagingTable(client, importId).catch(() => {});
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockKey(importId)]).catch(() => {});
      client.release();
    } else {
      // After a failure the session may be mid-transaction or gone: drop the staging table from a fresh connection and
      // discard this one. Its advisory lock goes with the backend, but only once that process has exited, which a
      // restart right after could beat (it then steps aside as if another runner had the import): so while the session
      // still answers, end its transaction and release the lock here first.
      await client.query("ROLLBACK").catch(() => {});
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockKey(importId)]).catch(() => {});
      client.release(true);
      await db.$client.query(`DROP TABLE IF EXISTS ${stagingTableName(importId)}`).catch(() => {});
    }
    if (outcome === "completed" || outcome === "cancelled") await deleteUpload(workspaceId, importId).catch(() => {});
  }
}

async function importActor(db: Db, workspaceId: string, userId: string | null): Promise<{ userId: string | null; label: string; allowBackwardStage: boolean }> {
  if (!userId) return { userId: null, label: "system", allowBackwardStage: false };
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  const role = await getMembershipRole(db, userId, workspaceId);
  return { userId, label: user?.email ?? "system", allowBackwardStage: role ? can(role, "contacts.stage_backward") : false };
}

async function finishCancelled(db: Db, importId: string, workspaceId: string): Promise<void> {
  await db.$client.query("DELETE FROM contact_import_errors WHERE workspace_id = $1 AND import_id = $2", [workspaceId, importId]);
  await db.$client.query("DELETE FROM contact_import_rejects WHERE workspace_id = $1 AND import_id = $2", [workspaceId, importId]);
  await db.$client.query(
    `UPDATE contact_imports SET error_message = 'Cancelled: nothing was imported.', finished_at = coalesce(finished_at, now()),
            inserted = 0, updated = 0, skipped = 0, duplicate_rows = 0, stage_moves_refused = 0, stage_changes = 0,
            companies_created = 0, custom_fields_created = 0
      WHERE id = $1 AND workspace_id = $2 AND status = 'cancelled'`,
    [importId, workspaceId],
  );
}

/** A row the import rejected, with its cells as read (for the "rows to fix" download). */
interface Reject {
  row: number;
  cells: string[];
}

interface StageInput {
  importId: string;
  workspaceId: string;
  table: string;
  meta: UploadMeta;
  mapping: ImportMapping;
  expectedSha256: string | null;
}

/** Reads the whole file once: valid rows to staging by COPY, invalid ones to the error table, progress per batch. */
async function stageFile(client: pg.PoolClient, input: StageInput, timings: Timings): Promise<StageResult> {
  const { importId, workspaceId, table, meta } = input;
  // The workspace's contact custom field definitions: a column mapped to one is checked against the field's type.
  const { rows: customDefs } = await client.query<{ key: string; label: string; type: string; options: string[] }>(
    "SELECT key, label, type, options FROM custom_field_defs WHERE workspace_id = $1 AND entity = 'contact'",
    [workspaceId],
  );
  const plan = compileRowPlan(meta.headers, input.mapping, new Map(customDefs.map((d) => [d.key, d])));
  const batchSize = batchSizeFor(meta.totalRows);
  const windows1252 = meta.encoding === "windows-1252";

  const hash = createHash("sha256");
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  let fatal: CsvProblem | null = null;
  let headerSeen = false;
  let lastRecordLine = 0;
  // A valid row becomes its COPY line at once, into the batch's buffer: the row's objects die young instead of waiting
  // for the batch in memory. Buffers go back to `spare` when their COPY has ended (at most three are in use).
  const spare: CopyText[] = [];
  const takeCopyText = () => spare.pop() ?? new CopyText();
  let lines = takeCopyText();
  let errors: RowError[] = [];
  // Rejected rows' cells (the first MAX_REJECT_ROWS, within MAX_REJECT_CHARS), for the "rows to fix" download.
  let rejects: Reject[] = [];
  let rejectRows = 0;
  let rejectChars = 0;
  let ordinal = 1;
  let batch = 0;
  const counts: StageResult = { processedRows: 0, validRows: 0, errorRows: 0 };
  let sinceFlush = 0;

  // Records are handled inside the parser's own callback, in file order with the bad ones, as the parser produces them:
  // nothing waits in a stream buffer, and a record's objects die young. The callback must not throw (csv-parse would
  // take the error for a broken record), so a reason to stop is kept here and thrown by the loop below.
  let stop: Error | null = null;
  // Batches are sealed (their COPY text built) as soon as they are full, and sent by the loop below.
  const sealed: { copyText: CopyText; errors: RowError[]; rejects: Reject[]; progress: StageResult }[] = [];
  const seal = () => {
    sealed.push({ copyText: lines, errors, rejects, progress: { ...counts } });
    lines = takeCopyText();
    errors = [];
    rejects = [];
    sinceFlush = 0;
  };

  const onRecord = (record: string[], endLine: number) => {
    if (fatal || stop) return;
    lastRecordLine = endLine;
    if (isBlankRecord(record)) return;
    if (!headerSeen) {
      headerSeen = true;
      // Labelled exactly as the upload labelled them, so the stored mapping's keys still name these columns.
      const header = record.map((h, i) => (windows1252 ? latin1ToWindows1252(h) : h).trim() || `Column ${i + 1}`);
      if (header.length !== meta.headers.length || header.some((h, i) => h !== meta.headers[i])) {
        stop = new ImportFileError("The file's header row is not the one that was uploaded (the file changed).");
      }
      return;
    }
    const cells = windows1252 ? record.map(latin1ToWindows1252) : record;
    const rowNumber = recordStartLine(record, endLine);
    const result = validateRow(plan, cells, rowNumber);
    counts.processedRows += 1;
    sinceFlush += 1;
    if ("contact" in result) {
      lines.add(copyLine(result.contact, ordinal));
      ordinal += 1;
      counts.validRows += 1;
    } else {
      errors.push(...result.errors);
      counts.errorRows += 1;
      const chars = cells.reduce((n, c) => n + c.length, 0);
      if (rejectRows < MAX_REJECT_ROWS && rejectChars + chars <= MAX_REJECT_CHARS) {
        rejects.push({ row: rowNumber, cells });
        rejectRows += 1;
        rejectChars += chars;
      }
    }
    if (sinceFlush >= batchSize) seal();
  };

  let lastProblemRow = -1;
  const parser = createCsvParser({
    delimiter: meta.delimiter,
    encoding: windows1252 ? "latin1" : "utf8",
    onRecord,
    onBadRecord: (p) => {
      if (fatal || stop) return;
      // The parser can report one broken record twice (e.g. two stray quotes); it is one row, counted once.
      if (p.row === lastProblemRow && !p.fatal) return;
      lastProblemRow = p.row;
      if (p.fatal) {
        fatal ??= p;
        return;
      }
      // Before the parser has produced a record (the header), the file cannot be read as the upload read it.
      if (parser.info.records === 0) {
        fatal ??= { ...p, fatal: true };
        return;
      }
      counts.processedRows += 1;
      counts.errorRows += 1;
      sinceFlush += 1;
      errors.push({ row: p.row, field: WHOLE_ROW, reason: p.reason });
    },
  });
  parser.resume();
  let parserError: Error | null = null;
  parser.on("error", (e: Error) => {
    parserError ??= e;
  });

  // One batch at a time is in Postgres's hands while the next is parsed and validated here, so both cores work: a
  // sealed batch is sent (COPY, its error rows, progress and the cancel check) without waiting; sending the next first
  // waits for that one. Any failure in a batch surfaces at the next send or at the end.
  let inFlight: Promise<void> | null = null;
  const send = async (copyText: CopyText, rowErrors: RowError[], rowRejects: Reject[], progress: StageResult): Promise<void> => {
    await copyBatch(client, table, copyText.bytes());
    copyText.clear();
    spare.push(copyText);
    if (rowErrors.length > 0) {
      await client.query(
        `INSERT INTO contact_import_errors (workspace_id, import_id, row_number, field, reason)
         SELECT $1, $2, e.row_number, e.field, e.reason FROM unnest($3::int[], $4::text[], $5::text[]) AS e(row_number, field, reason)`,
        [workspaceId, importId, rowErrors.map((e) => e.row), rowErrors.map((e) => e.field.slice(0, 500)), rowErrors.map((e) => e.reason.slice(0, MAX_REASON_CHARS))],
      );
    }
    if (rowRejects.length > 0) {
      // One JSON parameter ([row, [cells…]] per row): cells may hold anything, and arrays of arrays do not unnest per row.
      await client.query(
        `INSERT INTO contact_import_rejects (workspace_id, import_id, row_number, cells)
         SELECT $1, $2, (r->>0)::int, ARRAY(SELECT jsonb_array_elements_text(r->1)) FROM jsonb_array_elements($3::jsonb) AS r`,
        [workspaceId, importId, JSON.stringify(rowRejects.map((r) => [r.row, r.cells]))],
      );
    }
    // Only while still running: once cancelled, the counters stay as they were when the user cancelled.
    const { rows } = await client.query<{ status: string }>(
      `UPDATE contact_imports SET processed_rows = $3, valid_rows = $4, error_rows = $5
        WHERE id = $1 AND workspace_id = $2 AND status = 'validating' RETURNING status`,
      [importId, workspaceId, progress.processedRows, progress.validRows, progress.errorRows],
    );
    batch += 1;
    if (rows[0]?.status !== "validating") throw new ImportCancelled();
    await importTestHooks.afterBatch?.({ importId, batch, processedRows: progress.processedRows });
  };
  const waitForDb = async () => {
    if (!inFlight) return;
    const started = performance.now();
    const pending = inFlight;
    inFlight = null;
    await pending;
    addTime(timings, "staging.wait_for_db", performance.now() - started);
  };
  const sendSealed = async () => {
    for (let next = sealed.shift(); next; next = sealed.shift()) {
      await waitForDb();
      const pending = send(next.copyText, next.errors, next.rejects, next.progress);
      // Awaited by the next send (or the final wait); until then a rejection must not count as unhandled.
      pending.catch(() => {});
      inFlight = pending;
    }
  };
  const checkParser = () => {
    if (stop) throw stop;
    if (parserError) throw parserError;
  };

  try {
    await pipeline(
      createReadStream(importUploadPath(workspaceId, importId)),
      hasher,
      new BomStripper(),
      new LineEndingNormaliser(),
      async (chunks: AsyncIterable<Buffer>) => {
        for await (const chunk of chunks) {
          // The parser reads the chunk at once, calling onRecord for each record in it.
          parser.write(chunk);
          checkParser();
          if (fatal) return;
          await sendSealed();
        }
        parser.end();
        await finished(parser);
        checkParser();
      },
    );
  } catch (e) {
    parser.destroy();
    if (fatal) throw fatalError(fatal, lastRecordLine);
    throw e;
  }
  if (fatal) throw fatalError(fatal, lastRecordLine);
  if (!headerSeen) throw new ImportFileError("The file has no header row.");
  seal();
  await sendSealed();
  await waitForDb();

  const sha = hash.digest("hex");
  if ((input.expectedSha256 && sha !== input.expectedSha256) || sha !== meta.sha256) {
    throw new ImportFileError("The file changed after it was uploaded.");
  }
  return counts;
}

function fatalError(p: CsvProblem, lastRecordLine: number): ImportFileError {
  if (p.code === "CSV_QUOTE_NOT_CLOSED") {
    return new ImportFileError(`Broken quotes: a quoted value that starts at row ${lastRecordLine + 1} is never closed, so the file cannot be read past it.`);
  }
  return new ImportFileError(`Row ${p.row}: ${p.reason}`);
}

interface CommitArgs {
  importId: string;
  workspaceId: string;
  table: string;
  policy: ImportPolicy;
  targets: MappingTarget[];
  mapping: ImportMapping;
  actor: { userId: string | null; label: string; allowBackwardStage: boolean };
  fileName: string;
  staged: StageResult;
  timings: Timings;
}

/** The file's column names the commit's report notes use, and the custom fields the mapping writes (key → column). */
function reportColumns(mapping: ImportMapping): { columns: NonNullable<CommitInput["columns"]>; customColumns: Record<string, string> } {
  const columns: NonNullable<CommitInput["columns"]> = {};
  const customColumns: Record<string, string> = {};
  for (const [header, target] of Object.entries(mapping)) {
    if (!target) continue;
    if (target === "email") columns.email ??= header;
    else if (target === "lifecycleStage") columns.lifecycleStage ??= header;
    else if (target === "fullName" || target === "firstName" || target === "lastName") columns.name ??= header;
    else if (target.startsWith("custom.")) customColumns[target.slice("custom.".length)] ??= header;
  }
  return { columns, customColumns };
}

/** Dedupe, upsert, companies, history, audit and the `completed` status: all in one transaction, or none of it. */
async function commitInOneTransaction(client: pg.PoolClient, a: CommitArgs): Promise<CommitCounts> {
  const q = (text: string, params?: unknown[]) => client.query(text, params as unknown[]);
  const txDb = drizzle(client, { schema });
  return txDb.transaction(async (tx) => {
    // Imports into one workspace commit one at a time, so two files with the same new email cannot race each other.
    await q("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`contact-import-commit:${a.workspaceId}`]);
    // For this transaction only: the dedupe window and the joins over up to a million staged rows sort and hash in
    // memory instead of spilling to temp files (measured: the in-file dedupe of 1M rows spills at the 4 MB default).
    await q("SET LOCAL work_mem = '128MB'");
    const counts = await commitStaged(q, {
      table: a.table,
      workspaceId: a.workspaceId,
      policy: a.policy,
      targets: a.targets,
      allowBackwardStage: a.actor.allowBackwardStage,
      actorLabel: a.actor.label,
      historyReason: `CSV import of ${a.fileName}`,
      onStep: (step, ms) => addTime(a.timings, `commit: ${step}`, ms),
      importId: a.importId,
      ...reportColumns(a.mapping),
    });
    await importTestHooks.beforeCommitEnd?.((text) => q(text));
    const ctx: Ctx = {
      db: tx as unknown as Tx,
      workspaceId: a.workspaceId,
      userId: a.actor.userId ?? "",
      role: "viewer",
      actorLabel: a.actor.label,
      // recordAudit stores no user id when apiKeyId is set; an import whose user is gone has no user to name either.
      ...(a.actor.userId ? {} : { apiKeyId: "system" }),
    };
    await recordAudit(tx as unknown as Tx, ctx, {
      action: "contact_import.complete",
      entityType: "contact_import",
      entityId: a.importId,
      after: {
        fileName: a.fileName,
        policy: a.policy,
        rows: a.staged.processedRows,
        validRows: a.staged.validRows,
        errorRows: a.staged.errorRows,
        duplicateRows: counts.duplicates,
        inserted: counts.inserted,
        updated: counts.updated,
        skipped: counts.skipped,
        companiesCreated: counts.companiesCreated,
        stageChanges: counts.stageChanges,
        stageMovesRefused: counts.stageMovesRefused,
        customFieldsCreated: counts.customFieldsCreated,
      },
    });
    const done = await q(
      `UPDATE contact_imports SET status = 'completed', duplicate_rows = $3, inserted = $4, updated = $5, skipped = $6,
              stage_moves_refused = $7, stage_changes = $8, companies_created = $9, custom_fields_created = $10,
              error_message = NULL, finished_at = now()
        WHERE id = $1 AND workspace_id = $2 AND status = 'committing'`,
      [
        a.importId,
        a.workspaceId,
        counts.duplicates,
        counts.inserted,
        counts.updated,
        counts.skipped,
        counts.stageMovesRefused,
        counts.stageChanges,
        counts.companiesCreated,
        counts.customFieldsCreated,
      ],
    );
    // A cancel that landed while the commit ran wins: throwing here rolls every change of this transaction back.
    if (done.rowCount === 0) throw new ImportCancelled();
    return counts;
  });
}
