"use client";
// The media grid: keyset pages (the server's first page, then more through a server action as you scroll), virtualised
// rows of thumbnail tiles, selection (click, Shift-click ranges, Ctrl/Cmd-A) and bulk actions with undo for deletes.
// Never page with offsets, and never keep one filter view's pages under another's key.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { bulkDeleteAssetsAction, bulkRestoreAssetsAction, bulkTagAssetsAction, bulkTransitionAction, listAssetsAction, type BulkOutcome } from "@/app/(app)/media/actions";
import { UndoToast } from "@/components/crm/undo-toast";
import { useToast } from "@/components/ui/toast";
import type { AssetJson } from "@/lib/media/schemas";
import { AssetTile, TILE_CAPTION_HEIGHT } from "./asset-tile";
import { MediaBulkBar, type RunBulk } from "./media-bulk-bar";
import { mediaQueryKeys, refreshMedia } from "./media-query-keys";
import { MEDIA_PAGE_SIZE } from "./media-search-params";
import { useOpenAsset } from "./use-open-asset";

interface Page {
  items: AssetJson[];
  nextCursor: string | null;
}

const MIN_TILE = 176;
const GAP = 12;
/** Fetch the next page when this many rows are left below the viewport. */
const PREFETCH_ROWS = 3;

const VERB: Record<string, string> = { submit: "Submitted", approve: "Approved", reject: "Rejected", archive: "Archived", delete: "Deleted", tag: "Tagged" };

function plural(n: number) {
  return `${n} asset${n === 1 ? "" : "s"}`;
}

function summary(verb: string, out: BulkOutcome): { ok: string; skipped: string | null } {
  const skipped = out.skipped.length
    ? `${plural(out.skipped.length)} skipped: ${[...new Set(out.skipped.map((s) => s.reason))].slice(0, 2).join(" ")}`
    : null;
  return { ok: `${verb} ${plural(out.done.length)}.`, skipped };
}

