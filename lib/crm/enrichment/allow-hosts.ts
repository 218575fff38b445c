// The website fetcher's admin allow-list: hosts it may reach even when they resolve to internal addresses (an intranet
// CMS, a staging site). Managing it needs settings.manage; never let an entry reach another workspace's fetches.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { enrichmentAllowHosts } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import { allowHostSchema, type AllowHostInput } from "./schemas";

export interface AllowHost {
  host: string;
  createdAt: Date;
}

/** The workspace's allow-listed hosts, for the fetcher (no permission check: it is not shown to anyone). */
export async function loadAllowHosts(db: DbOrTx, workspaceId: string): Promise<string[]> {
  const rows = await db.select({ host: enrichmentAllowHosts.host }).from(enrichmentAllowHosts).where(eq(enrichmentAllowHosts.workspaceId, workspaceId));
  return rows.map((r) => r.host);
}

export async function listAllowHosts(ctx: Ctx): Promise<AllowHost[]> {
  authorize(ctx, "settings.manage");
  return ctx.db
    .select({ host: enrichmentAllowHosts.host, createdAt: enrichmentAllowHosts.createdAt })
    .from(enrichmentAllowHosts)
    .where(eq(enrichmentAllowHosts.workspaceId, ctx.workspaceId))
    .orderBy(asc(enrichmentAllowHosts.host));
}

/** Adds a host (idempotent: adding it again returns the existing entry). */
export async function addAllowHost(ctx: Ctx, raw: AllowHostInput): Promise<AllowHost> {
  authorize(ctx, "settings.manage");
  const { host } = allowHostSchema.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx.insert(enrichmentAllowHosts).values({ workspaceId: ctx.workspaceId, host }).onConflictDoNothing().returning();
    if (created) {
      await recordAudit(tx, ctx, { action: "enrichment.allow_host.add", entityType: "enrichment_allow_host", entityId: host, after: { host } });
      return { host: created.host, createdAt: created.createdAt };
    }
    const [existing] = await tx
      .select({ host: enrichmentAllowHosts.host, createdAt: enrichmentAllowHosts.createdAt })
      .from(enrichmentAllowHosts)
      .where(and(eq(enrichmentAllowHosts.workspaceId, ctx.workspaceId), eq(enrichmentAllowHosts.host, host)));
    return existing!;
  });
}

/** Removes a host; ALLOW_HOST_NOT_FOUND when this workspace does not list it. */
export async function removeAllowHost(ctx: Ctx, raw: AllowHostInput): Promise<{ host: string }> {
  authorize(ctx, "settings.manage");
  const { host } = allowHostSchema.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(enrichmentAllowHosts)
      .where(and(eq(enrichmentAllowHosts.workspaceId, ctx.workspaceId), eq(enrichmentAllowHosts.host, host)))
      .returning({ host: enrichmentAllowHosts.host });
    if (!gone) throw new NotFoundError("Allow-listed host", "ALLOW_HOST_NOT_FOUND");
    await recordAudit(tx, ctx, { action: "enrichment.allow_host.remove", entityType: "enrichment_allow_host", entityId: host, before: { host } });
    return { host };
  });
}
