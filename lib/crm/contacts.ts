// Contacts: keyset lists with filters, detail, create/update/upsert by email, bulk actions with undo (soft delete).
// Every query is scoped to ctx.workspaceId and to non-deleted rows; another workspace's contact is "not found".
import "server-only";
import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { companies, contactEvents, contacts, lifecycleHistory, members, type Contact } from "@/db/schema";
import { diffSummary, recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { decodeCursor, encodeCursor, TIMESTAMP_TEXT } from "@/lib/pagination";
import { can } from "@/lib/auth/permissions";
import { isStatementTimeout, withStatementTimeout } from "@/lib/statement-timeout";
import {
  bulkContactsSchema,
  createContactSchema,
  listContactsSchema,
  updateContactSchema,
  upsertContactSchema,
  type CreateContactInput,
  type UpdateContactInput,
} from "./schemas";
import { segmentContactFilter } from "./segments/segments";
import {
  backwardMoveNeedsReason,
  backwardReasonMessage,
  bulkBackwardReasonMessage,
  isBackwardMove,
  STAGE_LABELS,
  type LifecycleStage,
} from "./stages";
import { validateCustomValues } from "./custom-fields";
import { applyRulesAfterContactWrite } from "./lifecycle-rules";

export type ContactRow = Contact & { companyName: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const companyName = sql<string | null>`(select ${companies.name} from ${companies} where ${companies.id} = ${contacts.companyId})`;

// Every sort key is non-null (coalesced), so the cursor condition can be one row comparison `(key, id) < ($v, $id)`.
// The ORDER BY spells out the nulls placement of the index it is meant to walk: Postgres matches it too, and a mismatch
// (e.g. a bare `DESC`, which means NULLS FIRST) makes it read and sort the whole workspace even for the first page.
// newest/oldest walk contacts_workspace_created_id_idx (created_at DESC NULLS LAST, id DESC NULLS LAST) forwards and
// backwards, so every page is one index range scan whatever its depth. name/email ascend as a default (ASC NULLS LAST)
// index would, and score descends NULLS LAST, each on its own expression index (migrations 0007, 0009). The name and
// email keys are in the "C" collation, as their indexes are, so the search box's prefix match can use them too.
const SORTS = {
  newest: { expr: sql`${contacts.createdAt}`, cast: "timestamptz", dir: "desc", nulls: "last" },
  oldest: { expr: sql`${contacts.createdAt}`, cast: "timestamptz", dir: "asc", nulls: "first" },
  name: { expr: sql`(lower(coalesce(${contacts.lastName}, '') || ' ' || coalesce(${contacts.firstName}, '')) collate "C")`, cast: "text", dir: "asc", nulls: "last" },
  email: { expr: sql`(coalesce(lower(${contacts.email}), '') collate "C")`, cast: "text", dir: "asc", nulls: "last" },
  score: { expr: sql`coalesce(${contacts.score}, -1)`, cast: "integer", dir: "desc", nulls: "last" },
} as const;
type ContactSort = (typeof SORTS)[keyof typeof SORTS];
/** The search key for first names and "first last", as contacts_workspace_first_last_idx has it. */
const FIRST_LAST_KEY = sql`(lower(coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, '')) collate "C")`;


/**
 * The cursor's sort value as a typed parameter, or null when it cannot belong to this sort (a cursor carried over from
 * another sort, or edited by hand): such a cursor means "first page", like one that does not decode.
 */
function cursorValue(sort: ContactSort, cur: { v: string | number; id: string }): SQL | null {
  if (!UUID.test(cur.id)) return null;
  switch (sort.cast) {
    case "timestamptz":
      return typeof cur.v === "string" && TIMESTAMP_TEXT.test(cur.v) ? sql`${cur.v}::timestamptz` : null;
    case "integer": {
      const n = typeof cur.v === "number" ? cur.v : Number(cur.v);
      return Number.isSafeInteger(n) ? sql`${n}::integer` : null;
    }
    default:
      return typeof cur.v === "string" ? sql`${cur.v}::text` : null;
  }
}

/** Extra filters other engines contribute (a segment's membership, for instance) as a SQL condition on `contacts`. */
export type ContactFilterProvider = (ctx: Ctx, segmentId: string) => Promise<SQL>;
// Static lists and rule-based segments alike, through the segments engine (a foreign segment id is "not found").
let segmentFilter: ContactFilterProvider = segmentContactFilter;

/** The segments engine registers how to filter by a (dynamic) segment. */
export function setSegmentFilterProvider(p: ContactFilterProvider): void {
  segmentFilter = p;
}

/** A text[] parameter (drizzle expands JS arrays into value lists, so pass it as JSON). */
function textArray(values: string[]): SQL {
  return sql`coalesce((select array_agg(x) from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) x), '{}'::text[])`;
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * The search box: a prefix of the email, of "last first" (so of the last name) or of "first last" (so of the first
 * name). Three keys with an index each (in "C", where LIKE 'abc%' is a range), so a rare term is a BitmapOr of three
 * short index ranges instead of a scan of the whole workspace (1M contacts: ~1 s); a common one still walks the
 * newest-first index. Shared by the list, its total and the CSV export, so all three agree on what matches.
 */
export function contactSearchCondition(q: string): SQL {
  const prefix = `${escapeLike(q.toLowerCase())}%`;
  return or(sql`${SORTS.email.expr} like ${prefix}`, sql`${SORTS.name.expr} like ${prefix}`, sql`${FIRST_LAST_KEY} like ${prefix}`)!;
}

/** Has this tag: containment rather than `= any(tags)`, so a rare tag can use the GIN index on tags. */
export function contactTagCondition(tag: string): SQL {
  return sql`${contacts.tags} @> array[${tag.toLowerCase()}]::text[]`;
}

/** The WHERE conditions of a filtered contact view (the list and its total; the export uses the same conditions). */
export async function contactViewConditions(ctx: Ctx, input: z.output<typeof listContactsSchema>): Promise<SQL[]> {
  const conds: SQL[] = [eq(contacts.workspaceId, ctx.workspaceId), isNull(contacts.deletedAt)];
  if (input.stage) conds.push(eq(contacts.lifecycleStage, input.stage));
  // Containment rather than `= any(tags)`, so a rare tag can use the GIN index on tags.
  if (input.tag) conds.push(contactTagCondition(input.tag));
  if (input.companyId) conds.push(eq(contacts.companyId, input.companyId));
  if (input.ownerUserId) conds.push(eq(contacts.ownerUserId, input.ownerUserId));
  if (input.segmentId) conds.push(await segmentFilter(ctx, input.segmentId));
  if (input.q) conds.push(contactSearchCondition(input.q));
  return conds;
}

export interface ContactPage {
  items: ContactRow[];
  nextCursor: string | null;
}

export async function listContacts(ctx: Ctx, raw: z.input<typeof listContactsSchema> = {}): Promise<ContactPage> {
  authorize(ctx, "contacts.read");
  const input = listContactsSchema.parse(raw);
  const sort = SORTS[input.sort];
  const conds = await contactViewConditions(ctx, input);
  const cur = decodeCursor(input.cursor);
  const v = cur ? cursorValue(sort, cur) : null;
  if (cur && v) {
    // One row comparison, not `key < v OR (key = v AND id < id0)`: Postgres turns it into a single index range bound.
    conds.push(sort.dir === "desc" ? sql`(${sort.expr}, ${contacts.id}) < (${v}, ${cur.id}::uuid)` : sql`(${sort.expr}, ${contacts.id}) > (${v}, ${cur.id}::uuid)`);
  }
  const direction = sql.raw(`${sort.dir} nulls ${sort.nulls}`);
  const order = [sql`${sort.expr} ${direction}`, sql`${contacts.id} ${direction}`];
  const rows = await ctx.db
    // The cursor key is cast to text in the select list only, i.e. for the page's rows, never in WHERE or ORDER BY.
    .select({ c: contacts, companyName, key: sql<string>`(${sort.expr})::text` })
    .from(contacts)
    .where(and(...conds))
    .orderBy(...order)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r.c, companyName: r.companyName })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.key, last.c.id) : null,
  };
}

