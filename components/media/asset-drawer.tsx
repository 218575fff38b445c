"use client";
// The asset detail drawer: a side sheet opened by ?asset=<id> (linkable; Esc or Back closes it) with the preview and focal
// point, lifecycle moves, details, metadata, variants, near duplicates, usage, performance, suggestions and history.
// Never show another asset's data while the next one loads: each asset's detail has its own query key.
import { useQuery } from "@tanstack/react-query";
import { Dialog } from "radix-ui";
import { Download, X } from "lucide-react";
import type { ReactNode } from "react";
import { getAssetDetailAction } from "@/app/(app)/media/actions";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { AssetPerformance } from "./asset-performance";
import { AssetSuggestions } from "./asset-suggestions";
import { AssetDetailsForm } from "./asset-details-form";
import { AssetHistory } from "./asset-history";
import { AssetLifecycle } from "./asset-lifecycle";
import { AssetMetadata } from "./asset-metadata";
import { AssetPreview } from "./asset-preview";
import { AssetUsage } from "./asset-usage";
import { AssetVariants } from "./asset-variants";
import { originalUrl, STATUS_LABELS, STATUS_TONES } from "./media-format";
import { mediaQueryKeys } from "./media-query-keys";
import { NearDuplicates } from "./near-duplicates";
import { useOpenAsset } from "./use-open-asset";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid gap-2 border-t border-border pt-4" aria-label={title}>
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

function DrawerBody({ id, canWrite }: { id: string; canWrite: boolean }) {
  const query = useQuery({
    queryKey: mediaQueryKeys.detail(id),
    queryFn: async () => {
      const res = await getAssetDetailAction({ id });
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
  });
  if (query.isPending) {
    return (
      <div role="status" aria-label="Loading the asset" className="grid gap-4">
        <Skeleton className="h-7 w-2/3" />
        <Skeleton className="aspect-video w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <>
        <Dialog.Title className="text-lg font-semibold">Asset not available</Dialog.Title>
        <p role="alert" className="text-sm text-danger">
          {query.error.message}
        </p>
      </>
    );
  }
  const { asset, approvals, usages, variants, actions } = query.data;
  return (
    <div className="grid gap-4">
      <div className="grid gap-1 pr-8">
        <Dialog.Title className="truncate text-lg font-semibold" title={asset.name}>
          {asset.name}
        </Dialog.Title>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={STATUS_TONES[asset.status]}>{STATUS_LABELS[asset.status]}</Badge>
          {asset.usageCount ? <span className="text-muted-foreground">Used in {asset.usageCount} place{asset.usageCount === 1 ? "" : "s"}</span> : null}
          {asset.status !== "DELETED" ? (
            <a href={originalUrl(asset.id, true)} className="ml-auto inline-flex items-center gap-1 text-sm text-primary underline-offset-2 hover:underline">
              <Download aria-hidden className="size-4" />
              Download
            </a>
          ) : null}
        </div>
      </div>
      <Dialog.Description className="sr-only">Preview, details, variants, usage, performance and history of this asset.</Dialog.Description>
      {asset.status !== "DELETED" ? <AssetPreview key={`${asset.id}:${asset.focalPoint.x}:${asset.focalPoint.y}`} asset={asset} variants={variants} canWrite={canWrite} /> : null}
      <Section title="Lifecycle">
        <AssetLifecycle assetId={asset.id} actions={actions} />
      </Section>
      <Section title="Details">
        <AssetDetailsForm key={asset.updatedAt} asset={asset} canWrite={canWrite} />
      </Section>
      <Section title="Metadata">
        <AssetMetadata asset={asset} />
      </Section>
      <Section title="Variants">
        <AssetVariants assetId={asset.id} kind={asset.kind} variants={variants} canWrite={canWrite} />
      </Section>
      {asset.perceptualHash ? (
        <Section title="Similar assets (near duplicates)">
          <NearDuplicates assetId={asset.id} />
        </Section>
      ) : null}
      <Section title="Where used">
        <AssetUsage assetId={asset.id} usages={usages} canWrite={canWrite && asset.status !== "DELETED"} />
      </Section>
      <Section title="Performance">
        <AssetPerformance assetId={asset.id} />
      </Section>
      <Section title="Suggestions">
        <AssetSuggestions assetId={asset.id} />
      </Section>
      <Section title="History">
        <AssetHistory approvals={approvals} />
      </Section>
    </div>
  );
}

export function AssetDrawer({ canWrite }: { canWrite: boolean; canApprove?: boolean; canDelete?: boolean }) {
  const [id, setId] = useOpenAsset();
  return (
    <Dialog.Root open={Boolean(id)} onOpenChange={(open) => (open ? null : void setId(null))}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <Dialog.Content
          aria-describedby={undefined}
          onEscapeKeyDown={(e) => {
            // Esc in an open campaign list closes the list, not the drawer.
            const el = document.activeElement;
            if (el instanceof HTMLElement && el.getAttribute("role") === "combobox" && el.getAttribute("aria-expanded") === "true") e.preventDefault();
          }}
          className="fixed inset-y-0 right-0 z-50 w-full max-w-2xl overflow-y-auto border-l border-border bg-card p-5 shadow-2xl focus:outline-none sm:p-6"
        >
          <Dialog.Close className="absolute top-4 right-4 rounded text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring" aria-label="Close">
            <X aria-hidden className="size-5" />
          </Dialog.Close>
          {id ? <DrawerBody key={id} id={id} canWrite={canWrite} /> : <Dialog.Title className="sr-only">Asset</Dialog.Title>}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
