// The AI gateway against local servers that answer exactly as OpenAI, Anthropic and Gemini do: failover on 500, 429 and
// a hung upstream, Retry-After, the breaker's open/half-open/closed cycle, no retry on 400, the deadline, mid-stream
// failure, budgets under concurrency, the cache, accounting, and keys that never leak.
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { aiProviders, aiRequests, aiSpend } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { createCampaign } from "@/lib/campaigns";
import { setEnv } from "@/lib/env";
import {
  breakerState,
  complete,
  completeStream,
  createProvider,
  deleteProvider,
  flushAiLog,
  invalidateChains,
  listAiRequests,
  providerHealth,
  resetBreaker,
  saveChain,
  setBudget,
  setPrice,
  resetPrice,
  listPrices,
  costByCampaign,
  costByDay,
  budgetStatus,
  type GatewayStreamEvent,
} from "@/lib/gateway";
import { startMockVendor, type MockVendor } from "../mock-vendors/server";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
const vendors: MockVendor[] = [];
const SECRET_A = "sk-test-SECRET-aaaaaaaaaaaa";
const SECRET_B = "sk-ant-SECRET-bbbbbbbbbbbb";

beforeAll(async () => {
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  setEnv("AICMO_ENCRYPTION_KEY", "cd".repeat(32));
});

beforeEach(async () => {
  // A fresh workspace per test keeps chains, budgets and logs apart.
  ws = await makeWorkspace(getDb());
  resetBreaker();
  invalidateChains();
});

afterEach(async () => {
  await Promise.all(vendors.splice(0).map((v) => v.close()));
  await flushAiLog();
});

afterAll(async () => {
  await flushAiLog();
});

async function vendor(kind: "openai" | "anthropic" | "gemini", behaviour: Parameters<typeof startMockVendor>[1], apiKey?: string) {
  const v = await startMockVendor(kind, behaviour, apiKey ? { apiKey } : {});
  vendors.push(v);
  return v;
}

async function provider(kind: "openai" | "anthropic" | "gemini", v: MockVendor, apiKey = SECRET_A, model = `${kind}-test-model`) {
  return createProvider(ws.ctx("admin"), { name: `${kind} ${vendors.length}`, kind, baseUrl: v.baseUrl, model, apiKey });
}

async function chain(levels: string[][], opts: { attemptTimeoutMs?: number; deadlineMs?: number; maxRetries?: number; cacheTtlSeconds?: number | null } = {}) {
  await saveChain(ws.ctx("admin"), { task: "copywriting", levels: levels.map((ids) => ({ providers: ids.map((providerId) => ({ providerId, weight: 1 })) })), ...opts });
}

const ask = (extra: Record<string, unknown> = {}) =>
  complete(ws.ctx("marketer"), { task: "copywriting", messages: [{ role: "user", content: "Write a launch post" }], maxTokens: 200, ...extra });

describe("failover", () => {
  it("fails over from a 500 to the next provider", async () => {
    const a = await vendor("openai", 500);
    const b = await vendor("anthropic", "ok");
    const pa = await provider("openai", a);
    const pb = await provider("anthropic", b, SECRET_B);
    await chain([[pa.id], [pb.id]]);
    const answer = await ask();
    expect(answer.providerId).toBe(pb.id);
    expect(answer.text).toContain("mock Anthropic");
    expect(answer.attempts.map((x) => [x.providerId, x.ok])).toEqual([
      [pa.id, false],
      [pb.id, true],
    ]);
    // Another real provider was waiting, so the failing one was not retried first.
    expect(a.requests).toHaveLength(1);
  });

  it("fails over from a 429 and from a hung upstream within the attempt timeout", async () => {
    const limited = await vendor("openai", { type: "status", status: 429, retryAfter: 30 });
    const hung = await vendor("gemini", "hang");
    const ok = await vendor("anthropic", "ok");
    const p1 = await provider("openai", limited);
    const p2 = await provider("gemini", hung);
    const p3 = await provider("anthropic", ok, SECRET_B);
    await chain([[p1.id], [p2.id], [p3.id]], { attemptTimeoutMs: 600, deadlineMs: 10_000 });
    const started = Date.now();
    const answer = await ask();
    expect(answer.providerId).toBe(p3.id);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(answer.attempts.map((x) => x.error?.kind ?? "ok")).toEqual(["rate_limited", "timeout", "ok"]);
  });

  it("answers from the offline provider when every real provider fails, and says so", async () => {
    const a = await vendor("openai", 503);
    const pa = await provider("openai", a);
    await chain([[pa.id]], { maxRetries: 0 });
    const answer = await ask({ input: { topic: "spring sale", channel: "linkedin" } });
    expect(answer.offline).toBe(true);
    expect(answer.providerKind).toBe("offline");
    expect(answer.text.length).toBeGreaterThan(20);
  });

  it("works with no provider configured at all, through the offline provider", async () => {
    const answer = await complete(ws.ctx("marketer"), {
      task: "hashtags",
      messages: [{ role: "user", content: "Hashtags for our eco-friendly running shoes launch" }],
      input: { text: "Eco-friendly running shoes launch for marathon runners" },
    });
    expect(answer.offline).toBe(true);
    expect(answer.costMicros).toBe(0);
  });
});

