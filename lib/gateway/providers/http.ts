// Shared plumbing for the provider adapters: one JSON POST helper, classification of every failure into ProviderError, and an SSE reader.
// Never let an API key (or a configured header secret) reach an error message or cause; never swallow a caller's own abort.
import "server-only";
import { Agent, errors, request, type Dispatcher } from "undici";
import { ProviderError, type ProviderConfig, type ProviderKind } from "../types";

/** What every adapter call carries: who we talk to, the caller's signal, and the strings that must never be shown. */
export interface CallContext {
  vendor: ProviderKind;
  signal: AbortSignal;
  secrets: string[];
}

export function callContext(vendor: ProviderKind, cfg: ProviderConfig, signal: AbortSignal): CallContext {
  return { vendor, signal, secrets: secretsOf(cfg) };
}

/** The strings of a provider's config that must never be shown: its key and any long configured header value. */
export function secretsOf(cfg: ProviderConfig): string[] {
  const secrets: string[] = [];
  if (cfg.apiKey) secrets.push(cfg.apiKey);
  // Extra headers often carry a second secret (Azure's api-key, a proxy token); short values cannot be keys.
  if (cfg.headers) for (const k in cfg.headers) if (typeof cfg.headers[k] === "string" && cfg.headers[k].length >= 8) secrets.push(cfg.headers[k]);
  return secrets;
}

const REDACTED = "[redacted]";

/** Replaces every occurrence of each secret (raw and URL-encoded), longest first so overlapping secrets cannot leak a tail. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  const variants = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    variants.add(s);
    variants.add(encodeURIComponent(s));
  }
  for (const s of [...variants].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
  return out;
}

/** The gateway's rough token estimate (~4 characters a token), used by the offline provider and when a vendor omits usage. */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Joins a configured base URL and a path, tolerating a trailing slash and a base that already ends in the version segment. */
export function joinUrl(baseUrl: string, versionSegment: string, path: string): string {
  let base = baseUrl.replace(/\/+$/, "");
  if (versionSegment && !base.endsWith(`/${versionSegment}`)) base = `${base}/${versionSegment}`;
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}

// ---------------------------------------------------------------- Retry-After

/**
 * Milliseconds to wait, from `retry-after-ms` (OpenAI) or `Retry-After` as delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * A date in the past means "now" (0); an unreadable header means no hint.
 */
export function parseRetryAfter(headers: HeaderGetter, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const ra = headers.get("retry-after");
  if (ra === null || ra.trim() === "") return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.ceil(Number(ra) * 1000);
  const at = Date.parse(ra);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Gemini puts its hint in the body: error.details[] of type google.rpc.RetryInfo with retryDelay "37s". */
function retryDelayFromBody(body: unknown): number | undefined {
  const details = (body as { error?: { details?: unknown } } | null)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown } | null)?.retryDelay;
    if (typeof delay === "string") {
      const m = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
      if (m) return Math.ceil(Number(m[1]) * 1000);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- HTTP error bodies

interface VendorErrorDetail {
  message: string;
  type?: string;
}

/** Reads the three vendors' error shapes: {error:{message,type,code}}, {type:"error",error:{type,message}}, {error:{code,message,status}}. */
export function vendorErrorDetail(bodyText: string): { detail: VendorErrorDetail; json: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const obj = json as Record<string, unknown> | undefined;
  const err = obj && typeof obj === "object" ? (obj.error as Record<string, unknown> | undefined) : undefined;
  if (err && typeof err === "object") {
    const message = typeof err.message === "string" ? err.message : JSON.stringify(err);
    const type = typeof err.type === "string" ? err.type : typeof err.status === "string" ? err.status : typeof err.code === "string" ? err.code : undefined;
    return { detail: { message, type }, json };
  }
  if (obj && typeof obj === "object" && typeof obj.message === "string") return { detail: { message: obj.message }, json };
  // Proxies and load balancers answer with HTML or plain text: keep a short, single-line excerpt.
  const plain = bodyText.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return { detail: { message: plain ? plain.slice(0, 300) : "(empty body)" }, json };
}

function kindForStatus(status: number): ProviderError["kind"] {
  if (status === 429) return "rate_limited";
  if (status === 408) return "timeout";
  if (status >= 500) return "server"; // includes Anthropic's 529 overloaded
  if (status === 401 || status === 403) return "auth";
  if (status >= 400) return "bad_request"; // 400, 404, 409, 413, 422: our request is wrong as sent
  return "other";
}

/** A non-2xx answer as a ProviderError carrying the vendor's own words (redacted), the status and any retry hint. */
export function httpError(status: number, headers: HeaderGetter, bodyText: string, ctx: CallContext): ProviderError {
  const { detail, json } = vendorErrorDetail(bodyText);
  const message = `${ctx.vendor} ${status}${detail.type ? ` ${detail.type}` : ""}: ${detail.message.slice(0, 500)}`;
  const retryAfterMs = parseRetryAfter(headers) ?? retryDelayFromBody(json);
  return new ProviderError(kindForStatus(status), redact(message, ctx.secrets), { status, retryAfterMs });
}

// ---------------------------------------------------------------- fetch failures

export function isTimeoutReason(reason: unknown): boolean {
  return typeof reason === "object" && reason !== null && (reason as { name?: unknown }).name === "TimeoutError";
}

/** True when the caller aborted for its own reasons (not a deadline): such an abort must propagate unchanged. */
export function isCallerAbort(ctx: CallContext): boolean {
  return ctx.signal.aborted && !isTimeoutReason(ctx.signal.reason);
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);
const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

function errorChain(err: unknown): Array<{ name?: string; message?: string; code?: string }> {
  const out: Array<{ name?: string; message?: string; code?: string }> = [];
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && cur && typeof cur === "object"; depth++) {
    const e = cur as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
    out.push({
      name: typeof e.name === "string" ? e.name : undefined,
      message: typeof e.message === "string" ? e.message : undefined,
      code: typeof e.code === "string" ? e.code : undefined,
    });
    cur = e.cause;
  }
  return out;
}

