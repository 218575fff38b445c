// REST route contracts of the CRM's contacts, companies and events endpoints; lib/api/routes.ts gathers them.
// Response shapes here are what the handlers return after crmJson.ts shapes the engine rows.
import { z } from "zod";
import {
  companyIdSchema,
  contactIdSchema,
  createCompanySchema,
  createContactSchema,
  ingestEventsSchema,
  listCompaniesSchema,
  listContactsSchema,
  updateCompanySchema,
  updateContactSchema,
  upsertContactSchema,
} from "@/lib/crm/schemas";
import { defineRoute, type RouteSpec } from "../spec";

const provenance = z.record(z.string(), z.object({ provider: z.string(), confidence: z.number(), at: z.string() }));

export const contactJsonSchema = z.object({
  id: z.string().uuid(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  seniority: z.string().nullable(),
  department: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable().optional(),
  ownerUserId: z.string().nullable(),
  source: z.string().nullable(),
  country: z.string().nullable(),
  timezone: z.string().nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  lifecycleStage: z.string(),
  score: z.number().nullable(),
  tier: z.string().nullable(),
  ltvMinor: z.number().nullable(),
  emailConsent: z.string(),
  doNotContact: z.boolean(),
  provenance,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const companyJsonSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  domain: z.string().nullable(),
  domains: z.array(z.string()),
  industry: z.string().nullable(),
  employeeCount: z.number().nullable(),
  description: z.string().nullable(),
  website: z.string().nullable(),
  social: z.record(z.string(), z.string()),
  summary: z.string().nullable(),
  country: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  provenance,
  contactCount: z.number().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const deleted = z.object({ action: z.string(), affected: z.number(), undo: z.object({ action: z.literal("restore"), ids: z.array(z.string()) }).optional() });

export const contactsListRoute = defineRoute({
  id: "contacts.list",
  method: "GET",
  path: "/api/v1/contacts",
  summary: "List contacts (keyset-paginated, filterable)",
  tag: "CRM",
  permission: "contacts.read",
  query: listContactsSchema,
  response: page(contactJsonSchema),
});

export const contactsCreateRoute = defineRoute({
  id: "contacts.create",
  method: "POST",
  path: "/api/v1/contacts",
  summary: "Create a contact",
  tag: "CRM",
  permission: "contacts.write",
  body: createContactSchema,
  response: contactJsonSchema,
  successStatus: 201,
});

export const contactsUpsertRoute = defineRoute({
  id: "contacts.upsert",
  method: "POST",
  path: "/api/v1/contacts/upsert",
  summary: "Create or update a contact by email",
  tag: "CRM",
  permission: "contacts.write",
  body: upsertContactSchema,
  response: z.object({ created: z.boolean(), contact: contactJsonSchema }),
});

export const contactsGetRoute = defineRoute({
  id: "contacts.get",
  method: "GET",
  path: "/api/v1/contacts/{id}",
  summary: "Get a contact",
  tag: "CRM",
  permission: "contacts.read",
  params: contactIdSchema,
  response: contactJsonSchema,
});

export const contactsUpdateRoute = defineRoute({
  id: "contacts.update",
  method: "PATCH",
  path: "/api/v1/contacts/{id}",
  summary: "Update a contact (a stage move backwards needs contacts.stage_backward)",
  tag: "CRM",
  permission: "contacts.write",
  params: contactIdSchema,
  body: updateContactSchema.omit({ id: true }),
  response: contactJsonSchema,
});

export const contactsDeleteRoute = defineRoute({
  id: "contacts.delete",
  method: "DELETE",
  path: "/api/v1/contacts/{id}",
  summary: "Delete a contact (soft; restorable with a bulk restore)",
  tag: "CRM",
  permission: "contacts.delete",
  params: contactIdSchema,
  response: deleted,
});

export const companiesListRoute = defineRoute({
  id: "companies.list",
  method: "GET",
  path: "/api/v1/companies",
  summary: "List companies",
  tag: "CRM",
  permission: "contacts.read",
  query: listCompaniesSchema,
  response: page(companyJsonSchema),
});

export const companiesCreateRoute = defineRoute({
  id: "companies.create",
  method: "POST",
  path: "/api/v1/companies",
  summary: "Create a company",
  tag: "CRM",
  permission: "contacts.write",
  body: createCompanySchema,
  response: companyJsonSchema,
  successStatus: 201,
});

export const companiesGetRoute = defineRoute({
  id: "companies.get",
  method: "GET",
  path: "/api/v1/companies/{id}",
  summary: "Get a company",
  tag: "CRM",
  permission: "contacts.read",
  params: companyIdSchema,
  response: companyJsonSchema,
});

export const companiesUpdateRoute = defineRoute({
  id: "companies.update",
  method: "PATCH",
  path: "/api/v1/companies/{id}",
  summary: "Update a company",
  tag: "CRM",
  permission: "contacts.write",
  params: companyIdSchema,
  body: updateCompanySchema.omit({ id: true }),
  response: companyJsonSchema,
});

export const companiesDeleteRoute = defineRoute({
  id: "companies.delete",
  method: "DELETE",
  path: "/api/v1/companies/{id}",
  summary: "Delete a company (its contacts stay, unlinked)",
  tag: "CRM",
  permission: "contacts.delete",
  params: companyIdSchema,
  response: z.object({ id: z.string() }),
});

export const eventsIngestRoute = defineRoute({
  id: "events.ingest",
  method: "POST",
  path: "/api/v1/events",
  summary: "Record contact events (batches of up to 1,000; idempotent per idempotencyKey)",
  description: "Name each event's contact by `contactId` or `email` (unknown emails create a subscriber). A batch with an invalid event stores nothing.",
  tag: "CRM",
  permission: "contacts.write",
  body: ingestEventsSchema,
  response: z.object({ accepted: z.number(), duplicates: z.number(), createdContacts: z.number() }),
});

export const crmRoutes: RouteSpec[] = [
  contactsListRoute,
  contactsCreateRoute,
  contactsUpsertRoute,
  contactsGetRoute,
  contactsUpdateRoute,
  contactsDeleteRoute,
  companiesListRoute,
  companiesCreateRoute,
  companiesGetRoute,
  companiesUpdateRoute,
  companiesDeleteRoute,
  eventsIngestRoute,
] as unknown as RouteSpec[];
