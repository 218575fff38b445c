// Scriptable stand-ins for the OpenAI, Anthropic and Gemini HTTP APIs, speaking each vendor's wire format (JSON and SSE), for tests and benchmarks.
// Listens on 127.0.0.1 only, never reaches the real vendors, and never keeps a socket open after close().
import http from "node:http";
import type { AddressInfo } from "node:net";

export type MockVendorKind = "openai" | "anthropic" | "gemini";

export interface MockUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Answer normally, as JSON or as the vendor's SSE stream depending on what the request asked for. */
export interface OkStep {
  type: "ok";
  text?: string;
  /** Exact stream deltas; by default the text is split into words. */
  deltas?: string[];
  usage?: MockUsage;
  /** Delay before the response starts. */
  latencyMs?: number;
  /** Delay between stream deltas. */
  deltaDelayMs?: number;
  /** Vendor-native finish reason (stop / end_turn / STOP, …). */
  finishReason?: string;
  model?: string;
  /** Anthropic, when the request forces a tool: the tool's input (defaults to the text parsed as JSON). */
  toolInput?: unknown;
}

/** Answer with an HTTP error in the vendor's error-body shape. */
export interface StatusStep {
  type: "status";
  status: number;
  message?: string;
  /** Vendor error type (OpenAI `type`, Anthropic `error.type`, Gemini `status`); defaults by status. */
  errorType?: string;
  /** Sent verbatim as Retry-After (seconds or an HTTP-date). */
  retryAfter?: string | number;
  /** Sent as retry-after-ms (OpenAI's header). */
  retryAfterMs?: number;
  headers?: Record<string, string>;
  latencyMs?: number;
}

/** Accept the request and never answer until the server closes. */
export interface HangStep {
  type: "hang";
}

/** Start a stream, send `afterDeltas` deltas, then destroy the connection. A non-streaming request gets half a JSON body. */
export interface StreamDropStep {
  type: "stream_drop";
  afterDeltas: number;
  text?: string;
}

/** Start a stream, send `afterDeltas` deltas, then the vendor's in-stream error (Anthropic: `event: error` overloaded_error). */
export interface StreamErrorStep {
  type: "stream_error";
  afterDeltas: number;
  text?: string;
  errorType?: string;
  message?: string;
}

/** Start a stream, send `afterDeltas` deltas, then end the response cleanly but without the vendor's closing events (non-streaming: like stream_drop). */
export interface StreamEndEarlyStep {
  type: "stream_end_early";
  afterDeltas: number;
  text?: string;
}

/** Anything at all, for odd cases (an HTML 502 from a proxy, a 200 that is not JSON). */
export interface RawStep {
  type: "raw";
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type MockStep = OkStep | StatusStep | HangStep | StreamDropStep | StreamErrorStep | StreamEndEarlyStep | RawStep;
/** Shorthands: "ok", "hang", or an HTTP status. An array is consumed one step per request; its last step then repeats. */
export type MockStepInput = MockStep | "ok" | "hang" | number;
export type MockBehaviour = MockStepInput | MockStepInput[];

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. /v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The parsed JSON body (an empty object if it was not JSON). */
  body: Record<string, unknown>;
  rawBody: string;
}

export interface MockVendor {
  kind: MockVendorKind;
  /** Origin, e.g. http://127.0.0.1:54321 */
  url: string;
  /** The base URL to configure an adapter with (OpenAI's includes /v1, as api.openai.com/v1 does). */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  setBehaviour(b: MockBehaviour): void;
  close(): Promise<void>;
}

export interface MockVendorOptions {
  /** When set, requests without this key get the vendor's 401. */
  apiKey?: string;
}

export const MOCK_DEFAULT_TEXT: Record<MockVendorKind, string> = {
  openai: "Hello from the mock OpenAI server.",
  anthropic: "Hello from the mock Anthropic server.",
  gemini: "Hello from the mock Gemini server.",
};

function normalise(step: MockStepInput): MockStep {
  if (step === "ok") return { type: "ok" };
  if (step === "hang") return { type: "hang" };
  if (typeof step === "number") return { type: "status", status: step };
  return step;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function splitWords(text: string): string[] {
  return text.match(/\S+\s*/g) ?? (text ? [text] : []);
}

function splitEvery(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out;
}

// ---------------------------------------------------------------- vendor error bodies

const OPENAI_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request." },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided." },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory", message: "Country, region, or territory not supported." },
  404: { type: "invalid_request_error", code: "model_not_found", message: "The model does not exist or you do not have access to it." },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests. Please try again later." },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request. Sorry about that!" },
  503: { type: "server_error", code: null, message: "The engine is currently overloaded, please try again later." },
};
const ANTHROPIC_ERRORS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};
const GEMINI_STATUSES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

