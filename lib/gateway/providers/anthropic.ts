// Adapter for Anthropic's Messages API over plain fetch: system prompt at top level, JSON via instruction or a forced tool.
// Never log or echo the key, and never throw anything but ProviderError (or the caller's own abort, unchanged).
import "server-only";
import {
  ProviderError,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type ProviderAdapter,
  type ProviderConfig,
  type ProviderErrorKind,
  type StreamEvent,
} from "../types";
import {
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
  stripCodeFence,
  unfinishedStream,
  type CallContext,
} from "./http";

export const ANTHROPIC_VERSION = "2023-06-01";
/** Anthropic requires max_tokens on every request; this is what we send when the caller gave none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

export const ANTHROPIC_JSON_INSTRUCTION =
  "Respond with a single valid JSON object and nothing else: no prose before or after it, no Markdown code fences.";

function headersFor(cfg: ProviderConfig): Record<string, string> {
  return mergeHeaders(
    {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "anthropic-version": ANTHROPIC_VERSION,
    },
    cfg.headers,
    cfg.apiKey ? { "x-api-key": cfg.apiKey } : undefined,
  );
}

/** The forced tool that carries a JSON Schema answer; `wrapped` when the schema is not an object and rides in {result}. */
interface ForcedTool {
  name: string;
  wrapped: boolean;
  def: { name: string; description: string; input_schema: Record<string, unknown> };
}

function forcedTool(json: { name: string; schema: Record<string, unknown> }): ForcedTool {
  const name = json.name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "structured_output";
  // A tool's input_schema must describe an object; anything else is wrapped and unwrapped on the way back.
  const wrapped = json.schema.type !== "object";
  const input_schema = wrapped ? { type: "object", properties: { result: json.schema }, required: ["result"] } : json.schema;
  return { name, wrapped, def: { name, description: `Return the answer as ${name}.`, input_schema } };
}

/** Anthropic wants user/assistant turns; adjacent turns of one role are joined so the conversation always alternates. */
function turnsOf(messages: ChatMessage[]): Array<{ role: "user" | "assistant"; content: string }> {
  const out: Array<{ role: "user" | "assistant"; content: string }> = [];
  for (const m of messages) {
    if (m.role === "system") continue;
    const last = out[out.length - 1];
    if (last && last.role === m.role) last.content += `\n\n${m.content}`;
    else out.push({ role: m.role, content: m.content });
  }
  return out;
}

export function buildAnthropicBody(cfg: ProviderConfig, req: ChatRequest, stream: boolean): { body: Record<string, unknown>; tool?: ForcedTool } {
  const system = req.messages.filter((m) => m.role === "system").map((m) => m.content);
  let tool: ForcedTool | undefined;
  if (req.json === true) system.push(ANTHROPIC_JSON_INSTRUCTION);
  else if (req.json && typeof req.json === "object") tool = forcedTool(req.json);
  const body: Record<string, unknown> = {
    model: modelFor(cfg, req),
    max_tokens: req.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: turnsOf(req.messages),
    ...(system.length > 0 ? { system: system.join("\n\n") } : {}),
    // Anthropic accepts 0..1 where OpenAI accepts 0..2: clamp rather than fail over on a 400.
    ...(req.temperature !== undefined ? { temperature: Math.min(1, Math.max(0, req.temperature)) } : {}),
    ...(tool ? { tools: [tool.def], tool_choice: { type: "tool", name: tool.name } } : {}),
    stream,
  };
  return { body, tool };
}

/** Into the gateway's vocabulary: stop, length, content_filter; a forced tool call is a normal stop. */
function finishOf(v: unknown): string {
  const r = str(v);
  if (r === "end_turn" || r === "stop_sequence" || r === "tool_use") return "stop";
  if (r === "max_tokens") return "length";
  if (r === "refusal") return "content_filter";
  return r ?? "unknown";
}

function toolText(input: unknown, tool: ForcedTool): string {
  return JSON.stringify(tool.wrapped ? (obj(input)?.result ?? null) : (input ?? {}));
}

const STREAM_ERROR_KINDS: Record<string, ProviderErrorKind> = {
  overloaded_error: "server",
  api_error: "server",
  rate_limit_error: "rate_limited",
  authentication_error: "auth",
  permission_error: "auth",
  invalid_request_error: "bad_request",
  not_found_error: "bad_request",
  request_too_large: "bad_request",
};