function describe(err: unknown): string {
  const chain = errorChain(err);
  if (chain.length === 0) return String(err);
  return chain
    .map((e) => [e.code, e.message].filter(Boolean).join(" "))
    .filter(Boolean)
    .join(": ");
}

/** The original error as a cause only when it cannot leak a secret through its own message. */
function safeCause(err: unknown, secrets: readonly string[]): unknown {
  const text = describe(err);
  return secrets.some((s) => s && text.includes(s)) ? undefined : err;
}

/**
 * Turns whatever fetch or a body read threw into what the adapter throws: a ProviderError, or — for the caller's own
 * abort — the original error untouched, so cancellation is never mistaken for a provider fault.
 */
export function failureFrom(err: unknown, ctx: CallContext): unknown {
  if (err instanceof ProviderError) return err;
  if (ctx.signal.aborted) {
    if (!isTimeoutReason(ctx.signal.reason)) return err;
    return new ProviderError("timeout", `${ctx.vendor}: no answer before the deadline`, { cause: ctx.signal.reason });
  }
  const chain = errorChain(err);
  const text = redact(describe(err), ctx.secrets);
  const cause = safeCause(err, ctx.secrets);
  if (chain.some((e) => e.name === "TimeoutError" || (e.code && TIMEOUT_CODES.has(e.code)))) {
    return new ProviderError("timeout", `${ctx.vendor}: timed out (${text})`, { cause });
  }
  if (chain.some((e) => e.code === "ERR_INVALID_URL")) {
    return new ProviderError("bad_request", `${ctx.vendor}: the configured base URL is not valid (${text})`, { cause });
  }
  const networkish =
    chain.some((e) => e.code && (NETWORK_CODES.has(e.code) || e.code.startsWith("UND_ERR"))) ||
    chain.some((e) => /fetch failed|terminated|socket hang up|other side closed|network/i.test(e.message ?? ""));
  if (networkish) return new ProviderError("network", `${ctx.vendor}: connection failed (${text})`, { cause });
  return new ProviderError("other", `${ctx.vendor}: ${text}`, { cause });
}

/** A failure while reading a stream: after the first delta it is always "stream" (the answer is already half shown). */
export function streamFailure(err: unknown, ctx: CallContext, started: boolean): unknown {
  if (err instanceof ProviderError) return err;
  if (isCallerAbort(ctx)) return err;
  if (!started) return failureFrom(err, ctx);
  const why = isTimeoutReason(ctx.signal.reason) ? "deadline reached" : redact(describe(err), ctx.secrets);
  return new ProviderError("stream", `${ctx.vendor}: the stream broke after it started (${why})`, { cause: safeCause(err, ctx.secrets) });
}

/** A stream whose connection closed without the vendor's closing event. */
export function unfinishedStream(ctx: CallContext, started: boolean): ProviderError {
  return started
    ? new ProviderError("stream", `${ctx.vendor}: the stream ended before the response was complete`)
    : new ProviderError("network", `${ctx.vendor}: the connection closed before the response started`);
}

// ---------------------------------------------------------------- requests

/**
 * Request headers with case-insensitive precedence: later records win. Plain spreading would send both "Authorization"
 * and "authorization" when a configured extra header differs only in case, and fetch would join them with a comma.
 */
