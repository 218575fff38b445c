// Duplicate detection (same email up to Gmail-style dots and +tags, same phone, same name at the same company) and the
// merge that folds one contact into another: chosen fields, timeline, notes, history, tags and segment memberships.
import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { contactEvents, contactNotes, contacts, lifecycleHistory, segmentMembers, type Contact } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { getContact } from "./contacts";
import { MERGE_FIELDS, mergeContactsSchema } from "./schemas";

export type DuplicateReason = "same_email" | "same_phone" | "same_name_same_company";

export interface DuplicatePair {
  reason: DuplicateReason;
  a: Pick<Contact, "id" | "email" | "firstName" | "lastName" | "phone" | "companyId" | "createdAt">;
  b: Pick<Contact, "id" | "email" | "firstName" | "lastName" | "phone" | "companyId" | "createdAt">;
}

/** jane.doe+news@gmail.com and janedoe@googlemail.com are one mailbox; elsewhere only +tags are dropped. */
const canonicalEmail = sql`(
  case when split_part(lower(${contacts.email}), '@', 2) in ('gmail.com', 'googlemail.com')
    then replace(regexp_replace(split_part(lower(${contacts.email}), '@', 1), '\\+.*$', ''), '.', '') || '@gmail.com'
    else regexp_replace(split_part(lower(${contacts.email}), '@', 1), '\\+.*$', '') || '@' || split_part(lower(${contacts.email}), '@', 2)
  end)`;

export async function findDuplicates(ctx: Ctx, opts: { contactId?: string; limit?: number } = {}): Promise<DuplicatePair[]> {
  authorize(ctx, "contacts.read");
  const limit = Math.min(opts.limit ?? 100, 500);
  const only = opts.contactId ? sql`and (a.id = ${opts.contactId} or b.id = ${opts.contactId})` : sql``;
  const cols = (t: string) =>
    sql.raw(["id", "email", "first_name", "last_name", "phone", "company_id", "created_at"].map((c) => `${t}.${c} as ${t}_${c}`).join(", "));
  const q = (reason: DuplicateReason, key: ReturnType<typeof sql>) => sql`
    with keyed as (
      select ${contacts.id} as id, ${key} as k from ${contacts}
      where ${contacts.workspaceId} = ${ctx.workspaceId} and ${contacts.deletedAt} is null
    ),
    dup as (select k from keyed where k is not null group by k having count(*) > 1)
    select ${reason} as reason, ${cols("a")}, ${cols("b")}
    from keyed ka join keyed kb on ka.k = kb.k and ka.id < kb.id
    join contacts a on a.id = ka.id join contacts b on b.id = kb.id
    where ka.k in (select k from dup) ${only}
    limit ${limit}`;
  const sameName = sql`case when ${contacts.companyId} is not null and ${contacts.lastName} is not null and ${contacts.firstName} is not null
    then ${contacts.companyId}::text || '|' || lower(trim(${contacts.lastName})) || '|' || left(lower(trim(${contacts.firstName})), 1) end`;
  const results = await Promise.all([
    ctx.db.execute(q("same_email", sql`case when ${contacts.email} is not null then ${canonicalEmail} end`)),
    ctx.db.execute(q("same_phone", sql`${contacts.phone}`)),
    ctx.db.execute(q("same_name_same_company", sameName)),
  ]);
  const pairs: DuplicatePair[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    for (const row of r.rows as Record<string, unknown>[]) {
      const pick = (t: "a" | "b") => ({
        id: row[`${t}_id`] as string,
        email: row[`${t}_email`] as string | null,
        firstName: row[`${t}_first_name`] as string | null,
        lastName: row[`${t}_last_name`] as string | null,
        phone: row[`${t}_phone`] as string | null,
        companyId: row[`${t}_company_id`] as string | null,
        createdAt: new Date(row[`${t}_created_at`] as string),
      });
      const a = pick("a");
      const b = pick("b");
      const key = [a.id, b.id].sort().join(":");
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push({ reason: row.reason as DuplicateReason, a, b });
    }
  }
  return pairs.slice(0, limit);
}

/** Folds `loserId` into `winnerId` in one transaction; the loser is removed, everything it carried moves over. */
export async function mergeContacts(ctx: Ctx, raw: z.input<typeof mergeContactsSchema>): Promise<Contact> {
  authorize(ctx, "contacts.write");
  authorize(ctx, "contacts.delete");
  const input = mergeContactsSchema.parse(raw);
  const [winner, loser] = await Promise.all([getContact(ctx, input.winnerId), getContact(ctx, input.loserId)]);
  const patch: Record<string, unknown> = {};
  const provenance = { ...loser.provenance, ...winner.provenance };
  for (const f of MERGE_FIELDS) {
    const choice = input.pick[f] ?? (winner[f] === null || winner[f] === undefined ? "loser" : "winner");
    if (choice === "loser") {
      patch[f] = loser[f];
      if (loser.provenance[f]) provenance[f] = loser.provenance[f];
      else delete provenance[f];
    }
  }
  const tags = [...new Set([...winner.tags, ...loser.tags])].sort();
  const custom = { ...loser.custom, ...winner.custom };
  return ctx.db.transaction(async (tx) => {
    const scope = (t: { workspaceId: Parameters<typeof eq>[0]; contactId: Parameters<typeof eq>[0] }) =>
      and(eq(t.workspaceId, ctx.workspaceId), eq(t.contactId, loser.id));
    await tx.update(contactEvents).set({ contactId: winner.id }).where(scope(contactEvents));
    await tx.update(contactNotes).set({ contactId: winner.id }).where(scope(contactNotes));
    await tx.update(lifecycleHistory).set({ contactId: winner.id }).where(scope(lifecycleHistory));
    await tx.execute(sql`
      insert into segment_members (workspace_id, segment_id, contact_id, added_at)
      select workspace_id, segment_id, ${winner.id}, added_at from segment_members
      where workspace_id = ${ctx.workspaceId} and contact_id = ${loser.id}
      on conflict do nothing`);
    await tx.delete(segmentMembers).where(scope(segmentMembers));
    // The loser goes first so that the winner may take its email without tripping the unique index.
    await tx.delete(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, [loser.id]), isNull(contacts.deletedAt)));
    const [merged] = await tx
      .update(contacts)
      .set({ ...(patch as Partial<Contact>), tags, custom, provenance, updatedAt: new Date() })
      .where(eq(contacts.id, winner.id))
      .returning();
    await tx.insert(contactEvents).values({
      workspaceId: ctx.workspaceId,
      contactId: winner.id,
      type: "merged",
      occurredAt: new Date(),
      properties: { mergedContactId: loser.id, mergedEmail: loser.email, fieldsFromMerged: Object.keys(patch), actor: ctx.actorLabel },
    });
    await recordAudit(tx, ctx, {
      action: "contact.merge",
      entityType: "contact",
      entityId: winner.id,
      before: {
        winner: { id: winner.id, email: winner.email, name: [winner.firstName, winner.lastName].filter(Boolean).join(" ") },
        loser: { id: loser.id, email: loser.email, name: [loser.firstName, loser.lastName].filter(Boolean).join(" ") },
      },
      after: { fieldsFromLoser: Object.keys(patch), tags },
    });
    return merged!;
  });
}
