// Settings → Members: who belongs to the workspace and with which role, plus invitations for owners and admins.
// Never load invitations for roles without members.manage; the engine refuses and the section is not shown.
import type { Metadata } from "next";
import type { Ctx } from "@/lib/auth/context";
import { assignableRoles, can } from "@/lib/auth/permissions";
import { getWorkspace, listInvitations, listMembers } from "@/lib/workspaces";
import { formatDay, formatTimestamp } from "@/components/format";
import { InvitationsList } from "@/components/settings/invitations-list";
import { InviteForm } from "@/components/settings/invite-form";
import { MembersTable } from "@/components/settings/members-table";
import { SectionHeading } from "@/components/settings/section-heading";
import { Card, CardBody } from "@/components/ui/card";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

async function Members({ ctx }: { ctx: Ctx }) {
  const members = await listMembers(ctx);
  return (
    <MembersTable
      members={members.map((m) => ({
        id: m.id,
        userId: m.userId,
        name: m.name,
        email: m.email,
        role: m.role,
        joined: formatDay(m.createdAt.toISOString().slice(0, 10)),
      }))}
      currentUserId={ctx.userId}
      canManage={can(ctx.role, "members.manage")}
      assignable={assignableRoles(ctx.role)}
    />
  );
}

async function PendingInvitations({ ctx }: { ctx: Ctx }) {
  const [invitations, workspace] = await Promise.all([listInvitations(ctx), getWorkspace(ctx)]);
  return (
    <InvitationsList
      invitations={invitations.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        inviterName: i.inviterName,
        expires: formatTimestamp(i.expiresAt, workspace.timezone),
        url: i.url,
      }))}
    />
  );
}

export default async function MembersPage() {
  const ctx = await getPageCtx();
  const canManage = can(ctx.role, "members.manage");
  return (
    <div className="grid grid-cols-1 gap-8">
      <section aria-labelledby="members-heading">
        <SectionHeading
          id="members-heading"
          title="Members"
          description={canManage ? "Change roles or remove people. You cannot grant a role above your own." : "Everyone in this workspace and their role."}
        />
        <WidgetBoundary title="Members" fallback={<TableSkeleton label="Loading members" columns={4} rows={5} />}>
          <Members ctx={ctx} />
        </WidgetBoundary>
      </section>
      {canManage ? (
        <section aria-labelledby="invitations-heading" className="grid grid-cols-1 gap-4">
          <SectionHeading id="invitations-heading" title="Invitations" description="Invite people by email. You get a link to send them; it expires in 7 days." />
          <Card aria-label="Invite someone">
            <CardBody>
              <InviteForm roles={assignableRoles(ctx.role)} />
            </CardBody>
          </Card>
          <WidgetBoundary title="Pending invitations" fallback={<TableSkeleton label="Loading invitations" columns={5} rows={3} />}>
            <PendingInvitations ctx={ctx} />
          </WidgetBoundary>
        </section>
      ) : null}
    </div>
  );
}
