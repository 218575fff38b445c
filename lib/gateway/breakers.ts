// One circuit breaker per provider, in this process (cockatiel). It opens after N consecutive failures or when the
// error rate over a sliding window passes a threshold, half-opens after a cooldown, and closes on a successful probe.
import "server-only";
import {
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  SamplingBreaker,
  circuitBreaker,
  handleWhen,
  type IBreaker,
} from "cockatiel";
import { ProviderError } from "./types";

export interface BreakerSettings {
  consecutiveFailures: number;
  /** Error rate (0..1) over `windowMs` that opens the breaker, once `minimumRps` is met. */
  errorRate: number;
  windowMs: number;
  minimumRps: number;
  halfOpenAfterMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = {
  consecutiveFailures: 5,
  errorRate: 0.5,
  windowMs: 30_000,
  minimumRps: 1,
  halfOpenAfterMs: 15_000,
};

/** Opens when either rule says so; both see every outcome. */
class EitherBreaker implements IBreaker {
  constructor(
    private readonly a: IBreaker,
    private readonly b: IBreaker,
  ) {}
  get state(): unknown {
    return [this.a.state, this.b.state];
  }
  set state(value: unknown) {
    const [a, b] = value as [unknown, unknown];
    this.a.state = a;
    this.b.state = b;
  }
  success(state: CircuitState): void {
    this.a.success(state);
    this.b.success(state);
  }
  failure(state: CircuitState): boolean {
    const a = this.a.failure(state);
    const b = this.b.failure(state);
    return a || b;
  }
}

// Only failures that say something about the provider's health count: not our own bad requests, nor a caller hanging up.
const countsAgainstProvider = handleWhen(
  (e) => e instanceof ProviderError && e.kind !== "bad_request" && e.kind !== "auth" && e.kind !== "cancelled",
);

export type BreakerStateName = "closed" | "open" | "half-open" | "isolated";

interface Entry {
  policy: CircuitBreakerPolicy;
  openedAt: number | null;
  settings: BreakerSettings;
}

const g = globalThis as typeof globalThis & { __aicmoBreakers?: Map<string, Entry> };
const registry: Map<string, Entry> = (g.__aicmoBreakers ??= new Map<string, Entry>());

/** The provider's breaker; pass `settings` to (re)create it with other thresholds. */
export function breakerFor(providerKey: string, settings?: BreakerSettings): CircuitBreakerPolicy {
  let entry = registry.get(providerKey);
  if (!entry || (settings && entry.settings !== settings)) {
    settings ??= DEFAULT_BREAKER;
    const policy = circuitBreaker(countsAgainstProvider, {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new EitherBreaker(
        new ConsecutiveBreaker(settings.consecutiveFailures),
        new SamplingBreaker({ threshold: settings.errorRate, duration: settings.windowMs, minimumRps: settings.minimumRps }),
      ),
    });
    const created: Entry = { policy, openedAt: null, settings };
    policy.onBreak(() => (created.openedAt = Date.now()));
    policy.onReset(() => (created.openedAt = null));
    registry.set(providerKey, created);
    entry = created;
  }
  return entry.policy;
}

const STATE_NAMES: Record<CircuitState, BreakerStateName> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "isolated",
};
const CLOSED = { state: "closed", openedAt: null } as const;

export function breakerState(providerKey: string): { state: BreakerStateName; openedAt: number | null } {
  const entry = registry.get(providerKey);
  if (!entry) return CLOSED;
  const state = STATE_NAMES[entry.policy.state];
  // cockatiel moves to half-open lazily, on the first call after the cooldown: report that the probe is due.
  if (state === "open" && entry.openedAt !== null && Date.now() - entry.openedAt >= entry.settings.halfOpenAfterMs) {
    return { state: "half-open", openedAt: entry.openedAt };
  }
  return { state, openedAt: entry.openedAt };
}

/** Forgets every breaker (tests, and when a provider's settings change). */
export function resetBreaker(providerKey?: string): void {
  if (providerKey) registry.delete(providerKey);
  else registry.clear();
}