/** A contacts view's filters without the keys that only shape a page (cursor, limit, sort). */
export const countContactsSchema = listContactsSchema.omit({ cursor: true, limit: true, sort: true });

export interface ContactCount {
  count: number;
  /** False when the exact count ran out of time and `count` is the planner's estimate ("about 1.2M"). */
  exact: boolean;
}

/** How long the exact count may run before the total falls back to the planner's estimate. */
export const CONTACT_COUNT_TIMEOUT_MS = 300;

/**
 * The number of contacts in a filtered view (the list's own conditions). An exact count(*) gets `timeoutMs`; a view too
 * big to count in that time (a broad filter over 1M contacts) answers with the planner's row estimate instead, so the
 * total never holds the page up. `timeoutMs` is for tests; callers keep the default.
 */
export async function countContacts(
  ctx: Ctx,
  raw: z.input<typeof countContactsSchema> = {},
  options: { timeoutMs?: number } = {},
): Promise<ContactCount> {
  authorize(ctx, "contacts.read");
  const filters = countContactsSchema.parse(raw);
  // The list's defaults for the page-only keys: contactViewConditions reads none of them.
  const where = and(...(await contactViewConditions(ctx, listContactsSchema.parse(filters))));
  try {
    return await withStatementTimeout(ctx.db, options.timeoutMs ?? CONTACT_COUNT_TIMEOUT_MS, async (tx) => {
      const [row] = await tx.select({ n: sql<string>`count(*)` }).from(contacts).where(where);
      return { count: Number(row?.n ?? 0), exact: true };
    });
  } catch (e) {
    if (!isStatementTimeout(e)) throw e;
  }
  const res = await ctx.db.execute<{ "QUERY PLAN": unknown }>(sql`explain (format json) select 1 from ${contacts} where ${where}`);
  const plan = res.rows[0]?.["QUERY PLAN"];
  const doc = (typeof plan === "string" ? JSON.parse(plan) : plan) as Array<{ Plan?: { "Plan Rows"?: number } }> | undefined;
  return { count: Math.max(0, Math.round(doc?.[0]?.Plan?.["Plan Rows"] ?? 0)), exact: false };
}

