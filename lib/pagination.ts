// Keyset cursors: an opaque, URL-safe encoding of the last row's (sort value, id). Deep pages never use OFFSET.
// A cursor that does not decode is treated as "first page", never as an error that leaks structure.

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
