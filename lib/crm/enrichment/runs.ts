// Enrichment runs: one contact now, or many through the job queue (a list, a segment, the contacts an import created),
// with progress (total/done/failed/fieldsFilled) for the progress view, and cancellation. Every query is workspace-scoped;
// a run, contact, segment or import of another workspace is "not found".
import "server-only";
import { segmentContactIdsQuery } from "../segments/segments";
import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db, DbOrTx } from "@/db/client";
import { auditLog, contactImports, contacts, enrichmentRuns, members, segmentMembers, segments, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { can, isRole } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import { logger } from "@/lib/log";
import { decodeCursor, encodeCursor, newestFirst, olderThan } from "@/lib/pagination";
import { enrichmentBatchJob } from "./jobs";
import {
  createEnrichmentRunSchema,
  enrichmentBatchPayloadSchema,
  listEnrichmentRunsSchema,
  type CreateEnrichmentRunInput,
  ENRICHMENT_ISSUE_KINDS,
  type EnrichmentBatchPayload,
  type EnrichmentIssueKind,
  type EnrichmentProviderIssueJson,
  type EnrichmentRunJson,
  type EnrichmentRunStatus,
  type ListEnrichmentRunsInput,
} from "./schemas";
import { countInRun, recordEnrichmentFailure, runWaterfall, type EnrichmentReport, type WaterfallOptions } from "./waterfall";

/** What a run's contacts ran into, read from their audit rows (see runIssues). */
export interface EnrichmentRunIssues {
  providers: EnrichmentProviderIssueJson[];
  failureSample: string | null;
}

/** A run row; the progress view's reads (get, list, cancel) add the problems its contacts ran into. */
export type EnrichmentRun = typeof enrichmentRuns.$inferSelect & { issues?: EnrichmentRunIssues };

/** Contacts per batch job: small enough that a batch finishes well inside its expiry even when rate-limited. */
export const ENRICHMENT_BATCH_SIZE = 20;
/** A job waits this long for a website-fetch slot before skipping the website for that contact. */
export const JOB_RATE_WAIT_MS = 60_000;

/** A segment's contact ids. The segments engine can pass its own (dynamic segments); the default reads static members. */
export type SegmentContactResolver = (ctx: Ctx, segmentId: string) => Promise<string[]>;

/** A segment's current members (rules evaluated now, or the static list), through the segments engine. */
const segmentEngineContactIds: SegmentContactResolver = async (ctx, segmentId) => {
  const rows = await ctx.db.execute<{ id: string }>(await segmentContactIdsQuery(ctx, segmentId));
  return rows.rows.map((r) => r.id);
};

export interface StartRunOptions {
  /** The queue to enqueue on; defaults to this process's queue (lib/jobs/runtime). */
  boss?: PgBoss;
  resolveSegmentContactIds?: SegmentContactResolver;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function runToJson(run: EnrichmentRun): EnrichmentRunJson {
  const settled = run.done + run.failed;
  return {
    id: run.id,
    scope: run.scope,
    targetId: run.targetId,
    status: run.status as EnrichmentRunStatus,
    total: run.total,
    done: run.done,
    failed: run.failed,
    fieldsFilled: run.fieldsFilled,
    progress: run.total > 0 ? Math.min(1, settled / run.total) : 1,
    providerIssues: run.issues?.providers ?? [],
    failureSample: run.issues?.failureSample ?? null,
    createdByUserId: run.createdByUserId,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

async function defaultBoss(): Promise<PgBoss> {
  // Imported lazily: the queue runtime imports the job registry, which imports this engine's job list.
  const { getQueue } = await import("@/lib/jobs/runtime");
  return (await getQueue()).boss;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The ids that are live contacts of this workspace, in the order given (duplicates dropped). */
async function liveContactIds(ctx: Ctx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids.filter((id) => UUID_RE.test(id)))];
  const found = new Set<string>();
  for (const part of chunk(unique, 5_000)) {
    const rows = await ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, part), isNull(contacts.deletedAt)));
    for (const r of rows) found.add(r.id);
  }
  return unique.filter((id) => found.has(id));
}

