// Configures a seeded benchmark database through the real engine: the seeded owner's ctx, providers pointing at the
// loopback upstream, the `chat` chain and one failover chain per other task, and an owner API key. Never touch a non-throwaway db.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { members, users, workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/auth/context";
import { createProvider, saveChain, type AiTask } from "@/lib/gateway";
import { createApiKey } from "@/lib/workspaces";
import { DEMO_USERS, DEMO_WORKSPACE_SLUG } from "@/scripts/seed";

/**
 * Tasks whose chain is [A answering 500] then [B answering ok]. Each gets its own A, because A's circuit breaker opens
 * after 5 consecutive failures and from then on A is skipped rather than called: at most FAILOVER_SAMPLES_PER_A
 * samples per A can measure a real failover.
 */
export const FAILOVER_TASKS: AiTask[] = ["copywriting", "subject_lines", "hashtags", "enrichment", "summarise", "alt_text"];
export const FAILOVER_SAMPLES_PER_A = 5;

/** The seeded demo workspace's owner, as an engine ctx. */
export async function seededOwnerCtx(db: Db): Promise<Ctx> {
  const email = DEMO_USERS.find((u) => u.role === "owner")!.email;
  const [row] = await db
    .select({ workspaceId: workspaces.id, userId: users.id })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(workspaces.slug, DEMO_WORKSPACE_SLUG), eq(users.email, email), eq(members.role, "owner")))
    .limit(1);
  if (!row) throw new Error(`no seeded owner ${email} in ${DEMO_WORKSPACE_SLUG}: was the database seeded?`);
  return { db, workspaceId: row.workspaceId, userId: row.userId, role: "owner", actorLabel: email };
}

export interface GatewaySetup {
  ctx: Ctx;
  /** B: the provider that answers; the `chat` chain's only level. */
  okProviderId: string;
  /** A per failover task. */
  failProviderIds: Map<AiTask, string>;
}

// Not a real key: the upstream ignores it, but the openai provider kind requires one.
const BENCH_KEY = "sk-bench-not-a-real-key-0000";

export async function configureGateway(db: Db, upstream: { okBaseUrl: string; failBaseUrl: string }): Promise<GatewaySetup> {
  const ctx = await seededOwnerCtx(db);
  const ok = await createProvider(ctx, { name: "Bench upstream", kind: "openai", baseUrl: upstream.okBaseUrl, model: "bench-model", apiKey: BENCH_KEY });
  await saveChain(ctx, { task: "chat", levels: [{ providers: [{ providerId: ok.id, weight: 1 }] }] });
  const failProviderIds = new Map<AiTask, string>();
  for (const task of FAILOVER_TASKS) {
    const a = await createProvider(ctx, { name: `Bench 500 (${task})`, kind: "openai", baseUrl: upstream.failBaseUrl, model: "bench-model", apiKey: BENCH_KEY });
    failProviderIds.set(task, a.id);
    await saveChain(ctx, {
      task,
      levels: [{ providers: [{ providerId: a.id, weight: 1 }] }, { providers: [{ providerId: ok.id, weight: 1 }] }],
    });
  }
  return { ctx, okProviderId: ok.id, failProviderIds };
}

/** An owner-role workspace API key, plaintext (shown once, as in Settings). */
export async function ownerApiKey(ctx: Ctx): Promise<string> {
  const { key } = await createApiKey(ctx, { name: "Gateway benchmark", role: "owner" });
  return key;
}
