// One segment: its rules in the builder with a live count (dynamic) or its hand-picked contacts (static), enrichment of
// the whole segment with its progress, CSV export and delete.
// Never tell an unknown id from another workspace's id: both are a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import type { Segment } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { getSegment, listSegmentContacts, type SegmentRules } from "@/lib/crm/segments";
import { NotFoundError } from "@/lib/errors";
import { DeleteSegmentButton } from "@/components/crm/delete-segment-button";
import { EnrichSegmentButton } from "@/components/crm/enrich-segment-button";
import { EnrichmentRunsProgress, EnrichmentRunsProvider } from "@/components/crm/enrichment-runs-provider";
import { ExportCsvLink } from "@/components/crm/export-csv-link";
import { SegmentEditor } from "@/components/crm/segment-editor";
import { SegmentMembers } from "@/components/crm/segment-members";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import type { Ctx } from "@/lib/auth/context";
import { getPageCtx } from "../../../page-ctx";
import { loadRuleBuilderOptions } from "../builder-options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Segment · CRM" };

async function MembersLoader({ ctx, segment }: { ctx: Ctx; segment: Segment }) {
  const page = await listSegmentContacts(ctx, segment.id, null, 50);
  return <SegmentMembers segmentId={segment.id} kind={segment.kind === "static" ? "static" : "dynamic"} initialPage={page} canWrite={can(ctx.role, "contacts.write")} />;
}

export default async function SegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPageCtx();
  const { id } = await params;
  let segment: Segment;
  try {
    segment = await getSegment(ctx, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const kind = segment.kind === "static" ? "static" : "dynamic";
  const canWrite = can(ctx.role, "contacts.write");
  const canExport = can(ctx.role, "contacts.export");
  return (
    <EnrichmentRunsProvider showProgress={false} target={{ scope: "segment", targetId: segment.id }}>
      <Link href="/crm/segments" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        Segments
      </Link>
      <PageHeader
        title={segment.name}
        description={kind === "static" ? <Badge>Static list</Badge> : <Badge tone="info">Dynamic segment</Badge>}
        actions={
          canWrite || canExport ? (
            <>
              {canExport ? <ExportCsvLink size="md" href={`/api/v1/contacts/export?${new URLSearchParams({ segmentId: segment.id })}`} /> : null}
              {canWrite ? (
                <>
                  <EnrichSegmentButton segmentId={segment.id} name={segment.name} />
                  <DeleteSegmentButton id={segment.id} name={segment.name} />
                </>
              ) : null}
            </>
          ) : null
        }
      />
      <EnrichmentRunsProgress />
      <div className="grid gap-6">
        <SegmentEditor
          key={segment.updatedAt.toISOString()}
          segment={{ id: segment.id, name: segment.name, kind, rules: kind === "dynamic" ? ((segment.rules as SegmentRules | null) ?? null) : null }}
          options={await loadRuleBuilderOptions(ctx, segment.id)}
          canWrite={canWrite}
        />
        <WidgetBoundary title="The segment's contacts" fallback={<CardSkeleton label="Loading the segment's contacts" lines={6} />}>
          <MembersLoader ctx={ctx} segment={segment} />
        </WidgetBoundary>
      </div>
    </EnrichmentRunsProvider>
  );
}
