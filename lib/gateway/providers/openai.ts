// Adapter for OpenAI-compatible Chat Completions (OpenAI, Azure-style hosts, OpenRouter, vLLM, Ollama) over plain fetch.
// Never log or echo the key, and never throw anything but ProviderError (or the caller's own abort, unchanged).
import "server-only";
import { ProviderError, type ChatRequest, type ChatResult, type ProviderAdapter, type ProviderConfig, type StreamEvent, type Usage } from "../types";
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
  readJson,
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
    cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : undefined,
  );
}

/** Schema names must match ^[a-zA-Z0-9_-]{1,64}$ on OpenAI. */
function schemaName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "structured_output";
}

export function buildOpenAiBody(cfg: ProviderConfig, req: ChatRequest, stream: boolean): Record<string, unknown> {
  const messages = req.messages.map((m) => ({ role: m.role, content: m.content }));
  let responseFormat: Record<string, unknown> | undefined;
  if (req.json === true) {
    responseFormat = { type: "json_object" };
    // OpenAI rejects json_object mode with a 400 unless some message mentions JSON.
    if (!messages.some((m) => /json/i.test(m.content))) messages.unshift({ role: "system", content: "Respond with a single JSON object." });
  } else if (req.json && typeof req.json === "object") {
    responseFormat = { type: "json_schema", json_schema: { name: schemaName(req.json.name), schema: req.json.schema, strict: true } };
  }
  return {
    model: modelFor(cfg, req),
    messages,
    ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(responseFormat ? { response_format: responseFormat } : {}),
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  };
}

/** OpenAI's vocabulary is already the gateway's: stop, length, content_filter (tool_calls and others pass through). */
function finishOf(v: unknown): string {
  return str(v) ?? "unknown";
}

function usageOf(raw: unknown, req: ChatRequest, text: string): Usage {
  const u = obj(raw);
  const input = num(u?.prompt_tokens);
  const output = num(u?.completion_tokens);
  // Some compatible hosts omit usage; an estimate keeps budgets honest rather than free.
  return {
    inputTokens: input ?? approxTokens(req.messages.map((m) => m.content).join("\n")),
    outputTokens: output ?? approxTokens(text),
  };
}

/** A `{"error":{...}}` object delivered inside a 200 answer or a stream. */
function inlineError(body: Record<string, unknown>, ctx: CallContext, started: boolean): ProviderError | undefined {
  const err = obj(body.error);
  if (!err) return undefined;
  const type = str(err.type) ?? str(err.code);
  const message = redact(`openai${type ? ` ${type}` : ""}: ${str(err.message) ?? "error"}`, ctx.secrets);
  if (started) return new ProviderError("stream", message);
  if (type && /rate_limit/.test(type)) return new ProviderError("rate_limited", message);
  return new ProviderError("server", message);
}

function resultFrom(data: Record<string, unknown>, cfg: ProviderConfig, req: ChatRequest, ctx: CallContext): ChatResult {
  const failed = inlineError(data, ctx, false);
  if (failed) throw failed;
  const choices = Array.isArray(data.choices) ? data.choices : [];
  const first = obj(choices[0]);
  const message = obj(first?.message);
  if (!first || !message) throw new ProviderError("server", "openai: the response had no choices");
  const text = str(message.content) ?? "";
  const refused = !text && str(message.refusal);
  return {
    text,
    model: str(data.model) ?? modelFor(cfg, req),
    usage: usageOf(data.usage, req, text),
    finishReason: refused ? "content_filter" : finishOf(first.finish_reason),
  };
}

export const openaiAdapter: ProviderAdapter = {
  kind: "openai",

  async chat(cfg, req, signal) {
    const ctx = callContext("openai", cfg, signal);
    return resultFrom(await postForJson(ctx, joinUrl(cfg.baseUrl, "", "/chat/completions"), headersFor(cfg), buildOpenAiBody(cfg, req, false)), cfg, req, ctx);
  },

  async *stream(cfg, req, signal): AsyncGenerator<StreamEvent> {
    const ctx = callContext("openai", cfg, signal);
    const res = await postJson(ctx, joinUrl(cfg.baseUrl, "", "/chat/completions"), headersFor(cfg), buildOpenAiBody(cfg, req, true));

    // A host that ignores `stream` answers with one JSON body: pass it on as a single delta.
    if ((res.headers.get("content-type") ?? "").includes("application/json")) {
      const result = resultFrom(await readJson(res, ctx), cfg, req, ctx);
      if (result.text) yield { type: "delta", text: result.text };
      yield { type: "done", model: result.model, usage: result.usage, finishReason: result.finishReason };
      return;
    }

    let started = false;
    let sawDone = false;
    let text = "";
    let model: string | undefined;
    let finishReason: string | undefined;
    let rawUsage: unknown;
    try {
      for await (const ev of readSse(res.body)) {
        if (ev.data === "[DONE]") {
          sawDone = true;
          break;
        }
        const chunk = parseSseJson(ev.data, ctx);
        const failed = inlineError(chunk, ctx, started);
        if (failed) throw failed;
        model ??= str(chunk.model);
        if (chunk.usage) rawUsage = chunk.usage;
        const choice = obj(Array.isArray(chunk.choices) ? chunk.choices[0] : undefined);
        const piece = str(obj(choice?.delta)?.content);
        if (piece) {
          started = true;
          text += piece;
          yield { type: "delta", text: piece };
        }
        if (choice?.finish_reason) finishReason = finishOf(choice.finish_reason);
      }
    } catch (e) {
      throw streamFailure(e, ctx, started);
    }
    // Hosts that never send [DONE] still end cleanly once they named a finish reason.
    if (!sawDone && !finishReason) {
      if (ctx.signal.aborted) throw streamFailure(ctx.signal.reason, ctx, started);
      throw unfinishedStream(ctx, started);
    }
    yield { type: "done", model: model ?? modelFor(cfg, req), usage: usageOf(rawUsage, req, text), finishReason: finishReason ?? "stop" };
  },
};
