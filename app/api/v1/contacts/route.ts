// GET/POST /api/v1/contacts: keyset list with filters, and create. Thin: the wrapper authenticates and validates.
import { contactsCreateRoute, contactsListRoute } from "@/lib/api/specs/crm";
import { createContact, listContacts } from "@/lib/crm";
import { contactToJson } from "@/lib/crm/json";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(contactsListRoute, async ({ ctx, query }) => {
  const page = await listContacts(ctx, query);
  return { items: page.items.map(contactToJson), nextCursor: page.nextCursor };
});

export const POST = handle(contactsCreateRoute, async ({ ctx, body }) => contactToJson(await createContact(ctx, body)));
