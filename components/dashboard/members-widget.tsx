// Dashboard widget: how many people belong to the workspace, by role.
// Never list members' emails here; the Members settings page is where people are managed.
import "server-only";
import Link from "next/link";
import type { Ctx } from "@/lib/auth/context";
import { ROLES, ROLE_LABELS, can } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/workspaces";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

export async function MembersWidget({ ctx }: { ctx: Ctx }) {
  const members = await listMembers(ctx);
  const counts = ROLES.map((r) => [r, members.filter((m) => m.role === r).length] as const).filter(([, n]) => n > 0);
  return (
    <Card aria-labelledby="w-members">
      <CardHeader
        titleId="w-members"
        title="Members"
        actions={
          <Link href="/settings/members" className={buttonClasses({ variant: "ghost", size: "sm" })}>
            {can(ctx.role, "members.manage") ? "Manage" : "View"}
          </Link>
        }
      />
      <CardBody>
        <p className="text-3xl font-semibold tabular-nums">{members.length}</p>
        <p className="text-sm text-muted-foreground">member{members.length === 1 ? "" : "s"} in this workspace</p>
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {counts.map(([role, n]) => (
            <li key={role}>
              <span className="tabular-nums font-medium">{n}</span> <span className="text-muted-foreground">{ROLE_LABELS[role]}</span>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
