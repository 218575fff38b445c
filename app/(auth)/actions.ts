"use server";
// Server actions of the signed-out flow: create a first (or another) workspace, and accept an invitation.
// Never act without a session, never trust a workspace id from the client: the engine derives it from the token or creates it.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { getAuth } from "@/lib/auth/auth";
import { createWorkspaceSchema } from "@/lib/auth/schemas";
import { getCurrentSession, type SessionUser } from "@/lib/auth/session";
import { UnauthenticatedError, ValidationError } from "@/lib/errors";
import { actionError, fieldErrorsFromZod, type ActionResult } from "@/lib/http/errors";
import { acceptInvitation, acceptInvitationSchema, createWorkspace } from "@/lib/workspaces";

// Like runAction, but for a signed-in user who may not belong to any workspace yet.
async function runSessionAction<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  fn: (user: SessionUser, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const session = await getCurrentSession();
    if (!session) throw new UnauthenticatedError("Your session has expired. Sign in again.", "SESSION_EXPIRED");
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error));
    return { ok: true, data: await fn(session.user, parsed.data) };
  } catch (e) {
    return actionError(e);
  }
}

async function setActiveWorkspace(workspaceId: string): Promise<void> {
  await getAuth().api.setActiveOrganization({ headers: await headers(), body: { organizationId: workspaceId } });
}

export async function createWorkspaceAction(raw: unknown): Promise<ActionResult<{ workspaceId: string }>> {
  const res = await runSessionAction(createWorkspaceSchema, raw, async (user, input) => {
    const workspace = await createWorkspace(getDb(), user, input);
    await setActiveWorkspace(workspace.id);
    return { workspaceId: workspace.id };
  });
  if (res.ok) revalidatePath("/", "layout");
  return res;
}

export async function acceptInvitationAction(raw: unknown): Promise<ActionResult<{ workspaceId: string }>> {
  const res = await runSessionAction(acceptInvitationSchema, raw, async (user, input) => {
    const { workspaceId } = await acceptInvitation(getDb(), user, input.token);
    await setActiveWorkspace(workspaceId);
    return { workspaceId };
  });
  if (res.ok) {
    revalidatePath("/", "layout");
    return res;
  }
  // The engine refuses a mismatched address as FORBIDDEN; say what that means here.
  if (res.code === "FORBIDDEN") {
    return {
      ok: false,
      code: "INVITATION_EMAIL_MISMATCH",
      message: "This invitation was sent to a different email address. Sign in with that address to accept it.",
    };
  }
  return res;
}
