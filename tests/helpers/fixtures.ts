// Integration-test fixtures: workspaces with one member per role, and the ctx each member acts with.
// Builds rows directly (no HTTP); never reuse these ids across test files, each file has its own database.
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { members, users, workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/auth/context";
import { ROLES, type Role } from "@/lib/auth/permissions";

export interface TestWorkspace {
  id: string;
  name: string;
  users: Record<Role, { id: string; email: string }>;
  ctx: (role: Role) => Ctx;
}

export async function makeWorkspace(db: Db, name = `WS ${randomUUID().slice(0, 6)}`): Promise<TestWorkspace> {
  const id = randomUUID();
  await db.insert(workspaces).values({ id, name, slug: `ws-${id.slice(0, 8)}` });
  const byRole = {} as Record<Role, { id: string; email: string }>;
  for (const role of ROLES) {
    const userId = randomUUID();
    const email = `${role}-${id.slice(0, 8)}@example.test`;
    await db.insert(users).values({ id: userId, name: `${role} ${name}`, email });
    await db.insert(members).values({ id: randomUUID(), organizationId: id, userId, role });
    byRole[role] = { id: userId, email };
  }
  return {
    id,
    name,
    users: byRole,
    ctx: (role) => ({ db, workspaceId: id, userId: byRole[role].id, role, actorLabel: byRole[role].email }),
  };
}
