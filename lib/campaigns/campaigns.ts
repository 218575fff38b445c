// Campaigns: the thread that ties AICMO together. AI cost, CRM events, media usage, posts and ads all point at one.
// Every query is scoped to ctx.workspaceId; a campaign of another workspace is "not found".
import "server-only";
import { and, asc, desc, eq, gt, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { campaigns, members, users, type Campaign } from "@/db/schema";
import { authorize, type Ctx } from "@/lib/auth/context";
import { diffSummary, recordAudit } from "@/lib/audit";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import {
  createCampaignSchema,
  listCampaignsSchema,
  updateCampaignSchema,
  type CreateCampaignInput,
  type ListCampaignsInput,
  type UpdateCampaignInput,
} from "./schemas";

export type CampaignRow = Campaign & { ownerName: string | null };

export interface CampaignPage {
  items: CampaignRow[];
  nextCursor: string | null;
}

const ownerName = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${campaigns.ownerUserId})`;

// Each sort is a keyset over (expression, id), so deep pages stay index-friendly. The cursor carries the
// expression's exact text from Postgres (timestamps keep their microseconds) and is cast back for comparison.
// Nulls placement spelled out for the index on (created_at DESC NULLS LAST): a bare DESC (NULLS FIRST) cannot use it.
const SORTS = {
  newest: { expr: sql`${campaigns.createdAt}`, cast: "timestamptz", dir: "desc", nulls: "last" },
  oldest: { expr: sql`${campaigns.createdAt}`, cast: "timestamptz", dir: "asc", nulls: "first" },
  name: { expr: sql`lower(${campaigns.name})`, cast: "text", dir: "asc", nulls: "last" },
  start: { expr: sql`coalesce(${campaigns.startDate}, '9999-12-31'::date)`, cast: "date", dir: "asc", nulls: "last" },
  budget: { expr: sql`${campaigns.budgetMinor}`, cast: "bigint", dir: "desc", nulls: "last" },
} as const;

export async function listCampaigns(ctx: Ctx, raw: ListCampaignsInput = {}): Promise<CampaignPage> {
  authorize(ctx, "campaigns.read");
  const input = listCampaignsSchema.parse(raw);
  const sort = SORTS[input.sort];
  const conds: SQL[] = [eq(campaigns.workspaceId, ctx.workspaceId)];
  if (input.status) conds.push(eq(campaigns.status, input.status));
  if (input.q) conds.push(ilike(campaigns.name, `%${escapeLike(input.q)}%`));
  if (input.tag) conds.push(sql`${input.tag.toLowerCase()} = any(${campaigns.tags})`);
  const cur = decodeCursor(input.cursor);
  if (cur) {
    const v = sql`cast(${String(cur.v)} as ${sql.raw(sort.cast)})`;
    const beyond = sort.dir === "desc" ? sql`${sort.expr} < ${v}` : sql`${sort.expr} > ${v}`;
    const idBeyond = sort.dir === "desc" ? lt(campaigns.id, cur.id) : gt(campaigns.id, cur.id);
    conds.push(or(beyond, and(sql`${sort.expr} = ${v}`, idBeyond))!);
  }
  const direction = sql.raw(`${sort.dir} nulls ${sort.nulls}`);
  const order = [sql`${sort.expr} ${direction}`, sort.dir === "desc" ? desc(campaigns.id) : asc(campaigns.id)];
  const rows = await ctx.db
    .select({ campaign: campaigns, ownerName, sortKey: sql<string>`(${sort.expr})::text` })
    .from(campaigns)
    .where(and(...conds))
    .orderBy(...order)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r.campaign, ownerName: r.ownerName })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.sortKey, last.campaign.id) : null,
  };
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** The campaign, or CAMPAIGN_NOT_FOUND when it is absent or belongs to another workspace. */
export async function getCampaign(ctx: Ctx, id: string): Promise<CampaignRow> {
  authorize(ctx, "campaigns.read");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError("Campaign");
  const [row] = await ctx.db
    .select({ campaign: campaigns, ownerName })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Campaign");
  return { ...row.campaign, ownerName: row.ownerName };
}

/** Looks up campaigns by name in this workspace (for pickers that attach things to a campaign). */
export async function findCampaignsByName(ctx: Ctx, q: string, limit = 10): Promise<Pick<Campaign, "id" | "name" | "status">[]> {
  authorize(ctx, "campaigns.read");
  return ctx.db
    .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), ilike(campaigns.name, `%${escapeLike(q)}%`)))
    .orderBy(asc(campaigns.name))
    .limit(limit);
}

async function assertOwnerIsMember(ctx: Ctx, ownerUserId: string | null | undefined): Promise<void> {
  if (!ownerUserId) return;
  const [m] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, ctx.workspaceId), eq(members.userId, ownerUserId)))
    .limit(1);
  if (!m) throw new ValidationError({ ownerUserId: ["The owner must be a member of this workspace."] });
}

function summary(c: Partial<Campaign>) {
  const { name, status, budgetMinor, currency, startDate, endDate, ownerUserId, tags, objective } = c;
  return { name, status, budgetMinor, currency, startDate, endDate, ownerUserId, tags, objective };
}

export async function createCampaign(ctx: Ctx, raw: CreateCampaignInput): Promise<Campaign> {
  authorize(ctx, "campaigns.write");
  const input = createCampaignSchema.parse(raw);
  await assertOwnerIsMember(ctx, input.ownerUserId);
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(campaigns)
      .values({ ...input, ownerUserId: input.ownerUserId ?? ctx.userId, workspaceId: ctx.workspaceId })
      .returning();
    await recordAudit(tx, ctx, {
      action: "campaign.create",
      entityType: "campaign",
      entityId: created!.id,
      after: summary(created!),
    });
    return created!;
  });
}

export async function updateCampaign(ctx: Ctx, raw: UpdateCampaignInput): Promise<Campaign> {
  authorize(ctx, "campaigns.write");
  const { id, ...patch } = updateCampaignSchema.parse(raw);
  const current = await getCampaign(ctx, id);
  const merged = { startDate: patch.startDate ?? current.startDate, endDate: patch.endDate ?? current.endDate };
  if (merged.startDate && merged.endDate && merged.startDate > merged.endDate) {
    throw new ValidationError({ endDate: ["The end date is before the start date."] });
  }
  await assertOwnerIsMember(ctx, patch.ownerUserId);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(campaigns)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, id)))
      .returning();
    if (!updated) throw new NotFoundError("Campaign");
    const d = diffSummary(summary(current), summary(patch as Partial<Campaign>));
    await recordAudit(tx, ctx, { action: "campaign.update", entityType: "campaign", entityId: id, ...d });
    return updated;
  });
}

export async function deleteCampaign(ctx: Ctx, id: string): Promise<{ id: string }> {
  authorize(ctx, "campaigns.write");
  const current = await getCampaign(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(campaigns).where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, id)));
    await recordAudit(tx, ctx, { action: "campaign.delete", entityType: "campaign", entityId: id, before: summary(current) });
  });
  return { id };
}
