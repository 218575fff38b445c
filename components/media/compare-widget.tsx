// 2–4 assets side by side: thumbnails, totals and rates (the leader on each marked), CTR per channel with the high-performer
// flag, and a grouped bar chart. Server widget: loads through compareAssets (media.read); never queries the database itself.
import "server-only";
import Link from "next/link";
import { Trophy } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { isAppError } from "@/lib/errors";
import { compareAssets, comparisonToJson } from "@/lib/media";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { channelLabel, formatCount, formatRate } from "./asset-insights";
import { AssetThumbnail } from "./asset-thumbnail";
import { CompareCtrChart } from "./compare-ctr-chart";

export async function CompareWidget({ ctx, ids, channel }: { ctx: Ctx; ids: string[]; channel?: string }) {
  if (ids.length < 2) {
    return (
      <EmptyState
        title="Pick 2 to 4 assets to compare"
        description="Open Top performers and use “Compare the top 3”, or add ?ids=<id>,<id> to this page’s address."
        action={
          <Link href="/media/top" className="text-sm font-medium underline">
            Go to Top performers
          </Link>
        }
      />
    );
  }
  let cmp;
  try {
    cmp = comparisonToJson(await compareAssets(ctx, { ids, channel }));
  } catch (e) {
    if (isAppError(e) && (e.status === 404 || e.status === 422)) {
      return <EmptyState title="These assets cannot be compared" description={e.status === 404 ? "At least one of them is not in this workspace (or is in the bin)." : e.message} />;
    }
    throw e;
  }
  const channels = [...new Set(cmp.items.flatMap((i) => i.performance.channels.map((c) => c.channel)))].sort();
  const rows: { label: string; key: "impressions" | "clicks" | "ctr" | "engagementRate" | "conversionRate"; leader?: string | null }[] = [
    { label: "Impressions", key: "impressions" },
    { label: "Clicks", key: "clicks" },
    { label: "CTR", key: "ctr", leader: cmp.leaders.ctr },
    { label: "Engagement rate", key: "engagementRate", leader: cmp.leaders.engagementRate },
    { label: "Conversion rate", key: "conversionRate", leader: cmp.leaders.conversionRate },
  ];
  return (
    <div className="grid gap-4">
      <Card>
        <CardHeader title="Side by side" description={cmp.channel ? `On ${channelLabel(cmp.channel)} only.` : "All channels, all time."} />
        <CardBody className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-sm">
            <caption className="sr-only">Comparison of {cmp.items.length} assets</caption>
            <thead>
              <tr>
                <td />
                {cmp.items.map((i) => (
                  <th key={i.asset.id} scope="col" className="p-2 text-left align-top font-medium">
                    <AssetThumbnail asset={i.asset} className="mb-2 aspect-square w-full max-w-40 rounded" fit="contain" />
                    <Link href={`/media?asset=${i.asset.id}`} className="line-clamp-2 hover:underline">
                      {i.asset.name}
                    </Link>
                    <span className="block text-xs font-normal text-muted-foreground">{i.asset.width && i.asset.height ? `${i.asset.width}×${i.asset.height}` : i.asset.kind}</span>
                    {i.performance.highPerformer ? (
                      <Badge tone="success" className="mt-1">
                        <Trophy aria-hidden className="mr-1 size-3" />
                        High performer
                      </Badge>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-t border-border">
                  <th scope="row" className="p-2 text-left font-medium text-muted-foreground">
                    {r.label}
                  </th>
                  {cmp.items.map((i) => {
                    const v = i.performance.totals[r.key];
                    const best = r.leader === i.asset.id;
                    return (
                      <td key={i.asset.id} className="p-2 tabular-nums">
                        {r.key === "impressions" || r.key === "clicks" ? formatCount(v as number) : formatRate(v as number | null)}
                        {best ? (
                          <Badge tone="info" className="ml-2">
                            Best
                          </Badge>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
              {channels.map((c) => (
                <tr key={c} className="border-t border-border">
                  <th scope="row" className="p-2 text-left font-medium text-muted-foreground">
                    CTR on {channelLabel(c)}
                  </th>
                  {cmp.items.map((i) => {
                    const ch = i.performance.channels.find((x) => x.channel === c);
                    return (
                      <td key={i.asset.id} className="p-2 tabular-nums">
                        {ch ? (
                          <>
                            {formatRate(ch.ctr)} <span className="text-xs text-muted-foreground">({formatCount(ch.impressions)})</span>
                            {ch.highPerformer ? (
                              <Badge tone="success" className="ml-2">
                                High
                              </Badge>
                            ) : null}
                          </>
                        ) : (
                          <span className="text-muted-foreground">—</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </CardBody>
      </Card>
      {channels.length ? (
        <Card>
          <CardHeader title="CTR per channel" />
          <CardBody>
            <CompareCtrChart
              channels={channels.map((c) => ({ key: c, label: channelLabel(c) }))}
              series={cmp.items.map((i) => ({ name: i.asset.name, ctrByChannel: Object.fromEntries(i.performance.channels.map((c) => [c.channel, c.ctr])) }))}
            />
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
