"use client";
// An asset's thumbnail: the blurhash first, the generated `thumb` variant faded in once it has loaded, and an icon for
// files that have no picture (a PDF, or a variant not made yet: the delivery route answers 404 then).
// Never pass a position class: the root is `relative` (cn does not merge classes); wrap it to place it absolutely.
import { useEffect, useRef, useState } from "react";
import { FileText, Film, ImageIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { AssetJson } from "@/lib/media/schemas";
import { BlurhashCanvas } from "./blurhash-canvas";
import { thumbUrl } from "./media-format";

export function AssetThumbnail({ asset, className, fit = "cover" }: { asset: Pick<AssetJson, "id" | "kind" | "blurhash" | "name" | "altText">; className?: string; fit?: "cover" | "contain" }) {
  const [state, setState] = useState<"loading" | "loaded" | "missing">("loading");
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    // A server-rendered <img> may finish before hydration attaches onLoad; read its state once mounted.
    const el = img.current;
    if (el?.complete) setState(el.naturalWidth > 0 ? "loaded" : "missing");
  }, []);
  const Icon = asset.kind === "video" ? Film : asset.kind === "pdf" ? FileText : ImageIcon;
  return (
    <div className={cn("relative overflow-hidden bg-muted", className)}>
      <BlurhashCanvas hash={asset.blurhash} className={cn("absolute inset-0 size-full transition-opacity", state === "loaded" && "opacity-0")} />
      {state === "missing" ? (
        <div className="absolute inset-0 flex items-center justify-center text-muted-foreground">
          <Icon aria-hidden className="size-8" />
        </div>
      ) : null}
      {state !== "missing" ? (
        // eslint-disable-next-line @next/next/no-img-element -- an authenticated API stream; the image optimiser cannot fetch it
        <img
          ref={img}
          src={thumbUrl(asset.id)}
          alt={asset.altText ?? asset.name}
          loading="lazy"
          decoding="async"
          draggable={false}
          onLoad={() => setState("loaded")}
          onError={() => setState("missing")}
          className={cn("absolute inset-0 size-full transition-opacity duration-300", fit === "cover" ? "object-cover" : "object-contain", state === "loaded" ? "opacity-100" : "opacity-0")}
        />
      ) : null}
      {asset.kind === "video" && state === "loaded" ? (
        <span className="absolute right-1.5 bottom-1.5 rounded bg-black/60 p-1 text-white">
          <Film aria-hidden className="size-3.5" />
        </span>
      ) : null}
    </div>
  );
}
