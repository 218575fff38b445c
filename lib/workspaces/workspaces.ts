// Workspace settings, members and invitations: who belongs to a tenant and with which role.
// Only roles holding members.manage change membership, and nobody can grant a role above their own.
import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invitations, members, users, workspaces, type Workspace } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { assignableRoles, isRole, type Role } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { invalidateApiKeyCache } from "./api-keys";
import {
  changeMemberRoleSchema,
  createInvitationSchema,
  updateWorkspaceSchema,
} from "./schemas";
import type { z } from "zod";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function getWorkspace(ctx: Ctx): Promise<Workspace> {
  authorize(ctx, "workspace.read");
  const [w] = await ctx.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).limit(1);
  if (!w) throw new NotFoundError("Workspace");
  return w;
}

export async function updateWorkspace(ctx: Ctx, raw: z.input<typeof updateWorkspaceSchema>): Promise<Workspace> {
  authorize(ctx, "settings.manage");
  const input = updateWorkspaceSchema.parse(raw);
  const before = await getWorkspace(ctx);
  return ctx.db.transaction(async (tx) => {
    const [w] = await tx.update(workspaces).set(input).where(eq(workspaces.id, ctx.workspaceId)).returning();
    await recordAudit(tx, ctx, {
      action: "workspace.update",
      entityType: "workspace",
      entityId: ctx.workspaceId,
      before: { name: before.name, timezone: before.timezone },
      after: input,
    });
    return w!;
  });
}

export interface MemberRow {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
}

export async function listMembers(ctx: Ctx): Promise<MemberRow[]> {
  authorize(ctx, "members.read");
  const rows = await ctx.db
    .select({
      id: members.id,
      userId: members.userId,
      name: users.name,
      email: users.email,
      role: members.role,
      createdAt: members.createdAt,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.organizationId, ctx.workspaceId))
    .orderBy(asc(users.name));
  return rows.filter((r): r is MemberRow => isRole(r.role));
}

async function getMemberOrThrow(ctx: Ctx, memberId: string) {
  const [m] = await ctx.db
    .select()
    .from(members)
    .where(and(eq(members.organizationId, ctx.workspaceId), eq(members.id, memberId)))
    .limit(1);
  if (!m) throw new NotFoundError("Member");
  return m;
}

async function ownerCount(db: DbOrTx, workspaceId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .where(and(eq(members.organizationId, workspaceId), eq(members.role, "owner")));
  return r?.n ?? 0;
}

function assertCanGrant(ctx: Ctx, role: Role): void {
  if (!assignableRoles(ctx.role).includes(role)) throw new ForbiddenError(`members.grant.${role}`);
}

export async function changeMemberRole(ctx: Ctx, raw: z.input<typeof changeMemberRoleSchema>): Promise<MemberRow> {
  authorize(ctx, "members.manage");
  const input = changeMemberRoleSchema.parse(raw);
  const m = await getMemberOrThrow(ctx, input.memberId);
  assertCanGrant(ctx, input.role);
  if (isRole(m.role)) assertCanGrant(ctx, m.role); // an admin cannot demote an owner
  if (m.role === "owner" && input.role !== "owner" && (await ownerCount(ctx.db, ctx.workspaceId)) <= 1) {
    throw new ConflictError("A workspace needs at least one owner.", "LAST_OWNER");
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(members).set({ role: input.role }).where(eq(members.id, m.id));
    await recordAudit(tx, ctx, {
      action: "member.role_change",
      entityType: "member",
      entityId: m.id,
      before: { role: m.role },
      after: { role: input.role },
    });
  });
  invalidateApiKeyCache(); // keys are capped by their creator's role
  const all = await listMembers(ctx);
  return all.find((x) => x.id === m.id)!;
}

export async function removeMember(ctx: Ctx, memberId: string): Promise<{ id: string }> {
  authorize(ctx, "members.manage");
  const m = await getMemberOrThrow(ctx, memberId);
  if (isRole(m.role)) assertCanGrant(ctx, m.role);
  if (m.role === "owner" && (await ownerCount(ctx.db, ctx.workspaceId)) <= 1) {
    throw new ConflictError("A workspace needs at least one owner.", "LAST_OWNER");
  }
  await ctx.db.transaction(async (tx) => {
    await tx.delete(members).where(eq(members.id, m.id));
    await recordAudit(tx, ctx, {
      action: "member.remove",
      entityType: "member",
      entityId: m.id,
      before: { userId: m.userId, role: m.role },
    });
  });
  invalidateApiKeyCache(); // a removed member's keys stop working
  return { id: m.id };
}

export interface InvitationRow {
  id: string;
  email: string;
  role: string | null;
  status: string;
  expiresAt: Date;
  createdAt: Date;
  inviterName: string;
  url: string;
}

