// POST /api/v1/ai/chat/completions speaks OpenAI's wire format: JSON answers, SSE streams ending in [DONE], an explicit
// error event (and no [DONE]) when a stream breaks, and the usual error mapping for roles and budgets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/db/test-db";
import { setEnv } from "@/lib/env";
import { createProvider, flushAiLog, invalidateChains, resetBreaker, saveChain, setBudget } from "@/lib/gateway";
import { createApiKey } from "@/lib/workspaces";
import { startMockVendor, type MockVendor } from "../mock-vendors/server";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
let marketerKey = "";
let viewerKey = "";
let route: typeof import("@/app/api/v1/ai/chat/completions/route");
const vendors: MockVendor[] = [];

beforeAll(async () => {
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  setEnv("AICMO_ENCRYPTION_KEY", "ef".repeat(32));
  resetBreaker();
  invalidateChains();
  ws = await makeWorkspace(getDb());
  marketerKey = (await createApiKey(ws.ctx("owner"), { name: "Tool", role: "marketer" })).key;
  viewerKey = (await createApiKey(ws.ctx("owner"), { name: "Read only", role: "viewer" })).key;
  route = await import("@/app/api/v1/ai/chat/completions/route");
});

afterAll(async () => {
  await Promise.all(vendors.map((v) => v.close()));
  await flushAiLog();
});

function post(key: string, body: unknown) {
  return route.POST(
    new Request("http://localhost/api/v1/ai/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

async function sse(res: Response): Promise<string[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => b.replace(/^data: /, ""));
}

describe("chat completions over REST", () => {
  it("answers in OpenAI's JSON shape, from the offline provider when none is configured", async () => {
    const res = await post(marketerKey, { model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hello to our new customers" }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      object: string;
      choices: { message: { role: string; content: string }; finish_reason: string }[];
      usage: { total_tokens: number };
      aicmo: { offline: boolean; provider_kind: string };
    };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]?.message.role).toBe("assistant");
    expect(body.choices[0]?.message.content).toMatch(/offline/i);
    expect(body.aicmo).toMatchObject({ offline: true, provider_kind: "offline" });
    expect(body.usage.total_tokens).toBeGreaterThan(0);
  });

  it("streams chat.completion.chunk events ending in [DONE]", async () => {
    const res = await post(marketerKey, { messages: [{ role: "user", content: "Stream a short greeting" }], stream: true });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = await sse(res);
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { object: string; choices: { delta: { content?: string } }[] });
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("").length).toBeGreaterThan(10);
  });

  it("refuses a viewer's key with 403 and a malformed body with 422", async () => {
    expect((await post(viewerKey, { messages: [{ role: "user", content: "hi" }] })).status).toBe(403);
    const bad = await post(marketerKey, { messages: [] });
    expect(bad.status).toBe(422);
  });

  it("relays a configured provider, and ends a broken stream with an error event instead of [DONE]", async () => {
    const v = await startMockVendor("openai", [{ type: "ok", text: "Real model answer" }, { type: "stream_drop", afterDeltas: 2 }]);
    vendors.push(v);
    const p = await createProvider(ws.ctx("admin"), { name: "Mock OpenAI", kind: "openai", baseUrl: v.baseUrl, model: "gpt-4o-mini", apiKey: "sk-mock-key-123456" });
    await saveChain(ws.ctx("admin"), { task: "chat", levels: [{ providers: [{ providerId: p.id, weight: 1 }] }], maxRetries: 0 });
    const ok = (await (await post(marketerKey, { messages: [{ role: "user", content: "hi" }] })).json()) as {
      choices: { message: { content: string } }[];
      aicmo: { provider: string; offline: boolean };
    };
    expect(ok.choices[0]?.message.content).toBe("Real model answer");
    expect(ok.aicmo).toMatchObject({ provider: "Mock OpenAI", offline: false });

    const events = await sse(await post(marketerKey, { messages: [{ role: "user", content: "hi" }], stream: true }));
    expect(events).not.toContain("[DONE]");
    const last = JSON.parse(events.at(-1)!) as { error?: { code: string } };
    expect(last.error?.code).toBe("AI_STREAM_INTERRUPTED");
  });

  it("answers 429 BUDGET_EXCEEDED once the workspace budget is spent", async () => {
    await setBudget(ws.ctx("admin"), { monthlyLimitUsd: 0 });
    const v = vendors[0]!;
    v.setBehaviour("ok");
    const res = await post(marketerKey, { messages: [{ role: "user", content: "one more" }] });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("BUDGET_EXCEEDED");
  });
});

