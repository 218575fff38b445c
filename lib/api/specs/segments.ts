// REST route contracts of the CRM's segments endpoints; lib/api/routes.ts gathers every spec list into API_ROUTES.
// Never name a permission here that the engine does not check itself: the spec is the documentation, the engine the guard.
import { z } from "zod";
import {
  countSegmentRulesSchema,
  createSegmentSchema,
  listSegmentContactsSchema,
  listSegmentsSchema,
  segmentContactsPageSchema,
  segmentCountSchema,
  segmentIdSchema,
  segmentMembersResultSchema,
  segmentMembersSchema,
  segmentPageSchema,
  segmentPatchSchema,
  segmentSchema,
  segmentSnapshotSchema,
  snapshotSegmentSchema,
} from "@/lib/crm/segments/schemas";
import { defineRoute, type RouteSpec } from "../spec";

const tag = "Segments";

export const listSegmentsRoute = defineRoute({
  id: "segments.list",
  method: "GET",
  path: "/api/v1/segments",
  summary: "List segments (keyset-paginated, newest first)",
  description: "Pass `nextCursor` back as `cursor` for the next page.",
  tag,
  permission: "contacts.read",
  query: listSegmentsSchema,
  response: segmentPageSchema,
});

export const createSegmentRoute = defineRoute({
  id: "segments.create",
  method: "POST",
  path: "/api/v1/segments",
  summary: "Create a dynamic segment (a rule tree) or a static list",
  description:
    "A dynamic segment's `rules` is a group `{type: \"group\", op: \"and\"|\"or\", rules: […]}` of field, event and segment " +
    "conditions, nested at most 5 deep with at most 100 conditions. Unknown fields are refused with a 422 naming the field.",
  tag,
  permission: "contacts.write",
  body: createSegmentSchema,
  response: segmentSchema,
  successStatus: 201,
});

export const countSegmentRulesRoute = defineRoute({
  id: "segments.countRules",
  method: "POST",
  path: "/api/v1/segments/count",
  summary: "Count the contacts an unsaved rule tree matches (the live count while editing)",
  tag,
  permission: "contacts.read",
  body: countSegmentRulesSchema,
  response: segmentCountSchema,
});

export const getSegmentRoute = defineRoute({
  id: "segments.get",
  method: "GET",
  path: "/api/v1/segments/{id}",
  summary: "Get a segment",
  tag,
  permission: "contacts.read",
  params: segmentIdSchema,
  response: segmentSchema,
});

export const updateSegmentRoute = defineRoute({
  id: "segments.update",
  method: "PATCH",
  path: "/api/v1/segments/{id}",
  summary: "Rename a segment or replace its rules",
  tag,
  permission: "contacts.write",
  params: segmentIdSchema,
  body: segmentPatchSchema,
  response: segmentSchema,
});

export const deleteSegmentRoute = defineRoute({
  id: "segments.delete",
  method: "DELETE",
  path: "/api/v1/segments/{id}",
  summary: "Delete a segment (409 while another segment or a lifecycle rule refers to it)",
  tag,
  permission: "contacts.write",
  params: segmentIdSchema,
  response: z.object({ id: z.string() }),
});

export const countSegmentRoute = defineRoute({
  id: "segments.count",
  method: "GET",
  path: "/api/v1/segments/{id}/count",
  summary: "Count a saved segment's contacts now",
  tag,
  permission: "contacts.read",
  params: segmentIdSchema,
  response: segmentCountSchema,
});

export const listSegmentContactsRoute = defineRoute({
  id: "segments.contacts",
  method: "GET",
  path: "/api/v1/segments/{id}/contacts",
  summary: "List a segment's contacts (keyset-paginated, newest first)",
  tag,
  permission: "contacts.read",
  params: segmentIdSchema,
  query: listSegmentContactsSchema,
  response: segmentContactsPageSchema,
});

export const segmentMembersRoute = defineRoute({
  id: "segments.members",
  method: "POST",
  path: "/api/v1/segments/{id}/members",
  summary: "Add contacts to, or remove them from, a static list",
  description: "Every contact added must be a contact of this workspace; a dynamic segment answers 409 SEGMENT_NOT_STATIC.",
  tag,
  permission: "contacts.write",
  params: segmentIdSchema,
  body: segmentMembersSchema,
  response: segmentMembersResultSchema,
});

export const snapshotSegmentRoute = defineRoute({
  id: "segments.snapshot",
  method: "POST",
  path: "/api/v1/segments/{id}/snapshots",
  summary: "Freeze the segment's current membership (for a send or an export)",
  tag,
  permission: "contacts.write",
  params: segmentIdSchema,
  body: snapshotSegmentSchema,
  response: segmentSnapshotSchema,
  successStatus: 201,
});

export const segmentsRoutes: RouteSpec[] = [
  listSegmentsRoute,
  createSegmentRoute,
  countSegmentRulesRoute,
  getSegmentRoute,
  updateSegmentRoute,
  deleteSegmentRoute,
  countSegmentRoute,
  listSegmentContactsRoute,
  segmentMembersRoute,
  snapshotSegmentRoute,
] as unknown as RouteSpec[];
