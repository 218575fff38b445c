// OpenAI adapter against the mock vendor: the shared conformance suite plus what goes on the wire (URL, bearer key, body, JSON modes).
// Talks only to 127.0.0.1; never to api.openai.com.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adapterConformance, collect } from "@/tests/mock-vendors/adapter-conformance";
import { startMockVendor, type MockVendor } from "@/tests/mock-vendors/server";
import type { ChatRequest, ProviderConfig } from "../types";
import { openaiAdapter } from "./openai";

adapterConformance("openai", openaiAdapter, "gpt-4o-mini");

describe("openai wire format", () => {
  const KEY = "sk-proj-unit-test-key-000111222";
  let mock: MockVendor;
  const cfg = (over: Partial<ProviderConfig> = {}): ProviderConfig => ({ kind: "openai", baseUrl: mock.baseUrl, apiKey: KEY, model: "gpt-4o-mini", ...over });
  const req: ChatRequest = {
    model: "ignored-when-configured",
    messages: [
      { role: "system", content: "You write short marketing copy." },
      { role: "user", content: "A tagline for a bakery" },
    ],
    maxTokens: 80,
    temperature: 0.4,
  };
  const sent = () => mock.requests.at(-1)!;

  beforeAll(async () => {
    mock = await startMockVendor("openai");
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.requests.length = 0;
    mock.setBehaviour("ok");
  });

  it("posts to {baseUrl}/chat/completions with a bearer key, the messages as given, max_tokens and temperature", async () => {
    await openaiAdapter.chat(cfg({ baseUrl: `${mock.baseUrl}/` }), req, AbortSignal.timeout(5000));
    expect(sent().method).toBe("POST");
    expect(sent().path).toBe("/v1/chat/completions");
    expect(sent().headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent().headers["content-type"]).toBe("application/json");
    expect(sent().body).toEqual({
      model: "gpt-4o-mini",
      messages: req.messages,
      max_tokens: 80,
      temperature: 0.4,
      stream: false,
    });
  });

  it("falls back to the request's model when the provider has none configured, and sends extra headers", async () => {
    await openaiAdapter.chat(cfg({ model: "", headers: { "HTTP-Referer": "https://aicmo.test" } }), req, AbortSignal.timeout(5000));
    expect(sent().body.model).toBe("ignored-when-configured");
    expect(sent().headers["http-referer"]).toBe("https://aicmo.test");
  });

  it("sends one authorization header even when an extra header differs only in case", async () => {
    await openaiAdapter.chat(cfg({ headers: { Authorization: "Bearer stale-value" } }), req, AbortSignal.timeout(5000));
    expect(sent().headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("asks for include_usage when streaming and reads usage from the final chunk", async () => {
    mock.setBehaviour({ type: "ok", text: "Warm bread daily", usage: { inputTokens: 30, outputTokens: 3 } });
    const s = await collect(openaiAdapter.stream(cfg(), req, AbortSignal.timeout(5000)));
    expect(sent().body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(s.deltas.join("")).toBe("Warm bread daily");
    expect(s.events.at(-1)).toMatchObject({ type: "done", usage: { inputTokens: 30, outputTokens: 3 }, finishReason: "stop" });
  });

  it("json: true → response_format json_object, adding a JSON instruction only when no message mentions JSON", async () => {
    mock.setBehaviour({ type: "ok", text: '{"tagline":"Warm bread daily"}' });
    const r = await openaiAdapter.chat(cfg(), { ...req, json: true }, AbortSignal.timeout(5000));
    expect(JSON.parse(r.text)).toEqual({ tagline: "Warm bread daily" });
    expect(sent().body.response_format).toEqual({ type: "json_object" });
    const messages = sent().body.messages as Array<{ role: string; content: string }>;
    expect(messages[0]).toEqual({ role: "system", content: "Respond with a single JSON object." });
    expect(messages.slice(1)).toEqual(req.messages);

    const mentions: ChatRequest = { ...req, json: true, messages: [{ role: "user", content: "Reply in JSON: a tagline" }] };
    await openaiAdapter.chat(cfg(), mentions, AbortSignal.timeout(5000));
    expect(sent().body.messages).toEqual(mentions.messages);
  });

  it("a JSON Schema → response_format json_schema with a valid name and strict: true", async () => {
    const schema = { type: "object", properties: { tagline: { type: "string" } }, required: ["tagline"], additionalProperties: false };
    await openaiAdapter.chat(cfg(), { ...req, json: { name: "bakery tagline!", schema } }, AbortSignal.timeout(5000));
    expect(sent().body.response_format).toEqual({ type: "json_schema", json_schema: { name: "bakery_tagline_", schema, strict: true } });
  });

  it("omits optional fields the caller did not set", async () => {
    await openaiAdapter.chat(cfg(), { model: "m", messages: [{ role: "user", content: "hi" }] }, AbortSignal.timeout(5000));
    expect(Object.keys(sent().body).sort()).toEqual(["messages", "model", "stream"]);
  });
});
