"use server";
// Server actions for campaigns: list pages for "Load more", create, update and delete.
// Never decide permissions here: runAction validates and the engine authorises against the caller's role.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/http/action";
import {
  campaignIdSchema,
  createCampaignSchema,
  createCampaign,
  deleteCampaign,
  listCampaigns,
  listCampaignsSchema,
  updateCampaign,
  updateCampaignSchema,
  type CampaignPage,
} from "@/lib/campaigns";
import type { Campaign } from "@/db/schema";

function revalidateCampaigns(id?: string) {
  revalidatePath("/campaigns");
  revalidatePath("/dashboard");
  if (id) revalidatePath(`/campaigns/${id}`);
}

export async function listCampaignsAction(raw: unknown): Promise<ActionResult<CampaignPage>> {
  return runAction(listCampaignsSchema, raw, (ctx, input) => listCampaigns(ctx, input));
}

export async function createCampaignAction(raw: unknown): Promise<ActionResult<Campaign>> {
  const res = await runAction(createCampaignSchema, raw, (ctx, input) => createCampaign(ctx, input));
  if (res.ok) revalidateCampaigns();
  return res;
}

export async function updateCampaignAction(raw: unknown): Promise<ActionResult<Campaign>> {
  const res = await runAction(updateCampaignSchema, raw, (ctx, input) => updateCampaign(ctx, input));
  if (res.ok) revalidateCampaigns(res.data.id);
  return res;
}

export async function deleteCampaignAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const res = await runAction(campaignIdSchema, raw, (ctx, { id }) => deleteCampaign(ctx, id));
  if (res.ok) revalidateCampaigns();
  return res;
}
