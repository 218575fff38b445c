// Adapter for Google Gemini generateContent / streamGenerateContent (alt=sse) over plain fetch, with JSON Schema → responseSchema.
// Never put the key in the URL (it travels in x-goog-api-key), never log it, and never throw anything but ProviderError or the caller's abort.
import "server-only";
import { ProviderError, type ChatMessage, type ChatRequest, type ChatResult, type ProviderAdapter, type ProviderConfig, type StreamEvent } from "../types";
import {
  approxTokens,
  callContext,
  joinUrl,
  mergeHeaders,
  modelFor,
  num,
  obj,
  parseSseJson,
  postForJson,
  postJson,
  readSse,
  redact,
  str,
  streamFailure,
  unfinishedStream,
  type CallContext,
} from "./http";

function headersFor(cfg: ProviderConfig): Record<string, string> {
  return mergeHeaders(
    {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    cfg.headers,
    cfg.apiKey ? { "x-goog-api-key": cfg.apiKey } : undefined,
  );
}

function urlFor(cfg: ProviderConfig, req: ChatRequest, stream: boolean): string {
  const model = modelFor(cfg, req).replace(/^models\//, "");
  const method = stream ? "streamGenerateContent?alt=sse" : "generateContent";
  return joinUrl(cfg.baseUrl, "v1beta", `/models/${encodeURIComponent(model)}:${method}`);
}

// ---------------------------------------------------------------- JSON Schema → Gemini Schema

/** The OpenAPI-3.0 subset Gemini's responseSchema accepts; everything else (additionalProperties, $schema, …) is dropped. */
const KEPT_KEYS = new Set(["title", "description", "nullable", "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "propertyOrdering"]);
const FORMATS: Record<string, string[]> = { STRING: ["enum", "date-time"], INTEGER: ["int32", "int64"], NUMBER: ["float", "double"] };
const TYPES = new Set(["string", "number", "integer", "boolean", "array", "object"]);

/**
 * Converts a JSON Schema into Gemini's responseSchema: resolves local $refs, turns ["x","null"] into nullable, const
 * into a one-value enum, oneOf into anyOf, upper-cases types, and drops keys and formats Gemini rejects.
 */
export function toGeminiSchema(schema: Record<string, unknown>, root: Record<string, unknown> = schema, depth = 0): Record<string, unknown> {
  if (depth > 12) return { type: "STRING" }; // a recursive schema cannot be expressed; cut it off rather than loop
  let s = schema;
  const ref = str(s.$ref);
  if (ref) {
    const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
    const target = m ? obj(obj(root[m[1] as string])?.[decodeURIComponent(m[2] as string)]) : undefined;
    s = target ? { ...target, ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== "$ref")) } : {};
  }
  const allOf = Array.isArray(s.allOf) ? s.allOf : undefined;
  if (allOf && allOf.length === 1 && obj(allOf[0])) s = { ...obj(allOf[0]), ...s, allOf: undefined };

  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (KEPT_KEYS.has(k) && v !== undefined) out[k] = v;

  let type = s.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== "null");
    if (nonNull.length < type.length) out.nullable = true;
    if (nonNull.length === 1) type = nonNull[0];
    else {
      type = undefined;
      if (nonNull.length > 1) out.anyOf = nonNull.map((t) => toGeminiSchema({ ...s, type: t }, root, depth + 1));
    }
  }
  if (s.const !== undefined) {
    out.enum = [String(s.const)];
    type ??= "string";
  }
  if (typeof type === "string" && TYPES.has(type)) out.type = type.toUpperCase();
  else if (type === "null") out.nullable = true;

  if (Array.isArray(s.enum) && s.const === undefined) {
    // Gemini enums are string-only.
    if (s.enum.every((v) => typeof v === "string")) {
      out.enum = s.enum;
      out.type ??= "STRING";
    }
  }
  const format = str(s.format);
  if (format && typeof out.type === "string" && FORMATS[out.type]?.includes(format)) out.format = format;

  const props = obj(s.properties);
  if (props) {
    const converted: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) {
      const child = obj(v);
      if (child) converted[k] = toGeminiSchema(child, root, depth + 1);
    }
    out.properties = converted;
    if (Array.isArray(s.required)) out.required = s.required.filter((r) => typeof r === "string" && r in converted);
    out.type ??= "OBJECT";
  }
  const items = Array.isArray(s.items) ? obj(s.items[0]) : obj(s.items);
  if (items) {
    out.items = toGeminiSchema(items, root, depth + 1);
    out.type ??= "ARRAY";
  }
  const alternatives = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (alternatives && !out.anyOf) {
    const variants = alternatives.map(obj).filter((v): v is Record<string, unknown> => !!v);
    const nonNull = variants.filter((v) => v.type !== "null");
    if (nonNull.length < variants.length) out.nullable = true;
    if (nonNull.length === 1) Object.assign(out, toGeminiSchema(nonNull[0] as Record<string, unknown>, root, depth + 1), out.nullable ? { nullable: true } : {});
    else if (nonNull.length > 1) out.anyOf = nonNull.map((v) => toGeminiSchema(v, root, depth + 1));
  }
  return out;
}

// ---------------------------------------------------------------- request / response

