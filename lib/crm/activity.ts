// A contact's activity: lifecycle moves with history, notes, the append-only event timeline, and event ingestion
// (REST batches with idempotency keys). Events are never updated or deleted here; erase (consent.ts) is the only delete.
import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { campaigns, contactEvents, contactNotes, contacts, lifecycleHistory, type ContactEvent } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, withDb, type Ctx } from "@/lib/auth/context";
import { ValidationError } from "@/lib/errors";
import { clampLimit, decodeCursor, encodeCursor, newestFirst, olderThan } from "@/lib/pagination";
import { assertBackwardMoveExplained, assertStageMoveAllowed, getContact, recordStageMove } from "./contacts";
import { applyLifecycleRules } from "./lifecycle-rules";
import { addNoteSchema, changeStageSchema, ingestEventsSchema } from "./schemas";
import type { LifecycleStage } from "./stages";

export async function changeStage(ctx: Ctx, raw: z.input<typeof changeStageSchema>) {
  authorize(ctx, "contacts.write");
  const input = changeStageSchema.parse(raw);
  const c = await getContact(ctx, input.id);
  if (c.lifecycleStage === input.stage) return { id: c.id, stage: input.stage, changed: false };
  assertStageMoveAllowed(ctx, c.lifecycleStage as LifecycleStage, input.stage);
  // Refused before any write (recordStageMove checks it again inside the transaction, for every other caller).
  assertBackwardMoveExplained(c.lifecycleStage as LifecycleStage, input.stage, input.reason);
  await ctx.db.transaction(async (tx) => {
    await tx.update(contacts).set({ lifecycleStage: input.stage, updatedAt: new Date() }).where(eq(contacts.id, c.id));
    await recordStageMove(tx, ctx, c.id, c.lifecycleStage, input.stage, input.reason ?? null);
    await recordAudit(tx, ctx, {
      action: "contact.stage_change",
      entityType: "contact",
      entityId: c.id,
      before: { lifecycleStage: c.lifecycleStage },
      after: { lifecycleStage: input.stage, reason: input.reason ?? null },
    });
  });
  return { id: c.id, stage: input.stage, changed: true };
}

export async function stageHistory(ctx: Ctx, contactId: string) {
  await getContact(ctx, contactId);
  return ctx.db
    .select()
    .from(lifecycleHistory)
    .where(and(eq(lifecycleHistory.workspaceId, ctx.workspaceId), eq(lifecycleHistory.contactId, contactId)))
    .orderBy(desc(lifecycleHistory.createdAt));
}

export async function addNote(ctx: Ctx, raw: z.input<typeof addNoteSchema>) {
  authorize(ctx, "contacts.write");
  const input = addNoteSchema.parse(raw);
  await getContact(ctx, input.contactId);
  return ctx.db.transaction(async (tx) => {
    const [note] = await tx
      .insert(contactNotes)
      .values({ workspaceId: ctx.workspaceId, contactId: input.contactId, body: input.body, authorUserId: ctx.apiKeyId ? null : ctx.userId })
      .returning();
    await tx.insert(contactEvents).values({
      workspaceId: ctx.workspaceId,
      contactId: input.contactId,
      type: "note",
      occurredAt: note!.createdAt,
      properties: { noteId: note!.id, excerpt: input.body.slice(0, 200), author: ctx.actorLabel },
    });
    return note!;
  });
}

export interface TimelinePage {
  items: ContactEvent[];
  nextCursor: string | null;
}

/** Newest first, keyset on (occurred_at, id); uses the (workspace_id, contact_id, occurred_at) index. */
export async function contactTimeline(ctx: Ctx, contactId: string, opts: { cursor?: string; limit?: number; types?: string[] } = {}): Promise<TimelinePage> {
  await getContact(ctx, contactId);
  const limit = clampLimit(opts.limit, 50, 200);
  const conds = [eq(contactEvents.workspaceId, ctx.workspaceId), eq(contactEvents.contactId, contactId)];
  if (opts.types?.length) conds.push(inArray(contactEvents.type, opts.types));
  const cur = decodeCursor(opts.cursor);
  const after = cur ? olderThan(contactEvents.occurredAt, contactEvents.id, cur, "bigint") : null;
  if (after) conds.push(after);
  const rows = await ctx.db
    .select({ e: contactEvents, key: sql<string>`${contactEvents.occurredAt}::text` })
    .from(contactEvents)
    .where(and(...conds))
    .orderBy(...newestFirst(contactEvents.occurredAt, contactEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => r.e), nextCursor: rows.length > limit && last ? encodeCursor(last.key, String(last.e.id)) : null };
}