export function mergeHeaders(...records: Array<Record<string, string> | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of records) for (const [k, v] of Object.entries(r ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** What the adapters read from a vendor's answer (a small subset of fetch's Response). */
export interface HeaderGetter {
  get(name: string): string | null;
}
export interface VendorResponse {
  status: number;
  headers: HeaderGetter;
  text(): Promise<string>;
  /** The raw body; leaving a `for await` over it early stops the download and frees the connection. */
  body: AsyncIterable<Uint8Array>;
}

// undici's request() rather than fetch(): the same client underneath, without the WHATWG Request/Response/stream layers
// that made fetch cost ~0.4 ms of CPU per call on this path (measured with the gateway benchmark's upstream). One
// keep-alive pool per process, shared by every bundle.
const g = globalThis as typeof globalThis & { __aicmoVendorAgent?: Dispatcher };
function vendorAgent(): Dispatcher {
  return (g.__aicmoVendorAgent ??= new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 }));
}

function headerGetter(headers: Record<string, string | string[] | undefined>): HeaderGetter {
  return {
    get(name) {
      const v = headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
  };
}

/** POSTs JSON and returns the 2xx answer; anything else becomes a ProviderError (or the caller's abort, unchanged). */
export async function postJson(ctx: CallContext, url: string, headers: Record<string, string>, body: unknown): Promise<VendorResponse> {
  let res: Dispatcher.ResponseData;
  try {
    res = await request(url, {
      method: "POST",
      headers: mergeHeaders({ "content-type": "application/json" }, headers),
      body: JSON.stringify(body),
      signal: ctx.signal,
      dispatcher: vendorAgent(),
    });
  } catch (e) {
    throw failureFrom(e, ctx);
  }
  const answer: VendorResponse = { status: res.statusCode, headers: headerGetter(res.headers), text: () => res.body.text(), body: res.body };
  if (res.statusCode >= 200 && res.statusCode < 300) return answer;
  let text = "";
  try {
    text = await res.body.text();
  } catch (e) {
    if (isCallerAbort(ctx)) throw e;
    // The status already says what happened; a body we could not read only loses the vendor's wording.
  }
  throw httpError(res.statusCode, answer.headers, text, ctx);
}

/** A whole answer, read into memory. */
interface BufferedAnswer {
  status: number;
  headers: HeaderGetter;
  text: string;
}

/** Thrown by bufferedPost when the body could not be read after the status arrived, with that status. */
class BodyReadError extends Error {
  constructor(
    readonly status: number,
    readonly headers: HeaderGetter,
    readonly original: unknown,
  ) {
    super("the response body could not be read");
  }
}

/**
 * One POST through the vendor pool, buffered whole, on undici's dispatch() with a handler of our own: request() wraps
 * every answer in a Readable stream and its own abort handling, which cost a fifth of this call's CPU for a small JSON
 * answer. Aborts as request() does: with the signal's reason (or RequestAbortedError), before or after the headers.
 */
function bufferedPost(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<BufferedAnswer> {
  return new Promise((resolve, reject) => {
    const reasonOf = () => signal.reason ?? new errors.RequestAbortedError();
    if (signal.aborted) return reject(reasonOf());
    const { origin, pathname, search } = new URL(url);
    let controller: Dispatcher.DispatchController | null = null;
    let aborted: unknown = null;
    let status = 0;
    let answerHeaders: HeaderGetter | null = null;
    const chunks: Buffer[] = [];
    const onAbort = () => {
      aborted = reasonOf();
      controller?.abort(aborted as Error);
    };
    const done = () => signal.removeEventListener("abort", onAbort);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (aborted) c.abort(aborted as Error);
      },
      onResponseStart(_c, statusCode, responseHeaders) {
        if (statusCode < 200) return; // 1xx: the answer is still to come
        status = statusCode;
        answerHeaders = headerGetter(responseHeaders);
      },
      onResponseData(_c, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        done();
        const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
        resolve({ status, headers: answerHeaders!, text });
      },
      onResponseError(_c, err) {
        done();
        reject(answerHeaders ? new BodyReadError(status, answerHeaders, err) : err);
      },
    };
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      vendorAgent().dispatch({ origin, path: pathname + search, method: "POST", headers, body }, handler);
    } catch (e) {
      // Arguments undici refuses (e.g. a header value with a line break) throw here, as they do from request().
      done();
      reject(e);
    }
  });
}

/**
 * POSTs JSON and returns the 2xx answer parsed as JSON: postJson + readJson in one buffered call, for the adapters'
 * non-streaming chat. Failures become the same ProviderErrors (or the caller's abort, unchanged) as those two give.
 */
