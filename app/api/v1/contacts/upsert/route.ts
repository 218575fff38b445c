// POST /api/v1/contacts/upsert: create or update a contact by email.
import { contactsUpsertRoute } from "@/lib/api/specs/crm";
import { upsertContactByEmail } from "@/lib/crm";
import { contactToJson } from "@/lib/crm/json";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(contactsUpsertRoute, async ({ ctx, body }) => {
  const r = await upsertContactByEmail(ctx, body);
  return { created: r.created, contact: contactToJson(r.contact) };
});