export function MediaGrid({
  initialPage,
  listInput,
  canWrite,
  canApprove,
  canDelete,
}: {
  initialPage: Page;
  /** listAssets input for the URL's filters (without cursor and limit). */
  listInput: Record<string, unknown>;
  canWrite: boolean;
  canApprove: boolean;
  canDelete: boolean;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [, setOpenAsset] = useOpenAsset();
  const inputJson = JSON.stringify(listInput);

  const query = useInfiniteQuery({
    queryKey: mediaQueryKeys.grid(inputJson),
    queryFn: async ({ pageParam }): Promise<Page> => {
      const res = await listAssetsAction({ ...listInput, cursor: pageParam || undefined, limit: MEDIA_PAGE_SIZE });
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [""] },
  });
  const assets = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const selectable = canWrite || canApprove || canDelete;

  // Columns follow the frame's width; each row is one virtual item.
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1024);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(entry!.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const columns = Math.max(1, Math.floor((width - 2 * GAP + GAP) / (MIN_TILE + GAP)));
  const tileWidth = Math.floor((width - 2 * GAP - (columns - 1) * GAP) / columns);
  const rowHeight = tileWidth + TILE_CAPTION_HEIGHT + GAP;
  const rowCount = Math.ceil(assets.length / columns);

  // TanStack Virtual returns fresh functions each render by design; the React Compiler lint flags that, and it is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 3,
    initialRect: { width: 1024, height: 720 },
  });
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);
  const rows = virtualizer.getVirtualItems();
  const lastRow = rows[rows.length - 1]?.index ?? -1;

  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  useEffect(() => {
    if (lastRow >= 0 && lastRow >= rowCount - PREFETCH_ROWS && hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [lastRow, rowCount, hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  // Selection: ids, plus the tile last toggled without Shift (the anchor of a range).
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<number | null>(null);
  const clear = useCallback(() => {
    setSelected(new Set());
    anchor.current = null;
  }, []);
  const onToggle = useCallback(
    (index: number, shiftKey: boolean) => {
      const asset = assets[index];
      if (!asset) return;
      setSelected((prev) => {
        const next = new Set(prev);
        const on = !prev.has(asset.id);
        const from = shiftKey && anchor.current !== null ? Math.min(anchor.current, index) : index;
        const to = shiftKey && anchor.current !== null ? Math.max(anchor.current, index) : index;
        for (let i = from; i <= to; i++) {
          const id = assets[i]?.id;
          if (!id) continue;
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      });
      anchor.current = index;
    },
    [assets],
  );
  const onOpen = useCallback((id: string) => void setOpenAsset(id), [setOpenAsset]);

  const [busy, setBusy] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ ids: string[]; message: string } | null>(null);
  const [undoing, setUndoing] = useState(false);

  const run: RunBulk = useCallback(
    async (action, extra) => {
      const ids = [...selected];
      setBusy(action);
      try {
        const res =
          action === "delete"
            ? await bulkDeleteAssetsAction({ ids })
            : action === "tag"
              ? await bulkTagAssetsAction({ ids, add: extra?.tags ?? [] })
              : await bulkTransitionAction({ ids, action, note: extra?.note || undefined });
        if (!res.ok) return res.message;
        const { ok, skipped } = summary(VERB[action]!, res.data);
        if (action === "delete" && res.data.done.length) setUndo({ ids: res.data.done, message: ok });
        else if (res.data.done.length) toast.success(ok);
        if (skipped) toast.error(skipped);
        if (res.data.done.length) clear();
        void refreshMedia(queryClient);
        return null;
      } catch {
        return "The server could not be reached. Check your connection and try again.";
      } finally {
        setBusy(null);
      }
    },
    [selected, toast, clear, queryClient],
  );

  async function undoDelete() {
    if (!undo) return;
    setUndoing(true);
    try {
      const res = await bulkRestoreAssetsAction({ ids: undo.ids });
      if (!res.ok) return toast.error(res.message);
      setUndo(null);
      toast.success(`Restored ${plural(res.data.done.length)}.`);
      void refreshMedia(queryClient);
    } catch {
      toast.error("The server could not be reached. Try Undo again.");
    } finally {
      setUndoing(false);
    }
  }
  const dismissUndo = useCallback(() => setUndo(null), []);

  return (
    <div className="grid grid-cols-1 gap-3">
      <div className="flex min-h-10 flex-wrap items-center justify-between gap-2">
        {selected.size ? (
          <MediaBulkBar count={selected.size} canWrite={canWrite} canApprove={canApprove} canDelete={canDelete} busy={busy} run={run} onClear={clear} />
        ) : (
          <p className="text-sm text-muted-foreground">
            {selectable ? "Select with the checkboxes, Shift-click for a range, Ctrl/Cmd-A for everything loaded." : "Your role can view the library."}
          </p>
        )}
        <p className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
          {assets.length}
          {hasNextPage ? "+" : ""} asset{assets.length === 1 ? "" : "s"}
        </p>
      </div>
      <div
        ref={scrollRef}
        role="region"
        aria-label="Assets"
        tabIndex={0}
        onKeyDown={(e) => {
          if (!selectable) return;
          if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "a" && !(e.target instanceof HTMLInputElement && e.target.type !== "checkbox")) {
            e.preventDefault();
            setSelected(new Set(assets.map((a) => a.id)));
          } else if (e.key === "Escape" && selected.size) {
            clear();
          }
        }}
        className="relative h-[min(72dvh,52rem)] min-w-0 overflow-auto rounded-lg border border-border bg-background focus-visible:outline-2 focus-visible:outline-ring"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {rows.map((row) => (
            <div
              key={row.key}
              className="absolute inset-x-0 grid"
              style={{ top: row.start, height: rowHeight, padding: `${GAP}px ${GAP}px 0`, gap: GAP, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
            >
              {assets.slice(row.index * columns, row.index * columns + columns).map((asset, i) => {
                const index = row.index * columns + i;
                return <AssetTile key={asset.id} asset={asset} index={index} selected={selected.has(asset.id)} selectable={selectable} onToggle={onToggle} onOpen={onOpen} />;
              })}
            </div>
          ))}
        </div>
        {isFetchingNextPage ? <p className="py-3 text-center text-sm text-muted-foreground">Loading more…</p> : null}
        {isError ? (
          <p role="alert" className="py-3 text-center text-sm text-danger">
            More assets could not be loaded. <button type="button" className="underline" onClick={() => void fetchNextPage()}>Try again</button>
          </p>
        ) : null}
      </div>
      {undo ? <UndoToast message={undo.message} pending={undoing} onUndo={() => void undoDelete()} onDismiss={dismissUndo} /> : null}
    </div>
  );
}
