// Segments: dynamic rule trees and static lists of contacts, live counts, member lists, frozen snapshots for sends, and the
// contact-id subquery other engines filter by. Every query is scoped to ctx.workspaceId; another workspace's segment is "not found".
import "server-only";
import { and, eq, ilike, inArray, ne, sql, type SQL } from "drizzle-orm";
import { campaigns, contacts, customFieldDefs, lifecycleRules, segmentSnapshots, segments, type Segment } from "@/db/schema";
import { diffSummary, recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { AppError, ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { decodeCursor, encodeCursor, TIMESTAMP_TEXT, newestFirst, olderThan } from "@/lib/pagination";
import { isStatementTimeout, withStatementTimeout } from "@/lib/statement-timeout";
import { compileSegmentRules, contactCountSql, contactIdsSql, type CompileEnv, type ReferencedSegment } from "./compile";
import { CUSTOM_PREFIX, customFieldType, listSegmentFields, segContact, type CustomFieldType } from "./fields";
import { operatorsFor, type FieldOperator, type SegmentFieldType } from "./operators";
import { EMPTY_RULES, ruleReferences, ruleTreeShapeSchema, walkRules, type SegmentRules } from "./rules";
import {
  countSegmentRulesSchema,
  createSegmentSchema,
  listSegmentContactsSchema,
  listSegmentsSchema,
  segmentMembersSchema,
  snapshotSegmentSchema,
  updateSegmentSchema,
  type CreateSegmentInput,
  type ListSegmentsInput,
  type UpdateSegmentInput,
} from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A live count that runs longer than this is stopped: the rule builder must never tie up the database. */
const LIVE_COUNT_TIMEOUT_MS = 15_000;
/** How many levels of segment-in-segment references are followed. */
const MAX_REFERENCE_DEPTH = 5;

export interface SegmentPage {
  items: Segment[];
  nextCursor: string | null;
}

export interface SegmentCount {
  count: number;
  elapsedMs: number;
}

export interface SegmentContact {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  companyId: string | null;
  lifecycleStage: string;
  score: number | null;
  tags: string[];
  createdAt: Date;
}

export interface SegmentContactPage {
  items: SegmentContact[];
  nextCursor: string | null;
}

export interface MembersChange {
  added: number;
  removed: number;
  unchanged: number;
}

// ---------------------------------------------------------------- loading and compiling

async function loadSegment(ctx: Ctx, id: string): Promise<Segment> {
  if (!UUID.test(id)) throw new NotFoundError("Segment");
  const [row] = await ctx.db
    .select()
    .from(segments)
    .where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Segment");
  return row;
}

function storedRules(raw: unknown): SegmentRules | null {
  const parsed = ruleTreeShapeSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Loads what compiling `rules` needs: the workspace's custom field types, and every segment it names (following dynamic
 * segments' own references). With `checkCampaigns`, a campaign id that is not this workspace's is a validation error.
 */
async function compileEnv(ctx: Ctx, rules: SegmentRules, opts: { selfId?: string; checkCampaigns?: boolean } = {}): Promise<CompileEnv> {
  const refs = ruleReferences(rules);
  const customKeys = new Set(refs.customKeys);
  const referenced = new Map<string, ReferencedSegment>();
  let pending = [...refs.segmentIds];
  for (let depth = 0; pending.length > 0 && depth < MAX_REFERENCE_DEPTH; depth++) {
    const rows = await ctx.db
      .select({ id: segments.id, kind: segments.kind, rules: segments.rules })
      .from(segments)
      .where(and(eq(segments.workspaceId, ctx.workspaceId), inArray(segments.id, pending)));
    pending = [];
    for (const row of rows) {
      const nested = row.kind === "dynamic" ? storedRules(row.rules) : null;
      referenced.set(row.id, { kind: row.kind === "static" ? "static" : "dynamic", rules: nested });
      if (!nested) continue;
      const more = ruleReferences(nested);
      for (const k of more.customKeys) customKeys.add(k);
      for (const s of more.segmentIds) if (!referenced.has(s) && !pending.includes(s)) pending.push(s);
    }
  }

  const customFields = new Map<string, CustomFieldType>();
  if (customKeys.size > 0) {
    const defs = await ctx.db
      .select({ key: customFieldDefs.key, type: customFieldDefs.type, options: customFieldDefs.options })
      .from(customFieldDefs)
      .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.entity, "contact"), inArray(customFieldDefs.key, [...customKeys])));
    for (const d of defs) {
      const t = customFieldType(d.type, d.options);
      if (t) customFields.set(d.key, t);
    }
  }

  if (opts.checkCampaigns && refs.campaignIds.size > 0) {
    const found = await ctx.db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, ctx.workspaceId), inArray(campaigns.id, [...refs.campaignIds])));
    const known = new Set(found.map((r) => r.id));
    const errors: Record<string, string[]> = {};
    for (const { node, path } of walkRules(rules)) {
      if (node.type === "event" && node.campaignId && !known.has(node.campaignId)) {
        errors[["rules", ...path, "campaignId"].join(".")] = ["Campaign not found."];
      }
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  }

  return { workspaceId: ctx.workspaceId, customFields, segments: referenced, selfId: opts.selfId };
}

