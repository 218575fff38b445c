// The ranked "Top performers" list for the URL's channel, aspect, kind and library, with a link to compare the leaders.
// Server widget: loads through the engine (media.read), never queries the database itself.
import "server-only";
import Link from "next/link";
import { Trophy } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { HIGH_PERFORMER_FACTOR, MIN_IMPRESSIONS, topPerformers, topPerformerToJson, type Aspect } from "@/lib/media";
import type { MediaKind } from "@/lib/media/constants";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { channelLabel, formatCount } from "./asset-insights";
import { TopAssetList } from "./top-asset-list";

export interface TopQuery {
  channel?: string;
  aspect?: Aspect;
  kind?: MediaKind;
  libraryId?: string;
}

export async function TopListWidget({ ctx, query }: { ctx: Ctx; query: TopQuery }) {
  const items = (await topPerformers(ctx, { ...query, limit: 50 })).map(topPerformerToJson);
  const scope = [query.channel ? `on ${channelLabel(query.channel)}` : "on all channels", query.aspect ? `${query.aspect} only` : null, query.kind ? `${query.kind}s` : null]
    .filter(Boolean)
    .join(", ");
  const leaders = items.slice(0, 3).map((i) => i.asset.id);
  return (
    <Card>
      <CardHeader
        title="Top performers"
        description={`Ranked by CTR ${scope}; at least ${formatCount(MIN_IMPRESSIONS)} impressions. High performer: over ${HIGH_PERFORMER_FACTOR}× the channel median.`}
        actions={
          leaders.length >= 2 ? (
            <Link href={`/media/compare?ids=${leaders.join(",")}${query.channel ? `&channel=${query.channel}` : ""}`} className={buttonClasses({ variant: "outline", size: "sm" })}>
              Compare the top {leaders.length}
            </Link>
          ) : undefined
        }
      />
      <CardBody>
        {items.length ? (
          <TopAssetList label="Top performing assets" rows={items} />
        ) : (
          <EmptyState
            icon={<Trophy aria-hidden />}
            title="No performance yet"
            description={`No asset${query.aspect || query.kind || query.channel ? " matching these filters" : ""} has ${formatCount(MIN_IMPRESSIONS)} impressions yet. Figures arrive from publishing and ads, the metrics API or a CSV import.`}
          />
        )}
      </CardBody>
    </Card>
  );
}
