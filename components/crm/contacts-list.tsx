// Loads the first keyset page of contacts for the URL's filters and hands it to the interactive, virtualised table.
// Never call it from a client component: it reads through the engine with the caller's ctx.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import Link from "next/link";
import { listContacts, type ContactPage } from "@/lib/crm";
import { NotFoundError } from "@/lib/errors";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { CONTACTS_PAGE_SIZE, hasContactFilters, toListContactsInput, type ContactFiltersValue } from "@/app/(app)/crm/search-params";
import { toContactListItem } from "./contact-columns";
import type { OwnerOption } from "./contact-filters";
import { ContactsEmptyState } from "./contacts-empty-state";
import { ContactsTable } from "./contacts-table";

export async function ContactsList({
  ctx,
  filters,
  owners,
  timeZone,
  importHref,
}: {
  ctx: Ctx;
  filters: ContactFiltersValue;
  owners: OwnerOption[];
  timeZone: string;
  importHref?: string;
}) {
  let page: ContactPage;
  try {
    page = await listContacts(ctx, { ...toListContactsInput(filters), cursor: filters.cursor?.slice(0, 500) || undefined, limit: CONTACTS_PAGE_SIZE });
  } catch (e) {
    // A segment filter naming a deleted (or another workspace's) segment: say so instead of failing the whole list.
    if (e instanceof NotFoundError && filters.segment) {
      return <EmptyState title="That segment no longer exists" description="It may have been deleted. Pick another segment or clear the filter." action={<Link href="/crm" className={buttonClasses({ variant: "outline", size: "sm" })}>Clear filters</Link>} />;
    }
    throw e;
  }
  if (page.items.length === 0 && !filters.cursor) {
    return (
      <ContactsEmptyState
        filtered={hasContactFilters(filters)}
        canWrite={can(ctx.role, "contacts.write")}
        owners={owners}
        currentUserId={ctx.userId}
        importHref={importHref}
      />
    );
  }
  return (
    <ContactsTable
      initialPage={{ items: page.items.map(toContactListItem), nextCursor: page.nextCursor }}
      filters={filters}
      owners={owners}
      timeZone={timeZone}
      canWrite={can(ctx.role, "contacts.write")}
      canDelete={can(ctx.role, "contacts.delete")}
      canMoveBackward={can(ctx.role, "contacts.stage_backward")}
      canExport={can(ctx.role, "contacts.export")}
    />
  );
}
