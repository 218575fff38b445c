// Resolves who a user is inside a workspace: their membership and role. Used to build every request ctx.
// A user who is not a member of a workspace gets null here, never another workspace's data.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { members, workspaces } from "@/db/schema";
import { isRole, type Role } from "@/lib/auth/permissions";

export interface MyWorkspace {
  id: string;
  name: string;
  slug: string;
  role: Role;
}

export async function listMyWorkspaces(db: DbOrTx, userId: string): Promise<MyWorkspace[]> {
  const rows = await db
    .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: members.role })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .where(eq(members.userId, userId))
    .orderBy(asc(workspaces.name));
  return rows.filter((r): r is MyWorkspace => isRole(r.role));
}

export async function getMembershipRole(db: DbOrTx, userId: string, workspaceId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: members.role })
    .from(members)
    .where(and(eq(members.userId, userId), eq(members.organizationId, workspaceId)))
    .limit(1);
  return row && isRole(row.role) ? row.role : null;
}
