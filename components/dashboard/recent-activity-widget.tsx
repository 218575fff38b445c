// Dashboard widget: the latest audit-log entries, for roles allowed to read the audit log.
// Never render it for roles without audit.read; the page decides, and the engine refuses anyway.
import "server-only";
import Link from "next/link";
import type { Ctx } from "@/lib/auth/context";
import { listAudit } from "@/lib/audit";
import { getWorkspace } from "@/lib/workspaces";
import { describeAction, describeEntity } from "@/components/audit/audit-format";
import { formatTimestamp } from "@/components/format";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export async function RecentActivityWidget({ ctx }: { ctx: Ctx }) {
  const [{ entries }, workspace] = await Promise.all([listAudit(ctx, { limit: 8 }), getWorkspace(ctx)]);
  return (
    <Card aria-labelledby="w-activity">
      <CardHeader
        titleId="w-activity"
        title="Recent activity"
        description="The latest changes recorded in the audit log."
        actions={
          <Link href="/settings/audit" className={buttonClasses({ variant: "ghost", size: "sm" })}>
            Audit log
          </Link>
        }
      />
      <CardBody>
        {entries.length === 0 ? (
          <EmptyState title="Nothing recorded yet" description="Changes to campaigns, members and settings will be listed here." />
        ) : (
          <ol className="grid gap-3">
            {entries.map((e) => (
              <li key={e.id} className="grid gap-0.5 text-sm sm:grid-cols-[1fr_auto] sm:gap-4">
                <span>
                  <span className="font-medium">{e.actorLabel}</span> · {describeAction(e.action)} · {describeEntity(e)}
                </span>
                <time dateTime={e.createdAt.toISOString()} className="text-muted-foreground sm:text-right">
                  {formatTimestamp(e.createdAt, workspace.timezone)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}
