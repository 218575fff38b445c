// When no provider can answer, the error says what each one did: every attempt (provider, kind, model, HTTP status,
// the provider's message, latency) in AiUnavailableError.details and in the playground action's failure, with every
// key redacted, even when the vendor echoes the key or a configured secret header. Also: a clean shutdown lets the
// dedicated listener's calls in flight finish and writes their log rows.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { aiRequests } from "@/db/schema";
import type { Ctx } from "@/lib/auth/context";
import { setEnv } from "@/lib/env";
import { AiUnavailableError, complete, createProvider, flushAiLog, invalidateChains, resetBreaker, saveChain } from "@/lib/gateway";
import { offlineAdapter } from "@/lib/gateway/providers";
import { ProviderError } from "@/lib/gateway/types";
import { createApiKey } from "@/lib/workspaces";
import { setupTestDb } from "@/db/test-db";
import { startMockVendor, type MockVendor } from "../mock-vendors/server";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const session = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentSession: async () => null,
  resolveSessionCtx: async () => session.ctx,
  requireActionCtx: async () => session.ctx!,
  requirePageCtx: async () => session.ctx,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const getDb = setupTestDb();
const KEY_A = "sk-test-FAILS-aaaaaaaaaaaaaaaa";
const KEY_B = "sk-ant-FAILS-bbbbbbbbbbbbbbbb";
const HEADER_SECRET = "proxy-token-cccccccccccccccc";
let ws: TestWorkspace;
const vendors: MockVendor[] = [];

beforeAll(() => {
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  setEnv("AICMO_ENCRYPTION_KEY", "ab".repeat(32));
});

beforeEach(async () => {
  ws = await makeWorkspace(getDb());
  resetBreaker();
  invalidateChains();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(vendors.splice(0).map((v) => v.close()));
  await flushAiLog();
});

afterAll(() => flushAiLog());

/** Two providers on local servers that answer 500 and echo back the secrets each was sent. */
async function failingChain(): Promise<{ a: string; b: string }> {
  const va = await startMockVendor("openai", { type: "status", status: 500, message: `Internal error; you sent ${KEY_A} and ${HEADER_SECRET}` });
  const vb = await startMockVendor("anthropic", { type: "status", status: 500, message: `Internal error; you sent ${KEY_B}` });
  vendors.push(va, vb);
  const admin = ws.ctx("admin");
  const a = await createProvider(admin, { name: "Primary OpenAI", kind: "openai", baseUrl: va.baseUrl, model: "gpt-4o-mini", apiKey: KEY_A, headers: { "x-proxy-token": HEADER_SECRET } });
  const b = await createProvider(admin, { name: "Backup Anthropic", kind: "anthropic", baseUrl: vb.baseUrl, model: "claude-3-5-haiku-latest", apiKey: KEY_B });
  await saveChain(admin, { task: "copywriting", levels: [{ providers: [{ providerId: a.id, weight: 1 }] }, { providers: [{ providerId: b.id, weight: 1 }] }], maxRetries: 0 });
  // The built-in offline provider ends every chain and always answers; here it fails too, so that no provider can.
  vi.spyOn(offlineAdapter, "chat").mockRejectedValue(new ProviderError("other", "offline templates unavailable"));
  return { a: a.id, b: b.id };
}

const ask = (ctx: Ctx) => complete(ctx, { task: "copywriting", messages: [{ role: "user", content: "Write a launch post" }], maxTokens: 200 });

function expectNoSecret(value: unknown): void {
  const text = JSON.stringify(value);
  for (const s of [KEY_A, KEY_B, HEADER_SECRET]) expect(text).not.toContain(s);
}

