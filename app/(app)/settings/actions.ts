"use server";
// Server actions for workspace settings: general settings, members, invitations, API keys and audit-log pages.
// Never decide permissions here: runAction validates and the engines authorise against the caller's role.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { listAudit, type AuditPage } from "@/lib/audit";
import { runAction, type ActionResult } from "@/lib/http/action";
import {
  apiKeyIdSchema,
  changeMemberRole,
  changeMemberRoleSchema,
  createApiKey,
  createApiKeySchema,
  createInvitation,
  createInvitationSchema,
  invitationIdSchema,
  memberIdSchema,
  removeMember,
  revokeApiKey,
  revokeInvitation,
  updateWorkspace,
  updateWorkspaceSchema,
  type ApiKeyRow,
  type InvitationRow,
  type MemberRow,
} from "@/lib/workspaces";
import type { Workspace } from "@/db/schema";

// lib/audit has no input schema for listAudit yet; this mirrors its parameters until it does.
const listAuditInput = z.object({
  cursor: z.string().max(500).nullish(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  entityType: z.string().trim().max(40).optional(),
});

export async function updateWorkspaceAction(raw: unknown): Promise<ActionResult<Workspace>> {
  const res = await runAction(updateWorkspaceSchema, raw, (ctx, input) => updateWorkspace(ctx, input));
  // The name shows in the shell's workspace switcher, so the whole signed-in layout is stale.
  if (res.ok) revalidatePath("/", "layout");
  return res;
}

export async function changeMemberRoleAction(raw: unknown): Promise<ActionResult<MemberRow>> {
  const res = await runAction(changeMemberRoleSchema, raw, (ctx, input) => changeMemberRole(ctx, input));
  if (res.ok) revalidatePath("/settings/members");
  return res;
}

export async function removeMemberAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const res = await runAction(memberIdSchema, raw, (ctx, { memberId }) => removeMember(ctx, memberId));
  if (res.ok) revalidatePath("/settings/members");
  return res;
}

export async function createInvitationAction(raw: unknown): Promise<ActionResult<InvitationRow>> {
  const res = await runAction(createInvitationSchema, raw, (ctx, input) => createInvitation(ctx, input));
  if (res.ok) revalidatePath("/settings/members");
  return res;
}

export async function revokeInvitationAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const res = await runAction(invitationIdSchema, raw, (ctx, { invitationId }) => revokeInvitation(ctx, invitationId));
  if (res.ok) revalidatePath("/settings/members");
  return res;
}

export async function createApiKeyAction(raw: unknown): Promise<ActionResult<{ key: string; apiKey: ApiKeyRow }>> {
  const res = await runAction(createApiKeySchema, raw, (ctx, input) => createApiKey(ctx, input));
  if (res.ok) revalidatePath("/settings/api-keys");
  return res;
}

export async function revokeApiKeyAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const res = await runAction(apiKeyIdSchema, raw, (ctx, { apiKeyId }) => revokeApiKey(ctx, apiKeyId));
  if (res.ok) revalidatePath("/settings/api-keys");
  return res;
}

export async function listAuditAction(raw: unknown): Promise<ActionResult<AuditPage>> {
  return runAction(listAuditInput, raw, (ctx, input) => listAudit(ctx, input));
}
