"use client";
// The command palette's contact search: a few prefix matches (the contacts list's own search) for what is typed, debounced.
// Never search on every keystroke or for one character: the palette also jumps to pages, and those need no server.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { listContactsAction } from "@/app/(app)/crm/actions";
import { contactDisplayName } from "@/components/crm/crm-format";
import { useDebounced } from "@/components/ui/use-combobox";
import { crmQueryKeys } from "@/lib/query-keys";

export interface PaletteContact {
  id: string;
  name: string;
  email: string | null;
}

export const PALETTE_CONTACT_LIMIT = 5;
/** Shorter text finds too much to be useful, and "se" for Settings should not cost a query. */
export const PALETTE_CONTACT_MIN_CHARS = 2;
const DEBOUNCE_MS = 250;

export function usePaletteContacts(search: string, enabled: boolean) {
  const typed = search.trim().slice(0, 200);
  const q = useDebounced(typed, DEBOUNCE_MS);
  const active = enabled && q.length >= PALETTE_CONTACT_MIN_CHARS;
  const query = useQuery({
    queryKey: crmQueryKeys.contacts.search(q),
    queryFn: async (): Promise<PaletteContact[]> => {
      const res = await listContactsAction({ q, limit: PALETTE_CONTACT_LIMIT });
      if (!res.ok) throw new Error(res.message);
      return res.data.items.map((c) => ({ id: c.id, name: contactDisplayName(c), email: c.email }));
    },
    enabled: active,
    staleTime: 30_000,
    retry: false,
    // While the next keystroke's matches load, keep the last ones rather than flashing "Nothing matches".
    placeholderData: keepPreviousData,
  });
  const wanted = enabled && typed.length >= PALETTE_CONTACT_MIN_CHARS;
  return {
    contacts: wanted && active ? (query.data ?? []) : [],
    /** Typed enough to search, and the answer for it is not in yet (debouncing or loading). */
    searching: wanted && (typed !== q || query.isFetching),
    error: wanted && active && query.isError ? query.error.message : null,
  };
}
