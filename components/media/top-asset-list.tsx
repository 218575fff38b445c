// A ranked list of assets with thumbnail, name, CTR, impressions and the high-performer badge (or a usage count), linking
// to the asset in the library. Server-rendered; never fetches anything itself.
import Link from "next/link";
import { Trophy } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { AssetJson } from "@/lib/media/schemas";
import { AssetThumbnail } from "./asset-thumbnail";
import { channelLabel, formatCount, formatRate } from "./asset-insights";

export interface TopAssetRow {
  asset: AssetJson;
  ctr?: number;
  impressions?: number;
  usageCount?: number;
  highPerformer?: boolean;
  highPerformerChannels?: string[];
}

export function TopAssetList({ rows, label }: { rows: TopAssetRow[]; label: string }) {
  return (
    <ol className="grid gap-2" aria-label={label}>
      {rows.map((r, i) => (
        <li key={r.asset.id} className="flex items-center gap-3 rounded-md border border-border p-2">
          <span className="w-6 text-right text-sm font-semibold text-muted-foreground tabular-nums">{i + 1}</span>
          <AssetThumbnail asset={r.asset} className="size-14 shrink-0 rounded" />
          <div className="min-w-0 flex-1">
            <Link href={`/media?asset=${r.asset.id}`} className="block truncate font-medium hover:underline focus-visible:outline-2 focus-visible:outline-ring">
              {r.asset.name}
            </Link>
            <p className="text-xs text-muted-foreground">
              {r.asset.width && r.asset.height ? `${r.asset.width}×${r.asset.height} · ` : ""}
              {r.impressions !== undefined ? `${formatCount(r.impressions)} impressions` : null}
              {r.usageCount !== undefined ? `used in ${formatCount(r.usageCount)} place${r.usageCount === 1 ? "" : "s"}` : null}
            </p>
          </div>
          {r.highPerformer ? (
            <Badge tone="success" className="hidden sm:inline-flex">
              <Trophy aria-hidden className="mr-1 size-3" />
              High performer{r.highPerformerChannels?.length ? ` · ${r.highPerformerChannels.map(channelLabel).join(", ")}` : ""}
            </Badge>
          ) : null}
          {r.ctr !== undefined ? (
            <div className="text-right">
              <p className="font-semibold tabular-nums">{formatRate(r.ctr)}</p>
              <p className="text-xs text-muted-foreground">CTR</p>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