/** Gemini speaks "user" and "model"; adjacent turns of one role are merged so the conversation alternates. */
function contentsOf(messages: ChatMessage[]): Array<{ role: "user" | "model"; parts: Array<{ text: string }> }> {
  const out: Array<{ role: "user" | "model"; parts: Array<{ text: string }> }> = [];
  for (const m of messages) {
    if (m.role === "system") continue;
    const role = m.role === "assistant" ? "model" : "user";
    const last = out[out.length - 1];
    if (last && last.role === role) last.parts.push({ text: m.content });
    else out.push({ role, parts: [{ text: m.content }] });
  }
  return out;
}

export function buildGeminiBody(req: ChatRequest): Record<string, unknown> {
  const system = req.messages.filter((m) => m.role === "system").map((m) => m.content);
  const generationConfig: Record<string, unknown> = {};
  if (req.maxTokens !== undefined) generationConfig.maxOutputTokens = req.maxTokens;
  if (req.temperature !== undefined) generationConfig.temperature = req.temperature;
  if (req.json) generationConfig.responseMimeType = "application/json";
  if (req.json && typeof req.json === "object") generationConfig.responseSchema = toGeminiSchema(req.json.schema);
  return {
    contents: contentsOf(req.messages),
    ...(system.length > 0 ? { systemInstruction: { parts: [{ text: system.join("\n\n") }] } } : {}),
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
  };
}

/** Into the gateway's vocabulary: stop, length, content_filter; other reasons pass through lower-cased. */
function finishOf(v: unknown): string | undefined {
  const r = str(v);
  if (!r) return undefined;
  if (r === "STOP") return "stop";
  if (r === "MAX_TOKENS") return "length";
  if (["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"].includes(r)) return "content_filter";
  return r.toLowerCase();
}

/** The visible text of a response chunk (thought summaries are not part of the answer). */
function textOf(chunk: Record<string, unknown>): { text: string; finish?: string } {
  const candidate = obj(Array.isArray(chunk.candidates) ? chunk.candidates[0] : undefined);
  const parts = Array.isArray(obj(candidate?.content)?.parts) ? (obj(candidate?.content)?.parts as unknown[]) : [];
  const text = parts
    .map(obj)
    .filter((p) => p && p.thought !== true)
    .map((p) => str(p?.text) ?? "")
    .join("");
  // A prompt blocked before generation has no candidate, only promptFeedback.blockReason.
  const blocked = !candidate && obj(chunk.promptFeedback)?.blockReason ? "content_filter" : undefined;
  return { text, finish: finishOf(candidate?.finishReason) ?? blocked };
}

function usageOf(raw: unknown, req: ChatRequest, text: string): { inputTokens: number; outputTokens: number } {
  const u = obj(raw);
  const input = num(u?.promptTokenCount);
  // Thinking tokens are billed as output.
  const output = (num(u?.candidatesTokenCount) ?? 0) + (num(u?.thoughtsTokenCount) ?? 0);
  return {
    inputTokens: input ?? approxTokens(req.messages.map((m) => m.content).join("\n")),
    outputTokens: u ? output : approxTokens(text),
  };
}

function inlineError(body: Record<string, unknown>, ctx: CallContext, started: boolean): ProviderError | undefined {
  const err = obj(body.error);
  if (!err) return undefined;
  const status = str(err.status);
  const message = redact(`gemini${status ? ` ${status}` : ""}: ${str(err.message) ?? "error"}`, ctx.secrets);
  if (started) return new ProviderError("stream", message);
  if (status === "RESOURCE_EXHAUSTED") return new ProviderError("rate_limited", message);
  return new ProviderError("server", message);
}

export const geminiAdapter: ProviderAdapter = {
  kind: "gemini",

  async chat(cfg, req, signal): Promise<ChatResult> {
    const ctx = callContext("gemini", cfg, signal);
    const data = await postForJson(ctx, urlFor(cfg, req, false), headersFor(cfg), buildGeminiBody(req));
    const failed = inlineError(data, ctx, false);
    if (failed) throw failed;
    const { text, finish } = textOf(data);
    return {
      text,
      model: str(data.modelVersion) ?? modelFor(cfg, req),
      usage: usageOf(data.usageMetadata, req, text),
      finishReason: finish ?? "unknown",
    };
  },

  async *stream(cfg, req, signal): AsyncGenerator<StreamEvent> {
    const ctx = callContext("gemini", cfg, signal);
    const res = await postJson(ctx, urlFor(cfg, req, true), headersFor(cfg), buildGeminiBody(req));

    let started = false;
    let text = "";
    let model: string | undefined;
    let finishReason: string | undefined;
    let rawUsage: unknown;
    try {
      // Every alt=sse event is a whole GenerateContentResponse; the last one names the finish reason and the totals.
      for await (const ev of readSse(res.body)) {
        const chunk = parseSseJson(ev.data, ctx);
        const failed = inlineError(chunk, ctx, started);
        if (failed) throw failed;
        model ??= str(chunk.modelVersion);
        if (chunk.usageMetadata) rawUsage = chunk.usageMetadata;
        const { text: piece, finish } = textOf(chunk);
        if (piece) {
          started = true;
          text += piece;
          yield { type: "delta", text: piece };
        }
        if (finish) finishReason = finish;
      }
    } catch (e) {
      throw streamFailure(e, ctx, started);
    }
    // Gemini has no closing event: a stream that ends without a finish reason was cut off.
    if (!finishReason) {
      if (ctx.signal.aborted) throw streamFailure(ctx.signal.reason, ctx, started);
      throw unfinishedStream(ctx, started);
    }
    yield { type: "done", model: model ?? modelFor(cfg, req), usage: usageOf(rawUsage, req, text), finishReason };
  },
};
