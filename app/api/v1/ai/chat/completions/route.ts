// POST /api/v1/ai/chat/completions: the gateway behind OpenAI's wire format (JSON or SSE), for external tools.
// Thin: lib/gateway/openai-compat maps the request and the answer; the gateway does routing, budgets and logging.
import { chatCompletionsRoute } from "@/lib/api/routes";
import { complete, completeStream, SSE_HEADERS, toChatCompletion, toGatewayCall, toSseChunks } from "@/lib/gateway";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(chatCompletionsRoute, async ({ ctx, body, request }) => {
  const call = toGatewayCall(body);
  const created = Math.floor(Date.now() / 1000);
  if (!body.stream) return toChatCompletion(await complete(ctx, call, { signal: request.signal }), created);

  // Errors before the stream starts (validation, permission, budget) throw here and become normal JSON errors.
  const events = await completeStream(ctx, call, { signal: request.signal });
  const chunks = toSseChunks(events, body.model, created);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
      await events.return(undefined);
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
});
