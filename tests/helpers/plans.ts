// The plan Postgres picks for the last select a call sends through the pool, with sequential scans priced out as a big
// table would price them (on a test's small table the planner could otherwise prefer reading it all).
import type { Db } from "@/db/client";

export async function planOf(db: Db, run: () => Promise<unknown>): Promise<string> {
  const pool = db.$client;
  const seen: { text: string; values: unknown[] }[] = [];
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  Object.defineProperty(pool, "query", {
    configurable: true,
    writable: true,
    value: (...args: unknown[]) => {
      const q = args[0] as string | { text: string; values?: unknown[] };
      if (typeof q === "string") seen.push({ text: q, values: (args[1] as unknown[]) ?? [] });
      else seen.push({ text: q.text, values: q.values ?? (args[1] as unknown[]) ?? [] });
      return original(...args);
    },
  });
  try {
    await run();
  } finally {
    delete (pool as { query?: unknown }).query;
  }
  const page = seen.filter((q) => /^\s*select/i.test(q.text)).pop();
  if (!page) throw new Error("the call sent no select through the pool");
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("set local enable_seqscan = off");
    const res = await client.query<{ "QUERY PLAN": string }>({ text: `explain ${page.text}`, values: page.values });
    return res.rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await client.query("rollback");
    client.release();
  }
}

/** A plan node that sorts its whole input (an Incremental Sort over a presorted key is not one). */
export const FULL_SORT = /(^|\n)\s*(->\s+)?Sort\s+\(/;
