// Runs one request down a resolved chain: weighted peers per level, ordered fallback between levels, retries with
// exponential backoff and jitter (honouring Retry-After) when no other real provider is left, a per-attempt timeout
// inside an overall deadline, and a circuit breaker per provider. Streams fail over only before their first token.
import "server-only";
import { BrokenCircuitError, handleWhen, retry, type IBackoff, type IBackoffFactory, type IRetryBackoffContext } from "cockatiel";
import type { AttemptRecord } from "@/db/schema";
import { redact } from "@/lib/crypto/secrets";
import { breakerFor, breakerState } from "./breakers";
import type { ResolvedChain, ResolvedProvider } from "./chains";
import { weightedOrder } from "./chains";
import { getAdapter } from "./providers";
import { secretsOf } from "./providers/http";
import { ProviderError, type ChatRequest, type ChatResult, type StreamEvent } from "./types";

/** Never start an attempt with less time than this left before the deadline (except the offline provider). */
const MIN_ATTEMPT_MS = 50;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8_000;

export interface RouteOutcome {
  result: ChatResult;
  provider: ResolvedProvider;
  attempts: AttemptRecord[];
}

export class AllProvidersFailedError extends Error {
  readonly code = "AI_PROVIDERS_FAILED";
  constructor(readonly attempts: AttemptRecord[]) {
    super("Every AI provider in this task's chain failed.");
  }
}

function providerKey(p: ResolvedProvider): string {
  return p.id ?? "offline";
}

function cancelled(cause?: unknown): ProviderError {
  return new ProviderError("cancelled", "The caller cancelled the request.", { cause });
}

function toProviderError(e: unknown, signal: AbortSignal, callerSignal?: AbortSignal): ProviderError {
  // A hang-up is checked first: the adapter may already have turned the abort into a "timeout" of its own.
  if (callerSignal?.aborted) return e instanceof ProviderError && e.kind === "cancelled" ? e : cancelled(e);
  if (e instanceof ProviderError) return e;
  if (signal.aborted) return new ProviderError("timeout", "The attempt timed out.", { cause: e });
  return new ProviderError("other", e instanceof Error ? e.message : String(e), { cause: e });
}

function attemptRecord(p: ResolvedProvider, ok: boolean, latencyMs: number, err?: ProviderError): AttemptRecord {
  return {
    providerId: p.id,
    providerName: p.name,
    kind: p.kind,
    model: p.cfg.model,
    ok,
    latencyMs: Math.round(latencyMs),
    ...(err
      ? { error: { kind: err.kind, ...(err.status ? { status: err.status } : {}), message: redact(err.message, secretsOf(p.cfg)).slice(0, 500) } }
      : {}),
  };
}

/**
 * The wait before retry number `retry` (1 for the first): exponential backoff with jitter, replaced by the provider's
 * Retry-After when it sends one, and never past the deadline.
 */
function backoffMs(retry: number, err: unknown, deadline: number): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(retry - 1, 0));
  const jittered = exp / 2 + Math.random() * (exp / 2);
  const wanted = err instanceof ProviderError && err.retryAfterMs !== undefined ? err.retryAfterMs : jittered;
  return Math.max(0, Math.min(wanted, deadline - Date.now() - MIN_ATTEMPT_MS));
}

/** Whether a failed attempt is worth another try on the same provider. */
function worthRetrying(e: unknown, deadline: number): boolean {
  if (!(e instanceof ProviderError) || !e.retryable) return false;
  // A wait that cannot end before the deadline is not worth starting: fail over instead.
  return deadline - Date.now() > (e.retryAfterMs ?? 0) + MIN_ATTEMPT_MS;
}

/** cockatiel's backoff hook over backoffMs: the error of the failed attempt decides (Retry-After), capped by the deadline. */
class DeadlineBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(private readonly deadline: number) {}
  next(ctx: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const err = "error" in ctx.result ? ctx.result.error : undefined;
    return { duration: backoffMs(Math.max(ctx.attempt, 1), err, this.deadline), next: (c) => this.next(c) };
  }
}

/**
 * An AbortSignal that aborts with a TimeoutError after `ms`, or when `parent` aborts (with the parent's reason). Built by
 * hand rather than with AbortSignal.any + AbortSignal.timeout, which showed up at ~7% of the gateway's CPU per call;
 * `dispose` clears the timer and the listener as soon as the signal is no longer needed.
 */
function linkedTimeout(ms: number, parent: AbortSignal | undefined, message: string): { signal: AbortSignal; dispose: () => void } {
  const ctl = new AbortController();
  const onParent = () => ctl.abort(parent!.reason);
  if (parent?.aborted) ctl.abort(parent.reason);
  else parent?.addEventListener("abort", onParent, { once: true });
  const timer = setTimeout(() => ctl.abort(new DOMException(message, "TimeoutError")), ms);
  return {
    signal: ctl.signal,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onParent);
    },
  };
}

