// Every /api/v1 route's contract, in one list. Route handlers bind to these; /api/v1/openapi.json is generated from them.
// Adding a route means adding its spec here first; a handler without a spec is a test failure.
import { z } from "zod";
import {
  campaignIdSchema,
  campaignPageSchema,
  campaignSchema,
  createCampaignSchema,
  campaignPatchSchema,
  listCampaignsSchema,
} from "@/lib/campaigns/schemas";
import { ROLES } from "@/lib/auth/permissions";
import { defineRoute, type RouteSpec } from "./spec";

export const meRoute = defineRoute({
  id: "me.get",
  method: "GET",
  path: "/api/v1/me",
  summary: "Who am I: the workspace and role this credential acts with",
  tag: "Workspace",
  permission: "workspace.read",
  response: z.object({
    workspaceId: z.string(),
    workspaceName: z.string(),
    role: z.enum(ROLES),
    actor: z.string(),
  }),
});

export const listCampaignsRoute = defineRoute({
  id: "campaigns.list",
  method: "GET",
  path: "/api/v1/campaigns",
  summary: "List campaigns (keyset-paginated)",
  description: "Pass `nextCursor` back as `cursor` for the next page.",
  tag: "Campaigns",
  permission: "campaigns.read",
  query: listCampaignsSchema,
  response: campaignPageSchema,
});

export const createCampaignRoute = defineRoute({
  id: "campaigns.create",
  method: "POST",
  path: "/api/v1/campaigns",
  summary: "Create a campaign",
  tag: "Campaigns",
  permission: "campaigns.write",
  body: createCampaignSchema,
  response: campaignSchema,
  successStatus: 201,
});

export const getCampaignRoute = defineRoute({
  id: "campaigns.get",
  method: "GET",
  path: "/api/v1/campaigns/{id}",
  summary: "Get a campaign",
  tag: "Campaigns",
  permission: "campaigns.read",
  params: campaignIdSchema,
  response: campaignSchema,
});

export const updateCampaignRoute = defineRoute({
  id: "campaigns.update",
  method: "PATCH",
  path: "/api/v1/campaigns/{id}",
  summary: "Update a campaign",
  tag: "Campaigns",
  permission: "campaigns.write",
  params: campaignIdSchema,
  body: campaignPatchSchema,
  response: campaignSchema,
});

export const deleteCampaignRoute = defineRoute({
  id: "campaigns.delete",
  method: "DELETE",
  path: "/api/v1/campaigns/{id}",
  summary: "Delete a campaign",
  tag: "Campaigns",
  permission: "campaigns.write",
  params: campaignIdSchema,
  response: z.object({ id: z.string() }),
});

export const API_ROUTES: RouteSpec[] = [
  meRoute,
  listCampaignsRoute,
  createCampaignRoute,
  getCampaignRoute,
  updateCampaignRoute,
  deleteCampaignRoute,
] as unknown as RouteSpec[];
