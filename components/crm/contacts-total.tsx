// The contacts list's total for the URL's filters, streamed on its own so the first page never waits for a count.
// Never show an estimate as if it were exact: a view too big to count quickly reads "about 1.2M contacts".
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { countContacts, type ContactCount } from "@/lib/crm";
import { NotFoundError } from "@/lib/errors";
import { hasContactFilters, toListContactsInput, type ContactFiltersValue } from "@/app/(app)/crm/search-params";
import { contactsTotalLabel } from "./contacts-total-label";

export async function ContactsTotal({ ctx, filters }: { ctx: Ctx; filters: ContactFiltersValue }) {
  // The sort orders a page; it does not change the total.
  const { sort: _sort, ...view } = toListContactsInput(filters);
  let total: ContactCount;
  try {
    total = await countContacts(ctx, view);
  } catch (e) {
    // A deleted (or another workspace's) segment in the URL: the list below already says so.
    if (e instanceof NotFoundError && filters.segment) return null;
    throw e;
  }
  return (
    <p
      className="text-sm text-muted-foreground tabular-nums"
      title={total.exact ? undefined : "An estimate: counting every contact in this view took too long."}
    >
      {contactsTotalLabel(total, hasContactFilters(filters))}
    </p>
  );
}