describe("when every provider fails", () => {
  it("AiUnavailableError's details list each attempt (provider, model, status, message, latency) without any key", async () => {
    const { a, b } = await failingChain();
    const err = await ask(ws.ctx("marketer")).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AiUnavailableError);
    const failure = err as AiUnavailableError;
    expect(failure.code).toBe("AI_PROVIDERS_FAILED");
    expect(failure.status).toBe(502);
    const attempts = failure.details?.attempts as AiUnavailableError["attempts"];
    expect(attempts.map((t) => [t.providerId, t.providerName, t.kind, t.model, t.ok])).toEqual([
      [a, "Primary OpenAI", "openai", "gpt-4o-mini", false],
      [b, "Backup Anthropic", "anthropic", "claude-3-5-haiku-latest", false],
      [null, "Offline (built in)", "offline", "offline-templates-v1", false],
    ]);
    for (const t of attempts.slice(0, 2)) {
      expect(t.error).toMatchObject({ kind: "server", status: 500 });
      // The vendor's own words stay readable; only the secrets are cut out.
      expect(t.error?.message).toContain("Internal error; you sent [redacted]");
      expect(t.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(attempts[2]?.error).toMatchObject({ kind: "other", message: "offline templates unavailable" });
    expectNoSecret(failure.details);
    expectNoSecret(failure.message);
    // The log holds the same attempts, equally clean.
    await flushAiLog();
    const rows = await getDb().select().from(aiRequests).where(eq(aiRequests.workspaceId, ws.id));
    expect(rows.map((r) => [r.status, r.errorCode, r.attempts.length])).toEqual([["error", "AI_PROVIDERS_FAILED", 3]]);
    expectNoSecret(rows);
  });

  it("the playground's action returns the attempts with its failure, without any key", async () => {
    await failingChain();
    session.ctx = ws.ctx("marketer");
    const { runAiTaskAction } = await import("@/app/(app)/ai/actions");
    const res = await runAiTaskAction({ task: "copywriting", messages: [{ role: "user", content: "Write a launch post" }] });
    expect(res.ok).toBe(false);
    if (res.ok || !("attempts" in res)) throw new Error(`expected a failure with attempts, got ${JSON.stringify(res)}`);
    expect(res.code).toBe("AI_PROVIDERS_FAILED");
    expect(res.attempts.map((t) => [t.providerName, t.error?.status ?? null])).toEqual([
      ["Primary OpenAI", 500],
      ["Backup Anthropic", 500],
      ["Offline (built in)", null],
    ]);
    expectNoSecret(res);
    // Other failures carry no attempts: a validation error is only its fields.
    const invalid = await runAiTaskAction({ task: "copywriting", messages: [] });
    expect(invalid).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
    expect("attempts" in invalid).toBe(false);
  });
});

describe("the OpenAI-compatible listener when every provider fails", () => {
  it("answers 502 with the attempts in error.details, without any key", async () => {
    await failingChain();
    const key = (await createApiKey(ws.ctx("owner"), { name: "Tool", role: "marketer" })).key;
    const { startGatewayListener } = await import("@/lib/gateway/listener");
    const listener = await startGatewayListener(getDb(), { port: 0, host: "127.0.0.1" });
    try {
      const res = await fetch(`http://127.0.0.1:${listener.port}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ task: "copywriting", messages: [{ role: "user", content: "Write a launch post" }] }),
      });
      expect(res.status).toBe(502);
      const body = (await res.json()) as { error: { code: string; details?: { attempts?: { providerName: string }[] } } };
      expect(body.error.code).toBe("AI_PROVIDERS_FAILED");
      expect(body.error.details?.attempts?.map((t) => t.providerName)).toEqual(["Primary OpenAI", "Backup Anthropic", "Offline (built in)"]);
      expectNoSecret(body);
    } finally {
      await listener.close();
    }
  });
});

describe("clean shutdown", () => {
  it("lets the dedicated listener's calls in flight finish, then writes their log rows", async () => {
    const slow = await startMockVendor("openai", { type: "ok", text: "Slow but sure.", latencyMs: 300 });
    vendors.push(slow);
    const admin = ws.ctx("admin");
    const p = await createProvider(admin, { name: "Slow", kind: "openai", baseUrl: slow.baseUrl, model: "gpt-4o-mini", apiKey: KEY_A });
    await saveChain(admin, { task: "chat", levels: [{ providers: [{ providerId: p.id, weight: 1 }] }] });
    const key = (await createApiKey(ws.ctx("owner"), { name: "Tool", role: "marketer" })).key;
    const { startGatewayListener } = await import("@/lib/gateway/listener");
    const { shutdownGateway } = await import("@/lib/gateway/shutdown");
    const listener = await startGatewayListener(getDb(), { port: 0, host: "127.0.0.1" });
    try {
      const call = fetch(`http://127.0.0.1:${listener.port}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: "hello" }] }),
      });
      await vi.waitFor(() => expect(slow.requests).toHaveLength(1));
      await shutdownGateway();
      // By the time shutdown is done, the call has been answered and its row written, with no flush from the test.
      const rows = await getDb().select().from(aiRequests).where(eq(aiRequests.workspaceId, ws.id));
      expect(rows.map((r) => [r.status, r.providerId])).toEqual([["ok", p.id]]);
      const res = await call;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe("Slow but sure.");
      // And the listener no longer accepts calls.
      await expect(fetch(`http://127.0.0.1:${listener.port}/v1/chat/completions`, { method: "POST" })).rejects.toThrow();
    } finally {
      await listener.close();
    }
  });
});
