// Where /crm/contacts sends a visitor: the contacts list at /crm, carrying the query string over unchanged.
// Never drop or reinterpret a parameter here: the list's own loader decides what is valid.

export function contactsListHref(searchParams: Record<string, string | string[] | undefined>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) qs.append(key, v);
  }
  const query = qs.toString();
  return query ? `/crm?${query}` : "/crm";
}
