// Validates a `?next=` return path so sign-in and sign-up can only send people to a page of this app.
// Never follow an absolute or protocol-relative URL from the query string: that is an open redirect.
export function safeNext(next: string | string[] | null | undefined): string | null {
  const v = Array.isArray(next) ? next[0] : next;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return null;
  return v.length > 500 ? null : v;
}

/** The first value of a search param, trimmed to a sane length. */
export function firstParam(v: string | string[] | undefined, max = 320): string {
  const s = Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
  return s.slice(0, max);
}
