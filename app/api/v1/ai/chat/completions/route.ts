// POST /api/v1/ai/chat/completions: the gateway behind OpenAI's wire format (JSON or SSE), for external tools.
// Thin: maps the OpenAI request to a gateway task and the answer back; the gateway does routing, budgets and logging.
import { chatCompletionsRoute } from "@/lib/api/routes";
import { complete, completeStream, type GatewayStreamEvent } from "@/lib/gateway";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(chatCompletionsRoute, async ({ ctx, body, request }) => {
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
  const call = {
    task: body.task ?? "chat",
    messages,
    campaignId: body.campaign_id ?? null,
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? 1024,
    temperature: body.temperature,
    json,
  };
  const created = Math.floor(Date.now() / 1000);

  if (!body.stream) {
    const a = await complete(ctx, call, { signal: request.signal });
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

  // Errors before the stream starts (validation, permission, budget) throw here and become normal JSON errors.
  const events = await completeStream(ctx, call, { signal: request.signal });
  const encoder = new TextEncoder();
  let id = "chatcmpl-pending";
  let model = body.model;
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
    encoder.encode(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await events.next();
      if (done) {
        controller.close();
        return;
      }
      const ev: GatewayStreamEvent = value;
      if (ev.type === "start") {
        id = `chatcmpl-${ev.requestId}`;
        model = ev.model;
        controller.enqueue(chunk({ role: "assistant", content: "" }, null, { aicmo: { provider: ev.providerName, provider_kind: ev.providerKind, offline: ev.offline } }));
      } else if (ev.type === "delta") {
        controller.enqueue(chunk({ content: ev.text }, null));
      } else if (ev.type === "done") {
        controller.enqueue(chunk({}, ev.finishReason === "length" ? "length" : "stop"));
        controller.enqueue(
          encoder.encode(
            `data: ${JSON.stringify({
              id,
              object: "chat.completion.chunk",
              created,
              model,
              choices: [],
              usage: { prompt_tokens: ev.usage.inputTokens, completion_tokens: ev.usage.outputTokens, total_tokens: ev.usage.inputTokens + ev.usage.outputTokens },
              aicmo: { cost_usd: ev.costMicros / 1e6 },
            })}\n\n`,
          ),
        );
        controller.enqueue(encoder.encode("data: [DONE]\n\n"));
      } else if (ev.type === "error") {
        // No [DONE]: an interrupted answer must never look complete.
        controller.enqueue(encoder.encode(`data: ${JSON.stringify({ error: { message: ev.message, type: "server_error", code: ev.code } })}\n\n`));
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" },
  });
});
