// A query with a time limit of its own: run inside a transaction whose statement_timeout is set with is_local = true
// (SET LOCAL), so the limit ends with it and never leaks to the pooled connection. Callers tell a timeout from other
// failures with `isStatementTimeout`.
import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";

export async function withStatementTimeout<T>(db: DbOrTx, timeoutMs: number, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('statement_timeout', ${`${Math.max(1, Math.floor(timeoutMs))}ms`}, true)`);
    return fn(tx);
  });
}

/** The SQLSTATE of an error or of one it wraps (drizzle wraps the driver's error in `cause`). */
export function pgErrorCode(e: unknown): string | undefined {
  for (let cur: unknown = e; cur && typeof cur === "object"; cur = (cur as { cause?: unknown }).cause) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** Postgres cancelled the statement at its statement_timeout (SQLSTATE 57014). */
export function isStatementTimeout(e: unknown): boolean {
  return pgErrorCode(e) === "57014";
}
