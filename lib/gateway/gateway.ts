// The one call path for every AI feature: resolve the task's chain, serve from cache, reserve budget, route with
// failover, account tokens and cost, log every attempt. Callers get text or a typed error; never a provider's key.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { processMap } from "@/lib/process-cache";
import type { z } from "zod";
import { campaigns, type AttemptRecord } from "@/db/schema";
import { authorize, type Ctx } from "@/lib/auth/context";
import { AppError, NotFoundError } from "@/lib/errors";
import { markKeyHealthy, markKeyUnhealthy } from "./admin";
import { BudgetExceededError, reserveBudget, settleBudget, type Reservation } from "./budget";
import { cacheGet, cacheKey, cachePut } from "./cache";
import { invalidateChains, resolveChain, type ResolvedChain, type ResolvedProvider } from "./chains";
import { logAiRequest } from "./log";
import { costMicros, worstCaseCostMicros } from "./pricing";
import { AllProvidersFailedError, routeChat, routeStream } from "./router";
import { runTaskSchema } from "./schemas";
import type { AiTask, ChatRequest, Usage } from "./types";

/**
 * Every provider in the chain failed (or the caller hung up first). `details.attempts` lists what was tried, as logged:
 * provider, model, error kind, HTTP status, the provider's message with every key redacted, and latency.
 */
export class AiUnavailableError extends AppError {
  constructor(readonly attempts: AttemptRecord[]) {
    super("AI_PROVIDERS_FAILED", 502, "No AI provider could answer. The attempts are in the AI request log.", { attempts });
  }

  /** The attempts are already redacted (the same records as the request log), so API callers see them too. */
  override publicDetails(): Record<string, unknown> {
    return { attempts: this.attempts };
  }
}

export interface GatewayAnswer {
  requestId: string;
  text: string;
  model: string;
  providerId: string | null;
  providerName: string;
  providerKind: string;
  /** True when the offline provider answered: templated output, not a model's. */
  offline: boolean;
  usage: Usage;
  costMicros: number;
  cacheHit: boolean;
  latencyMs: number;
  attempts: AttemptRecord[];
}

type RunTaskInput = z.input<typeof runTaskSchema>;

async function assertCampaign(ctx: Ctx, campaignId: string | null | undefined): Promise<void> {
  if (!campaignId) return;
  const [c] = await ctx.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, campaignId)))
    .limit(1);
  if (!c) throw new NotFoundError("Campaign");
}

function worstCase(chain: ResolvedChain, req: Omit<ChatRequest, "model">): number {
  const promptChars = req.messages.reduce((n, m) => n + m.content.length, 0) + JSON.stringify(req.input ?? {}).length;
  let max = 0;
  for (const level of chain.levels) for (const p of level) max = Math.max(max, worstCaseCostMicros(p.price, promptChars, req.maxTokens ?? 1024));
  return max;
}

// Marking a key healthy after its first success is one UPDATE per provider, not one per call that lands before the
// chain is reloaded with the new status (at high concurrency that is every call in flight).
const markingHealthy = processMap<string, Promise<void>>("ai-key-marking-healthy");

function markHealthyOnce(ctx: Ctx, providerId: string): void {
  if (markingHealthy.has(providerId)) return;
  const done = markKeyHealthy(ctx, providerId)
    .then(() => invalidateChains(ctx.workspaceId))
    .finally(() => markingHealthy.delete(providerId));
  markingHealthy.set(providerId, done);
  void done.catch(() => {});
}

function authFailureHandler(ctx: Ctx) {
  return (p: ResolvedProvider, err: { message: string }) => {
    if (!p.id) return;
    void markKeyUnhealthy(ctx, p.id, err.message).then(() => invalidateChains(ctx.workspaceId));
  };
}

interface Prepared {
  input: z.output<typeof runTaskSchema>;
  req: Omit<ChatRequest, "model">;
  chain: ResolvedChain;
  requestId: string;
  started: number;
}

async function prepare(ctx: Ctx, raw: RunTaskInput): Promise<Prepared> {
  authorize(ctx, "ai.use");
  const input = runTaskSchema.parse(raw);
  await assertCampaign(ctx, input.campaignId);
  const chain = await resolveChain(ctx.db, ctx.workspaceId, input.task as AiTask);
  const req: Omit<ChatRequest, "model"> = {
    messages: input.messages,
    maxTokens: input.maxTokens,
    temperature: input.temperature,
    json: input.json,
    task: input.task as AiTask,
    input: input.input,
  };
  return { input, req, chain, requestId: randomUUID(), started: performance.now() };
}

function baseLog(ctx: Ctx, p: Prepared, stream: boolean) {
  return {
    id: p.requestId,
    workspaceId: ctx.workspaceId,
    task: p.input.task,
    campaignId: p.input.campaignId ?? null,
    stream,
    actorLabel: ctx.actorLabel,
  };
}

async function reserve(ctx: Ctx, p: Prepared, stream: boolean): Promise<Reservation | null> {
  try {
    return await reserveBudget(ctx.db, ctx.workspaceId, p.input.campaignId, worstCase(p.chain, p.req));
  } catch (e) {
    if (e instanceof BudgetExceededError) {
      logAiRequest(ctx.db, {
        ...baseLog(ctx, p, stream),
        status: "budget_exceeded",
        errorCode: e.code,
        errorMessage: e.message,
        latencyMs: Math.round(performance.now() - p.started),
      });
    }
    throw e;
  }
}

