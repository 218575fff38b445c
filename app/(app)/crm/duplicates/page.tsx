// The CRM's duplicates: pairs of contacts that look like one person, grouped by reason, each with "Review & merge".
// Never merge from this page; merging needs contacts.write and contacts.delete, and the link is hidden from other roles.
import type { Metadata } from "next";
import { Copy } from "lucide-react";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { findDuplicates } from "@/lib/crm";
import { getWorkspace } from "@/lib/workspaces";
import { CrmHeader } from "@/components/crm/crm-header";
import { DuplicatesList } from "@/components/crm/duplicates-list";
import { EmptyState } from "@/components/ui/empty-state";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import type { Ctx } from "@/lib/auth/context";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Duplicates · CRM" };

const PAIRS_SHOWN = 300;

async function DuplicatesLoader({ ctx }: { ctx: Ctx }) {
  const [pairs, workspace] = await Promise.all([findDuplicates(ctx, { limit: PAIRS_SHOWN }), getWorkspace(ctx)]);
  if (!pairs.length) {
    return <EmptyState icon={<Copy aria-hidden />} title="No duplicates found" description="No two contacts share an email, a phone, or a name at the same company." />;
  }
  const canMerge = can(ctx.role, "contacts.write") && can(ctx.role, "contacts.delete");
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        {pairs.length >= PAIRS_SHOWN ? `The first ${PAIRS_SHOWN} pairs.` : `${pairs.length} pair${pairs.length === 1 ? "" : "s"}.`}{" "}
        {canMerge ? "Merging keeps one contact and folds the other's timeline, notes and history into it." : `As ${ROLE_LABELS[ctx.role]} you can review duplicates; a manager can merge them.`}
      </p>
      <DuplicatesList pairs={pairs} canMerge={canMerge} timeZone={workspace.timezone} />
    </div>
  );
}

export default async function DuplicatesPage() {
  const ctx = await getPageCtx();
  return (
    <>
      <CrmHeader active="duplicates" description="Contacts that look like the same person, ready to review and merge." />
      <WidgetBoundary title="Duplicates" fallback={<CardSkeleton label="Looking for duplicates" lines={6} />}>
        <DuplicatesLoader ctx={ctx} />
      </WidgetBoundary>
    </>
  );
}