export async function getContact(ctx: Ctx, id: string): Promise<ContactRow> {
  authorize(ctx, "contacts.read");
  if (!UUID.test(id)) throw new NotFoundError("Contact");
  const [row] = await ctx.db
    .select({ c: contacts, companyName })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, id), isNull(contacts.deletedAt)))
    .limit(1);
  if (!row) throw new NotFoundError("Contact");
  return { ...row.c, companyName: row.companyName };
}

async function assertRefs(ctx: Ctx, input: { companyId?: string | null; ownerUserId?: string | null }): Promise<void> {
  if (input.companyId) {
    const [c] = await ctx.db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, input.companyId)));
    if (!c) throw new ValidationError({ companyId: ["No such company in this workspace."] });
  }
  if (input.ownerUserId) {
    const [m] = await ctx.db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.organizationId, ctx.workspaceId), eq(members.userId, input.ownerUserId)));
    if (!m) throw new ValidationError({ ownerUserId: ["The owner must be a member of this workspace."] });
  }
}

async function assertEmailFree(ctx: Ctx, email: string | null | undefined, exceptId?: string): Promise<void> {
  if (!email) return;
  const [dupe] = await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), sql`lower(${contacts.email}) = ${email.toLowerCase()}`))
    .limit(1);
  if (dupe && dupe.id !== exceptId) throw new ConflictError(`A contact with ${email} already exists.`, "CONTACT_EMAIL_TAKEN");
}

function auditSummary(c: Partial<Contact>) {
  const { email, firstName, lastName, phone, title, companyId, lifecycleStage, tags, ownerUserId, emailConsent, doNotContact } = c;
  return { email, firstName, lastName, phone, title, companyId, lifecycleStage, tags, ownerUserId, emailConsent, doNotContact };
}

export async function createContact(ctx: Ctx, raw: CreateContactInput): Promise<Contact> {
  authorize(ctx, "contacts.write");
  const input = createContactSchema.parse(raw);
  await assertRefs(ctx, input);
  await assertEmailFree(ctx, input.email);
  if (input.custom) input.custom = await validateCustomValues(ctx, "contact", input.custom);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contacts)
      .values({ ...input, workspaceId: ctx.workspaceId, ownerUserId: input.ownerUserId ?? null })
      .returning();
    await tx.insert(lifecycleHistory).values({
      workspaceId: ctx.workspaceId,
      contactId: row!.id,
      fromStage: null,
      toStage: row!.lifecycleStage,
      actorLabel: ctx.actorLabel,
      reason: "created",
    });
    await recordAudit(tx, ctx, { action: "contact.create", entityType: "contact", entityId: row!.id, after: auditSummary(row!) });
    return applyRulesAfterContactWrite(tx, ctx, row!);
  });
}