interface Plan {
  chain: ResolvedChain;
  /** Date.now() by which the whole request must be answered; every attempt's own timeout ends by then. */
  deadline: number;
  /** The caller's own signal (a client hang-up), kept apart so that it is never mistaken for a provider timeout. */
  callerSignal?: AbortSignal;
  attempts: AttemptRecord[];
  /** Called after a 401/403 so the provider's key is marked unhealthy. */
  onAuthFailure: (p: ResolvedProvider, err: ProviderError) => void;
}

/** Every provider in chain order: levels in sequence, peers of a level in weighted random order. */
function orderedProviders(chain: ResolvedChain): ResolvedProvider[] {
  const out: ResolvedProvider[] = [];
  for (const level of chain.levels) {
    if (level.length === 1) out.push(level[0]!);
    else for (const p of weightedOrder(level)) out.push(p);
  }
  return out;
}

/** True when a real provider after position `i` would still be called (not skipped): then `order[i]` is not retried. */
function realProviderAfter(order: ResolvedProvider[], i: number): boolean {
  for (let j = i + 1; j < order.length; j++) if (order[j]!.kind !== "offline" && !skipReason(order[j]!)) return true;
  return false;
}

/** Why a provider is skipped without a call, or null to call it. */
function skipReason(p: ResolvedProvider): string | null {
  if (p.kind === "offline") return null;
  if (p.keyStatus === "unhealthy") return "key marked unhealthy after an authentication failure";
  if (breakerState(providerKey(p)).state === "open") return "circuit breaker open";
  return null;
}

const NO_DISPOSE = () => {};
/** Handed to the offline provider, which answers at once and has no timeout of its own. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * The attempt's signal: aborts after the attempt timeout or at the request's deadline, whichever comes first (so no
 * separate deadline timer is needed), or at once when the caller hangs up.
 */
function attemptSignal(plan: Plan, p: ResolvedProvider): { signal: AbortSignal; dispose: () => void } {
  if (plan.callerSignal?.aborted) throw cancelled(plan.callerSignal.reason);
  if (p.kind === "offline") return { signal: plan.callerSignal ?? NEVER_ABORTED, dispose: NO_DISPOSE };
  const remaining = plan.deadline - Date.now();
  if (remaining < MIN_ATTEMPT_MS) throw new ProviderError("timeout", "The request's deadline has passed.");
  const attemptMs = Math.min(plan.chain.attemptTimeoutMs, remaining);
  return linkedTimeout(attemptMs, plan.callerSignal, attemptMs < plan.chain.attemptTimeoutMs ? "The request's deadline has passed." : "The attempt timed out.");
}

/**
 * Calls `p` with retries (only when no other real provider remains after it) through its circuit breaker.
 * Returns the result, or throws the last ProviderError / BrokenCircuitError.
 */
async function callWithResilience<T>(plan: Plan, p: ResolvedProvider, realLeftAfter: boolean, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const once = async (): Promise<T> => {
    const started = performance.now();
    let signal: AbortSignal | undefined;
    let dispose = NO_DISPOSE;
    try {
      ({ signal, dispose } = attemptSignal(plan, p));
      const value = await call(signal);
      plan.attempts.push(attemptRecord(p, true, performance.now() - started));
      return value;
    } catch (e) {
      const err = toProviderError(e, signal ?? NEVER_ABORTED, plan.callerSignal);
      plan.attempts.push(attemptRecord(p, false, performance.now() - started, err));
      if (err.kind === "auth") plan.onAuthFailure(p, err);
      throw err;
    } finally {
      dispose();
    }
  };
  if (p.kind === "offline") return once();
  const breaker = breakerFor(providerKey(p));
  const maxRetries = realLeftAfter ? 0 : plan.chain.maxRetries;
  // cockatiel's retry policy (a few hundred nanoseconds per call, measured: not worth replacing by hand) around the
  // provider's breaker, so every retry counts in the breaker too.
  const policy = retry(
    handleWhen((e) => worthRetrying(e, plan.deadline)),
    { maxAttempts: maxRetries, backoff: new DeadlineBackoff(plan.deadline) },
  );
  return policy.execute(() => breaker.execute(once)) as Promise<T>;
}

function makePlan(chain: ResolvedChain, onAuthFailure: Plan["onAuthFailure"], callerSignal?: AbortSignal): Plan {
  return { chain, deadline: Date.now() + chain.deadlineMs, callerSignal, attempts: [], onAuthFailure };
}

function skipRecord(p: ResolvedProvider, reason: string): AttemptRecord {
  return { providerId: p.id, providerName: p.name, kind: p.kind, model: p.cfg.model, ok: false, latencyMs: 0, skipped: reason };
}