function errorBody(kind: MockVendorKind, status: number, message?: string, errorType?: string): unknown {
  if (kind === "openai") {
    const d = OPENAI_ERRORS[status] ?? (status >= 500 ? OPENAI_ERRORS[500] : OPENAI_ERRORS[400]);
    return { error: { message: message ?? d?.message, type: errorType ?? d?.type, param: null, code: d?.code ?? null } };
  }
  if (kind === "anthropic") {
    const type = errorType ?? ANTHROPIC_ERRORS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
    const defaults: Record<string, string> = { overloaded_error: "Overloaded", rate_limit_error: "Number of requests has exceeded your rate limit.", authentication_error: "invalid x-api-key" };
    return { type: "error", error: { type, message: message ?? defaults[type] ?? `Mock ${type}` }, request_id: "req_mock" };
  }
  const st = errorType ?? GEMINI_STATUSES[status] ?? (status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT");
  const defaults: Record<string, string> = {
    RESOURCE_EXHAUSTED: "Resource has been exhausted (e.g. check quota).",
    UNAUTHENTICATED: "API key not valid. Please pass a valid API key.",
    UNAVAILABLE: "The model is overloaded. Please try again later.",
  };
  return { error: { code: status, message: message ?? defaults[st] ?? `Mock ${st}`, status: st } };
}

// ---------------------------------------------------------------- request helpers

function headerRecord(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function routeOk(kind: MockVendorKind, method: string, path: string): boolean {
  const p = path.split("?")[0] ?? "";
  if (method !== "POST") return false;
  if (kind === "openai") return p.endsWith("/chat/completions");
  if (kind === "anthropic") return p === "/v1/messages";
  return /^\/v1beta\/models\/[^/:]+:(generateContent|streamGenerateContent)$/.test(p);
}

function wantsStream(kind: MockVendorKind, path: string, body: Record<string, unknown>): boolean {
  if (kind === "gemini") return path.includes(":streamGenerateContent");
  return body.stream === true;
}

function presentedKey(kind: MockVendorKind, headers: Record<string, string>, path: string): string | undefined {
  if (kind === "openai") return headers.authorization?.replace(/^Bearer\s+/i, "");
  if (kind === "anthropic") return headers["x-api-key"];
  return headers["x-goog-api-key"] ?? new URL(path, "http://x").searchParams.get("key") ?? undefined;
}

function modelOf(kind: MockVendorKind, path: string, body: Record<string, unknown>, step: { model?: string }): string {
  if (step.model) return step.model;
  if (kind === "gemini") return decodeURIComponent(/\/models\/([^/:]+):/.exec(path)?.[1] ?? "gemini-mock");
  return typeof body.model === "string" ? body.model : `${kind}-mock`;
}

/** Anthropic's forced tool, when the request has one. */
function forcedToolName(body: Record<string, unknown>): string | undefined {
  const choice = body.tool_choice as { type?: string; name?: string } | undefined;
  return choice?.type === "tool" ? choice.name : undefined;
}

function toolInputOf(step: { toolInput?: unknown }, text: string): unknown {
  if (step.toolInput !== undefined) return step.toolInput;
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

// ---------------------------------------------------------------- SSE framing

interface Framer {
  /** Bytes before the first delta. */
  start(): string[];
  delta(piece: string): string;
  /** Bytes after the last delta. */
  end(): string[];
  /** The vendor's in-stream error. */
  error(errorType?: string, message?: string): string;
}

function sseData(data: unknown, eol = "\n"): string {
  return `data: ${JSON.stringify(data)}${eol}${eol}`;
}

function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function framer(kind: MockVendorKind, model: string, body: Record<string, unknown>, usage: MockUsage, finish: string | undefined, toolName: string | undefined): Framer {
  const created = Math.floor(Date.now() / 1000);
  if (kind === "openai") {
    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const base = { id: "chatcmpl-mock", object: "chat.completion.chunk", created, model, system_fingerprint: "fp_mock" };
    const chunk = (delta: Record<string, unknown>, finishReason: string | null) => ({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
    return {
      start: () => [sseData(chunk({ role: "assistant", content: "", refusal: null }, null))],
      delta: (piece) => sseData(chunk({ content: piece }, null)),
      end: () => [
        sseData(chunk({}, finish ?? "stop")),
        ...(includeUsage
          ? [sseData({ ...base, choices: [], usage: { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens } })]
          : []),
        "data: [DONE]\n\n",
      ],
      error: (type, message) => sseData({ error: { message: message ?? "The server had an error while processing your request.", type: type ?? "server_error", param: null, code: null } }),
    };
  }
  if (kind === "anthropic") {
    const block = toolName ? { type: "tool_use", id: "toolu_mock", name: toolName, input: {} } : { type: "text", text: "" };
    return {
      start: () => [
        sseEvent("message_start", {
          type: "message_start",
          message: { id: "msg_mock", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.inputTokens, output_tokens: 1 } },
        }),
        sseEvent("content_block_start", { type: "content_block_start", index: 0, content_block: block }),
        sseEvent("ping", { type: "ping" }),
      ],
      delta: (piece) =>
        sseEvent("content_block_delta", {
          type: "content_block_delta",
          index: 0,
          delta: toolName ? { type: "input_json_delta", partial_json: piece } : { type: "text_delta", text: piece },
        }),
      end: () => [
        sseEvent("content_block_stop", { type: "content_block_stop", index: 0 }),
        sseEvent("message_delta", {
          type: "message_delta",
          delta: { stop_reason: finish ?? (toolName ? "tool_use" : "end_turn"), stop_sequence: null },
          usage: { output_tokens: usage.outputTokens },
        }),
        sseEvent("message_stop", { type: "message_stop" }),
      ],
      error: (type, message) => sseEvent("error", { type: "error", error: { type: type ?? "overloaded_error", message: message ?? "Overloaded" } }),
    };
  }
  // Gemini's alt=sse: every event is a whole GenerateContentResponse, framed with CRLF.
  let sent = 0;
  return {
    start: () => [],
    delta: (piece) => {
      sent++;
      return sseData(
        {
          candidates: [{ content: { parts: [{ text: piece }], role: "model" }, index: 0 }],
          usageMetadata: { promptTokenCount: usage.inputTokens, totalTokenCount: usage.inputTokens + sent },
          modelVersion: model,
          responseId: "mock-response",
        },
        "\r\n",
      );
    },
    end: () => [
      sseData(
        {
          candidates: [{ content: { parts: [{ text: "" }], role: "model" }, finishReason: finish ?? "STOP", index: 0 }],
          usageMetadata: { promptTokenCount: usage.inputTokens, candidatesTokenCount: usage.outputTokens, totalTokenCount: usage.inputTokens + usage.outputTokens },
          modelVersion: model,
          responseId: "mock-response",
        },
        "\r\n",
      ),
    ],
    error: (type, message) => sseData({ error: { code: 503, message: message ?? "The model is overloaded. Please try again later.", status: type ?? "UNAVAILABLE" } }, "\r\n"),
  };
}

function jsonAnswer(kind: MockVendorKind, model: string, body: Record<string, unknown>, text: string, usage: MockUsage, finish: string | undefined, step: OkStep): unknown {
  if (kind === "openai") {
    return {
      id: "chatcmpl-mock",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: finish ?? "stop" }],
      usage: { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens },
      system_fingerprint: "fp_mock",
    };
  }
  if (kind === "anthropic") {
    const tool = forcedToolName(body);
    return {
      id: "msg_mock",
      type: "message",
      role: "assistant",
      model,
      content: tool ? [{ type: "tool_use", id: "toolu_mock", name: tool, input: toolInputOf(step, text) }] : [{ type: "text", text }],
      stop_reason: finish ?? (tool ? "tool_use" : "end_turn"),
      stop_sequence: null,
      usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
    };
  }
  return {
    candidates: [{ content: { parts: [{ text }], role: "model" }, finishReason: finish ?? "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: usage.inputTokens, candidatesTokenCount: usage.outputTokens, totalTokenCount: usage.inputTokens + usage.outputTokens },
    modelVersion: model,
    responseId: "mock-response",
  };
}

const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" };

function write(res: http.ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.write(chunk, () => resolve());
  });
}

// ---------------------------------------------------------------- the server

export async function startMockVendor(kind: MockVendorKind, behaviour: MockBehaviour = "ok", opts: MockVendorOptions = {}): Promise<MockVendor> {
  let steps: MockStep[] = [];
  let cursor = 0;
  const setBehaviour = (b: MockBehaviour) => {
    steps = (Array.isArray(b) ? b : [b]).map(normalise);
    if (steps.length === 0) steps = [{ type: "ok" }];
    cursor = 0;
  };
  setBehaviour(behaviour);
  const nextStep = (): MockStep => {
    const step = steps[Math.min(cursor, steps.length - 1)] as MockStep;
    cursor++;
    return step;
  };

  const requests: RecordedRequest[] = [];

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      // recorded as raw only
    }
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const headers = headerRecord(req);
    requests.push({ method, path, headers, body, rawBody });

    const sendJson = (status: number, payload: unknown, extra: Record<string, string> = {}) => {
      const text = JSON.stringify(payload);
      const vendorHeaders: Record<string, string> = kind === "anthropic" ? { "request-id": "req_mock" } : kind === "openai" ? { "x-request-id": "req_mock" } : {};
      res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...vendorHeaders, ...extra });
      res.end(text);
    };

    if (!routeOk(kind, method, path)) {
      sendJson(404, errorBody(kind, 404, `Mock ${kind}: no route for ${method} ${path.split("?")[0]}`));
      return;
    }
    if (opts.apiKey !== undefined && presentedKey(kind, headers, path) !== opts.apiKey) {
      sendJson(401, errorBody(kind, 401));
      return;
    }

    const step = nextStep();
    const stream = wantsStream(kind, path, body);
    const model = modelOf(kind, path, body, step.type === "ok" ? step : {});
    const toolName = kind === "anthropic" ? forcedToolName(body) : undefined;

    if (step.type === "hang") return; // the socket stays open until the client gives up or close() runs
    if (step.type === "raw") {
      res.writeHead(step.status, step.headers ?? {});
      res.end(step.body);
      return;
    }
    if (step.type === "status") {
      if (step.latencyMs) await sleep(step.latencyMs);
      const extra: Record<string, string> = { ...step.headers };
      if (step.retryAfter !== undefined) extra["retry-after"] = String(step.retryAfter);
      if (step.retryAfterMs !== undefined) extra["retry-after-ms"] = String(step.retryAfterMs);
      sendJson(step.status, errorBody(kind, step.status, step.message, step.errorType), extra);
      return;
    }

    const text = step.text ?? MOCK_DEFAULT_TEXT[kind];
    const toolJson = toolName ? JSON.stringify(toolInputOf(step.type === "ok" ? step : {}, text)) : undefined;
    const deltas = step.type === "ok" && step.deltas ? step.deltas : toolJson !== undefined ? splitEvery(toolJson, 8) : splitWords(text);
    const usage = step.type === "ok" && step.usage ? step.usage : { inputTokens: 12, outputTokens: Math.max(1, deltas.length) };
    const finish = step.type === "ok" ? step.finishReason : undefined;

    if (step.type === "ok") {
      if (step.latencyMs) await sleep(step.latencyMs);
      if (!stream) {
        sendJson(200, jsonAnswer(kind, model, body, text, usage, finish, step));
        return;
      }
      const f = framer(kind, model, body, usage, finish, toolName);
      res.writeHead(200, SSE_HEADERS);
      for (const c of f.start()) await write(res, c);
      for (const d of deltas) {
        if (step.deltaDelayMs) await sleep(step.deltaDelayMs);
        await write(res, f.delta(d));
      }
      for (const c of f.end()) await write(res, c);
      res.end();
      return;
    }

    // stream_drop / stream_error / stream_end_early
    if (!stream) {
      if (step.type === "stream_error") {
        const status = kind === "anthropic" ? 529 : 503;
        sendJson(status, errorBody(kind, status, step.message, step.errorType));
        return;
      }
      const full = JSON.stringify(jsonAnswer(kind, model, body, text, usage, finish, { type: "ok" }));
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(full)) });
      await write(res, full.slice(0, Math.floor(full.length / 2)));
      res.socket?.destroy();
      return;
    }
    const f = framer(kind, model, body, usage, finish, toolName);
    res.writeHead(200, SSE_HEADERS);
    for (const c of f.start()) await write(res, c);
    for (const d of deltas.slice(0, step.afterDeltas)) await write(res, f.delta(d));
    if (step.type === "stream_error") {
      await write(res, f.error(step.errorType, step.message));
      res.end();
      return;
    }
    if (step.type === "stream_end_early") {
      res.end();
      return;
    }
    // Give the client a moment to read what was sent, then cut the connection mid-response.
    await sleep(20);
    res.socket?.destroy();
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.socket?.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  return {
    kind,
    url,
    baseUrl: kind === "openai" ? `${url}/v1` : url,
    port,
    requests,
    setBehaviour,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
