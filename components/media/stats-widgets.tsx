// The media statistics widgets: counts by kind and status, bytes by kind, the most used and the best performing assets.
// Each loads through one request-cached libraryStats call, so four boundaries cost one set of queries.
import "server-only";
import { cache } from "react";
import { BarChart3, Trophy } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { libraryStats, libraryStatsToJson, MIN_IMPRESSIONS } from "@/lib/media";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "./asset-insights";
import { formatBytes, KIND_LABELS, STATUS_LABELS } from "./media-format";
import { StatsBarChart } from "./stats-bar-chart";
import { TopAssetList } from "./top-asset-list";

const loadStats = cache(async (ctx: Ctx, libraryId: string | undefined) => libraryStatsToJson(await libraryStats(ctx, { libraryId })));

export async function StatsCountsWidget({ ctx, libraryId }: { ctx: Ctx; libraryId?: string }) {
  const s = await loadStats(ctx, libraryId);
  const inBin = s.byStatus.find((x) => x.status === "DELETED")?.count ?? 0;
  return (
    <Card>
      <CardHeader title="Assets by type and status" description={`${formatCount(s.totalAssets)} live assets${inBin ? `, ${formatCount(inBin)} in the bin` : ""}.`} />
      <CardBody>
        {s.totalAssets + inBin === 0 ? (
          <EmptyState icon={<BarChart3 aria-hidden />} title="No assets yet" description="Upload files to the library to see its statistics." />
        ) : (
          <div className="grid gap-6 md:grid-cols-2">
            <StatsBarChart caption="Live assets by type" unit="count" data={s.byKind.map((k) => ({ label: KIND_LABELS[k.kind] ?? k.kind, value: k.count }))} />
            <StatsBarChart caption="Assets by status" unit="count" data={s.byStatus.map((k) => ({ label: STATUS_LABELS[k.status] ?? k.status, value: k.count }))} />
          </div>
        )}
      </CardBody>
    </Card>
  );
}

export async function StatsBytesWidget({ ctx, libraryId }: { ctx: Ctx; libraryId?: string }) {
  const s = await loadStats(ctx, libraryId);
  return (
    <Card>
      <CardHeader title="Storage by type" description={`${formatBytes(s.totalBytes)} in live assets (originals).`} />
      <CardBody>
        {s.totalBytes === 0 ? (
          <EmptyState title="Nothing stored yet" />
        ) : (
          <StatsBarChart caption="Bytes by type" unit="bytes" data={s.byKind.map((k) => ({ label: KIND_LABELS[k.kind] ?? k.kind, value: k.bytes }))} />
        )}
      </CardBody>
    </Card>
  );
}

export async function StatsMostUsedWidget({ ctx, libraryId }: { ctx: Ctx; libraryId?: string }) {
  const s = await loadStats(ctx, libraryId);
  return (
    <Card>
      <CardHeader title="Most used" description="By the number of posts, ads, emails and campaigns they are attached to." />
      <CardBody>
        {s.mostUsed.length ? (
          <TopAssetList label="Most used assets" rows={s.mostUsed.map((m) => ({ asset: m.asset, usageCount: m.usageCount }))} />
        ) : (
          <EmptyState title="Nothing attached yet" description="Assets appear here once they are attached to a post, ad, email or campaign." />
        )}
      </CardBody>
    </Card>
  );
}

export async function StatsBestWidget({ ctx, libraryId }: { ctx: Ctx; libraryId?: string }) {
  const s = await loadStats(ctx, libraryId);
  return (
    <Card>
      <CardHeader title="Best performing" description={`By all-time CTR, among assets with at least ${formatCount(MIN_IMPRESSIONS)} impressions.`} />
      <CardBody>
        {s.bestPerforming.length ? (
          <TopAssetList label="Best performing assets" rows={s.bestPerforming} />
        ) : (
          <EmptyState icon={<Trophy aria-hidden />} title="No performance yet" description="Figures arrive from publishing and ads, the metrics API or a CSV import." />
        )}
      </CardBody>
    </Card>
  );
}
