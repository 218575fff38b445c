// Loads the owner choices (workspace members) for the campaign form, inside the form's own Suspense boundary.
// Never list people outside this workspace as owners: listMembers is scoped by the ctx.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { listMembers } from "@/lib/workspaces";
import { CampaignForm, type CampaignFormInitial } from "./campaign-form";

export async function CampaignFormLoader({ ctx, campaign }: { ctx: Ctx; campaign?: CampaignFormInitial }) {
  const members = await listMembers(ctx);
  const owners = members.map(({ userId, name, email }) => ({ userId, name, email }));
  return <CampaignForm campaign={campaign} owners={owners} currentUserId={ctx.userId} />;
}
