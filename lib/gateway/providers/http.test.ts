// Shared adapter plumbing: the SSE line parser, Retry-After parsing, redaction and failure classification.
// Pure tests: no sockets, no timers beyond the fixed clock passed in.
import { describe, expect, it } from "vitest";
import { ProviderError } from "../types";
import { failureFrom, joinUrl, parseRetryAfter, readSse, redact, SseParser, stripCodeFence, type CallContext, type SseEvent } from "./http";

function bodyOf(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === "string" ? enc.encode(c) : c);
      controller.close();
    },
  });
}

async function all(chunks: Array<string | Uint8Array>): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const ev of readSse(bodyOf(chunks))) out.push(ev);
  return out;
}

describe("SSE reader", () => {
  it("reads data-only events (OpenAI, Gemini) and named events (Anthropic)", async () => {
    expect(await all(['data: {"a":1}\n\ndata: [DONE]\n\n'])).toEqual([
      { event: "message", data: '{"a":1}' },
      { event: "message", data: "[DONE]" },
    ]);
    expect(await all(["event: message_start\ndata: {}\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\n"])).toEqual([
      { event: "message_start", data: "{}" },
      { event: "ping", data: '{"type":"ping"}' },
    ]);
  });

  it("handles CRLF, lone CR, and a CRLF split across two chunks", async () => {
    expect(await all(["data: one\r\n\r\ndata: two\r\r"])).toEqual([
      { event: "message", data: "one" },
      { event: "message", data: "two" },
    ]);
    // If the \n after a chunk-final \r were read as a second line ending, it would dispatch an event too early.
    expect(await all(["event: a\r", "\ndata: x\r", "\n\r", "\n"])).toEqual([{ event: "a", data: "x" }]);
  });

  it("joins multi-line data with newlines, drops one leading space only, and ignores comments and unknown fields", async () => {
    expect(await all([": keep-alive\n", "data:  two spaces\ndata:tight\nretry: 100\nfoo: bar\nid: 7\n\n"])).toEqual([
      { event: "message", data: " two spaces\ntight", id: "7" },
    ]);
  });

  it("reassembles lines split mid-way across chunks, including inside a multi-byte character", async () => {
    const euro = new TextEncoder().encode("data: 5 €\n\n");
    const cut = euro.indexOf(0xe2) + 1; // inside the three bytes of €
    expect(await all(["da", "ta: {\"te", "xt\":\"hi\"}", "\n", "\n", euro.slice(0, cut), euro.slice(cut)])).toEqual([
      { event: "message", data: '{"text":"hi"}' },
      { event: "message", data: "5 €" },
    ]);
  });

  it("ignores blank lines with no data and drops an event cut off by the end of the body", async () => {
    expect(await all(["\n\nevent: lonely\n\n", "data: complete\n\n", "data: cut off"])).toEqual([{ event: "message", data: "complete" }]);
  });

  it("parses incrementally: push returns only completed events", () => {
    const p = new SseParser();
    expect(p.push("data: a")).toEqual([]);
    expect(p.push("bc\n")).toEqual([]);
    expect(p.push("\n")).toEqual([{ event: "message", data: "abc" }]);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-29T10:00:00Z");
  const h = (init: Record<string, string>) => new Headers(init);

  it("reads delta-seconds, fractional seconds and HTTP-dates", () => {
    expect(parseRetryAfter(h({ "retry-after": "12" }), now)).toBe(12_000);
    expect(parseRetryAfter(h({ "retry-after": "0.5" }), now)).toBe(500);
    expect(parseRetryAfter(h({ "retry-after": "Sun, 29 Nov 2026 10:01:30 GMT" }), now)).toBe(90_000);
  });

  it("treats a past date as now, and garbage or absence as no hint", () => {
    expect(parseRetryAfter(h({ "retry-after": "Sun, 29 Nov 2026 09:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(h({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(h({}), now)).toBeUndefined();
  });

  it("prefers OpenAI's retry-after-ms", () => {
    expect(parseRetryAfter(h({ "retry-after-ms": "250", "retry-after": "1" }), now)).toBe(250);
  });
});

describe("redact", () => {
  it("removes every occurrence of every secret, raw or URL-encoded", () => {
    const key = "sk-abc/123+xyz";
    const out = redact(`bad key ${key}; again ${key}; url ${encodeURIComponent(key)}`, [key]);
    expect(out).not.toContain(key);
    expect(out).not.toContain(encodeURIComponent(key));
    expect(out).toBe("bad key [redacted]; again [redacted]; url [redacted]");
  });

  it("removes a longer secret whole even when a shorter one is inside it", () => {
    expect(redact("token sk-long-secret-value", ["secret", "sk-long-secret-value"])).toBe("token [redacted]");
  });
});

describe("failureFrom", () => {
  const ctx = (signal: AbortSignal): CallContext => ({ vendor: "openai", signal, secrets: ["sk-hidden-key-123"] });

  it("a deadline (TimeoutError reason) → timeout; the caller's abort → the original error, untouched", () => {
    const timedOut = AbortSignal.abort(new DOMException("The operation timed out.", "TimeoutError"));
    expect(failureFrom(new DOMException("x", "TimeoutError"), ctx(timedOut))).toMatchObject({ kind: "timeout" });

    const callerAbort = AbortSignal.abort();
    const original = new DOMException("This operation was aborted", "AbortError");
    expect(failureFrom(original, ctx(callerAbort))).toBe(original);
  });

  it("undici's connection errors → network, with the key redacted from whatever they say", () => {
    const err = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED sk-hidden-key-123"), { code: "ECONNREFUSED" }) });
    const out = failureFrom(err, ctx(new AbortController().signal)) as ProviderError;
    expect(out).toBeInstanceOf(ProviderError);
    expect(out.kind).toBe("network");
    expect(out.message).toContain("ECONNREFUSED");
    expect(out.message).not.toContain("sk-hidden-key-123");
    expect(out.cause).toBeUndefined(); // a cause that would leak the key is dropped
  });

  it("an invalid base URL → bad_request", () => {
    const err = new TypeError("Failed to parse URL from nope/chat", { cause: Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL" }) });
    expect(failureFrom(err, ctx(new AbortController().signal))).toMatchObject({ kind: "bad_request" });
  });
});

describe("small helpers", () => {
  it("joinUrl tolerates trailing slashes and an existing version segment", () => {
    expect(joinUrl("https://api.anthropic.com/", "v1", "/messages")).toBe("https://api.anthropic.com/v1/messages");
    expect(joinUrl("https://api.anthropic.com/v1", "v1", "/messages")).toBe("https://api.anthropic.com/v1/messages");
    expect(joinUrl("https://api.openai.com/v1/", "", "/chat/completions")).toBe("https://api.openai.com/v1/chat/completions");
  });

  it("stripCodeFence unwraps a fenced JSON answer and leaves other text alone", () => {
    expect(stripCodeFence('```json\n{"a":1}\n```')).toBe('{"a":1}');
    expect(stripCodeFence('{"a":1}')).toBe('{"a":1}');
  });
});
