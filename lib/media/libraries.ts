// Media libraries (per brand or project): create, list with counts, rename, delete when empty.
// Every query is scoped to ctx.workspaceId; another workspace's library is "not found".
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { mediaAssets, mediaLibraries, type MediaLibrary } from "@/db/schema";
import { diffSummary, recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { libraryNotFound, mediaConflict } from "./errors";
import { createLibrarySchema, updateLibrarySchema, type CreateLibraryInput, type UpdateLibraryInput } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LibraryWithStats extends MediaLibrary {
  assetCount: number;
  totalBytes: number;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === "23505" || err?.cause?.code === "23505";
}

const nameTaken = (name: string) => mediaConflict("LIBRARY_NAME_TAKEN", `A library called "${name}" already exists.`);

// The outer table is named explicitly: drizzle renders a column of a single-table select unqualified, which inside
// this subquery would bind to the asset row itself (a.library_id = a.id) and count nothing.
const stats = {
  assetCount: sql<number>`(select count(*)::int from ${mediaAssets} a where a.workspace_id = media_libraries.workspace_id and a.library_id = media_libraries.id and a.status <> 'DELETED')`,
  totalBytes: sql<number>`(select coalesce(sum(a.bytes), 0)::bigint from ${mediaAssets} a where a.workspace_id = media_libraries.workspace_id and a.library_id = media_libraries.id and a.status <> 'DELETED')`,
};

export async function listLibraries(ctx: Ctx): Promise<LibraryWithStats[]> {
  authorize(ctx, "media.read");
  const rows = await ctx.db
    .select({ lib: mediaLibraries, ...stats })
    .from(mediaLibraries)
    .where(eq(mediaLibraries.workspaceId, ctx.workspaceId))
    .orderBy(asc(sql`lower(${mediaLibraries.name})`), desc(mediaLibraries.id))
    .limit(500);
  return rows.map((r) => ({ ...r.lib, assetCount: Number(r.assetCount), totalBytes: Number(r.totalBytes) }));
}

export async function getLibrary(ctx: Ctx, id: string): Promise<LibraryWithStats> {
  authorize(ctx, "media.read");
  if (!UUID.test(id)) throw libraryNotFound();
  const [row] = await ctx.db
    .select({ lib: mediaLibraries, ...stats })
    .from(mediaLibraries)
    .where(and(eq(mediaLibraries.workspaceId, ctx.workspaceId), eq(mediaLibraries.id, id)))
    .limit(1);
  if (!row) throw libraryNotFound();
  return { ...row.lib, assetCount: Number(row.assetCount), totalBytes: Number(row.totalBytes) };
}

export async function createLibrary(ctx: Ctx, raw: CreateLibraryInput): Promise<LibraryWithStats> {
  authorize(ctx, "media.write");
  const input = createLibrarySchema.parse(raw);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(mediaLibraries)
        .values({ workspaceId: ctx.workspaceId, name: input.name, description: input.description, createdByUserId: ctx.apiKeyId ? null : ctx.userId })
        .returning();
      await recordAudit(tx, ctx, { action: "media_library.create", entityType: "media_library", entityId: row!.id, after: { name: row!.name } });
      return { ...row!, assetCount: 0, totalBytes: 0 };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name);
    throw e;
  }
}

export async function updateLibrary(ctx: Ctx, id: string, raw: UpdateLibraryInput): Promise<LibraryWithStats> {
  authorize(ctx, "media.write");
  const patch = updateLibrarySchema.parse(raw);
  const before = await getLibrary(ctx, id);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(mediaLibraries)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(mediaLibraries.workspaceId, ctx.workspaceId), eq(mediaLibraries.id, id)));
      const d = diffSummary({ name: before.name, description: before.description }, patch);
      if (Object.keys(d.after).length) await recordAudit(tx, ctx, { action: "media_library.update", entityType: "media_library", entityId: id, ...d });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(patch.name ?? before.name);
    throw e;
  }
  return getLibrary(ctx, id);
}

/** Deletes an empty library; one that still holds assets (deleted ones included, until purged) is refused. */
export async function deleteLibrary(ctx: Ctx, id: string): Promise<{ id: string }> {
  authorize(ctx, "media.delete");
  const lib = await getLibrary(ctx, id);
  const [held] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(mediaAssets)
    .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), eq(mediaAssets.libraryId, id)));
  if (Number(held?.n ?? 0) > 0) {
    throw mediaConflict("LIBRARY_NOT_EMPTY", `"${lib.name}" still holds ${held!.n} asset(s), counting any in the bin. Move or purge them first.`);
  }
  await ctx.db.transaction(async (tx) => {
    await tx.delete(mediaLibraries).where(and(eq(mediaLibraries.workspaceId, ctx.workspaceId), eq(mediaLibraries.id, id)));
    await recordAudit(tx, ctx, { action: "media_library.delete", entityType: "media_library", entityId: id, before: { name: lib.name } });
  });
  return { id };
}

export function libraryToJson(l: LibraryWithStats) {
  return {
    id: l.id,
    name: l.name,
    description: l.description,
    assetCount: l.assetCount,
    totalBytes: l.totalBytes,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}
