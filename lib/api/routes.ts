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
import { chatCompletionsSchema } from "@/lib/gateway/schemas";
import { defineRoute, type RouteSpec } from "./spec";
import { crmRoutes } from "./specs/crm";
import { enrichmentRoutes } from "./specs/enrichment";
import { importsRoutes } from "./specs/imports";
import { mediaPerformanceRoutes, mediaRoutes } from "./specs/media";
import { segmentsRoutes } from "./specs/segments";

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

export const chatCompletionResponseSchema = z.object({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal("assistant"), content: z.string() }),
      finish_reason: z.string(),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() }),
  aicmo: z.object({
    request_id: z.string(),
    provider: z.string(),
    provider_kind: z.string(),
    offline: z.boolean(),
    cache_hit: z.boolean(),
    cost_usd: z.number(),
  }),
});

export const chatCompletionsRoute = defineRoute({
  id: "ai.chat.completions",
  method: "POST",
  path: "/api/v1/ai/chat/completions",
  summary: "OpenAI-compatible chat completions through the workspace's AI gateway",
  description:
    "Same request and response shape as OpenAI's Chat Completions, so tools can use `<app>/api/v1/ai` as their base URL. " +
    "`stream: true` answers with server-sent events (`chat.completion.chunk`, then `data: [DONE]`); a failure after the first token " +
    "arrives as a final `data: {\"error\": …}` event without `[DONE]`. `model` is informational: the workspace's chain for the task decides. " +
    "Extensions: `campaign_id` charges the cost to a campaign, `task` picks the chain (default `chat`).",
  tag: "AI",
  permission: "ai.use",
  body: chatCompletionsSchema,
  response: chatCompletionResponseSchema,
});

export const API_ROUTES: RouteSpec[] = [
  meRoute,
  listCampaignsRoute,
  createCampaignRoute,
  getCampaignRoute,
  updateCampaignRoute,
  deleteCampaignRoute,
  chatCompletionsRoute,
  ...crmRoutes,
  ...segmentsRoutes,
  ...importsRoutes,
  ...enrichmentRoutes,
  ...mediaRoutes,
  ...mediaPerformanceRoutes,
] as unknown as RouteSpec[];
