"use client";
// Near duplicates of one asset (perceptual hash), listed apart from exact duplicates, with a similarity threshold the user
// tunes. Never call them duplicates outright: crops and re-encodes look alike but may be meant as separate assets.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { nearDuplicatesAction } from "@/app/(app)/media/actions";
import { AssetThumbnail } from "./asset-thumbnail";
import { mediaQueryKeys } from "./media-query-keys";
import { useOpenAsset } from "./use-open-asset";

const HASH_BITS = 64;
const DEFAULT_DISTANCE = 10;

export function NearDuplicates({ assetId, compact }: { assetId: string; compact?: boolean }) {
  const [maxDistance, setMaxDistance] = useState(DEFAULT_DISTANCE);
  const [, setOpenAsset] = useOpenAsset();
  const query = useQuery({
    queryKey: mediaQueryKeys.nearDuplicates(assetId, maxDistance),
    queryFn: async () => {
      const res = await nearDuplicatesAction({ id: assetId, maxDistance, limit: compact ? 8 : 24 });
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
    placeholderData: keepPreviousData,
  });
  const minSimilarity = Math.round((1 - maxDistance / HASH_BITS) * 100);
  const sliderId = `near-dup-threshold-${assetId}`;
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={sliderId} className="text-xs text-muted-foreground">
          Similar at least <span className="font-medium text-foreground tabular-nums">{minSimilarity}%</span>
        </label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={24}
          step={1}
          // Higher similarity to the right: the slider runs over the distance reversed.
          value={24 - maxDistance}
          onChange={(e) => setMaxDistance(24 - Number(e.target.value))}
          aria-valuetext={`${minSimilarity}% similar or more`}
          className="w-40 accent-primary"
        />
      </div>
      {query.isError ? (
        <p className="text-sm text-danger">{query.error.message}</p>
      ) : !query.data ? (
        <p className="text-sm text-muted-foreground">Looking for similar assets…</p>
      ) : query.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">No similar assets at this threshold.</p>
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(5.5rem,1fr))] gap-2" aria-label="Similar assets">
          {query.data.map((d) => (
            <li key={d.asset.id}>
              <button
                type="button"
                onClick={() => void setOpenAsset(d.asset.id)}
                className="group grid w-full gap-1 rounded-md text-left focus-visible:outline-2 focus-visible:outline-ring"
                title={d.asset.name}
              >
                <AssetThumbnail asset={d.asset} className="aspect-square rounded-md" />
                <span className="truncate text-xs group-hover:underline">{d.asset.name}</span>
                <span className="text-xs text-muted-foreground tabular-nums">{Math.round(d.similarity * 100)}% similar</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