/** An `event: error` inside a 200 stream: before any delta it is as good as the HTTP error; after, the answer is broken. */
function streamErrorEvent(data: Record<string, unknown>, ctx: CallContext, started: boolean): ProviderError {
  const err = obj(data.error);
  const type = str(err?.type) ?? "error";
  const message = redact(`anthropic ${type}: ${str(err?.message) ?? "stream error"}`, ctx.secrets);
  if (started) return new ProviderError("stream", message);
  return new ProviderError(STREAM_ERROR_KINDS[type] ?? "other", message);
}

export const anthropicAdapter: ProviderAdapter = {
  kind: "anthropic",

  async chat(cfg, req, signal): Promise<ChatResult> {
    const ctx = callContext("anthropic", cfg, signal);
    const { body, tool } = buildAnthropicBody(cfg, req, false);
    const data = await postForJson(ctx, joinUrl(cfg.baseUrl, "v1", "/messages"), headersFor(cfg), body);
    if (data.type === "error") throw streamErrorEvent(data, ctx, false);
    const blocks = (Array.isArray(data.content) ? data.content : []).map((b) => obj(b) ?? {});
    let text: string;
    const toolUse = tool ? (blocks.find((b) => b.type === "tool_use" && b.name === tool.name) ?? blocks.find((b) => b.type === "tool_use")) : undefined;
    if (tool && toolUse) text = toolText(toolUse.input, tool);
    else text = blocks.filter((b) => b.type === "text").map((b) => str(b.text) ?? "").join("");
    if (req.json === true) text = stripCodeFence(text);
    const usage = obj(data.usage);
    return {
      text,
      model: str(data.model) ?? modelFor(cfg, req),
      usage: { inputTokens: num(usage?.input_tokens) ?? 0, outputTokens: num(usage?.output_tokens) ?? 0 },
      finishReason: finishOf(data.stop_reason),
    };
  },

  async *stream(cfg, req, signal): AsyncGenerator<StreamEvent> {
    const ctx = callContext("anthropic", cfg, signal);
    const { body, tool } = buildAnthropicBody(cfg, req, true);
    const res = await postJson(ctx, joinUrl(cfg.baseUrl, "v1", "/messages"), headersFor(cfg), body);

    let started = false;
    let stopped = false;
    let model: string | undefined;
    let inputTokens = 0;
    let outputTokens = 0;
    let stopReason: unknown;
    let wrappedJson = "";
    try {
      for await (const ev of readSse(res.body)) {
        // Anthropic names every event; the data's own `type` repeats it, so either identifies the event.
        const data = parseSseJson(ev.data, ctx);
        const type = ev.event !== "message" ? ev.event : str(data.type);
        if (type === "error") throw streamErrorEvent(data, ctx, started);
        if (type === "message_start") {
          const message = obj(data.message);
          model = str(message?.model);
          const usage = obj(message?.usage);
          inputTokens = num(usage?.input_tokens) ?? inputTokens;
          outputTokens = num(usage?.output_tokens) ?? outputTokens;
        } else if (type === "content_block_delta") {
          const delta = obj(data.delta);
          let piece: string | undefined;
          if (delta?.type === "text_delta" && !tool) piece = str(delta.text);
          else if (delta?.type === "input_json_delta" && tool) {
            const partial = str(delta.partial_json) ?? "";
            // A wrapped answer is only known once {"result": …} is complete, so it is held back and sent whole.
            if (tool.wrapped) wrappedJson += partial;
            else piece = partial;
          }
          if (piece) {
            started = true;
            yield { type: "delta", text: piece };
          }
        } else if (type === "message_delta") {
          const usage = obj(data.usage);
          outputTokens = num(usage?.output_tokens) ?? outputTokens;
          inputTokens = num(usage?.input_tokens) ?? inputTokens;
          stopReason = obj(data.delta)?.stop_reason ?? stopReason;
        } else if (type === "message_stop") {
          stopped = true;
          break;
        }
        // ping, content_block_start and content_block_stop carry nothing we need.
      }
    } catch (e) {
      throw streamFailure(e, ctx, started);
    }
    if (!stopped) {
      if (ctx.signal.aborted) throw streamFailure(ctx.signal.reason, ctx, started);
      throw unfinishedStream(ctx, started);
    }
    if (tool?.wrapped) {
      let input: unknown;
      try {
        input = JSON.parse(wrappedJson || "{}");
      } catch {
        throw new ProviderError(started ? "stream" : "server", "anthropic: the structured answer was not valid JSON");
      }
      yield { type: "delta", text: toolText(input, tool) };
    }
    yield {
      type: "done",
      model: model ?? modelFor(cfg, req),
      usage: { inputTokens, outputTokens },
      finishReason: finishOf(stopReason),
    };
  },
};
