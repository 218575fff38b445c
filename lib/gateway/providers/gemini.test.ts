// Gemini adapter against the mock vendor: the shared conformance suite plus URL/header shape, alt=sse streaming and schema conversion.
// Talks only to 127.0.0.1; never to generativelanguage.googleapis.com.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adapterConformance, collect } from "@/tests/mock-vendors/adapter-conformance";
import { startMockVendor, type MockVendor } from "@/tests/mock-vendors/server";
import type { ChatRequest, ProviderConfig } from "../types";
import { geminiAdapter, toGeminiSchema } from "./gemini";

adapterConformance("gemini", geminiAdapter, "gemini-2.0-flash");

describe("gemini wire format", () => {
  const KEY = "AIza-unit-test-key-000111222";
  let mock: MockVendor;
  const cfg = (over: Partial<ProviderConfig> = {}): ProviderConfig => ({ kind: "gemini", baseUrl: mock.baseUrl, apiKey: KEY, model: "gemini-2.0-flash", ...over });
  const req: ChatRequest = {
    model: "gemini-2.0-flash",
    messages: [
      { role: "system", content: "You write short marketing copy." },
      { role: "user", content: "A tagline for a bakery" },
      { role: "assistant", content: "Warm bread daily." },
      { role: "user", content: "Shorter." },
    ],
    maxTokens: 90,
    temperature: 0.7,
  };
  const sent = () => mock.requests.at(-1)!;

  beforeAll(async () => {
    mock = await startMockVendor("gemini");
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.requests.length = 0;
    mock.setBehaviour("ok");
  });

  it("posts generateContent with x-goog-api-key (never ?key=), contents with user/model roles and systemInstruction", async () => {
    await geminiAdapter.chat(cfg(), req, AbortSignal.timeout(5000));
    expect(sent().path).toBe("/v1beta/models/gemini-2.0-flash:generateContent");
    expect(sent().headers["x-goog-api-key"]).toBe(KEY);
    expect(sent().path).not.toContain(KEY);
    expect(sent().body).toEqual({
      contents: [
        { role: "user", parts: [{ text: "A tagline for a bakery" }] },
        { role: "model", parts: [{ text: "Warm bread daily." }] },
        { role: "user", parts: [{ text: "Shorter." }] },
      ],
      systemInstruction: { parts: [{ text: "You write short marketing copy." }] },
      generationConfig: { maxOutputTokens: 90, temperature: 0.7 },
    });
  });

  it("streams from :streamGenerateContent?alt=sse and accepts a models/ prefix on the model", async () => {
    mock.setBehaviour({ type: "ok", text: "Bread you can trust", usage: { inputTokens: 17, outputTokens: 4 } });
    const s = await collect(geminiAdapter.stream(cfg({ model: "models/gemini-2.0-flash" }), req, AbortSignal.timeout(5000)));
    expect(sent().path).toBe("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
    expect(s.deltas.join("")).toBe("Bread you can trust");
    expect(s.events.at(-1)).toEqual({ type: "done", model: "gemini-2.0-flash", usage: { inputTokens: 17, outputTokens: 4 }, finishReason: "stop" });
  });

  it("json: true → responseMimeType; a schema → a converted responseSchema", async () => {
    mock.setBehaviour({ type: "ok", text: '{"tagline":"Warm"}' });
    const r = await geminiAdapter.chat(cfg(), { ...req, json: true }, AbortSignal.timeout(5000));
    expect(JSON.parse(r.text)).toEqual({ tagline: "Warm" });
    expect(sent().body.generationConfig).toEqual({ maxOutputTokens: 90, temperature: 0.7, responseMimeType: "application/json" });

    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      additionalProperties: false,
      properties: { tagline: { type: "string", maxLength: 60 } },
      required: ["tagline"],
    };
    await geminiAdapter.chat(cfg(), { ...req, json: { name: "t", schema } }, AbortSignal.timeout(5000));
    expect(sent().body.generationConfig).toMatchObject({
      responseMimeType: "application/json",
      responseSchema: { type: "OBJECT", properties: { tagline: { type: "STRING", maxLength: 60 } }, required: ["tagline"] },
    });
  });

  it("429 RESOURCE_EXHAUSTED → rate_limited, reading RetryInfo from the body when there is no header", async () => {
    mock.setBehaviour({
      type: "raw",
      status: 429,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        error: {
          code: 429,
          message: "You exceeded your current quota.",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37s" }],
        },
      }),
    });
    await expect(geminiAdapter.chat(cfg(), req, AbortSignal.timeout(5000))).rejects.toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 37_000,
      message: expect.stringContaining("RESOURCE_EXHAUSTED: You exceeded your current quota."),
    });
  });
});

describe("toGeminiSchema", () => {
  it("drops keys Gemini rejects and upper-cases types", () => {
    expect(
      toGeminiSchema({
        $schema: "x",
        $id: "y",
        type: "object",
        additionalProperties: false,
        properties: { n: { type: "integer", format: "int32", minimum: 0, examples: [1] }, d: { type: "string", format: "email" } },
        required: ["n", "missing"],
      }),
    ).toEqual({
      type: "OBJECT",
      properties: { n: { type: "INTEGER", format: "int32", minimum: 0 }, d: { type: "STRING" } },
      required: ["n"],
    });
  });

  it("turns nullable unions, const, oneOf and local $refs into Gemini's forms", () => {
    const schema = {
      type: "object",
      $defs: { channel: { type: "string", enum: ["x", "linkedin"] } },
      properties: {
        note: { type: ["string", "null"] },
        kind: { const: "draft" },
        channel: { $ref: "#/$defs/channel" },
        either: { oneOf: [{ type: "string" }, { type: "number" }] },
        maybe: { anyOf: [{ type: "integer" }, { type: "null" }] },
        tags: { type: "array", items: { type: "string" }, maxItems: 10 },
        level: { type: "integer", enum: [1, 2, 3] },
      },
    };
    expect(toGeminiSchema(schema)).toEqual({
      type: "OBJECT",
      properties: {
        note: { type: "STRING", nullable: true },
        kind: { type: "STRING", enum: ["draft"] },
        channel: { type: "STRING", enum: ["x", "linkedin"] },
        either: { anyOf: [{ type: "STRING" }, { type: "NUMBER" }] },
        maybe: { type: "INTEGER", nullable: true },
        tags: { type: "ARRAY", items: { type: "STRING" }, maxItems: 10 },
        level: { type: "INTEGER" },
      },
    });
  });
});
