// OpenAI's Chat Completions wire format on top of the gateway: request → gateway call, answer → `chat.completion`, and
// gateway stream events → `chat.completion.chunk` SSE lines. Shared by the Next.js route and the dedicated listener so
// both speak exactly the same format.
import "server-only";
import type { z } from "zod";
import type { GatewayAnswer, GatewayStreamEvent } from "./gateway";
import type { chatCompletionsSchema, RunTaskInput } from "./schemas";

export type ChatCompletionsBody = z.output<typeof chatCompletionsSchema>;

export function toGatewayCall(body: ChatCompletionsBody): RunTaskInput {
  const messages = body.messages.map((m) => ({
    role: m.role === "developer" ? ("system" as const) : m.role,
    content: typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join(""),
  }));
  const json =
    body.response_format?.type === "json_object"
      ? true
      : body.response_format?.type === "json_schema"
        ? { name: body.response_format.json_schema.name, schema: body.response_format.json_schema.schema }
        : undefined;
  return {
    task: body.task ?? "chat",
    messages,
    campaignId: body.campaign_id ?? null,
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? 1024,
    temperature: body.temperature,
    json,
  };
}

export function toChatCompletion(a: GatewayAnswer, created: number) {
  return {
    id: `chatcmpl-${a.requestId}`,
    object: "chat.completion" as const,
    created,
    model: a.model,
    choices: [{ index: 0, message: { role: "assistant" as const, content: a.text }, finish_reason: "stop" }],
    usage: { prompt_tokens: a.usage.inputTokens, completion_tokens: a.usage.outputTokens, total_tokens: a.usage.inputTokens + a.usage.outputTokens },
    aicmo: {
      request_id: a.requestId,
      provider: a.providerName,
      provider_kind: a.providerKind,
      offline: a.offline,
      cache_hit: a.cacheHit,
      cost_usd: a.costMicros / 1e6,
    },
  };
}

export const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" } as const;

/**
 * Turns gateway stream events into SSE text, one string per event to write. Ends with `data: [DONE]` only after a
 * complete answer; an interrupted one ends with an `error` event and no [DONE], so it never looks complete.
 */
export async function* toSseChunks(events: AsyncGenerator<GatewayStreamEvent>, requestedModel: string, created: number): AsyncGenerator<string> {
  let id = "chatcmpl-pending";
  let model = requestedModel;
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  for await (const ev of events) {
    if (ev.type === "start") {
      id = `chatcmpl-${ev.requestId}`;
      model = ev.model;
      yield chunk({ role: "assistant", content: "" }, null, { aicmo: { provider: ev.providerName, provider_kind: ev.providerKind, offline: ev.offline } });
    } else if (ev.type === "delta") {
      yield chunk({ content: ev.text }, null);
    } else if (ev.type === "done") {
      yield chunk({}, ev.finishReason === "length" ? "length" : "stop") +
        `data: ${JSON.stringify({
          id,
          object: "chat.completion.chunk",
          created,
          model,
          choices: [],
          usage: { prompt_tokens: ev.usage.inputTokens, completion_tokens: ev.usage.outputTokens, total_tokens: ev.usage.inputTokens + ev.usage.outputTokens },
          aicmo: { cost_usd: ev.costMicros / 1e6 },
        })}\n\n` +
        "data: [DONE]\n\n";
    } else if (ev.type === "error") {
      yield `data: ${JSON.stringify({ error: { message: ev.message, type: "server_error", code: ev.code } })}\n\n`;
    }
  }
}