export function invitationUrl(token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/invite/${token}`;
}

export async function listInvitations(ctx: Ctx): Promise<InvitationRow[]> {
  authorize(ctx, "members.manage");
  const rows = await ctx.db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.inviterId))
    .where(and(eq(invitations.organizationId, ctx.workspaceId), eq(invitations.status, "pending")))
    .orderBy(desc(invitations.createdAt));
  return rows.map((r) => ({ ...r, url: invitationUrl(r.id) }));
}

/** Creates a pending invitation; its id is the unguessable token in the link the inviter shares. */
export async function createInvitation(ctx: Ctx, raw: z.input<typeof createInvitationSchema>): Promise<InvitationRow> {
  authorize(ctx, "members.manage");
  const input = createInvitationSchema.parse(raw);
  assertCanGrant(ctx, input.role);
  const [existingMember] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, ctx.workspaceId), eq(users.email, input.email)))
    .limit(1);
  if (existingMember) throw new ConflictError(`${input.email} is already a member.`, "ALREADY_MEMBER");
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await ctx.db.transaction(async (tx) => {
    // A newer invitation to the same address replaces the older pending one.
    await tx
      .update(invitations)
      .set({ status: "canceled" })
      .where(
        and(
          eq(invitations.organizationId, ctx.workspaceId),
          eq(invitations.email, input.email),
          eq(invitations.status, "pending"),
        ),
      );
    await tx.insert(invitations).values({
      id: token,
      organizationId: ctx.workspaceId,
      email: input.email,
      role: input.role,
      status: "pending",
      expiresAt,
      inviterId: ctx.userId,
    });
    await recordAudit(tx, ctx, {
      action: "invitation.create",
      entityType: "invitation",
      entityId: token.slice(0, 8),
      after: { email: input.email, role: input.role },
    });
  });
  return (await listInvitations(ctx)).find((i) => i.id === token)!;
}

export async function revokeInvitation(ctx: Ctx, invitationId: string): Promise<{ id: string }> {
  authorize(ctx, "members.manage");
  const [inv] = await ctx.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, ctx.workspaceId), eq(invitations.id, invitationId)))
    .limit(1);
  if (!inv || inv.status !== "pending") throw new NotFoundError("Invitation");
  await ctx.db.transaction(async (tx) => {
    await tx.update(invitations).set({ status: "canceled" }).where(eq(invitations.id, inv.id));
    await recordAudit(tx, ctx, {
      action: "invitation.revoke",
      entityType: "invitation",
      entityId: inv.id.slice(0, 8),
      before: { email: inv.email, role: inv.role },
    });
  });
  return { id: inv.id };
}

export interface InvitationPreview {
  workspaceName: string;
  email: string;
  role: string;
  inviterName: string;
}

/** What the invitation page shows before accepting. Invalid, used, revoked and expired tokens all read as one error. */
export async function getInvitationPreview(db: DbOrTx, token: string): Promise<InvitationPreview> {
  const [row] = await db
    .select({
      workspaceName: workspaces.name,
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.organizationId))
    .innerJoin(users, eq(users.id, invitations.inviterId))
    .where(eq(invitations.id, token))
    .limit(1);
  if (!row || row.status !== "pending" || row.expiresAt.getTime() < Date.now()) {
    throw new BadRequestError("This invitation link is invalid or has expired. Ask for a new one.", "INVITATION_INVALID");
  }
  return { workspaceName: row.workspaceName, email: row.email, role: row.role ?? "viewer", inviterName: row.inviterName };
}

/** Joins the signed-in user to the invitation's workspace. The invitation must be addressed to their email. */
export async function acceptInvitation(
  db: DbOrTx,
  user: { id: string; email: string },
  token: string,
): Promise<{ workspaceId: string; role: Role }> {
  return db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitations).where(eq(invitations.id, token)).for("update").limit(1);
    if (!inv || inv.status !== "pending" || inv.expiresAt.getTime() < Date.now()) {
      throw new BadRequestError("This invitation link is invalid or has expired. Ask for a new one.", "INVITATION_INVALID");
    }
    if (inv.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new ForbiddenError("invitation.email_mismatch");
    }
    const role: Role = isRole(inv.role) ? inv.role : "viewer";
    const [already] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.organizationId, inv.organizationId), eq(members.userId, user.id)))
      .limit(1);
    if (!already) {
      await tx.insert(members).values({ id: crypto.randomUUID(), organizationId: inv.organizationId, userId: user.id, role });
    }
    await tx.update(invitations).set({ status: "accepted" }).where(eq(invitations.id, inv.id));
    await recordAudit(
      tx,
      { db: tx, workspaceId: inv.organizationId, userId: user.id, role, actorLabel: user.email },
      { action: "invitation.accept", entityType: "member", entityId: user.id, after: { role } },
    );
    return { workspaceId: inv.organizationId, role };
  });
}

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "workspace"}-${randomBytes(3).toString("hex")}`;
}

/** Creates a workspace with `user` as its owner. */
export async function createWorkspace(
  db: DbOrTx,
  user: { id: string; email: string },
  input: { name: string; timezone?: string },
): Promise<Workspace> {
  return db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    const [w] = await tx
      .insert(workspaces)
      .values({ id, name: input.name, slug: slugify(input.name), timezone: input.timezone ?? "UTC" })
      .returning();
    await tx.insert(members).values({ id: crypto.randomUUID(), organizationId: id, userId: user.id, role: "owner" });
    await recordAudit(
      tx,
      { db: tx, workspaceId: id, userId: user.id, role: "owner", actorLabel: user.email },
      { action: "workspace.create", entityType: "workspace", entityId: id, after: { name: input.name } },
    );
    return w!;
  });
}