/** Runs a task through its chain and returns the whole answer. */
export async function complete(ctx: Ctx, raw: RunTaskInput, opts: { signal?: AbortSignal } = {}): Promise<GatewayAnswer> {
  const p = await prepare(ctx, raw);
  const key = p.chain.cacheTtlSeconds ? cacheKey(p.input.task, p.chain.fingerprint, p.req) : null;
  if (key) {
    const hit = await cacheGet(ctx.db, ctx.workspaceId, key);
    if (hit) {
      const latencyMs = Math.round(performance.now() - p.started);
      logAiRequest(ctx.db, {
        ...baseLog(ctx, p, false),
        status: "ok",
        cacheHit: true,
        providerId: hit.providerId,
        providerKind: hit.providerKind,
        model: hit.result.model,
        latencyMs,
      });
      return {
        requestId: p.requestId,
        text: hit.result.text,
        model: hit.result.model,
        providerId: hit.providerId,
        providerName: "cache",
        providerKind: hit.providerKind,
        offline: !!hit.result.offline,
        usage: { inputTokens: 0, outputTokens: 0 },
        costMicros: 0,
        cacheHit: true,
        latencyMs,
        attempts: [],
      };
    }
  }

  const reservation = await reserve(ctx, p, false);
  let outcome;
  try {
    outcome = await routeChat(p.chain, p.req, { onAuthFailure: authFailureHandler(ctx), signal: opts.signal });
  } catch (e) {
    if (reservation) await settleBudget(ctx.db, ctx.workspaceId, reservation, 0);
    const attempts = e instanceof AllProvidersFailedError ? e.attempts : [];
    logAiRequest(ctx.db, {
      ...baseLog(ctx, p, false),
      status: opts.signal?.aborted ? "cancelled" : "error",
      attempts,
      errorCode: "AI_PROVIDERS_FAILED",
      errorMessage: e instanceof Error ? e.message : String(e),
      latencyMs: Math.round(performance.now() - p.started),
    });
    throw new AiUnavailableError(attempts);
  }
  const { result, provider, attempts } = outcome;
  const cost = costMicros(provider.price, result.usage.inputTokens, result.usage.outputTokens);
  if (reservation) await settleBudget(ctx.db, ctx.workspaceId, reservation, cost);
  if (key && p.chain.cacheTtlSeconds) {
    await cachePut(ctx.db, ctx.workspaceId, key, p.input.task, { result, providerId: provider.id, providerKind: provider.kind }, p.chain.cacheTtlSeconds);
  }
  if (provider.id && provider.keyStatus === "unknown") markHealthyOnce(ctx, provider.id);
  const latencyMs = Math.round(performance.now() - p.started);
  logAiRequest(ctx.db, {
    ...baseLog(ctx, p, false),
    status: "ok",
    providerId: provider.id,
    providerKind: provider.kind,
    model: result.model,
    latencyMs,
    tokensIn: result.usage.inputTokens,
    tokensOut: result.usage.outputTokens,
    costMicros: cost,
    attempts,
  });
  return {
    requestId: p.requestId,
    text: result.text,
    model: result.model,
    providerId: provider.id,
    providerName: provider.name,
    providerKind: provider.kind,
    offline: !!result.offline,
    usage: result.usage,
    costMicros: cost,
    cacheHit: false,
    latencyMs,
    attempts,
  };
}

export type GatewayStreamEvent =
  | { type: "start"; requestId: string; providerName: string; providerKind: string; model: string; offline: boolean }
  | { type: "delta"; text: string }
  | { type: "done"; usage: Usage; costMicros: number; finishReason: string }
  | { type: "error"; code: string; message: string };

/**
 * Streams a task's answer. Budget is reserved before the first byte; failover happens only before the first token.
 * Validation, permission and budget errors throw before the stream starts, so callers can answer them with a status.
 */
export async function completeStream(ctx: Ctx, raw: RunTaskInput, opts: { signal?: AbortSignal } = {}): Promise<AsyncGenerator<GatewayStreamEvent>> {
  const p = await prepare(ctx, raw);
  const reservation = await reserve(ctx, p, true);
  async function* run(): AsyncGenerator<GatewayStreamEvent> {
    const attempts: AttemptRecord[] = [];
    let provider: ResolvedProvider | undefined;
    let usage: Usage = { inputTokens: 0, outputTokens: 0 };
    let model = "";
    let status = "error";
    let errorCode: string | null = null;
    let errorMessage: string | null = null;
    let cost = 0;
    try {
      for await (const ev of routeStream(p.chain, p.req, { onAuthFailure: authFailureHandler(ctx), signal: opts.signal, attempts })) {
        if (ev.type === "provider") {
          provider = ev.provider;
          model = ev.provider.cfg.model;
          yield { type: "start", requestId: p.requestId, providerName: ev.provider.name, providerKind: ev.provider.kind, model, offline: ev.provider.kind === "offline" };
        } else if (ev.type === "delta") {
          yield ev;
        } else if (ev.type === "done") {
          usage = ev.usage;
          model = ev.model || model;
          cost = provider ? costMicros(provider.price, usage.inputTokens, usage.outputTokens) : 0;
          status = "ok";
          yield { type: "done", usage, costMicros: cost, finishReason: ev.finishReason };
        } else if (ev.type === "error") {
          errorCode = ev.code;
          errorMessage = ev.message;
          yield ev;
        }
      }
    } finally {
      if (opts.signal?.aborted && status !== "ok") status = "cancelled";
      await settleBudget(ctx.db, ctx.workspaceId, reservation, cost);
      logAiRequest(ctx.db, {
        ...baseLog(ctx, p, true),
        status,
        providerId: provider?.id ?? null,
        providerKind: provider?.kind ?? null,
        model: model || null,
        latencyMs: Math.round(performance.now() - p.started),
        tokensIn: usage.inputTokens,
        tokensOut: usage.outputTokens,
        costMicros: cost,
        attempts,
        errorCode,
        errorMessage,
      });
    }
  }
  return run();
}