export async function routeChat(
  chain: ResolvedChain,
  req: Omit<ChatRequest, "model">,
  opts: { onAuthFailure: Plan["onAuthFailure"]; signal?: AbortSignal },
): Promise<RouteOutcome> {
  const plan = makePlan(chain, opts.onAuthFailure, opts.signal);
  const order = orderedProviders(chain);
  for (let i = 0; i < order.length; i++) {
    const p = order[i]!;
    const skip = skipReason(p);
    if (skip) {
      plan.attempts.push(skipRecord(p, skip));
      continue;
    }
    try {
      const result = await callWithResilience(plan, p, realProviderAfter(order, i), (signal) => getAdapter(p.kind).chat(p.cfg, { ...req, model: p.cfg.model }, signal));
      return { result, provider: p, attempts: plan.attempts };
    } catch (e) {
      if (e instanceof BrokenCircuitError) plan.attempts.push(skipRecord(p, "circuit breaker open"));
      if (opts.signal?.aborted) break;
    }
  }
  throw new AllProvidersFailedError(plan.attempts);
}

export type RoutedStreamEvent = StreamEvent | { type: "provider"; provider: ResolvedProvider } | { type: "error"; message: string; code: string };

/**
 * Streams from the first provider that produces a first token. Before that token, failures fail over like routeChat;
 * after it, a failure ends the stream with an explicit `error` event, never a silent truncated success.
 */
export async function* routeStream(
  chain: ResolvedChain,
  req: Omit<ChatRequest, "model">,
  opts: { onAuthFailure: Plan["onAuthFailure"]; signal?: AbortSignal; attempts?: AttemptRecord[] },
): AsyncGenerator<RoutedStreamEvent> {
  const plan = makePlan(chain, opts.onAuthFailure, opts.signal);
  if (opts.attempts) plan.attempts = opts.attempts;
  yield* streamDownChain(plan, chain, req, opts);
}

async function* streamDownChain(
  plan: Plan,
  chain: ResolvedChain,
  req: Omit<ChatRequest, "model">,
  opts: { signal?: AbortSignal },
): AsyncGenerator<RoutedStreamEvent> {
  const order = orderedProviders(chain);
  for (let i = 0; i < order.length; i++) {
    const p = order[i]!;
    const skip = skipReason(p);
    if (skip) {
      plan.attempts.push(skipRecord(p, skip));
      continue;
    }
    const realLeftAfter = realProviderAfter(order, i);
    let iterator: AsyncIterator<StreamEvent> | undefined;
    let first: IteratorResult<StreamEvent> | undefined;
    let startedAt = 0;
    try {
      // Opening the stream and receiving its first event is the part that may fail over.
      first = await callWithResilience(plan, p, realLeftAfter, async () => {
        startedAt = performance.now();
        // The attempt timeout and the deadline bound the wait for the first token only; a long answer may then
        // stream for as long as it takes, until the caller hangs up.
        const ctl = new AbortController();
        const firstTokenMs = p.kind === "offline" ? 60_000 : Math.min(plan.chain.attemptTimeoutMs, Math.max(plan.deadline - Date.now(), MIN_ATTEMPT_MS));
        const timer = setTimeout(() => ctl.abort(new DOMException("No first token in time.", "TimeoutError")), firstTokenMs);
        const onCallerAbort = () => ctl.abort(opts.signal?.reason);
        opts.signal?.addEventListener("abort", onCallerAbort, { once: true });
        try {
          const it = getAdapter(p.kind).stream(p.cfg, { ...req, model: p.cfg.model }, ctl.signal)[Symbol.asyncIterator]();
          iterator = it;
          return await it.next();
        } catch (e) {
          if (opts.signal?.aborted) throw cancelled(e);
          if (ctl.signal.aborted && !(e instanceof ProviderError)) throw new ProviderError("timeout", "No first token before the attempt timeout.");
          throw e;
        } finally {
          clearTimeout(timer);
          opts.signal?.removeEventListener("abort", onCallerAbort);
        }
      });
    } catch (e) {
      if (e instanceof BrokenCircuitError) plan.attempts.push(skipRecord(p, "circuit breaker open"));
      if (opts.signal?.aborted) break;
      continue;
    }
    yield { type: "provider", provider: p };
    let current: IteratorResult<StreamEvent> | undefined = first;
    try {
      while (current && !current.done) {
        yield current.value;
        if (current.value.type === "done") return;
        current = await iterator!.next();
      }
      // The provider ended without its `done` event: the answer may be cut short.
      throw new ProviderError("stream", "The provider closed the stream before it finished.");
    } catch (e) {
      const err = e instanceof ProviderError ? e : new ProviderError("stream", e instanceof Error ? e.message : String(e));
      const last = plan.attempts[plan.attempts.length - 1];
      if (last && last.providerId === p.id && last.ok) {
        last.ok = false;
        last.latencyMs = Math.round(performance.now() - startedAt);
        last.error = { kind: "stream", message: redact(err.message, secretsOf(p.cfg)).slice(0, 500) };
      }
      yield { type: "error", code: "AI_STREAM_INTERRUPTED", message: "The AI provider's stream broke off before the answer was complete." };
      return;
    }
  }
  yield { type: "error", code: "AI_PROVIDERS_FAILED", message: "Every AI provider in this task's chain failed." };
}