/** The WHERE fragment of a saved segment (its rules, or its list's members): over `contacts seg_c`, or over the plain
 * `contacts` table with `onContacts`. */
async function segmentWhere(ctx: Ctx, seg: Segment, onContacts = false): Promise<SQL> {
  if (seg.kind === "static") {
    const rules: SegmentRules = { type: "group", op: "and", rules: [{ type: "segment", segmentId: seg.id, op: "in" }] };
    return compileSegmentRules(rules, { workspaceId: ctx.workspaceId, segments: new Map([[seg.id, { kind: "static", rules: null }]]), onContacts });
  }
  const rules = storedRules(seg.rules);
  if (!rules) throw new ValidationError({ rules: ["This segment's rules are not valid; edit them and save again."] });
  return compileSegmentRules(rules, { ...(await compileEnv(ctx, rules, { selfId: seg.id })), onContacts });
}

async function timedCount(ctx: Ctx, where: SQL, timeoutMs?: number): Promise<SegmentCount> {
  const run = async (db: Ctx["db"]) => {
    const started = performance.now();
    const res = await db.execute<{ count: number }>(contactCountSql(where));
    return { count: Number(res.rows[0]?.count ?? 0), elapsedMs: Math.round((performance.now() - started) * 10) / 10 };
  };
  if (!timeoutMs) return run(ctx.db);
  try {
    return await withStatementTimeout(ctx.db, timeoutMs, run);
  } catch (e) {
    if (isStatementTimeout(e)) throw new AppError("SEGMENT_COUNT_TIMEOUT", 422, "Counting these rules took too long; narrow them down and try again.");
    throw e;
  }
}

function summary(s: Partial<Segment>) {
  const { name, kind, rules } = s;
  // jsonb hands keys back in its own order; sorting them keeps an unchanged tree out of the audit diff.
  return { name, kind, rules: rules === undefined ? undefined : sortKeys(rules) };
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

// ---------------------------------------------------------------- reads

export interface SegmentFieldOption {
  key: string;
  label: string;
  type: SegmentFieldType;
  entity: "contact" | "company";
  enumValues?: readonly string[];
  operators: readonly FieldOperator[];
}

/** Every field a rule may name in this workspace: the registry's, then the workspace's contact custom fields (`custom.<key>`). */
export async function listSegmentFieldOptions(ctx: Ctx): Promise<SegmentFieldOption[]> {
  authorize(ctx, "contacts.read");
  const defs = await ctx.db
    .select({ key: customFieldDefs.key, label: customFieldDefs.label, type: customFieldDefs.type, options: customFieldDefs.options })
    .from(customFieldDefs)
    .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.entity, "contact")))
    .orderBy(customFieldDefs.label);
  const custom: SegmentFieldOption[] = [];
  for (const d of defs) {
    const t = customFieldType(d.type, d.options);
    if (!t) continue;
    custom.push({ key: `${CUSTOM_PREFIX}${d.key}`, label: d.label, type: t.type, entity: "contact", enumValues: t.enumValues, operators: operatorsFor(t.type) });
  }
  return [...listSegmentFields(), ...custom];
}

