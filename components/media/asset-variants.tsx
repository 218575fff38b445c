"use client";
// The generated variants of an asset (platform crops at the focal point, thumbnail, WebP/AVIF, poster) with their sizes,
// and a button that makes the missing or outdated ones now. Never offer it for files sharp cannot crop (video, PDF).
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { generateVariantsAction, type VariantView } from "@/app/(app)/media/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { formatBytes, variantUrl } from "./media-format";
import { refreshMedia } from "./media-query-keys";

const PRESET_LABELS: Record<string, string> = {
  "1:1": "Square 1:1",
  "4:5": "Portrait 4:5",
  "9:16": "Story 9:16",
  "16:9": "Landscape 16:9",
  "1.91:1": "Link card 1.91:1",
  "2:3": "Pin 2:3",
  thumb: "Thumbnail",
  webp: "WebP",
  avif: "AVIF",
  poster: "Poster frame",
  clean: "Metadata-free copy",
};

export function AssetVariants({ assetId, kind, variants, canWrite }: { assetId: string; kind: string; variants: VariantView[]; canWrite: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const croppable = kind === "image" || kind === "svg";

  async function regenerate() {
    setPending(true);
    try {
      const res = await generateVariantsAction({ id: assetId });
      if (!res.ok) return toast.error(res.message);
      toast.success(res.data.made ? `Made ${res.data.made} variant${res.data.made === 1 ? "" : "s"}; ${res.data.kept} were up to date.` : "All variants are up to date.");
      void refreshMedia(queryClient, assetId);
    } catch {
      toast.error("The server could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="grid gap-2">
      {variants.length ? (
        <ul className="divide-y divide-border rounded-md border border-border text-sm" aria-label="Variants">
          {variants.map((v) => (
            <li key={v.preset} className="flex items-center gap-2 px-3 py-1.5">
              <a href={variantUrl(assetId, v.preset)} target="_blank" rel="noreferrer" className="min-w-0 flex-1 truncate font-medium underline-offset-2 hover:underline">
                {PRESET_LABELS[v.preset] ?? v.preset}
              </a>
              <span className="text-xs text-muted-foreground tabular-nums">
                {v.width && v.height ? `${v.width}×${v.height}` : "—"} · {v.format.toUpperCase()} · {formatBytes(v.bytes)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">No variants yet.</p>
      )}
      {croppable && canWrite ? (
        <Button variant="outline" size="sm" className="justify-self-start" pending={pending} onClick={() => void regenerate()}>
          <RefreshCw aria-hidden className="size-4" />
          {variants.some((v) => v.preset === "1:1") ? "Regenerate variants" : "Generate variants"}
        </Button>
      ) : null}
    </div>
  );
}