export interface IngestResult {
  accepted: number;
  /** Already received earlier (same idempotency key): not stored twice. */
  duplicates: number;
  createdContacts: number;
}

/**
 * Stores a batch of up to 1,000 events in one transaction. Events name their contact by id or by email; an unknown email
 * creates a subscriber. A repeated idempotency key is accepted once. A batch with any invalid event stores nothing.
 */
export async function ingestEvents(ctx: Ctx, raw: z.input<typeof ingestEventsSchema>): Promise<IngestResult> {
  authorize(ctx, "contacts.write");
  const { events } = ingestEventsSchema.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const ids = [...new Set(events.map((e) => e.contactId).filter((x): x is string => !!x))];
    const known = ids.length
      ? await tx
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids), isNull(contacts.deletedAt)))
      : [];
    const knownIds = new Set(known.map((k) => k.id));
    const missing = events.map((e, i) => (e.contactId && !knownIds.has(e.contactId) ? i : -1)).filter((i) => i >= 0);
    if (missing.length) {
      throw new ValidationError(Object.fromEntries(missing.slice(0, 50).map((i) => [`events.${i}.contactId`, ["No such contact in this workspace."]])));
    }
    const campaignIds = [...new Set(events.map((e) => e.campaignId).filter((x): x is string => !!x))];
    if (campaignIds.length) {
      const own = await tx
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(and(eq(campaigns.workspaceId, ctx.workspaceId), inArray(campaigns.id, campaignIds)));
      const ownIds = new Set(own.map((c) => c.id));
      const bad = events.map((e, i) => (e.campaignId && !ownIds.has(e.campaignId) ? i : -1)).filter((i) => i >= 0);
      if (bad.length) throw new ValidationError(Object.fromEntries(bad.slice(0, 50).map((i) => [`events.${i}.campaignId`, ["No such campaign in this workspace."]])));
    }

    // Resolve emails to contacts, creating the unknown ones in one statement.
    const emails = [...new Set(events.filter((e) => !e.contactId && e.email).map((e) => e.email!))];
    const byEmail = new Map<string, string>();
    let createdContacts = 0;
    if (emails.length) {
      const inserted = await tx
        .insert(contacts)
        .values(emails.map((email) => ({ workspaceId: ctx.workspaceId, email, source: "events-api" })))
        .onConflictDoNothing()
        .returning({ id: contacts.id, email: contacts.email });
      createdContacts = inserted.length;
      const found = await tx
        .select({ id: contacts.id, email: contacts.email })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(sql`lower(${contacts.email})`, emails)));
      for (const f of found) byEmail.set(f.email!.toLowerCase(), f.id);
    }
    const rows = events.map((e) => ({
      workspaceId: ctx.workspaceId,
      contactId: e.contactId ?? byEmail.get(e.email!)!,
      type: e.type,
      channel: e.channel ?? null,
      campaignId: e.campaignId ?? null,
      valueMinor: e.valueMinor ?? null,
      occurredAt: new Date(e.occurredAt),
      properties: e.properties,
      idempotencyKey: e.idempotencyKey,
    }));
    const stored = await tx.insert(contactEvents).values(rows).onConflictDoNothing().returning({ id: contactEvents.id });
    // Event rules ("clicked in the last 30 days → MQL") see the new events: apply the rules to these contacts only.
    if (stored.length) await applyLifecycleRules(withDb(ctx, tx), { contactIds: rows.map((r) => r.contactId) });
    return { accepted: stored.length, duplicates: rows.length - stored.length, createdContacts };
  });
}