/** Inserts the run and enqueues its batches (the first through enqueue(), the rest in multi-row inserts). */
async function startRun(ctx: Ctx, scope: string, targetId: string, contactIds: string[], opts: StartRunOptions): Promise<EnrichmentRun> {
  const empty = contactIds.length === 0;
  const run = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(enrichmentRuns)
      .values({
        workspaceId: ctx.workspaceId,
        scope,
        targetId,
        total: contactIds.length,
        status: empty ? "completed" : "queued",
        finishedAt: empty ? new Date() : null,
        createdByUserId: ctx.userId,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: "enrichment_run.create",
      entityType: "enrichment_run",
      entityId: created!.id,
      after: { scope, targetId, total: contactIds.length },
    });
    return created!;
  });
  if (empty) return run;
  try {
    const boss = opts.boss ?? (await defaultBoss());
    const payloads = chunk(contactIds, ENRICHMENT_BATCH_SIZE).map((ids) => ({ runId: run.id, workspaceId: ctx.workspaceId, contactIds: ids }));
    const [first, ...rest] = payloads;
    await enqueue(boss, enrichmentBatchJob, first!);
    for (const group of chunk(rest, 500)) {
      await boss.insert(group.map((p) => ({ name: enrichmentBatchJob.name, data: enrichmentBatchPayloadSchema.parse(p) })));
    }
  } catch (e) {
    await ctx.db
      .update(enrichmentRuns)
      .set({ status: "failed", finishedAt: new Date() })
      .where(and(eq(enrichmentRuns.workspaceId, ctx.workspaceId), eq(enrichmentRuns.id, run.id)));
    throw e;
  }
  return run;
}

// ---------------------------------------------------------------- starting runs

/** Enriches one contact now (in this request) and returns its report with the run that recorded it. */
export async function enrichContact(ctx: Ctx, contactId: string, opts: WaterfallOptions = {}): Promise<{ run: EnrichmentRun; report: EnrichmentReport }> {
  authorize(ctx, "contacts.write");
  const [id] = await liveContactIds(ctx, [contactId]);
  if (!id) throw new NotFoundError("Contact");
  const [run] = await ctx.db
    .insert(enrichmentRuns)
    .values({ workspaceId: ctx.workspaceId, scope: "contact", targetId: id, total: 1, status: "running", createdByUserId: ctx.userId })
    .returning();
  let report: EnrichmentReport;
  try {
    // Someone asked for this contact: fetch its website again even if a bulk run fetched it recently.
    report = await runWaterfall(ctx, id, { force: true, ...opts, runId: run!.id });
  } catch (e) {
    await ctx.db.transaction((tx) => countInRun(tx, ctx.workspaceId, run!.id, { failed: 1 }));
    throw e;
  }
  return { run: await getEnrichmentRun(ctx, run!.id), report };
}

/** Enriches a list of contacts through the queue. Every id must be a live contact of this workspace. */
export async function enrichContacts(ctx: Ctx, contactIds: string[], opts: StartRunOptions = {}): Promise<EnrichmentRun> {
  authorize(ctx, "contacts.write");
  const unique = [...new Set(contactIds)];
  const ids = await liveContactIds(ctx, unique);
  if (ids.length !== unique.length) throw new NotFoundError("Contact");
  return startRun(ctx, "contacts", ids.length === 1 ? ids[0]! : `${ids.length} contacts`, ids, opts);
}

/** Static-list members (segment_members) that are live contacts. */
export async function staticSegmentContactIds(ctx: Ctx, segmentId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: segmentMembers.contactId })
    .from(segmentMembers)
    .innerJoin(contacts, and(eq(contacts.workspaceId, segmentMembers.workspaceId), eq(contacts.id, segmentMembers.contactId)))
    .where(and(eq(segmentMembers.workspaceId, ctx.workspaceId), eq(segmentMembers.segmentId, segmentId), isNull(contacts.deletedAt)))
    .orderBy(asc(segmentMembers.addedAt));
  return rows.map((r) => r.id);
}