describe("retries", () => {
  it("honours Retry-After before retrying the only real provider", async () => {
    const a = await vendor("openai", [{ type: "status", status: 429, retryAfter: 1 }, "ok"]);
    const pa = await provider("openai", a);
    await chain([[pa.id]], { maxRetries: 2 });
    const started = Date.now();
    const answer = await ask();
    expect(answer.providerId).toBe(pa.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(a.requests).toHaveLength(2);
  });

  it("retries a 5xx with backoff on the only real provider", async () => {
    const a = await vendor("gemini", [500, 502, "ok"]);
    const pa = await provider("gemini", a);
    await chain([[pa.id]], { maxRetries: 2 });
    const answer = await ask();
    expect(answer.providerId).toBe(pa.id);
    expect(a.requests).toHaveLength(3);
  });

  it("never retries a 400", async () => {
    const a = await vendor("openai", 400);
    const pa = await provider("openai", a);
    await chain([[pa.id]], { maxRetries: 3 });
    const answer = await ask();
    expect(a.requests).toHaveLength(1);
    expect(answer.offline).toBe(true);
    expect(answer.attempts[0]?.error?.kind).toBe("bad_request");
  });

  it("marks a key unhealthy after a 401 and skips it until the key changes", async () => {
    const a = await vendor("openai", "ok", "sk-the-right-key-123");
    const pa = await provider("openai", a, "sk-the-wrong-key-456");
    await chain([[pa.id]]);
    const first = await ask();
    expect(first.offline).toBe(true);
    // The key is marked in the background, after the answer: wait for it rather than for a fixed time (a busy CI
    // machine can take longer than any fixed sleep).
    await expect
      .poll(async () => (await getDb().select().from(aiProviders).where(eq(aiProviders.id, pa.id)))[0]?.keyStatus, { timeout: 10_000, interval: 50 })
      .toBe("unhealthy");
    invalidateChains();
    const second = await ask();
    expect(second.attempts[0]?.skipped).toMatch(/key/);
    expect(a.requests).toHaveLength(1);
  });
});

describe("deadline and breaker", () => {
  it("respects the overall deadline even when retries × timeouts would exceed it", async () => {
    const a = await vendor("openai", "hang");
    const pa = await provider("openai", a);
    await chain([[pa.id]], { attemptTimeoutMs: 800, deadlineMs: 1_200, maxRetries: 5 });
    const started = Date.now();
    const answer = await ask();
    const took = Date.now() - started;
    expect(answer.offline).toBe(true);
    // Without the deadline, six 800 ms attempts plus backoff would take over 5 s; 800 ms of slack covers a busy machine's
    // database and fallback work while still failing if even a third attempt were started.
    expect(took).toBeLessThan(1_200 + 800);
    expect(a.requests.length).toBeLessThanOrEqual(2);
  });

  it("opens after consecutive failures (even for a single-provider chain), half-opens after the cooldown, and closes on success", async () => {
    const a = await vendor("openai", 500);
    const pa = await provider("openai", a);
    await chain([[pa.id]], { maxRetries: 0 });
    for (let i = 0; i < 5; i++) await ask();
    expect(breakerState(pa.id).state).toBe("open");
    const before = a.requests.length;
    const skipped = await ask();
    expect(a.requests.length).toBe(before);
    expect(skipped.attempts[0]?.skipped).toBe("circuit breaker open");
    expect(skipped.offline).toBe(true);
  });

  it("lets one probe through after the cooldown and closes when it succeeds", async () => {
    const { breakerFor } = await import("@/lib/gateway/breakers");
    const a = await vendor("openai", [500, 500, "ok"]);
    const pa = await provider("openai", a);
    await chain([[pa.id]], { maxRetries: 0 });
    // The cooldown is long enough that the "open" check right after the second failure cannot see it expire even on a
    // busy machine, and short enough to keep the test quick.
    const settings = { consecutiveFailures: 2, errorRate: 0.99, windowMs: 60_000, minimumRps: 100, halfOpenAfterMs: 1_500 };
    breakerFor(pa.id, settings);
    await ask();
    await ask();
    expect(breakerState(pa.id).state).toBe("open");
    await new Promise((r) => setTimeout(r, 1_600));
    expect(breakerState(pa.id).state).toBe("half-open");
    const probe = await ask();
    expect(probe.providerId).toBe(pa.id);
    expect(breakerState(pa.id).state).toBe("closed");
  });
});

describe("caller hang-ups", () => {
  // A client that disconnects says nothing about the provider: it must not be retried, and must not open the breaker
  // (which would send everyone else to the offline provider for the cooldown).
  it("does not retry a cancelled call or count it against the provider's breaker", async () => {
    const { breakerFor } = await import("@/lib/gateway/breakers");
    const a = await vendor("openai", "hang");
    const pa = await provider("openai", a);
    await chain([[pa.id]], { attemptTimeoutMs: 5_000, deadlineMs: 10_000, maxRetries: 3 });
    breakerFor(pa.id, { consecutiveFailures: 2, errorRate: 0.99, windowMs: 60_000, minimumRps: 100, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), 80);
      const started = Date.now();
      const call = complete(
        ws.ctx("marketer"),
        { task: "copywriting", messages: [{ role: "user", content: `Write post ${i}` }], maxTokens: 50 },
        { signal: ctl.signal },
      );
      await expect(call).rejects.toMatchObject({ code: "AI_PROVIDERS_FAILED" });
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    expect(a.requests).toHaveLength(3);
    expect(breakerState(pa.id).state).toBe("closed");
    await flushAiLog();
    const logged = await getDb().select().from(aiRequests).where(eq(aiRequests.workspaceId, ws.id));
    expect(logged.map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(logged[0]?.attempts.map((x) => x.error?.kind)).toEqual(["cancelled"]);
  });

  it("does the same for a stream cancelled before its first token", async () => {
    const { breakerFor } = await import("@/lib/gateway/breakers");
    const a = await vendor("openai", "hang");
    const pa = await provider("openai", a);
    await chain([[pa.id]], { attemptTimeoutMs: 5_000, deadlineMs: 10_000, maxRetries: 3 });
    breakerFor(pa.id, { consecutiveFailures: 2, errorRate: 0.99, windowMs: 60_000, minimumRps: 100, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), 80);
      const gen = await completeStream(
        ws.ctx("marketer"),
        { task: "copywriting", messages: [{ role: "user", content: `Stream post ${i}` }], maxTokens: 50 },
        { signal: ctl.signal },
      );
      const events: GatewayStreamEvent[] = [];
      for await (const e of gen) events.push(e);
      expect(events.some((e) => e.type === "delta")).toBe(false);
    }
    expect(a.requests).toHaveLength(3);
    expect(breakerState(pa.id).state).toBe("closed");
  });
});

describe("streaming", () => {
  async function collect(gen: AsyncGenerator<GatewayStreamEvent>) {
    const events: GatewayStreamEvent[] = [];
    for await (const e of gen) events.push(e);
    return events;
  }
  const streamAsk = () =>
    completeStream(ws.ctx("marketer"), { task: "copywriting", messages: [{ role: "user", content: "Stream a post" }], maxTokens: 100 });

  it("fails over before the first token", async () => {
    const a = await vendor("anthropic", 529);
    const b = await vendor("openai", "ok");
    const pa = await provider("anthropic", a, SECRET_B);
    const pb = await provider("openai", b);
    await chain([[pa.id], [pb.id]]);
    const events = await collect(await streamAsk());
    expect(events[0]).toMatchObject({ type: "start", providerKind: "openai" });
    expect(events.filter((e) => e.type === "delta").map((e) => (e as { text: string }).text).join("")).toContain("mock OpenAI");
    expect(events.at(-1)?.type).toBe("done");
  });

  it("ends with an explicit error event when the stream breaks after the first token", async () => {
    const a = await vendor("anthropic", { type: "stream_error", afterDeltas: 2 });
    const b = await vendor("openai", "ok");
    const pa = await provider("anthropic", a, SECRET_B);
    const pb = await provider("openai", b);
    await chain([[pa.id], [pb.id]]);
    const events = await collect(await streamAsk());
    expect(events.filter((e) => e.type === "delta").length).toBe(2);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "AI_STREAM_INTERRUPTED" });
    expect(events.some((e) => e.type === "done")).toBe(false);
    // No silent switch to another provider mid-answer.
    expect(b.requests).toHaveLength(0);
    await flushAiLog();
    const [logged] = await getDb().select().from(aiRequests).where(eq(aiRequests.workspaceId, ws.id));
    expect(logged?.status).toBe("error");
    expect(logged?.errorCode).toBe("AI_STREAM_INTERRUPTED");
  });

  it("reports a dropped connection mid-stream as an error too", async () => {
    const a = await vendor("openai", { type: "stream_drop", afterDeltas: 1 });
    const pa = await provider("openai", a);
    await chain([[pa.id]]);
    const events = await collect(await streamAsk());
    expect(events.at(-1)).toMatchObject({ type: "error" });
  });
});