/**
 * Records a stage move (history + timeline event). The caller has checked permission and direction. Call it inside the
 * transaction that moves the contact: a person's backward move with no reason is refused here, so nothing is kept.
 */
export async function recordStageMove(
  tx: Ctx["db"],
  ctx: Ctx,
  contactId: string,
  from: string | null,
  to: string,
  reason: string | null,
  ruleId: string | null = null,
): Promise<void> {
  // The last line of defence for "every transition says why": callers check first so the user sees the message early.
  if (ruleId === null && from !== null) assertBackwardMoveExplained(from as LifecycleStage, to as LifecycleStage, reason);
  await tx.insert(lifecycleHistory).values({ workspaceId: ctx.workspaceId, contactId, fromStage: from, toStage: to, actorLabel: ctx.actorLabel, reason, ruleId });
  await tx.insert(contactEvents).values({
    workspaceId: ctx.workspaceId,
    contactId,
    type: "lifecycle_change",
    occurredAt: new Date(),
    properties: { from, to, reason, actor: ctx.actorLabel, ...(ruleId ? { ruleId } : {}) },
  });
}

export function assertStageMoveAllowed(ctx: Ctx, from: LifecycleStage, to: LifecycleStage): void {
  if (isBackwardMove(from, to) && !can(ctx.role, "contacts.stage_backward")) {
    throw new ForbiddenError("contacts.stage_backward");
  }
}

/** A person's backward move must carry a reason (a field error on `reason`); forward and side moves need none. */
export function assertBackwardMoveExplained(from: LifecycleStage, to: LifecycleStage, reason: string | null | undefined): void {
  if (backwardMoveNeedsReason(from, to, reason)) {
    throw new ValidationError({ reason: [backwardReasonMessage(from, to)] }, "A reason is needed to move a contact back.");
  }
}

export async function updateContact(ctx: Ctx, raw: UpdateContactInput): Promise<Contact> {
  authorize(ctx, "contacts.write");
  const { id, stageReason, ...patch } = updateContactSchema.parse(raw);
  const before = await getContact(ctx, id);
  await assertRefs(ctx, patch);
  if (patch.email !== undefined && patch.email?.toLowerCase() !== before.email?.toLowerCase()) await assertEmailFree(ctx, patch.email, id);
  if (patch.custom) patch.custom = await validateCustomValues(ctx, "contact", patch.custom);
  if (patch.lifecycleStage && patch.lifecycleStage !== before.lifecycleStage) {
    assertStageMoveAllowed(ctx, before.lifecycleStage as LifecycleStage, patch.lifecycleStage);
    // An edit (REST PATCH, upsert by email) moving a contact back needs its reason too, as `stageReason`.
    if (backwardMoveNeedsReason(before.lifecycleStage as LifecycleStage, patch.lifecycleStage, stageReason)) {
      throw new ValidationError(
        { stageReason: [backwardReasonMessage(before.lifecycleStage as LifecycleStage, patch.lifecycleStage)] },
        "A reason is needed to move a contact back: send it as stageReason.",
      );
    }
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(contacts)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, id)))
      .returning();
    if (patch.lifecycleStage && patch.lifecycleStage !== before.lifecycleStage) {
      await recordStageMove(tx, ctx, id, before.lifecycleStage, patch.lifecycleStage, stageReason ?? "edited");
    }
    const d = diffSummary(auditSummary(before), auditSummary(patch as Partial<Contact>));
    if (Object.keys(d.after).length) await recordAudit(tx, ctx, { action: "contact.update", entityType: "contact", entityId: id, ...d });
    // An explicit stage in this edit is the user's decision: lifecycle rules do not override it in the same write.
    return patch.lifecycleStage ? row! : applyRulesAfterContactWrite(tx, ctx, row!);
  });
}