/** Enriches a segment's members through the queue. */
export async function enrichSegment(ctx: Ctx, segmentId: string, opts: StartRunOptions = {}): Promise<EnrichmentRun> {
  authorize(ctx, "contacts.write");
  if (!UUID_RE.test(segmentId)) throw new NotFoundError("Segment");
  const [segment] = await ctx.db
    .select({ id: segments.id, kind: segments.kind })
    .from(segments)
    .where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, segmentId)))
    .limit(1);
  if (!segment) throw new NotFoundError("Segment");
  const resolve = opts.resolveSegmentContactIds ?? segmentEngineContactIds;
  const resolved = await resolve(ctx, segmentId);
  // A resolver is trusted for membership, never for tenancy: only this workspace's live contacts are enriched.
  const ids = await liveContactIds(ctx, resolved);
  return startRun(ctx, "segment", segmentId, ids, opts);
}

/**
 * Enriches the contacts an import created. Imports keep no per-contact link, so these are the workspace's contacts
 * created between the import's start (created_at) and end (finished_at): contacts created by other means in that window
 * are included, and contacts the import only updated are not.
 */
export async function enrichAfterImport(ctx: Ctx, importId: string, opts: StartRunOptions = {}): Promise<EnrichmentRun> {
  authorize(ctx, "contacts.write");
  if (!UUID_RE.test(importId)) throw new NotFoundError("Import");
  const [imp] = await ctx.db
    .select({ id: contactImports.id, createdAt: contactImports.createdAt, finishedAt: contactImports.finishedAt })
    .from(contactImports)
    .where(and(eq(contactImports.workspaceId, ctx.workspaceId), eq(contactImports.id, importId)))
    .limit(1);
  if (!imp) throw new NotFoundError("Import");
  if (!imp.finishedAt) throw new ConflictError("The import has not finished yet; enrich its contacts once it has.", "IMPORT_NOT_FINISHED");
  const rows = await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, ctx.workspaceId),
        gte(contacts.createdAt, imp.createdAt),
        lte(contacts.createdAt, imp.finishedAt),
        isNull(contacts.deletedAt),
      ),
    )
    .orderBy(asc(contacts.createdAt), asc(contacts.id));
  return startRun(ctx, "import", importId, rows.map((r) => r.id), opts);
}

/** The REST entry point: a run over a list, a segment or an import. */
export async function createEnrichmentRun(ctx: Ctx, raw: CreateEnrichmentRunInput, opts: StartRunOptions = {}): Promise<EnrichmentRun> {
  authorize(ctx, "contacts.write");
  const input = createEnrichmentRunSchema.parse(raw);
  switch (input.scope) {
    case "contacts":
      return enrichContacts(ctx, input.ids, opts);
    case "segment":
      return enrichSegment(ctx, input.segmentId, opts);
    case "import":
      return enrichAfterImport(ctx, input.importId, opts);
  }
}

// ---------------------------------------------------------------- progress view

/** Audit rows of a run are written between its start and its end; a contact in progress when it ends may land a bit later. */
const ISSUE_WINDOW_SLACK_MS = 10 * 60_000;

/**
 * The provider problems and contact failures of these runs. The enrichment_runs table keeps counters only, so they are
 * read from the run's `contact.enrich` audit rows (written once per contact, in the transaction that counts it), looked
 * up per run within the run's time window so the (workspace, created_at) index bounds the scan.
 */
