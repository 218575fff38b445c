// Creates a benchmark workspace with one owner member and returns the engine ctx the CRM functions take.
// Never reuse a real workspace or user: every id and email here is fresh and lives only in the throwaway database.
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { members, users, workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/auth/context";

export async function createBenchWorkspace(db: Db, name: string): Promise<Ctx> {
  const workspaceId = randomUUID();
  const userId = randomUUID();
  const email = `owner-${workspaceId.slice(0, 8)}@bench.aicmo.test`;
  await db.insert(workspaces).values({ id: workspaceId, name, slug: `bench-${workspaceId.slice(0, 8)}` });
  await db.insert(users).values({ id: userId, name: `Owner of ${name}`, email });
  await db.insert(members).values({ id: randomUUID(), organizationId: workspaceId, userId, role: "owner" });
  return { db, workspaceId, userId, role: "owner", actorLabel: email };
}
