"use server";
// Server actions of the signed-in shell: switching the session's active workspace.
// Never switch to a workspace the user is not a member of: membership is checked before the session changes.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/auth";
import { NotFoundError } from "@/lib/errors";
import { runAction, type ActionResult } from "@/lib/http/action";
import { getMembershipRole, switchWorkspaceSchema } from "@/lib/workspaces";

export async function switchWorkspaceAction(raw: unknown): Promise<ActionResult<{ workspaceId: string }>> {
  const res = await runAction(switchWorkspaceSchema, raw, async (ctx, { workspaceId }) => {
    // Not a member reads as "not found", so workspace ids cannot be probed.
    if (!(await getMembershipRole(ctx.db, ctx.userId, workspaceId))) throw new NotFoundError("Workspace");
    await getAuth().api.setActiveOrganization({ headers: await headers(), body: { organizationId: workspaceId } });
    return { workspaceId };
  });
  if (res.ok) revalidatePath("/", "layout");
  return res;
}
