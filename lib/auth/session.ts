// Turns the incoming request (session cookie) into an engine ctx for pages and server actions.
// Route handlers use lib/http/route.ts instead, which also accepts API keys. Never trust a workspace id from the client.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { UnauthenticatedError } from "@/lib/errors";
import { getMembershipRole, listMyWorkspaces } from "@/lib/workspaces/membership";
import { getAuth } from "./auth";
import type { Ctx } from "./context";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface CurrentSession {
  user: SessionUser;
  activeWorkspaceId: string | null;
}

export async function getCurrentSession(h?: Headers): Promise<CurrentSession | null> {
  const res = await getAuth().api.getSession({ headers: h ?? (await headers()) });
  if (!res) return null;
  return {
    user: { id: res.user.id, email: res.user.email, name: res.user.name },
    activeWorkspaceId: (res.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null,
  };
}

/** The ctx for the signed-in user's active workspace, or null when signed out / not a member anywhere. */
export async function resolveSessionCtx(h?: Headers): Promise<Ctx | null> {
  const s = await getCurrentSession(h);
  if (!s) return null;
  const db = getDb();
  let workspaceId = s.activeWorkspaceId;
  let role = workspaceId ? await getMembershipRole(db, s.user.id, workspaceId) : null;
  if (!role) {
    // No active workspace yet (or it was left): fall back to the first membership.
    const first = (await listMyWorkspaces(db, s.user.id))[0];
    if (!first) return null;
    workspaceId = first.id;
    role = first.role;
  }
  return { db, workspaceId: workspaceId!, userId: s.user.id, role, actorLabel: s.user.email };
}

/** For server actions: the ctx, or an UnauthenticatedError the action wrapper maps. */
export async function requireActionCtx(): Promise<Ctx> {
  const ctx = await resolveSessionCtx();
  if (!ctx) throw new UnauthenticatedError("Your session has expired. Sign in again.", "SESSION_EXPIRED");
  return ctx;
}

/** Sign-in, with the path to come back to and a note when a session cookie was present but is no longer valid. */
async function signInUrl(): Promise<string> {
  const params = new URLSearchParams();
  const path = (await headers()).get("x-aicmo-path");
  if (path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/sign-in")) params.set("next", path);
  const jar = await cookies();
  if (jar.getAll().some((c) => c.name.endsWith("session_token"))) params.set("expired", "1");
  const q = params.toString();
  return q ? `/sign-in?${q}` : "/sign-in";
}

/** For pages in the signed-in shell: redirects to sign-in or onboarding instead of throwing. */
export async function requirePageCtx(): Promise<Ctx & { user: SessionUser }> {
  const s = await getCurrentSession();
  if (!s) redirect(await signInUrl());
  const ctx = await resolveSessionCtx();
  if (!ctx) redirect("/onboarding");
  return { ...ctx, user: s.user };
}
