// The behaviour every HTTP provider adapter owes the gateway, run against the mock vendors: results, streams, error kinds, timeouts, redaction.
// Only registers vitest suites (call it from a *.test.ts); never talks to a real vendor or to anything but 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ProviderError, type ChatRequest, type ProviderAdapter, type ProviderConfig, type StreamEvent } from "@/lib/gateway/types";
import { startMockVendor, type MockBehaviour, type MockVendor, type MockVendorKind } from "./server";

export interface Collected {
  deltas: string[];
  events: StreamEvent[];
  error?: unknown;
}

/** Drains a stream, keeping what arrived before any failure. */
export async function collect(stream: AsyncIterable<StreamEvent>): Promise<Collected> {
  const out: Collected = { deltas: [], events: [] };
  try {
    for await (const ev of stream) {
      out.events.push(ev);
      if (ev.type === "delta") out.deltas.push(ev.text);
    }
  } catch (e) {
    out.error = e;
  }
  return out;
}

/** Everything an error could show a user or a log: message, toString, stack and the cause chain. */
export function everythingShown(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur; i++) {
    if (cur instanceof Error) parts.push(cur.message, String(cur), cur.stack ?? "");
    else parts.push(String(cur));
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return parts.join("\n");
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

export function adapterConformance(kind: MockVendorKind, adapter: ProviderAdapter, model: string): void {
  const KEY = `${kind}-key-TOPSECRET-0123456789abcdef`;
  const shownErrors: unknown[] = [];
  let mock: MockVendor;
  const cfg = (): ProviderConfig => ({ kind, baseUrl: mock.baseUrl, apiKey: KEY, model });
  const req: ChatRequest = { model, messages: [{ role: "user", content: "Write a tagline for a bakery." }], maxTokens: 64 };

  const chatFails = async (behaviour: MockBehaviour, signal: AbortSignal = AbortSignal.timeout(5000)): Promise<ProviderError> => {
    mock.setBehaviour(behaviour);
    const e = await failure(adapter.chat(cfg(), req, signal));
    shownErrors.push(e);
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  };
  const streamed = async (behaviour: MockBehaviour, signal: AbortSignal = AbortSignal.timeout(5000)): Promise<Collected> => {
    mock.setBehaviour(behaviour);
    const c = await collect(adapter.stream(cfg(), req, signal));
    if (c.error) shownErrors.push(c.error);
    return c;
  };

  describe(`${kind} adapter against the mock vendor`, () => {
    beforeAll(async () => {
      mock = await startMockVendor(kind, "ok", { apiKey: KEY });
    });
    afterAll(async () => {
      await mock.close();
    });
    beforeEach(() => {
      mock.requests.length = 0;
      mock.setBehaviour("ok");
    });

    it("returns the text, usage, finish reason and model of a plain answer", async () => {
      mock.setBehaviour({ type: "ok", text: "Fresh bread, every morning.", usage: { inputTokens: 21, outputTokens: 7 } });
      const r = await adapter.chat(cfg(), req, AbortSignal.timeout(5000));
      expect(r).toMatchObject({ text: "Fresh bread, every morning.", usage: { inputTokens: 21, outputTokens: 7 }, finishReason: "stop", model });
      expect(r.offline).toBeUndefined();
      expect(mock.requests).toHaveLength(1);
    });

    it("reports a cut-off answer as finishReason length", async () => {
      const native = kind === "openai" ? "length" : kind === "anthropic" ? "max_tokens" : "MAX_TOKENS";
      mock.setBehaviour({ type: "ok", text: "Fresh bread", finishReason: native });
      expect((await adapter.chat(cfg(), req, AbortSignal.timeout(5000))).finishReason).toBe("length");
      const s = await streamed({ type: "ok", text: "Fresh bread", finishReason: native });
      expect(s.events.at(-1)).toMatchObject({ type: "done", finishReason: "length" });
    });

    it("streams every delta in order, then exactly one done with usage", async () => {
      const s = await streamed({ type: "ok", deltas: ["Fresh ", "bread, ", "every ", "morning."], usage: { inputTokens: 9, outputTokens: 4 } });
      expect(s.error).toBeUndefined();
      expect(s.deltas).toEqual(["Fresh ", "bread, ", "every ", "morning."]);
      expect(s.events.filter((e) => e.type === "done")).toHaveLength(1);
      expect(s.events.at(-1)).toEqual({ type: "done", model, usage: { inputTokens: 9, outputTokens: 4 }, finishReason: "stop" });
    });

    it("stops downloading when the consumer leaves a stream early", async () => {
      mock.setBehaviour({ type: "ok", text: "one two three four five six", deltaDelayMs: 5 });
      const seen: string[] = [];
      for await (const ev of adapter.stream(cfg(), req, AbortSignal.timeout(5000))) {
        if (ev.type === "delta") seen.push(ev.text);
        if (seen.length === 2) break;
      }
      expect(seen).toEqual(["one ", "two "]);
    });

    describe("classifies HTTP failures", () => {
      it("429 with Retry-After in seconds → rate_limited with retryAfterMs", async () => {
        const e = await chatFails({ type: "status", status: 429, retryAfter: 7, message: "Slow down, please" });
        expect(e).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 7000 });
        expect(e.retryable).toBe(true);
        expect(e.message).toContain("Slow down, please");
      });

      it("429 with Retry-After as an HTTP-date → the time until then", async () => {
        const when = new Date(Date.now() + 30_000).toUTCString();
        const e = await chatFails({ type: "status", status: 429, retryAfter: when });
        expect(e.kind).toBe("rate_limited");
        expect(e.retryAfterMs).toBeGreaterThan(25_000);
        expect(e.retryAfterMs).toBeLessThanOrEqual(30_000);
      });

      it("429 with retry-after-ms → that many milliseconds", async () => {
        const e = await chatFails({ type: "status", status: 429, retryAfterMs: 1500 });
        expect(e).toMatchObject({ kind: "rate_limited", retryAfterMs: 1500 });
      });

      it.each([
        [500, "server", true],
        [503, "server", true],
        [529, "server", true],
        [400, "bad_request", false],
        [404, "bad_request", false],
        [422, "bad_request", false],
        [403, "auth", false],
      ] as const)("%i → %s", async (status, expected, retryable) => {
        const e = await chatFails({ type: "status", status, message: `vendor says ${status}` });
        expect(e).toMatchObject({ kind: expected, status });
        expect(e.retryable).toBe(retryable);
        expect(e.message).toContain(`vendor says ${status}`);
      });

      it("401 for a wrong key → auth, with the vendor's words", async () => {
        const e = await failure(adapter.chat({ ...cfg(), apiKey: "wrong-key-wrong-key" }, req, AbortSignal.timeout(5000)));
        shownErrors.push(e);
        expect(e).toMatchObject({ kind: "auth", status: 401 });
        expect((e as Error).message).toMatch(new RegExp(kind));
      });

      it("a proxy's HTML 502 → server, with a readable excerpt", async () => {
        const e = await chatFails({ type: "raw", status: 502, headers: { "content-type": "text/html" }, body: "<html><body><h1>502 Bad Gateway</h1></body></html>" });
        expect(e).toMatchObject({ kind: "server", status: 502 });
        expect(e.message).toContain("502 Bad Gateway");
      });

      it("a sequence of behaviours is consumed one per request", async () => {
        mock.setBehaviour([500, 500, "ok"]);
        const kinds: string[] = [];
        for (let i = 0; i < 3; i++) {
          try {
            await adapter.chat(cfg(), req, AbortSignal.timeout(5000));
            kinds.push("ok");
          } catch (e) {
            kinds.push((e as ProviderError).kind);
          }
        }
        expect(kinds).toEqual(["server", "server", "ok"]);
      });

      it("a streaming request that fails before the stream starts gets the same classification", async () => {
        const s = await streamed({ type: "status", status: 429, retryAfter: 2 });
        expect(s.deltas).toEqual([]);
        expect(s.error).toMatchObject({ kind: "rate_limited", retryAfterMs: 2000 });
      });
    });

    describe("classifies transport failures", () => {
      it("connection refused on a closed port → network", async () => {
        const gone = await startMockVendor(kind);
        await gone.close();
        const e = await failure(adapter.chat({ ...cfg(), baseUrl: gone.baseUrl }, req, AbortSignal.timeout(5000)));
        shownErrors.push(e);
        expect(e).toBeInstanceOf(ProviderError);
        expect(e).toMatchObject({ kind: "network" });
        expect((e as ProviderError).retryable).toBe(true);
      });

      it("a hanging vendor and AbortSignal.timeout → timeout, promptly", async () => {
        const t0 = Date.now();
        const e = await chatFails("hang", AbortSignal.timeout(150));
        expect(e.kind).toBe("timeout");
        expect(e.retryable).toBe(true);
        expect(Date.now() - t0).toBeLessThan(2000);
        const s = await streamed("hang", AbortSignal.timeout(150));
        expect(s.error).toMatchObject({ kind: "timeout" });
      });

      it("the caller's own abort propagates unchanged, not as a provider fault", async () => {
        mock.setBehaviour("hang");
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 50);
        const e = await failure(adapter.chat(cfg(), req, ac.signal));
        expect(e).not.toBeInstanceOf(ProviderError);
        expect((e as Error).name).toBe("AbortError");
      });
    });

    describe("mid-stream failures", () => {
      it("a dropped connection after some deltas → stream, keeping the deltas already yielded", async () => {
        const s = await streamed({ type: "stream_drop", afterDeltas: 3, text: "one two three four five" });
        expect(s.deltas).toEqual(["one ", "two ", "three "]);
        expect(s.events.some((e) => e.type === "done")).toBe(false);
        expect(s.error).toBeInstanceOf(ProviderError);
        expect(s.error).toMatchObject({ kind: "stream" });
        expect((s.error as ProviderError).retryable).toBe(false);
      });

      it("a deadline that passes mid-stream → stream (the answer is already half shown)", async () => {
        const s = await streamed({ type: "ok", text: "one two three four five six", deltaDelayMs: 80 }, AbortSignal.timeout(200));
        expect(s.deltas.length).toBeGreaterThan(0);
        expect(s.deltas.length).toBeLessThan(6);
        expect(s.error).toMatchObject({ kind: "stream" });
      });

      it("the caller's abort mid-stream propagates unchanged", async () => {
        mock.setBehaviour({ type: "ok", text: "one two three four five six", deltaDelayMs: 40 });
        const ac = new AbortController();
        const seen: string[] = [];
        let error: unknown;
        try {
          for await (const ev of adapter.stream(cfg(), req, ac.signal)) {
            if (ev.type === "delta") seen.push(ev.text);
            if (seen.length === 1) ac.abort();
          }
        } catch (e) {
          error = e;
        }
        expect(seen).toEqual(["one "]);
        expect(error).not.toBeInstanceOf(ProviderError);
        expect((error as Error).name).toBe("AbortError");
      });

      it("a connection dropped before the first delta is a retryable network failure, not a stream failure", async () => {
        const s = await streamed({ type: "stream_drop", afterDeltas: 0 });
        expect(s.deltas).toEqual([]);
        expect(s.error).toMatchObject({ kind: "network" });
      });

      it("a stream that ends cleanly without the vendor's closing event → stream after deltas, network before", async () => {
        const after = await streamed({ type: "stream_end_early", afterDeltas: 2, text: "one two three" });
        expect(after.deltas).toEqual(["one ", "two "]);
        expect(after.events.some((e) => e.type === "done")).toBe(false);
        expect(after.error).toMatchObject({ kind: "stream" });
        const before = await streamed({ type: "stream_end_early", afterDeltas: 0 });
        expect(before.error).toMatchObject({ kind: "network" });
      });

      it("the vendor's in-stream error after some deltas → stream", async () => {
        const s = await streamed({ type: "stream_error", afterDeltas: 2, text: "one two three four", message: "Overloaded right now" });
        expect(s.deltas).toEqual(["one ", "two "]);
        expect(s.error).toMatchObject({ kind: "stream" });
        expect((s.error as Error).message).toContain("Overloaded right now");
      });

      it("the vendor's in-stream error before any delta → a retryable server failure", async () => {
        const s = await streamed({ type: "stream_error", afterDeltas: 0 });
        expect(s.deltas).toEqual([]);
        expect(s.error).toMatchObject({ kind: "server" });
      });

      it("a non-streaming body cut in half → network", async () => {
        const e = await chatFails({ type: "stream_drop", afterDeltas: 0 });
        expect(e.kind).toBe("network");
      });
    });

    describe("never shows the key", () => {
      it("redacts a key the vendor echoes back in its error message", async () => {
        const e = await chatFails({ type: "status", status: 400, message: `Key ${KEY} is not allowed for this model` });
        expect(e.message).toContain("[redacted]");
        expect(e.message).toContain("is not allowed for this model");
        expect(everythingShown(e)).not.toContain(KEY);
      });

      it("redacts a secret passed in extra headers too", async () => {
        const extra = "azure-header-secret-987654321";
        mock.setBehaviour({ type: "status", status: 500, message: `upstream rejected ${extra}` });
        const e = await failure(adapter.chat({ ...cfg(), headers: { "api-key": extra } }, req, AbortSignal.timeout(5000)));
        expect(everythingShown(e)).not.toContain(extra);
      });

      it("no error thrown in this suite contains the key", () => {
        expect(shownErrors.length).toBeGreaterThan(10);
        for (const e of shownErrors) expect(everythingShown(e)).not.toContain(KEY);
      });
    });
  });
}