describe("accounting, budgets and cache", () => {
  it("logs tokens and cost per call, charged to the campaign", async () => {
    const a = await vendor("openai", { type: "ok", usage: { inputTokens: 1000, outputTokens: 500 } });
    const pa = await provider("openai", a, SECRET_A, "gpt-4o-mini");
    await chain([[pa.id]]);
    const campaign = await createCampaign(ws.ctx("marketer"), { name: "Costed" });
    const answer = await ask({ campaignId: campaign.id });
    // $0.15/M in + $0.60/M out: 150 + 300 micro-dollars.
    expect(answer.costMicros).toBe(450);
    await flushAiLog();
    const page = await listAiRequests(ws.ctx("viewer"), {});
    expect(page.items[0]).toMatchObject({ tokensIn: 1000, tokensOut: 500, costMicros: 450, campaignId: campaign.id, status: "ok" });
    const byCampaign = await costByCampaign(ws.ctx("viewer"));
    expect(byCampaign.find((c) => c.campaignId === campaign.id)?.costMicros).toBe(450);
    const health = await providerHealth(ws.ctx("viewer"));
    expect(health.find((h) => h.id === pa.id)).toMatchObject({ calls24h: 1, errors24h: 0 });
    const daily = await costByDay(ws.ctx("viewer"), 30);
    expect(daily).toHaveLength(1);
    expect(daily[0]).toMatchObject({ providerKind: "openai", model: "gpt-4o-mini", costMicros: 450, requests: 1 });
    expect(daily[0]!.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("uses the workspace's own price when an admin sets one", async () => {
    const a = await vendor("openai", { type: "ok", usage: { inputTokens: 1_000_000, outputTokens: 0 } });
    const pa = await provider("openai", a, SECRET_A, "house-model");
    await chain([[pa.id]]);
    await setPrice(ws.ctx("admin"), { kind: "openai", model: "house-model", inputPerMTokUsd: 2, outputPerMTokUsd: 4 });
    expect((await ask()).costMicros).toBe(2_000_000);
  });

  it("goes back to the built-in price when an admin resets the override, and only admins may", async () => {
    const a = await vendor("openai", { type: "ok", usage: { inputTokens: 1_000_000, outputTokens: 0 } });
    const pa = await provider("openai", a, SECRET_A, "gpt-4o-mini");
    await chain([[pa.id]]);
    const builtIn = (await ask()).costMicros;
    await setPrice(ws.ctx("admin"), { kind: "openai", model: "gpt-4o-mini", inputPerMTokUsd: 99, outputPerMTokUsd: 99 });
    expect((await ask({ messages: [{ role: "user", content: "again" }] })).costMicros).toBe(99_000_000);
    await expect(resetPrice(ws.ctx("manager"), { kind: "openai", model: "gpt-4o-mini" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await resetPrice(ws.ctx("admin"), { kind: "openai", model: "gpt-4o-mini" })).toMatchObject({ removed: true });
    expect((await ask({ messages: [{ role: "user", content: "once more" }] })).costMicros).toBe(builtIn);
    expect((await listPrices(ws.ctx("admin"))).find((p) => p.model === "gpt-4o-mini")?.source).toBe("default");
    expect(await resetPrice(ws.ctx("admin"), { kind: "openai", model: "gpt-4o-mini" })).toMatchObject({ removed: false });
  });

  it("refuses calls with BUDGET_EXCEEDED once the month's budget is spent, and concurrent calls cannot overspend", async () => {
    const usage = { inputTokens: 10, outputTokens: 20_000 };
    const a = await vendor("openai", { type: "ok", usage, latencyMs: 50 });
    const pa = await provider("openai", a, SECRET_A, "budget-model");
    await chain([[pa.id]]);
    // Each call costs $0.20001 (10 in × $1/M + 20,000 out × $10/M); its worst case is bounded by maxTokens.
    const perCall = 200_010;
    await setPrice(ws.ctx("admin"), { kind: "openai", model: "budget-model", inputPerMTokUsd: 1, outputPerMTokUsd: 10 });
    await setBudget(ws.ctx("admin"), { monthlyLimitUsd: 1 });
    const calls = Array.from({ length: 12 }, () => ask({ maxTokens: 20_000 }).then(() => "ok", (e: { code?: string }) => e.code ?? String(e)));
    const results = await Promise.all(calls);
    expect(results.filter((r) => r !== "ok" && r !== "BUDGET_EXCEEDED")).toEqual([]);
    const ok = results.filter((r) => r === "ok").length;
    expect(ok).toBe(4);
    const [spend] = await getDb().select().from(aiSpend).where(and(eq(aiSpend.workspaceId, ws.id), eq(aiSpend.scope, "workspace")));
    expect(spend!.reservedMicros).toBe(0);
    expect(spend!.spentMicros).toBe(ok * perCall);
    // Never more than the limit plus one call's worth.
    expect(spend!.spentMicros).toBeLessThanOrEqual(1_000_000 + perCall);
    await expect(ask({ maxTokens: 20_000 })).rejects.toMatchObject({ code: "BUDGET_EXCEEDED" });
    // The refused call leaves the month's counter in place for the budget view.
    const status = await budgetStatus(ws.ctx("viewer"));
    expect(status.find((b) => b.scope === "workspace")).toMatchObject({ monthlyLimitMicros: 1_000_000, spentMicros: ok * perCall, reservedMicros: 0 });
    // A smaller call still fits under what is left.
    expect((await ask({ maxTokens: 100 })).providerId).toBe(pa.id);
  });

  it("holds a campaign budget and the workspace budget together under concurrency, and counts calls made before a budget was set", async () => {
    const usage = { inputTokens: 10, outputTokens: 20_000 };
    const a = await vendor("openai", { type: "ok", usage, latencyMs: 30 });
    const pa = await provider("openai", a, SECRET_A, "budget-model");
    await chain([[pa.id]]);
    const perCall = 200_010;
    await setPrice(ws.ctx("admin"), { kind: "openai", model: "budget-model", inputPerMTokUsd: 1, outputPerMTokUsd: 10 });
    const campaign = await createCampaign(ws.ctx("marketer"), { name: "Capped" });
    // Two calls before any budget: a budget set later must count them.
    await ask({ campaignId: campaign.id, maxTokens: 20_000 });
    await ask({ maxTokens: 20_000 });
    await flushAiLog();
    await setBudget(ws.ctx("admin"), { campaignId: campaign.id, monthlyLimitUsd: 0.9 });
    await setBudget(ws.ctx("admin"), { monthlyLimitUsd: 1.3 });
    const settle = (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string }) => e.code ?? String(e));
    // The campaign has spent 1 call of its 0.9 (room for 3 more); the workspace 2 of its 1.3 (room for 4 more).
    const onCampaign = await Promise.all(Array.from({ length: 8 }, () => settle(ask({ campaignId: campaign.id, maxTokens: 20_000 }))));
    expect(onCampaign.filter((r) => r !== "ok" && r !== "BUDGET_EXCEEDED")).toEqual([]);
    expect(onCampaign.filter((r) => r === "ok")).toHaveLength(3);
    // One call's worth is left under the workspace budget, for calls outside the campaign.
    const outside = await Promise.all(Array.from({ length: 4 }, () => settle(ask({ maxTokens: 20_000 }))));
    expect(outside.filter((r) => r === "ok")).toHaveLength(1);
    const spend = await getDb().select().from(aiSpend).where(eq(aiSpend.workspaceId, ws.id));
    const byScope = new Map(spend.map((s) => [s.scope, s]));
    expect(byScope.get(campaign.id)).toMatchObject({ spentMicros: 4 * perCall, reservedMicros: 0 });
    expect(byScope.get("workspace")).toMatchObject({ spentMicros: 6 * perCall, reservedMicros: 0 });
    expect(byScope.get(campaign.id)!.spentMicros).toBeLessThanOrEqual(900_000 + perCall);
    expect(byScope.get("workspace")!.spentMicros).toBeLessThanOrEqual(1_300_000 + perCall);
  });

  it("serves an exact repeat from the cache when the task opts in", async () => {
    const a = await vendor("openai", "ok");
    const pa = await provider("openai", a);
    await chain([[pa.id]], { cacheTtlSeconds: 60 });
    const first = await ask();
    const second = await ask();
    expect(first.cacheHit).toBe(false);
    expect(second.cacheHit).toBe(true);
    expect(second.text).toBe(first.text);
    expect(a.requests).toHaveLength(1);
    const different = await ask({ messages: [{ role: "user", content: "Another prompt" }] });
    expect(different.cacheHit).toBe(false);
  });
});

describe("secrets", () => {
  it("never puts a provider key in logs, answers or error messages", async () => {
    const a = await vendor("openai", { type: "status", status: 401, message: `Incorrect API key provided: ${SECRET_A}` });
    const pa = await provider("openai", a);
    await chain([[pa.id]]);
    const answer = await ask();
    expect(JSON.stringify(answer)).not.toContain(SECRET_A);
    await flushAiLog();
    const rows = await getDb().select().from(aiRequests).where(eq(aiRequests.workspaceId, ws.id));
    expect(JSON.stringify(rows)).not.toContain(SECRET_A);
    const [stored] = await getDb().select().from(aiProviders).where(eq(aiProviders.id, pa.id));
    expect(stored?.apiKeyEnc).not.toContain(SECRET_A);
    expect(JSON.stringify(pa)).not.toContain(SECRET_A);
    expect(JSON.stringify(await providerHealth(ws.ctx("admin")))).not.toContain(SECRET_A);
    // The adapter did send it, to the vendor only.
    expect(a.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET_A}`);
    await deleteProvider(ws.ctx("admin"), pa.id);
  });

  it("keeps provider management to admins and AI calls to roles with ai.use", async () => {
    const a = await vendor("openai", "ok");
    await expect(createProvider(ws.ctx("marketer"), { name: "Nope", kind: "openai", baseUrl: a.baseUrl, model: "m", apiKey: SECRET_A })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(complete(ws.ctx("viewer"), { task: "chat", messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