describe("the dedicated listener (AI_GATEWAY_PORT)", () => {
  let listener: import("@/lib/gateway/listener").GatewayListener;
  let own: TestWorkspace;
  let key = "";
  let viewer = "";
  let base = "";

  beforeAll(async () => {
    const { startGatewayListener } = await import("@/lib/gateway/listener");
    own = await makeWorkspace(getDb(), "Listener");
    key = (await createApiKey(own.ctx("owner"), { name: "Tool", role: "marketer" })).key;
    viewer = (await createApiKey(own.ctx("owner"), { name: "Read only", role: "viewer" })).key;
    listener = await startGatewayListener(getDb(), { port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${listener.port}`;
  });

  afterAll(async () => {
    await listener.close();
  });

  const call = (body: unknown, opts: { key?: string | null; path?: string; method?: string; raw?: string } = {}) =>
    fetch(`${base}${opts.path ?? "/v1/chat/completions"}`, {
      method: opts.method ?? "POST",
      headers: { ...(opts.key === null ? {} : { authorization: `Bearer ${opts.key ?? key}` }), "content-type": "application/json" },
      ...(opts.method === "GET" ? {} : { body: opts.raw ?? JSON.stringify(body) }),
    });

  it("answers in the same OpenAI JSON shape as the Next.js route", async () => {
    const res = await call({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hello to our new customers" }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; choices: { message: { role: string; content: string } }[]; aicmo: { offline: boolean } };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]?.message.role).toBe("assistant");
    expect(body.choices[0]?.message.content.length).toBeGreaterThan(10);
    expect(body.aicmo.offline).toBe(true);
    await flushAiLog();
    const { aiRequests } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const logged = await getDb().select().from(aiRequests).where(eq(aiRequests.workspaceId, own.id));
    expect(logged.map((r) => r.status)).toEqual(["ok"]);
  });

  it("streams chunks ending in [DONE]", async () => {
    const res = await call({ messages: [{ role: "user", content: "Stream a short greeting" }], stream: true });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = await sse(res);
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { object: string });
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
  });

  it("maps bad calls to the same error codes: 401, 403, 400, 422, 413, 404, 405", async () => {
    const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
    const msg = { messages: [{ role: "user", content: "hi" }] };
    const noKey = await call(msg, { key: null });
    expect([noKey.status, await code(noKey)]).toEqual([401, "INVALID_API_KEY"]);
    const unknown = await call(msg, { key: "aicmo_not-a-real-key" });
    expect([unknown.status, await code(unknown)]).toEqual([401, "INVALID_API_KEY"]);
    const forbidden = await call(msg, { key: viewer });
    expect([forbidden.status, await code(forbidden)]).toEqual([403, "FORBIDDEN"]);
    const malformed = await call(null, { raw: "{messages: oops" });
    expect([malformed.status, await code(malformed)]).toEqual([400, "MALFORMED_JSON"]);
    const invalid = await call({ messages: [] });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors).toHaveProperty("messages");
    const big = await call(null, { raw: JSON.stringify({ messages: [{ role: "user", content: "x".repeat(1_100_000) }] }) });
    expect([big.status, await code(big)]).toEqual([413, "BODY_TOO_LARGE"]);
    expect((await call(msg, { path: "/v1/embeddings" })).status).toBe(404);
    expect((await call(msg, { method: "GET" })).status).toBe(405);
  });
});