export async function runIssues(db: DbOrTx, workspaceId: string, runs: readonly EnrichmentRun[]): Promise<Map<string, EnrichmentRunIssues>> {
  const out = new Map<string, EnrichmentRunIssues>(runs.map((r) => [r.id, { providers: [], failureSample: null }]));
  // A run that has not counted a contact has no audit rows yet.
  const counted = runs.filter((r) => r.done + r.failed > 0);
  if (!counted.length) return out;
  const windows = counted.map((r) => {
    const from = new Date(r.createdAt.getTime() - 1_000).toISOString();
    const to = r.finishedAt ? new Date(r.finishedAt.getTime() + ISSUE_WINDOW_SLACK_MS).toISOString() : "infinity";
    return sql`(${r.id}::text, ${from}::timestamptz, ${to}::timestamptz)`;
  });
  const rows = await db.execute<{ run_id: string; provider: string | null; kind: string; n: number; sample: string | null }>(sql`
    select r.run_id, x.provider, x.kind, count(*)::int as n, min(x.reason) as sample
    from (values ${sql.join(windows, sql`, `)}) as r(run_id, starts, ends)
    cross join lateral (
      select a.after from ${auditLog} a
      where a.workspace_id = ${workspaceId}
        and a.created_at >= r.starts and a.created_at <= r.ends
        and a.entity_type = 'contact' and a.action = 'contact.enrich'
        and a.after->>'runId' = r.run_id
    ) a
    cross join lateral (
      select p->>'provider' as provider, p->>'kind' as kind, p->>'reason' as reason
      from jsonb_array_elements(case when jsonb_typeof(a.after->'providerIssues') = 'array' then a.after->'providerIssues' else '[]'::jsonb end) p
      union all
      select null, 'contact', a.after->>'reason' where a.after->>'failed' = 'true'
    ) x
    group by r.run_id, x.provider, x.kind
    order by n desc, x.provider`);
  const kinds = new Set<string>(ENRICHMENT_ISSUE_KINDS);
  for (const row of rows.rows) {
    const issues = out.get(row.run_id);
    if (!issues) continue;
    if (row.kind === "contact") issues.failureSample = row.sample;
    else if (row.provider && kinds.has(row.kind)) {
      issues.providers.push({ provider: row.provider, kind: row.kind as EnrichmentIssueKind, count: Number(row.n), sampleReason: row.sample ?? "" });
    }
  }
  return out;
}

async function withIssues(ctx: Ctx, runs: EnrichmentRun[]): Promise<EnrichmentRun[]> {
  const issues = await runIssues(ctx.db, ctx.workspaceId, runs);
  return runs.map((r) => ({ ...r, issues: issues.get(r.id) }));
}

export async function getEnrichmentRun(ctx: Ctx, id: string): Promise<EnrichmentRun> {
  authorize(ctx, "contacts.read");
  if (!UUID_RE.test(id)) throw new NotFoundError("Enrichment run");
  const [run] = await ctx.db
    .select()
    .from(enrichmentRuns)
    .where(and(eq(enrichmentRuns.workspaceId, ctx.workspaceId), eq(enrichmentRuns.id, id)))
    .limit(1);
  if (!run) throw new NotFoundError("Enrichment run");
  const [withProblems] = await withIssues(ctx, [run]);
  return withProblems!;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listEnrichmentRuns(ctx: Ctx, raw: ListEnrichmentRunsInput = {}): Promise<{ items: EnrichmentRun[]; nextCursor: string | null }> {
  authorize(ctx, "contacts.read");
  const input = listEnrichmentRunsSchema.parse(raw);
  const conds: SQL[] = [eq(enrichmentRuns.workspaceId, ctx.workspaceId)];
  const cur = decodeCursor(input.cursor);
  const after = cur ? olderThan(enrichmentRuns.createdAt, enrichmentRuns.id, cur, "uuid") : null;
  if (after) conds.push(after);
  const rows = await ctx.db
    .select({ run: enrichmentRuns, key: sql<string>`${enrichmentRuns.createdAt}::text` })
    .from(enrichmentRuns)
    .where(and(...conds))
    .orderBy(...newestFirst(enrichmentRuns.createdAt, enrichmentRuns.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return { items: await withIssues(ctx, page.map((r) => r.run)), nextCursor: rows.length > input.limit && last ? encodeCursor(last.key, last.run.id) : null };
}

/** Stops a queued or running run: batches still queued find it cancelled and do nothing; a contact in progress finishes. */
export async function cancelEnrichmentRun(ctx: Ctx, id: string): Promise<EnrichmentRun> {
  authorize(ctx, "contacts.write");
  const run = await getEnrichmentRun(ctx, id);
  if (run.status !== "queued" && run.status !== "running") throw new ConflictError(`This run is already ${run.status}.`, "ENRICHMENT_RUN_FINISHED");
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(enrichmentRuns)
      .set({ status: "cancelled", finishedAt: new Date() })
      .where(and(eq(enrichmentRuns.workspaceId, ctx.workspaceId), eq(enrichmentRuns.id, id), inArray(enrichmentRuns.status, ["queued", "running"])))
      .returning();
    if (!updated) throw new ConflictError("This run has just finished.", "ENRICHMENT_RUN_FINISHED");
    await recordAudit(tx, ctx, { action: "enrichment_run.cancel", entityType: "enrichment_run", entityId: id, before: { status: run.status }, after: { status: "cancelled" } });
    return { ...updated, issues: run.issues };
  });
}

// ---------------------------------------------------------------- the batch job

/** The run creator's context, with their role as it is now; null when they left or may no longer enrich. */
async function runCtx(db: Db, run: EnrichmentRun): Promise<Ctx | null> {
  if (!run.createdByUserId) return null;
  const [m] = await db
    .select({ role: members.role, email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, run.workspaceId), eq(members.userId, run.createdByUserId)))
    .limit(1);
  if (!m || !isRole(m.role) || !can(m.role, "contacts.write")) return null;
  return { db, workspaceId: run.workspaceId, userId: run.createdByUserId, role: m.role, actorLabel: `enrichment (${m.email})` };
}

