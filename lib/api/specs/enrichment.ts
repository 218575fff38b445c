// REST route contracts of the CRM's enrichment endpoints; lib/api/routes.ts gathers every spec list into API_ROUTES.
// Contracts only: the engine (lib/crm/enrichment) decides; a contact, run or host of another workspace is a 404.
import { z } from "zod";
import {
  allowHostJsonSchema,
  allowHostListSchema,
  allowHostSchema,
  createEnrichmentRunSchema,
  enrichContactParamsSchema,
  enrichContactResponseSchema,
  enrichmentRunIdSchema,
  enrichmentRunJsonSchema,
  enrichmentRunPageSchema,
  listEnrichmentRunsSchema,
} from "@/lib/crm/enrichment/schemas";
import { defineRoute, type RouteSpec } from "../spec";

export const enrichContactRoute = defineRoute({
  id: "enrichment.contact.enrich",
  method: "POST",
  path: "/api/v1/contacts/{id}/enrich",
  summary: "Enrich one contact now (waterfall) and return what each provider filled",
  description:
    "Runs the providers in order (email, phone, title, website, AI summary) for the contact and its company, in this request. " +
    "A field already holding a value a person entered, or a provider's value with confidence ≥ 0.7, is left alone. " +
    "The answer is the run that recorded it and a per-provider report of the fields filled.",
  tag: "Enrichment",
  permission: "contacts.write",
  params: enrichContactParamsSchema,
  response: enrichContactResponseSchema,
});

export const createEnrichmentRunRoute = defineRoute({
  id: "enrichment.runs.create",
  method: "POST",
  path: "/api/v1/enrichment/runs",
  summary: "Start an enrichment run over contacts, a segment or an import (through the job queue)",
  description:
    '`{"scope":"contacts","ids":[…]}`, `{"scope":"segment","segmentId":…}` or `{"scope":"import","importId":…}`. ' +
    "An import's contacts are those created between its start and its end. Poll the run for progress.",
  tag: "Enrichment",
  permission: "contacts.write",
  body: createEnrichmentRunSchema,
  response: enrichmentRunJsonSchema,
  successStatus: 202,
});

export const listEnrichmentRunsRoute = defineRoute({
  id: "enrichment.runs.list",
  method: "GET",
  path: "/api/v1/enrichment/runs",
  summary: "List enrichment runs, newest first (keyset-paginated)",
  tag: "Enrichment",
  permission: "contacts.read",
  query: listEnrichmentRunsSchema,
  response: enrichmentRunPageSchema,
});

export const getEnrichmentRunRoute = defineRoute({
  id: "enrichment.runs.get",
  method: "GET",
  path: "/api/v1/enrichment/runs/{id}",
  summary: "An enrichment run's progress: total, done, failed, fields filled",
  tag: "Enrichment",
  permission: "contacts.read",
  params: enrichmentRunIdSchema,
  response: enrichmentRunJsonSchema,
});

export const cancelEnrichmentRunRoute = defineRoute({
  id: "enrichment.runs.cancel",
  method: "POST",
  path: "/api/v1/enrichment/runs/{id}/cancel",
  summary: "Cancel a queued or running enrichment run",
  tag: "Enrichment",
  permission: "contacts.write",
  params: enrichmentRunIdSchema,
  response: enrichmentRunJsonSchema,
});

export const listAllowHostsRoute = defineRoute({
  id: "enrichment.allowHosts.list",
  method: "GET",
  path: "/api/v1/enrichment/allow-hosts",
  summary: "Hosts the website fetcher may reach even on internal addresses",
  tag: "Enrichment",
  permission: "settings.manage",
  response: allowHostListSchema,
});

export const addAllowHostRoute = defineRoute({
  id: "enrichment.allowHosts.add",
  method: "POST",
  path: "/api/v1/enrichment/allow-hosts",
  summary: "Allow the website fetcher to reach a host on internal addresses",
  description: "Loopback, private, link-local and CGNAT addresses become reachable for this host only; cloud metadata, multicast and broadcast never do.",
  tag: "Enrichment",
  permission: "settings.manage",
  body: allowHostSchema,
  response: allowHostJsonSchema,
  successStatus: 201,
});

export const removeAllowHostRoute = defineRoute({
  id: "enrichment.allowHosts.remove",
  method: "DELETE",
  path: "/api/v1/enrichment/allow-hosts",
  summary: "Remove a host from the allow-list (`?host=intranet.example.com`)",
  tag: "Enrichment",
  permission: "settings.manage",
  query: allowHostSchema,
  response: z.object({ host: z.string() }),
});

export const enrichmentRoutes: RouteSpec[] = [
  enrichContactRoute,
  createEnrichmentRunRoute,
  listEnrichmentRunsRoute,
  getEnrichmentRunRoute,
  cancelEnrichmentRunRoute,
  listAllowHostsRoute,
  addAllowHostRoute,
  removeAllowHostRoute,
] as unknown as RouteSpec[];