export async function postForJson(ctx: CallContext, url: string, headers: Record<string, string>, body: unknown): Promise<Record<string, unknown>> {
  let answer: BufferedAnswer;
  try {
    answer = await bufferedPost(url, mergeHeaders({ "content-type": "application/json" }, headers), JSON.stringify(body), ctx.signal);
  } catch (e) {
    if (!(e instanceof BodyReadError)) throw failureFrom(e, ctx);
    if (e.status >= 200 && e.status < 300) throw failureFrom(e.original, ctx);
    if (isCallerAbort(ctx)) throw e.original;
    // The status already says what happened; a body we could not read only loses the vendor's wording.
    throw httpError(e.status, e.headers, "", ctx);
  }
  if (answer.status < 200 || answer.status >= 300) throw httpError(answer.status, answer.headers, answer.text, ctx);
  return parseJsonBody(answer.text, answer.status, ctx);
}

function parseJsonBody(text: string, status: number, ctx: CallContext): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ProviderError("server", redact(`${ctx.vendor}: the response was not JSON (${text.slice(0, 120).replace(/\s+/g, " ")})`, ctx.secrets), {
    status,
  });
}

/** Reads a 2xx body as JSON; a body that is not JSON means the vendor (or a proxy) answered badly: "server". */
export async function readJson(res: VendorResponse, ctx: CallContext): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw failureFrom(e, ctx);
  }
  return parseJsonBody(text, res.status, ctx);
}

// ---------------------------------------------------------------- Server-Sent Events

export interface SseEvent {
  /** The `event:` field, or "message" when the server sent none. */
  event: string;
  /** All `data:` lines of the event joined with "\n". */
  data: string;
  id?: string;
}

/**
 * Incremental SSE parser (WHATWG HTML §9.2.6): lines end in LF, CR or CRLF (a CRLF may straddle two chunks), `:` starts
 * a comment, one leading space after the colon is dropped, and a blank line dispatches the event.
 */
export class SseParser {
  private partial = "";
  private pendingCR = false;
  private data: string[] = [];
  private event = "";
  private id: string | undefined;

  push(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    let text = chunk;
    if (this.pendingCR && text.startsWith("\n")) text = text.slice(1);
    this.pendingCR = false;
    const buf = this.partial + text;
    let start = 0;
    for (let i = 0; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const line = buf.slice(start, i);
      if (c === 13) {
        if (i + 1 < buf.length) {
          if (buf.charCodeAt(i + 1) === 10) i++;
        } else {
          this.pendingCR = true;
        }
      }
      start = i + 1;
      this.line(line, out);
    }
    this.partial = buf.slice(start);
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === "") {
      if (this.data.length > 0) out.push({ event: this.event || "message", data: this.data.join("\n"), ...(this.id !== undefined ? { id: this.id } : {}) });
      this.data = [];
      this.event = "";
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    else if (field === "id" && !value.includes("\0")) this.id = value;
    // `retry` and unknown fields are ignored: we never reconnect a model stream.
  }
}

/** Yields the SSE events of a response body; an event cut off by the end of the body is dropped, as the spec says.
 * Leaving early (or failing) ends the iteration over the body, which stops the download. */
export async function* readSse(body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null): AsyncGenerator<SseEvent> {
  if (!body) return;
  const decoder = new TextDecoder();
  const parser = new SseParser();
  // Node's web ReadableStream is async-iterable too (and cancels itself when the loop is left early).
  for await (const chunk of body as AsyncIterable<Uint8Array>) yield* parser.push(decoder.decode(chunk, { stream: true }));
  yield* parser.push(decoder.decode());
}

/** Parses one SSE data payload as JSON; a malformed payload mid-stream is the vendor's fault. */
export function parseSseJson(data: string, ctx: CallContext): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(data);
    if (v && typeof v === "object") return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ProviderError("server", redact(`${ctx.vendor}: a stream event was not JSON (${data.slice(0, 120)})`, ctx.secrets));
}

// ---------------------------------------------------------------- small shared helpers

/** The model to call: the provider's configured model wins, the request's model fills in when none is configured. */
export function modelFor(cfg: ProviderConfig, req: { model: string }): string {
  return cfg.model || req.model;
}

/** Removes a Markdown code fence some models wrap around JSON even when told not to. */
export function stripCodeFence(text: string): string {
  const m = /^\s*```[a-zA-Z]*\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return m ? (m[1] ?? "") : text;
}

/** Stringly-typed field access for vendor JSON, which we never trust to match its documentation. */
export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
