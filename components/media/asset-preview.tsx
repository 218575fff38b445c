"use client";
// The drawer's preview through the metadata-free delivery routes (image, sanitised SVG, video with its poster, PDF), and
// the focal-point picker: click (or use the arrow keys) on the picture to place the point the platform crops keep.
import { useState, type KeyboardEvent, type MouseEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Crosshair } from "lucide-react";
import { updateAssetAction, type VariantView } from "@/app/(app)/media/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { AssetJson } from "@/lib/media/schemas";
import { originalUrl, variantUrl } from "./media-format";
import { refreshMedia } from "./media-query-keys";

const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 1000) / 1000));

export function AssetPreview({ asset, variants, canWrite }: { asset: AssetJson; variants: VariantView[]; canWrite: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<{ x: number; y: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const has = (p: string) => variants.some((v) => v.preset === p);

  if (asset.kind === "video") {
    return (
      <video controls preload="metadata" poster={has("poster") ? variantUrl(asset.id, "poster") : undefined} className="max-h-[50dvh] w-full rounded-md bg-black">
        <source src={originalUrl(asset.id)} type={asset.mime} />
        Your browser cannot play this video. <a href={originalUrl(asset.id, true)}>Download it</a>.
      </video>
    );
  }
  if (asset.kind === "pdf") {
    return <iframe src={originalUrl(asset.id)} title={`PDF preview of ${asset.name}`} className="h-[60dvh] w-full rounded-md border border-border bg-white" />;
  }

  const focal = draft ?? asset.focalPoint;
  const editable = canWrite && asset.status !== "DELETED";
  // A WebP conversion is lighter than re-encoding the original on every view; the original serves until it exists.
  const src = asset.kind === "image" && has("webp") ? variantUrl(asset.id, "webp") : originalUrl(asset.id);

  function place(e: MouseEvent<HTMLDivElement>) {
    if (!editable) return;
    const r = e.currentTarget.getBoundingClientRect();
    setDraft({ x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) });
  }
  function nudge(e: KeyboardEvent<HTMLDivElement>) {
    if (!editable) return;
    const step = e.shiftKey ? 0.01 : 0.05;
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!d) return;
    e.preventDefault();
    setDraft({ x: clamp(focal.x + d[0]!), y: clamp(focal.y + d[1]!) });
  }
  async function save() {
    if (!draft) return;
    setSaving(true);
    try {
      const res = await updateAssetAction({ id: asset.id, focalPoint: draft });
      if (!res.ok) return toast.error(res.message);
      toast.success(res.data.focalPointChanged ? "Focal point saved; the platform crops are being regenerated." : "Focal point unchanged.");
      setDraft(null);
      void refreshMedia(queryClient, asset.id);
    } catch {
      toast.error("The server could not be reached. Try again.");
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="grid gap-2">
      <div className="flex justify-center rounded-md bg-[repeating-conic-gradient(var(--muted)_0_25%,transparent_0_50%)] bg-[length:16px_16px] p-2">
        <div
          className="relative inline-block cursor-crosshair focus-visible:outline-2 focus-visible:outline-ring"
          onClick={place}
          onKeyDown={nudge}
          tabIndex={editable ? 0 : undefined}
          role={editable ? "application" : undefined}
          aria-label={editable ? `Focal point at ${Math.round(focal.x * 100)}% across, ${Math.round(focal.y * 100)}% down. Click the picture or use the arrow keys to move it.` : undefined}
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- an authenticated API stream; the image optimiser cannot fetch it */}
          <img src={src} alt={asset.altText ?? asset.name} className="block max-h-[50dvh] w-auto max-w-full select-none" draggable={false} />
          {editable || asset.kind === "image" ? (
            <span
              aria-hidden
              className="pointer-events-none absolute size-6 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white shadow-[0_0_0_2px_rgba(0,0,0,0.5)]"
              style={{ left: `${focal.x * 100}%`, top: `${focal.y * 100}%` }}
            />
          ) : null}
        </div>
      </div>
      {editable ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <Crosshair aria-hidden className="size-4 text-muted-foreground" />
          <span className="text-muted-foreground">
            Focal point {Math.round(focal.x * 100)}% × {Math.round(focal.y * 100)}%{draft ? " (not saved)" : ""}
          </span>
          {draft ? (
            <>
              <Button size="sm" pending={saving} onClick={() => void save()}>
                Save focal point
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
                Reset
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
