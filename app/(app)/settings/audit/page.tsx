// Settings → Audit log: who changed what and when, newest first, with older pages on demand.
// Never show the log to roles without audit.read; the engine refuses and this page says so plainly.
import type { Metadata } from "next";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listAudit } from "@/lib/audit";
import { getWorkspace } from "@/lib/workspaces";
import { AUDIT_PAGE_SIZE } from "@/components/audit/audit-format";
import { AuditTable } from "@/components/audit/audit-table";
import { NotAllowed } from "@/components/settings/not-allowed";
import { SectionHeading } from "@/components/settings/section-heading";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

async function AuditLog({ ctx }: { ctx: Ctx }) {
  const [page, workspace] = await Promise.all([listAudit(ctx, { limit: AUDIT_PAGE_SIZE }), getWorkspace(ctx)]);
  return <AuditTable initialPage={page} timeZone={workspace.timezone} />;
}

export default async function AuditPage() {
  const ctx = await getPageCtx();
  return (
    <section aria-labelledby="audit-heading">
      <SectionHeading id="audit-heading" title="Audit log" description="Times are shown in the workspace's time zone." />
      {can(ctx.role, "audit.read") ? (
        <WidgetBoundary title="The audit log" fallback={<TableSkeleton label="Loading the audit log" columns={5} rows={8} />}>
          <AuditLog ctx={ctx} />
        </WidgetBoundary>
      ) : (
        <NotAllowed role={ctx.role} what="read the audit log" />
      )}
    </section>
  );
}
