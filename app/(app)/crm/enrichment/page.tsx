// The CRM's enrichment runs: every bulk run (selected contacts, a segment, an import's contacts) with its progress,
// counts and provider failures, so a run's result survives a reload. Never page with offsets: older runs load by cursor.
import type { Metadata } from "next";
import Link from "next/link";
import { WandSparkles } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listEnrichmentRuns, runToJson } from "@/lib/crm/enrichment";
import { listSegments } from "@/lib/crm/segments";
import { getWorkspace, listMembers } from "@/lib/workspaces";
import { CrmHeader } from "@/components/crm/crm-header";
import { ENRICHMENT_RUNS_PAGE_SIZE } from "@/components/crm/enrichment-api";
import { EnrichmentRunsList } from "@/components/crm/enrichment-runs-list";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Enrichment · CRM" };

async function RunsLoader({ ctx, cursor }: { ctx: Ctx; cursor: string | null }) {
  const [page, workspace, members, segments] = await Promise.all([
    listEnrichmentRuns(ctx, { cursor: cursor?.slice(0, 500) || undefined, limit: ENRICHMENT_RUNS_PAGE_SIZE }),
    getWorkspace(ctx),
    listMembers(ctx),
    listSegments(ctx, { limit: 200 }),
  ]);
  if (!page.items.length && !cursor) {
    return (
      <EmptyState
        icon={<WandSparkles aria-hidden />}
        title="No enrichment runs yet"
        description="Enrich contacts from the contacts list (select them, then Enrich), a whole segment from its page, or one contact from its page. Each run and what it filled or failed on is listed here."
        action={
          <Link href="/crm/segments" className={buttonClasses({ variant: "outline", size: "sm" })}>
            Go to segments
          </Link>
        }
      />
    );
  }
  return (
    <EnrichmentRunsList
      initialPage={{ items: page.items.map(runToJson), nextCursor: page.nextCursor }}
      start={cursor ?? ""}
      timeZone={workspace.timezone}
      memberNames={Object.fromEntries(members.map((m) => [m.userId, m.name || m.email]))}
      segmentNames={Object.fromEntries(segments.items.map((s) => [s.id, s.name]))}
      canWrite={can(ctx.role, "contacts.write")}
    />
  );
}

export default async function EnrichmentRunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const sp = await searchParams;
  const cursor = typeof sp.cursor === "string" ? sp.cursor : null;
  return (
    <>
      <CrmHeader
        active="enrichment"
        description="Enrichment runs in this workspace: how far each got, what it filled, and which providers failed and why."
      />
      <WidgetBoundary key={cursor ?? ""} title="Enrichment runs" fallback={<TableSkeleton label="Loading enrichment runs" columns={8} rows={5} />}>
        <RunsLoader ctx={ctx} cursor={cursor} />
      </WidgetBoundary>
    </>
  );
}
