// GET/PATCH/DELETE /api/v1/contacts/{id}. Another workspace's contact answers 404.
import { contactsDeleteRoute, contactsGetRoute, contactsUpdateRoute } from "@/lib/api/specs/crm";
import { deleteContact, getContact, updateContact } from "@/lib/crm";
import { contactToJson } from "@/lib/crm/json";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(contactsGetRoute, async ({ ctx, params }) => contactToJson(await getContact(ctx, params.id)));

export const PATCH = handle(contactsUpdateRoute, async ({ ctx, params, body }) =>
  contactToJson(await updateContact(ctx, { ...body, id: params.id })),
);

export const DELETE = handle(contactsDeleteRoute, async ({ ctx, params }) => deleteContact(ctx, params.id));