/** Creates the contact for this email, or updates the fields given on the existing one. */
export async function upsertContactByEmail(ctx: Ctx, raw: z.input<typeof upsertContactSchema>): Promise<{ contact: Contact; created: boolean }> {
  authorize(ctx, "contacts.write");
  const input = upsertContactSchema.parse(raw);
  const [existing] = await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), sql`lower(${contacts.email}) = ${input.email}`, isNull(contacts.deletedAt)))
    .limit(1);
  if (existing) return { contact: await updateContact(ctx, { ...input, id: existing.id }), created: false };
  return { contact: await createContact(ctx, input), created: true };
}

export interface BulkResult {
  action: string;
  affected: number;
  /** For delete: the ids to pass to `restore` to undo. */
  undo?: { action: "restore"; ids: string[] };
}

export async function bulkContacts(ctx: Ctx, raw: z.input<typeof bulkContactsSchema>): Promise<BulkResult> {
  const input = bulkContactsSchema.parse(raw);
  authorize(ctx, input.action === "delete" || input.action === "restore" ? "contacts.delete" : "contacts.write");
  const ids = [...new Set(input.ids)];
  const own = and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids));
  return ctx.db.transaction(async (tx) => {
    let affected = 0;
    switch (input.action) {
      case "tag": {
        const res = await tx
          .update(contacts)
          .set({
            tags: sql`array(select distinct t from unnest(array_cat(${contacts.tags}, ${textArray(input.add)})) t where not (t = any(${textArray(input.remove)})) order by t)`,
            updatedAt: new Date(),
          })
          .where(and(own, isNull(contacts.deletedAt)))
          .returning({ id: contacts.id });
        affected = res.length;
        break;
      }
      case "owner": {
        await assertRefs(ctx, { ownerUserId: input.ownerUserId });
        const res = await tx
          .update(contacts)
          .set({ ownerUserId: input.ownerUserId, updatedAt: new Date() })
          .where(and(own, isNull(contacts.deletedAt)))
          .returning({ id: contacts.id });
        affected = res.length;
        break;
      }
      case "stage": {
        const current = await tx
          .select({ id: contacts.id, stage: contacts.lifecycleStage })
          .from(contacts)
          .where(and(own, isNull(contacts.deletedAt)));
        const moving = current.filter((c) => c.stage !== input.stage);
        for (const c of moving) assertStageMoveAllowed(ctx, c.stage as LifecycleStage, input.stage);
        const reason = input.reason?.trim() || null;
        // One reason covers the whole move; without it, a selection with any contact moving back changes nothing.
        const backward = reason ? 0 : moving.filter((c) => isBackwardMove(c.stage as LifecycleStage, input.stage)).length;
        if (backward) {
          const some = backward === 1 ? "1 of the selected contacts" : `${backward} of the selected contacts`;
          throw new ValidationError(
            { reason: [bulkBackwardReasonMessage(backward, input.stage)] },
            `${some} would move back to ${STAGE_LABELS[input.stage]}. Give a reason; nothing was changed.`,
          );
        }
        if (moving.length) {
          await tx
            .update(contacts)
            .set({ lifecycleStage: input.stage, updatedAt: new Date() })
            .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, moving.map((c) => c.id))));
          for (const c of moving) await recordStageMove(tx, ctx, c.id, c.stage, input.stage, reason ?? "bulk change");
        }
        affected = moving.length;
        break;
      }
      case "delete": {
        const res = await tx
          .update(contacts)
          .set({ deletedAt: new Date() })
          .where(and(own, isNull(contacts.deletedAt)))
          .returning({ id: contacts.id });
        affected = res.length;
        await recordAudit(tx, ctx, { action: "contact.bulk_delete", entityType: "contact", entityId: `${affected} contacts`, before: { ids: res.map((r) => r.id).slice(0, 100) } });
        return { action: input.action, affected, undo: { action: "restore" as const, ids: res.map((r) => r.id) } };
      }
      case "restore": {
        const res = await tx
          .update(contacts)
          .set({ deletedAt: null })
          .where(and(own, isNotNull(contacts.deletedAt)))
          .returning({ id: contacts.id });
        affected = res.length;
        break;
      }
    }
    await recordAudit(tx, ctx, { action: `contact.bulk_${input.action}`, entityType: "contact", entityId: `${affected} contacts`, after: { ids: ids.slice(0, 100) } });
    return { action: input.action, affected };
  });
}

export async function deleteContact(ctx: Ctx, id: string): Promise<BulkResult> {
  await getContact(ctx, id);
  return bulkContacts(ctx, { action: "delete", ids: [id] });
}
