"use client";
// One asset in the grid: thumbnail, name, status and size, a keyboard-reachable selection checkbox, and a button that
// opens the detail drawer. Never make the tile itself a clickable <div>: the open control is a real button.
import { memo, type ChangeEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { AssetJson } from "@/lib/media/schemas";
import { AssetThumbnail } from "./asset-thumbnail";
import { formatAspect, formatBytes, KIND_LABELS, STATUS_LABELS, STATUS_TONES } from "./media-format";

export const TILE_CAPTION_HEIGHT = 64;

export const AssetTile = memo(function AssetTile({
  asset,
  index,
  selected,
  selectable,
  onToggle,
  onOpen,
}: {
  asset: AssetJson;
  index: number;
  selected: boolean;
  selectable: boolean;
  onToggle: (index: number, shiftKey: boolean) => void;
  onOpen: (id: string) => void;
}) {
  return (
    <article
      className={cn(
        "group relative flex h-full flex-col overflow-hidden rounded-lg border bg-card transition-shadow",
        selected ? "border-primary ring-2 ring-primary/40" : "border-border hover:shadow-md",
      )}
      data-testid="asset-tile"
      aria-label={asset.name}
    >
      <button
        type="button"
        className="relative block min-h-0 flex-1 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring"
        onClick={(e) => {
          // Ctrl/Cmd-click and Shift-click select, as in a file manager; a plain click opens the asset.
          if (selectable && (e.metaKey || e.ctrlKey || e.shiftKey)) onToggle(index, e.shiftKey);
          else onOpen(asset.id);
        }}
        aria-label={`Open ${asset.name}`}
      >
        <span className="absolute inset-0">
          <AssetThumbnail asset={asset} className="size-full" />
        </span>
      </button>
      {selectable ? (
        <label
          className={cn(
            "absolute top-2 left-2 flex size-7 cursor-pointer items-center justify-center rounded-md bg-card/90 shadow-sm transition-opacity",
            selected ? "opacity-100" : "opacity-0 group-hover:opacity-100 focus-within:opacity-100",
          )}
        >
          <input
            type="checkbox"
            className="size-4 cursor-pointer accent-primary"
            checked={selected}
            aria-label={`Select ${asset.name}`}
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              // A checkbox's change comes from a click (or Space), which carries the Shift key for range selection.
              const native = e.nativeEvent as Partial<MouseEvent>;
              onToggle(index, Boolean(native.shiftKey));
            }}
          />
        </label>
      ) : null}
      <div className="grid gap-0.5 border-t border-border px-2.5 py-2" style={{ height: TILE_CAPTION_HEIGHT }}>
        <p className="truncate text-sm font-medium" title={asset.name}>
          {asset.name}
        </p>
        <div className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <Badge tone={STATUS_TONES[asset.status]}>{STATUS_LABELS[asset.status]}</Badge>
          <span className="truncate">
            {KIND_LABELS[asset.kind]} · {asset.width && asset.height ? formatAspect(asset.aspectRatio) : formatBytes(asset.bytes)}
            {asset.usageCount ? ` · used ${asset.usageCount}×` : ""}
          </span>
        </div>
      </div>
    </article>
  );
});