async function runStatus(db: Db, workspaceId: string, runId: string): Promise<string | null> {
  const [r] = await db
    .select({ status: enrichmentRuns.status })
    .from(enrichmentRuns)
    .where(and(eq(enrichmentRuns.workspaceId, workspaceId), eq(enrichmentRuns.id, runId)))
    .limit(1);
  return r?.status ?? null;
}

export interface BatchOutcome {
  enriched: number;
  failed: number;
  skipped: number;
  stopped?: string;
}

/**
 * The batch job's work: enrich each contact of the batch in the run (skipping ones it already counted), stopping when
 * the run is cancelled. A contact that is gone counts as failed at once; other errors retry the job, and on its last
 * attempt count as failed.
 */
export async function processEnrichmentBatch(
  db: Db,
  payload: EnrichmentBatchPayload,
  opts: { lastAttempt?: boolean; waterfall?: WaterfallOptions } = {},
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { enriched: 0, failed: 0, skipped: 0 };
  const [run] = await db
    .select()
    .from(enrichmentRuns)
    .where(and(eq(enrichmentRuns.workspaceId, payload.workspaceId), eq(enrichmentRuns.id, payload.runId)))
    .limit(1);
  if (!run || (run.status !== "queued" && run.status !== "running")) return { ...outcome, stopped: run?.status ?? "missing" };
  const ctx = await runCtx(db, run);
  if (!ctx) {
    await db
      .update(enrichmentRuns)
      .set({ status: "failed", finishedAt: new Date() })
      .where(and(eq(enrichmentRuns.workspaceId, run.workspaceId), eq(enrichmentRuns.id, run.id), inArray(enrichmentRuns.status, ["queued", "running"])));
    logger().warn({ runId: run.id }, "enrichment run failed: its creator can no longer enrich contacts");
    return { ...outcome, stopped: "creator_not_allowed" };
  }
  if (run.status === "queued") {
    await db
      .update(enrichmentRuns)
      .set({ status: "running" })
      .where(and(eq(enrichmentRuns.workspaceId, run.workspaceId), eq(enrichmentRuns.id, run.id), eq(enrichmentRuns.status, "queued")));
  }
  for (const contactId of payload.contactIds) {
    const status = await runStatus(db, run.workspaceId, run.id);
    if (status !== "queued" && status !== "running") return { ...outcome, stopped: status ?? "missing" };
    try {
      const report = await runWaterfall(ctx, contactId, { maxRateWaitMs: JOB_RATE_WAIT_MS, ...opts.waterfall, runId: run.id });
      if (report.alreadyDone) outcome.skipped++;
      else outcome.enriched++;
    } catch (e) {
      const gone = e instanceof NotFoundError;
      if (!gone && !opts.lastAttempt) throw e;
      const reason = gone ? "contact not found" : e instanceof Error ? e.message.slice(0, 300) : "enrichment failed";
      if (await recordEnrichmentFailure(ctx, run.id, contactId, reason)) outcome.failed++;
      else outcome.skipped++;
    }
  }
  return outcome;
}
