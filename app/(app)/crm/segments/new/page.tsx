// A new segment: a dynamic segment built from nested AND/OR rules with a live count, or an empty static list.
// Never show the editor to a role without contacts.write; the engine refuses it anyway.
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { SegmentEditor } from "@/components/crm/segment-editor";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx } from "../../../page-ctx";
import { loadRuleBuilderOptions } from "../builder-options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New segment · CRM" };

export default async function NewSegmentPage() {
  const ctx = await getPageCtx();
  const canWrite = can(ctx.role, "contacts.write");
  return (
    <>
      <Link href="/crm/segments" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        Segments
      </Link>
      <PageHeader title="New segment" description="Describe who belongs; the count updates as you build." />
      {canWrite ? (
        <SegmentEditor options={await loadRuleBuilderOptions(ctx)} canWrite />
      ) : (
        <EmptyState title="Your role cannot create segments" description={`As ${ROLE_LABELS[ctx.role]} you can view segments and their contacts.`} />
      )}
    </>
  );
}
