// Consent and data-subject rights: email opt-in/opt-out and do-not-contact (publishing must honour them), a GDPR export
// of one contact's data, and erase, which removes the person everywhere and leaves only an audit tombstone (no PII).
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { contactEvents, contactNotes, contacts, lifecycleHistory, segmentMembers, segmentSnapshotMembers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import { getContact } from "./contacts";
import { consentSchema } from "./schemas";

export async function setConsent(ctx: Ctx, raw: z.input<typeof consentSchema>) {
  authorize(ctx, "contacts.write");
  const input = consentSchema.parse(raw);
  const c = await getContact(ctx, input.id);
  const patch = {
    ...(input.emailConsent !== undefined ? { emailConsent: input.emailConsent } : {}),
    ...(input.doNotContact !== undefined ? { doNotContact: input.doNotContact } : {}),
  };
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(contacts).set({ ...patch, updatedAt: new Date() }).where(eq(contacts.id, c.id)).returning();
    await tx.insert(contactEvents).values({
      workspaceId: ctx.workspaceId,
      contactId: c.id,
      type: "consent_change",
      occurredAt: new Date(),
      properties: { before: { emailConsent: c.emailConsent, doNotContact: c.doNotContact }, after: patch, actor: ctx.actorLabel },
    });
    await recordAudit(tx, ctx, {
      action: "contact.consent",
      entityType: "contact",
      entityId: c.id,
      before: { emailConsent: c.emailConsent, doNotContact: c.doNotContact },
      after: patch,
    });
    return row!;
  });
}

/** True when the contact may receive marketing email: opted in (or unknown where the workspace allows it) and not blocked. */
export function mayEmail(c: { emailConsent: string; doNotContact: boolean; email: string | null }, requireOptIn = false): boolean {
  if (!c.email || c.doNotContact || c.emailConsent === "opted_out") return false;
  return requireOptIn ? c.emailConsent === "opted_in" : true;
}

/** Everything AICMO holds about one contact, as a JSON document (the data-subject access request). */
export async function exportContactData(ctx: Ctx, id: string) {
  authorize(ctx, "contacts.export");
  const contact = await getContact(ctx, id);
  const scope = (t: { workspaceId: Parameters<typeof eq>[0] }) => eq(t.workspaceId, ctx.workspaceId);
  const [events, notes, history, memberships] = await Promise.all([
    ctx.db.select().from(contactEvents).where(and(scope(contactEvents), eq(contactEvents.contactId, id))).orderBy(contactEvents.occurredAt),
    ctx.db.select().from(contactNotes).where(and(scope(contactNotes), eq(contactNotes.contactId, id))),
    ctx.db.select().from(lifecycleHistory).where(and(scope(lifecycleHistory), eq(lifecycleHistory.contactId, id))),
    ctx.db.select({ segmentId: segmentMembers.segmentId, addedAt: segmentMembers.addedAt }).from(segmentMembers).where(and(scope(segmentMembers), eq(segmentMembers.contactId, id))),
  ]);
  await recordAudit(ctx.db, ctx, { action: "contact.gdpr_export", entityType: "contact", entityId: id });
  return { exportedAt: new Date().toISOString(), contact, events, notes, lifecycleHistory: history, segmentMemberships: memberships };
}

/**
 * Erases a contact: the row, its timeline, notes, lifecycle history and every segment membership and snapshot entry.
 * The audit keeps a tombstone with a one-way hash of the email (to prove erasure) and nothing readable.
 */
export async function eraseContact(ctx: Ctx, id: string): Promise<{ id: string; erased: Record<string, number> }> {
  authorize(ctx, "contacts.delete");
  const [c] = await ctx.db
    .select({ id: contacts.id, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, id)))
    .limit(1);
  if (!c) throw new NotFoundError("Contact");
  return ctx.db.transaction(async (tx) => {
    const del = async (q: Promise<unknown[]>) => (await q).length;
    const erased = {
      events: await del(tx.delete(contactEvents).where(and(eq(contactEvents.workspaceId, ctx.workspaceId), eq(contactEvents.contactId, id))).returning({ id: contactEvents.id })),
      notes: await del(tx.delete(contactNotes).where(and(eq(contactNotes.workspaceId, ctx.workspaceId), eq(contactNotes.contactId, id))).returning({ id: contactNotes.id })),
      lifecycleHistory: await del(
        tx.delete(lifecycleHistory).where(and(eq(lifecycleHistory.workspaceId, ctx.workspaceId), eq(lifecycleHistory.contactId, id))).returning({ id: lifecycleHistory.id }),
      ),
      segmentMemberships: await del(
        tx.delete(segmentMembers).where(and(eq(segmentMembers.workspaceId, ctx.workspaceId), eq(segmentMembers.contactId, id))).returning({ id: segmentMembers.contactId }),
      ),
      snapshotEntries: await del(
        tx
          .delete(segmentSnapshotMembers)
          .where(and(eq(segmentSnapshotMembers.workspaceId, ctx.workspaceId), eq(segmentSnapshotMembers.contactId, id)))
          .returning({ id: segmentSnapshotMembers.contactId }),
      ),
    };
    await tx.delete(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, id)));
    // Audit rows that named this contact keep their action but lose their before/after payloads.
    await tx.execute(sql`update audit_log set before = null, after = null where workspace_id = ${ctx.workspaceId} and entity_type = 'contact' and entity_id = ${id}`);
    const emailHash = c.email ? createHash("sha256").update(`${ctx.workspaceId}:${c.email.toLowerCase()}`).digest("hex") : null;
    await recordAudit(tx, ctx, { action: "contact.erase", entityType: "contact", entityId: id, after: { tombstone: true, emailSha256: emailHash, erased } });
    return { id, erased };
  });
}
