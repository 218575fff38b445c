// Brute-force protection for sign-in, on rate-limiter-flexible's Postgres store: failures are counted per account
// (email) and per client address. Never lock anyone else out: a blocked address or account leaves the others alone.
import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "@/db/client";
import { RateLimitedError } from "@/lib/errors";

export const LOGIN_LIMITS = {
  /** Failed sign-ins for one account (from any address) within the window. */
  perAccount: { points: 10, durationSeconds: 15 * 60 },
  /** Failed sign-ins from one address (to any account) within the window. */
  perAddress: { points: 30, durationSeconds: 15 * 60 },
};

interface Limiters {
  account: RateLimiterPostgres;
  address: RateLimiterPostgres;
}

let limiters: { pool: unknown; l: Limiters } | undefined;

function getLimiters(): Limiters {
  const pool = getDb().$client;
  if (limiters?.pool === pool) return limiters.l;
  const common = { storeClient: pool, storeType: "pool" as const, tableName: "login_rate_limits", tableCreated: true };
  const l = {
    account: new RateLimiterPostgres({
      ...common,
      keyPrefix: "acct",
      points: LOGIN_LIMITS.perAccount.points,
      duration: LOGIN_LIMITS.perAccount.durationSeconds,
    }),
    address: new RateLimiterPostgres({
      ...common,
      keyPrefix: "addr",
      points: LOGIN_LIMITS.perAddress.points,
      duration: LOGIN_LIMITS.perAddress.durationSeconds,
    }),
  };
  limiters = { pool, l };
  return l;
}

function retryAfter(res: RateLimiterRes | null): number {
  return Math.max(1, Math.ceil((res?.msBeforeNext ?? 60_000) / 1000));
}

/** Throws RATE_LIMITED when this account or this address has used up its failed attempts. */
export async function assertLoginAllowed(email: string, address: string): Promise<void> {
  const { account, address: addr } = getLimiters();
  const [a, b] = await Promise.all([account.get(email.toLowerCase()), addr.get(address)]);
  if (a && a.consumedPoints >= LOGIN_LIMITS.perAccount.points) {
    throw new RateLimitedError(retryAfter(a), "Too many failed sign-ins for this account. Try again later.");
  }
  if (b && b.consumedPoints >= LOGIN_LIMITS.perAddress.points) {
    throw new RateLimitedError(retryAfter(b), "Too many failed sign-ins from this address. Try again later.");
  }
}

export async function recordLoginFailure(email: string, address: string): Promise<void> {
  const { account, address: addr } = getLimiters();
  // consume() rejects once the budget is spent; the next assertLoginAllowed reports it.
  await Promise.allSettled([account.consume(email.toLowerCase()), addr.consume(address)]);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await getLimiters().account.delete(email.toLowerCase());
}