/** The segment, or SEGMENT_NOT_FOUND when it is absent or belongs to another workspace. */
export async function getSegment(ctx: Ctx, id: string): Promise<Segment> {
  authorize(ctx, "contacts.read");
  return loadSegment(ctx, id);
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listSegments(ctx: Ctx, raw: ListSegmentsInput = {}): Promise<SegmentPage> {
  authorize(ctx, "contacts.read");
  const input = listSegmentsSchema.parse(raw);
  const conds: SQL[] = [eq(segments.workspaceId, ctx.workspaceId)];
  if (input.kind) conds.push(eq(segments.kind, input.kind));
  if (input.q) conds.push(ilike(segments.name, `%${input.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
  const cur = decodeCursor(input.cursor);
  const after = cur ? olderThan(segments.createdAt, segments.id, cur, "uuid") : null;
  if (after) conds.push(after);
  const rows = await ctx.db
    .select({ segment: segments, key: sql<string>`${segments.createdAt}::text` })
    .from(segments)
    .where(and(...conds))
    .orderBy(...newestFirst(segments.createdAt, segments.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => r.segment),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.key, last.segment.id) : null,
  };
}

/** The live count while editing: how many contacts an unsaved rule tree matches, and how long counting took. */
export async function countSegmentRules(ctx: Ctx, rules: unknown): Promise<SegmentCount> {
  authorize(ctx, "contacts.read");
  const input = countSegmentRulesSchema.parse({ rules });
  const env = await compileEnv(ctx, input.rules, { checkCampaigns: true });
  return timedCount(ctx, compileSegmentRules(input.rules, env), LIVE_COUNT_TIMEOUT_MS);
}

/** How many contacts a saved segment holds now. */
export async function countSegment(ctx: Ctx, id: string): Promise<SegmentCount> {
  authorize(ctx, "contacts.read");
  const seg = await loadSegment(ctx, id);
  return timedCount(ctx, await segmentWhere(ctx, seg), LIVE_COUNT_TIMEOUT_MS);
}

/** The segment's contacts, newest first, keyset-paginated on (created_at, id). */
export async function listSegmentContacts(ctx: Ctx, id: string, cursor?: string | null, limit?: number): Promise<SegmentContactPage> {
  authorize(ctx, "contacts.read");
  const input = listSegmentContactsSchema.parse({ cursor: cursor ?? undefined, limit });
  const seg = await loadSegment(ctx, id);
  const c = segContact;
  const conds: SQL[] = [await segmentWhere(ctx, seg)];
  const cur = decodeCursor(input.cursor);
  // A cursor that cannot be one of ours (edited by hand, another list's) means the first page, never an error.
  if (cur && UUID.test(cur.id) && typeof cur.v === "string" && TIMESTAMP_TEXT.test(cur.v)) {
    // One row comparison, and the ORDER BY below with the nulls placement of contacts_workspace_created_id_idx: every
    // page is then one range of that index (a bare `DESC` means NULLS FIRST, and Postgres sorted the whole segment).
    conds.push(sql`(${c.createdAt}, ${c.id}) < (cast(${String(cur.v)} as timestamptz), ${cur.id}::uuid)`);
  }
  const rows = await ctx.db
    .select({
      id: c.id,
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      companyId: c.companyId,
      lifecycleStage: c.lifecycleStage,
      score: c.score,
      tags: c.tags,
      createdAt: c.createdAt,
      key: sql<string>`${c.createdAt}::text`,
    })
    .from(c)
    .where(and(...conds))
    .orderBy(sql`${c.createdAt} desc nulls last`, sql`${c.id} desc nulls last`)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ key: _key, ...contact }) => contact),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.key, last.id) : null,
  };
}

/**
 * `select seg_c.id from contacts seg_c where …`: the segment's current contact ids as a subquery, for other engines
 * (the contacts list filter, exports, publishing audiences, analytics filters). Embed it as `x.contact_id in (…)`.
 */
export async function segmentContactIdsQuery(ctx: Ctx, segmentId: string): Promise<SQL> {
  authorize(ctx, "contacts.read");
  const seg = await loadSegment(ctx, segmentId);
  return contactIdsSql(await segmentWhere(ctx, seg));
}

/**
 * A condition on the `contacts` table: the contact is in the segment (the contacts list's and export's segment filter).
 * The rules are compiled over `contacts` itself, so a page walking the newest-first index tests each row where it
 * stands: on 1M contacts and 10M events, a page of a 3-condition segment took ~200 ms as `id in (select seg_c.id …)`
 * (one primary-key lookup per row walked) and a few ms this way.
 */
export async function segmentContactFilter(ctx: Ctx, segmentId: string): Promise<SQL> {
  authorize(ctx, "contacts.read");
  return segmentWhere(ctx, await loadSegment(ctx, segmentId), true);
}

/** A snapshot's frozen contact ids as a subquery (what a send goes to), or SEGMENT_SNAPSHOT_NOT_FOUND. */
export async function snapshotContactIdsQuery(ctx: Ctx, snapshotId: string): Promise<SQL> {
  authorize(ctx, "contacts.read");
  if (!UUID.test(snapshotId)) throw new NotFoundError("Segment snapshot");
  const [snap] = await ctx.db
    .select({ id: segmentSnapshots.id })
    .from(segmentSnapshots)
    .where(and(eq(segmentSnapshots.workspaceId, ctx.workspaceId), eq(segmentSnapshots.id, snapshotId)))
    .limit(1);
  if (!snap) throw new NotFoundError("Segment snapshot");
  return sql`select contact_id from segment_snapshot_members where workspace_id = ${ctx.workspaceId} and snapshot_id = ${snapshotId}::uuid`;
}

// ---------------------------------------------------------------- writes

export async function createSegment(ctx: Ctx, raw: CreateSegmentInput): Promise<Segment> {
  authorize(ctx, "contacts.write");
  const input = createSegmentSchema.parse(raw);
  const rules = input.kind === "dynamic" ? (input.rules ?? EMPTY_RULES) : null;
  // Compiling is the full check: custom field types, referenced segments and campaigns of this workspace.
  if (rules) compileSegmentRules(rules, await compileEnv(ctx, rules, { checkCampaigns: true }));
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(segments)
      .values({ workspaceId: ctx.workspaceId, name: input.name, kind: input.kind, rules, createdByUserId: ctx.userId })
      .returning();
    await recordAudit(tx, ctx, { action: "segment.create", entityType: "segment", entityId: created!.id, after: summary(created!) });
    return created!;
  });
}

export async function updateSegment(ctx: Ctx, raw: UpdateSegmentInput): Promise<Segment> {
  authorize(ctx, "contacts.write");
  const { id, ...patch } = updateSegmentSchema.parse(raw);
  const current = await loadSegment(ctx, id);
  if (patch.rules) {
    if (current.kind === "static") throw new ValidationError({ rules: ["A static list has no rules; add contacts to it instead."] });
    compileSegmentRules(patch.rules, await compileEnv(ctx, patch.rules, { selfId: id, checkCampaigns: true }));
  }
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(segments)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, id)))
      .returning();
    if (!updated) throw new NotFoundError("Segment");
    const d = diffSummary(summary(current), summary(patch as Partial<Segment>));
    await recordAudit(tx, ctx, { action: "segment.update", entityType: "segment", entityId: id, ...d });
    return updated;
  });
}

/** Deletes a segment (its list members and snapshots go with it); refused while another segment or a lifecycle rule uses it. */
export async function deleteSegment(ctx: Ctx, id: string): Promise<{ id: string }> {
  authorize(ctx, "contacts.write");
  const current = await loadSegment(ctx, id);
  const [user] = await ctx.db
    .select({ name: segments.name })
    .from(segments)
    .where(and(eq(segments.workspaceId, ctx.workspaceId), ne(segments.id, id), sql`strpos(${segments.rules}::text, ${id}) > 0`))
    .limit(1);
  if (user) throw new ConflictError(`The segment "${user.name}" refers to this one; change it first.`, "SEGMENT_IN_USE");
  const [rule] = await ctx.db
    .select({ name: lifecycleRules.name })
    .from(lifecycleRules)
    .where(and(eq(lifecycleRules.workspaceId, ctx.workspaceId), sql`strpos(${lifecycleRules.condition}::text, ${id}) > 0`))
    .limit(1);
  if (rule) throw new ConflictError(`The lifecycle rule "${rule.name}" refers to this segment; change it first.`, "SEGMENT_IN_USE");
  await ctx.db.transaction(async (tx) => {
    await tx.delete(segments).where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, id)));
    await recordAudit(tx, ctx, { action: "segment.delete", entityType: "segment", entityId: id, before: summary(current) });
  });
  return { id };
}

async function loadStaticList(ctx: Ctx, id: string): Promise<Segment> {
  const seg = await loadSegment(ctx, id);
  if (seg.kind !== "static") throw new ConflictError("Only a static list takes contacts by hand; this segment is dynamic.", "SEGMENT_NOT_STATIC");
  return seg;
}

/** Adds contacts of this workspace to a static list; an id that is not one of its (non-deleted) contacts fails the whole call. */
export async function addToStaticList(ctx: Ctx, id: string, contactIds: string[]): Promise<MembersChange> {
  authorize(ctx, "contacts.write");
  const ids = [...new Set(segmentMembersSchema.parse({ action: "add", contactIds }).contactIds.map((x) => x.toLowerCase()))];
  const seg = await loadStaticList(ctx, id);
  const found = await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids), sql`${contacts.deletedAt} is null`));
  if (found.length < ids.length) {
    const known = new Set(found.map((r) => r.id));
    const missing = ids.filter((x) => !known.has(x));
    const shown = missing.slice(0, 5).join(", ") + (missing.length > 5 ? ", …" : "");
    throw new ValidationError({ contactIds: [`${missing.length} of these are not contacts of this workspace: ${shown}`] });
  }
  return ctx.db.transaction(async (tx) => {
    const res = await tx.execute(sql`
      insert into segment_members (workspace_id, segment_id, contact_id)
      select ${ctx.workspaceId}, ${seg.id}::uuid, ${contacts.id} from ${contacts}
      where ${contacts.workspaceId} = ${ctx.workspaceId} and ${contacts.deletedAt} is null and ${contacts.id} = any(${sql.param(ids)}::uuid[])
      on conflict do nothing`);
    const added = res.rowCount ?? 0;
    await tx.update(segments).set({ updatedAt: new Date() }).where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, seg.id)));
    await recordAudit(tx, ctx, { action: "segment.members.add", entityType: "segment", entityId: seg.id, after: { added, requested: ids.length } });
    return { added, removed: 0, unchanged: ids.length - added };
  });
}

/** Takes contacts off a static list; ids that are not on it are counted as unchanged. */
export async function removeFromStaticList(ctx: Ctx, id: string, contactIds: string[]): Promise<MembersChange> {
  authorize(ctx, "contacts.write");
  const ids = [...new Set(segmentMembersSchema.parse({ action: "remove", contactIds }).contactIds.map((x) => x.toLowerCase()))];
  const seg = await loadStaticList(ctx, id);
  return ctx.db.transaction(async (tx) => {
    const res = await tx.execute(sql`
      delete from segment_members
      where workspace_id = ${ctx.workspaceId} and segment_id = ${seg.id}::uuid and contact_id = any(${sql.param(ids)}::uuid[])`);
    const removed = res.rowCount ?? 0;
    await tx.update(segments).set({ updatedAt: new Date() }).where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, seg.id)));
    await recordAudit(tx, ctx, { action: "segment.members.remove", entityType: "segment", entityId: seg.id, after: { removed, requested: ids.length } });
    return { added: 0, removed, unchanged: ids.length - removed };
  });
}

/** Freezes the segment's current membership (for a send, an export) with one INSERT … SELECT. */
export async function snapshotSegment(ctx: Ctx, id: string, purpose: string): Promise<{ snapshotId: string; memberCount: number }> {
  authorize(ctx, "contacts.write");
  const input = snapshotSegmentSchema.parse({ purpose });
  const seg = await loadSegment(ctx, id);
  const where = await segmentWhere(ctx, seg);
  return ctx.db.transaction(async (tx) => {
    const [snap] = await tx
      .insert(segmentSnapshots)
      .values({ workspaceId: ctx.workspaceId, segmentId: seg.id, purpose: input.purpose, memberCount: 0 })
      .returning({ id: segmentSnapshots.id });
    const snapshotId = snap!.id;
    const res = await tx.execute(sql`
      insert into segment_snapshot_members (workspace_id, snapshot_id, contact_id)
      select ${ctx.workspaceId}, ${snapshotId}::uuid, ids.id from (${contactIdsSql(where)}) ids`);
    const memberCount = res.rowCount ?? 0;
    await tx.update(segmentSnapshots).set({ memberCount }).where(eq(segmentSnapshots.id, snapshotId));
    await recordAudit(tx, ctx, {
      action: "segment.snapshot",
      entityType: "segment",
      entityId: seg.id,
      after: { snapshotId, purpose: input.purpose, memberCount },
    });
    return { snapshotId, memberCount };
  });
}

/**
 * The WHERE fragment (over `contacts seg_c`) of an unsaved rule tree of this workspace, fully checked (custom field types,
 * referenced segments, campaigns). For other engines that evaluate rule trees themselves, e.g. lifecycle rules.
 */
export async function compileWorkspaceRules(ctx: Ctx, rules: SegmentRules, opts: { checkCampaigns?: boolean; errorPath?: string } = {}): Promise<SQL> {
  const env = await compileEnv(ctx, rules, { checkCampaigns: opts.checkCampaigns });
  return compileSegmentRules(rules, { ...env, errorPath: opts.errorPath });
}
