// Keyset cursors: an opaque, URL-safe encoding of the last row's (sort value, id). Deep pages never use OFFSET.
// A cursor that does not decode is treated as "first page", never as an error that leaks structure.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

export function encodeCursor(t: Date | string | number, id: string): string {
  const v = t instanceof Date ? t.toISOString() : t;
  return Buffer.from(JSON.stringify([v, id])).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): { v: string | number; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [v, id] = parsed as [unknown, unknown];
    if ((typeof v !== "string" && typeof v !== "number") || typeof id !== "string") return null;
    return { v, id };
  } catch {
    return null;
  }
}

export function decodeTimeCursor(cursor: string | null | undefined): { t: Date; id: string } | null {
  const c = decodeCursor(cursor);
  if (!c || typeof c.v !== "string") return null;
  const t = new Date(c.v);
  return Number.isNaN(t.getTime()) ? null : { t, id: c.id };
}

export function clampLimit(limit: number | undefined, fallback = 50, max = 200): number {
  return Math.min(Math.max(Math.trunc(limit ?? fallback), 1), max);
}

/** Postgres's text form of a timestamptz (what keyset cursors carry, microseconds included), or an ISO string. */
export const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2}){0,2})?$/;

/**
 * Newest-first keyset paging over (time, id) on an index that drizzle's `.desc()` built as `time DESC NULLS LAST`.
 * The ORDER BY must say NULLS LAST too: a bare `DESC` means NULLS FIRST, which that index cannot give, and Postgres then
 * reads and sorts every row of the workspace even for the first page (300k rows: ~45 ms instead of ~0.2 ms).
 */
export function newestFirst(time: AnyPgColumn, id: AnyPgColumn): SQL[] {
  return [sql`${time} desc nulls last`, sql`${id} desc`];
}

/**
 * The rows after a newest-first cursor: `(time, id) < (t, id)`. The leading `time <= t` is redundant but makes the
 * index scan start at the cursor: the OR alone cannot bound the index, so a deep page would walk every newer row first.
 * Null (so: the first page) when the cursor cannot be one we handed out: `t` not a timestamp, or `id` not of `idKind`.
 */
export function olderThan(time: AnyPgColumn, id: AnyPgColumn, cur: { v: string | number; id: string }, idKind: "uuid" | "bigint"): SQL | null {
  if (typeof cur.v !== "string" || !TIMESTAMP_TEXT.test(cur.v)) return null;
  if (!(idKind === "uuid" ? UUID_TEXT : BIGINT_TEXT).test(cur.id)) return null;
  const ts = sql`cast(${cur.v} as timestamptz)`;
  const idValue = idKind === "uuid" ? sql`${cur.id}::uuid` : sql`${cur.id}::bigint`;
  return sql`(${time} <= ${ts} and (${time} < ${ts} or (${time} = ${ts} and ${id} < ${idValue})))`;
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT_TEXT = /^\d{1,18}$/;
