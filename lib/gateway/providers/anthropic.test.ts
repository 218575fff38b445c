// Anthropic adapter against the mock vendor: the shared conformance suite plus system placement, max_tokens, forced-tool JSON and SSE events.
// Talks only to 127.0.0.1; never to api.anthropic.com.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adapterConformance, collect } from "@/tests/mock-vendors/adapter-conformance";
import { startMockVendor, type MockVendor } from "@/tests/mock-vendors/server";
import { ProviderError, type ChatRequest, type ProviderConfig } from "../types";
import { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_JSON_INSTRUCTION, anthropicAdapter } from "./anthropic";

adapterConformance("anthropic", anthropicAdapter, "claude-3-5-haiku-latest");

describe("anthropic wire format", () => {
  const KEY = "sk-ant-unit-test-key-000111222";
  let mock: MockVendor;
  const cfg = (over: Partial<ProviderConfig> = {}): ProviderConfig => ({
    kind: "anthropic",
    baseUrl: mock.baseUrl,
    apiKey: KEY,
    model: "claude-3-5-haiku-latest",
    ...over,
  });
  const req: ChatRequest = {
    model: "claude-3-5-haiku-latest",
    messages: [
      { role: "system", content: "You write short marketing copy." },
      { role: "user", content: "A tagline for a bakery" },
      { role: "assistant", content: "Warm bread daily." },
      { role: "user", content: "Shorter." },
      { role: "user", content: "And friendlier." },
    ],
    temperature: 0.2,
  };
  const sent = () => mock.requests.at(-1)!;
  const schema = { type: "object", properties: { tagline: { type: "string" } }, required: ["tagline"] };

  beforeAll(async () => {
    mock = await startMockVendor("anthropic");
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.requests.length = 0;
    mock.setBehaviour("ok");
  });

  it("posts to /v1/messages with x-api-key and anthropic-version, the system prompt at top level, and a default max_tokens", async () => {
    await anthropicAdapter.chat(cfg(), req, AbortSignal.timeout(5000));
    expect(sent().path).toBe("/v1/messages");
    expect(sent().headers["x-api-key"]).toBe(KEY);
    expect(sent().headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent().headers.authorization).toBeUndefined();
    expect(sent().body).toEqual({
      model: "claude-3-5-haiku-latest",
      max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
      system: "You write short marketing copy.",
      // Adjacent user turns are joined so roles alternate.
      messages: [
        { role: "user", content: "A tagline for a bakery" },
        { role: "assistant", content: "Warm bread daily." },
        { role: "user", content: "Shorter.\n\nAnd friendlier." },
      ],
      temperature: 0.2,
      stream: false,
    });
  });

  it("does not double the /v1 segment when the base URL already has it, and clamps temperature to Anthropic's 0..1", async () => {
    await anthropicAdapter.chat(cfg({ baseUrl: `${mock.url}/v1` }), { ...req, temperature: 1.6, maxTokens: 300 }, AbortSignal.timeout(5000));
    expect(sent().path).toBe("/v1/messages");
    expect(sent().body).toMatchObject({ temperature: 1, max_tokens: 300 });
  });

  it("json: true → an instruction appended to the system prompt, and a fenced answer unwrapped", async () => {
    mock.setBehaviour({ type: "ok", text: '```json\n{"tagline":"Warm bread daily"}\n```' });
    const r = await anthropicAdapter.chat(cfg(), { ...req, json: true }, AbortSignal.timeout(5000));
    expect(sent().body.system).toBe(`You write short marketing copy.\n\n${ANTHROPIC_JSON_INSTRUCTION}`);
    expect(sent().body.tools).toBeUndefined();
    expect(JSON.parse(r.text)).toEqual({ tagline: "Warm bread daily" });
  });

  it("a JSON Schema → one forced tool whose input is returned as the JSON text", async () => {
    mock.setBehaviour({ type: "ok", toolInput: { tagline: "Warm bread daily" } });
    const r = await anthropicAdapter.chat(cfg(), { ...req, json: { name: "bakery tagline", schema } }, AbortSignal.timeout(5000));
    expect(sent().body.tools).toEqual([{ name: "bakery_tagline", description: expect.any(String), input_schema: schema }]);
    expect(sent().body.tool_choice).toEqual({ type: "tool", name: "bakery_tagline" });
    expect(JSON.parse(r.text)).toEqual({ tagline: "Warm bread daily" });
    expect(r.finishReason).toBe("stop");
  });

  it("streams a forced tool's partial JSON as deltas that join into the JSON text", async () => {
    mock.setBehaviour({ type: "ok", toolInput: { tagline: "Warm bread daily", tone: "friendly" }, usage: { inputTokens: 40, outputTokens: 12 } });
    const s = await collect(anthropicAdapter.stream(cfg(), { ...req, json: { name: "tagline", schema } }, AbortSignal.timeout(5000)));
    expect(s.error).toBeUndefined();
    expect(s.deltas.length).toBeGreaterThan(2);
    expect(JSON.parse(s.deltas.join(""))).toEqual({ tagline: "Warm bread daily", tone: "friendly" });
    expect(s.events.at(-1)).toMatchObject({ type: "done", usage: { inputTokens: 40, outputTokens: 12 }, finishReason: "stop" });
  });

  it("wraps a non-object schema in {result} for the tool and unwraps it on the way back", async () => {
    const list = { type: "array", items: { type: "string" } };
    mock.setBehaviour({ type: "ok", toolInput: { result: ["a", "b"] } });
    const r = await anthropicAdapter.chat(cfg(), { ...req, json: { name: "lines", schema: list } }, AbortSignal.timeout(5000));
    expect((sent().body.tools as Array<{ input_schema: unknown }>)[0]?.input_schema).toEqual({ type: "object", properties: { result: list }, required: ["result"] });
    expect(JSON.parse(r.text)).toEqual(["a", "b"]);
    const s = await collect(anthropicAdapter.stream(cfg(), { ...req, json: { name: "lines", schema: list } }, AbortSignal.timeout(5000)));
    expect(JSON.parse(s.deltas.join(""))).toEqual(["a", "b"]);
  });

  it("reads input tokens from message_start and output tokens from message_delta", async () => {
    mock.setBehaviour({ type: "ok", text: "Bread and joy", usage: { inputTokens: 55, outputTokens: 3 } });
    const s = await collect(anthropicAdapter.stream(cfg(), req, AbortSignal.timeout(5000)));
    expect(sent().body.stream).toBe(true);
    expect(s.deltas.join("")).toBe("Bread and joy");
    expect(s.events.at(-1)).toEqual({ type: "done", model: "claude-3-5-haiku-latest", usage: { inputTokens: 55, outputTokens: 3 }, finishReason: "stop" });
  });

  it("an overloaded event: error before the first delta is a server failure, after it a stream failure", async () => {
    mock.setBehaviour({ type: "stream_error", afterDeltas: 0, errorType: "overloaded_error" });
    const before = await collect(anthropicAdapter.stream(cfg(), req, AbortSignal.timeout(5000)));
    expect(before.error).toMatchObject({ kind: "server" });
    expect((before.error as Error).message).toContain("overloaded_error");

    mock.setBehaviour({ type: "stream_error", afterDeltas: 0, errorType: "rate_limit_error" });
    const limited = await collect(anthropicAdapter.stream(cfg(), req, AbortSignal.timeout(5000)));
    expect(limited.error).toMatchObject({ kind: "rate_limited" });

    mock.setBehaviour({ type: "stream_error", afterDeltas: 1, errorType: "overloaded_error", text: "Warm bread daily" });
    const after = await collect(anthropicAdapter.stream(cfg(), req, AbortSignal.timeout(5000)));
    expect(after.deltas).toEqual(["Warm "]);
    expect(after.error).toBeInstanceOf(ProviderError);
    expect(after.error).toMatchObject({ kind: "stream" });
  });

  it("529 overloaded_error → server with the vendor's type in the message", async () => {
    mock.setBehaviour(529);
    await expect(anthropicAdapter.chat(cfg(), req, AbortSignal.timeout(5000))).rejects.toMatchObject({
      kind: "server",
      status: 529,
      message: expect.stringContaining("overloaded_error: Overloaded"),
    });
  });
});
