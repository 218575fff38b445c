"use client";
// Uploads for the media page: a provider holding the queue, the file-picker button, a drop zone over the grid and a panel
// with each file's progress and outcome (new, already in the library, near duplicates, or the server's refusal).
// Never store a file twice: an exact duplicate is answered by the server with the existing asset, which is offered instead.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { CircleCheck, CircleExclamationPoint, Copy, Upload, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { AssetJson } from "@/lib/media/schemas";
import { formatBytes } from "./media-format";
import { refreshMedia } from "./media-query-keys";
import { NearDuplicates } from "./near-duplicates";
import { uploadFile, UploadError, type UploadOutcome } from "./upload-client";
import { useOpenAsset } from "./use-open-asset";

const CONCURRENCY = 2;

interface UploadItem {
  key: number;
  file: File;
  sent: number;
  state: "queued" | "sending" | "processing" | "done" | "failed";
  outcome?: UploadOutcome;
  error?: { code: string; message: string };
  abort?: AbortController;
}

interface UploaderApi {
  libraryId: string | null;
  add: (files: FileList | File[]) => void;
}

const UploaderContext = createContext<UploaderApi | null>(null);

export function useUploader(): UploaderApi | null {
  return useContext(UploaderContext);
}

export function MediaUploader({ libraryId, children }: { libraryId: string | null; children: ReactNode }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [items, setItems] = useState<UploadItem[]>([]);
  const nextKey = useRef(1);
  const running = useRef(0);
  const queue = useRef<UploadItem[]>([]);

  const patch = useCallback((key: number, p: Partial<UploadItem>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...p } : i))), []);

  // The finished upload starts the next one through this ref, which always holds the latest pump.
  const pumpRef = useRef<() => void>(() => {});
  const pump = useCallback(() => {
    while (running.current < CONCURRENCY && queue.current.length) {
      if (!libraryId) break;
      const item = queue.current.shift()!;
      running.current++;
      const abort = new AbortController();
      patch(item.key, { state: "sending", abort });
      uploadFile(
        item.file,
        libraryId,
        (sent) => patch(item.key, { sent, state: sent >= item.file.size ? "processing" : "sending" }),
        abort.signal,
      )
        .then((outcome) => {
          patch(item.key, { state: "done", sent: item.file.size, outcome, abort: undefined });
          if (outcome.kind === "created") {
            void refreshMedia(queryClient);
            // An empty library shows a server-rendered empty state; the refresh swaps in the grid.
            router.refresh();
          }
        })
        .catch((e: unknown) => {
          const err = e instanceof UploadError ? { code: e.code, message: e.message } : { code: "INTERNAL", message: "The upload failed." };
          patch(item.key, { state: "failed", error: err, abort: undefined });
        })
        .finally(() => {
          running.current--;
          pumpRef.current();
        });
    }
  }, [libraryId, patch, queryClient, router]);
  useEffect(() => {
    pumpRef.current = pump;
  }, [pump]);

  const add = useCallback(
    (files: FileList | File[]) => {
      const fresh = Array.from(files).map((file): UploadItem => ({ key: nextKey.current++, file, sent: 0, state: "queued" }));
      if (!fresh.length) return;
      setItems((all) => [...[...fresh].reverse(), ...all].slice(0, 100));
      queue.current.push(...fresh);
      pump();
    },
    [pump],
  );

  const api = useMemo(() => ({ libraryId, add }), [libraryId, add]);

  return (
    <UploaderContext.Provider value={api}>
      {children}
      <UploadPanel
        items={items}
        onCancel={(key) => {
          const waiting = queue.current.findIndex((i) => i.key === key);
          if (waiting >= 0) {
            queue.current.splice(waiting, 1);
            patch(key, { state: "failed", error: { code: "CANCELLED", message: "Upload cancelled." } });
          } else items.find((i) => i.key === key)?.abort?.abort();
        }}
        onDismiss={(key) => setItems((all) => all.filter((i) => i.key !== key))}
        onClear={() => setItems((all) => all.filter((i) => i.state === "queued" || i.state === "sending" || i.state === "processing"))}
      />
    </UploaderContext.Provider>
  );
}

export function UploadButton() {
  const uploader = useUploader();
  const input = useRef<HTMLInputElement>(null);
  if (!uploader) return null;
  return (
    <>
      <Button onClick={() => input.current?.click()} disabled={!uploader.libraryId} title={uploader.libraryId ? undefined : "Create a library first"}>
        <Upload aria-hidden className="size-4" />
        Upload
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="media-file-input"
        accept="image/jpeg,image/png,image/webp,image/avif,image/gif,image/svg+xml,video/mp4,video/quicktime,video/webm,application/pdf"
        onChange={(e) => {
          if (e.target.files) uploader.add(e.target.files);
          e.target.value = "";
        }}
      />
    </>
  );
}

/** Wraps the grid: dropping files anywhere on it uploads them into the current library. */
export function UploadDropZone({ children }: { children: ReactNode }) {
  const uploader = useUploader();
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  if (!uploader?.libraryId) return <>{children}</>;
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes("Files");
  return (
    <div
      className="relative"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (hasFiles(e)) e.preventDefault();
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (!depth.current) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        uploader.add(e.dataTransfer.files);
      }}
    >
      {children}
      {over ? (
        <div className="pointer-events-none absolute inset-0 z-20 flex items-center justify-center rounded-lg border-2 border-dashed border-primary bg-primary/10 text-sm font-medium text-primary">
          Drop files to upload them to this library
        </div>
      ) : null}
    </div>
  );
}

function ExistingAssetLink({ asset }: { asset: AssetJson }) {
  const [, setOpenAsset] = useOpenAsset();
  return (
    <button type="button" className="font-medium text-primary underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring" onClick={() => void setOpenAsset(asset.id)}>
      Open “{asset.name}”
    </button>
  );
}

function UploadRow({ item, onCancel, onDismiss }: { item: UploadItem; onCancel: () => void; onDismiss: () => void }) {
  const [showSimilar, setShowSimilar] = useState(false);
  const pct = item.file.size ? Math.min(100, Math.round((item.sent / item.file.size) * 100)) : 100;
  const outcome = item.outcome;
  return (
    <li className="grid gap-1.5 border-b border-border px-3 py-2.5 last:border-0" data-testid="upload-row">
      <div className="flex items-center gap-2">
        {item.state === "failed" ? (
          <CircleExclamationPoint aria-hidden className="size-4 shrink-0 text-danger" />
        ) : outcome?.kind === "duplicate" ? (
          <Copy aria-hidden className="size-4 shrink-0 text-amber-700 dark:text-amber-400" />
        ) : item.state === "done" ? (
          <CircleCheck aria-hidden className="size-4 shrink-0 text-success" />
        ) : null}
        <p className="min-w-0 flex-1 truncate text-sm font-medium" title={item.file.name}>
          {item.file.name}
        </p>
        <span className="text-xs text-muted-foreground tabular-nums">{formatBytes(item.file.size)}</span>
        {item.state === "sending" || item.state === "queued" ? (
          <button type="button" onClick={onCancel} className="rounded text-xs text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
            Cancel
          </button>
        ) : item.state !== "processing" ? (
          <button type="button" onClick={onDismiss} aria-label={`Dismiss ${item.file.name}`} className="rounded text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
            <X aria-hidden className="size-3.5" />
          </button>
        ) : null}
      </div>
      {item.state === "queued" || item.state === "sending" || item.state === "processing" ? (
        <div className="grid gap-1">
          <div
            role="progressbar"
            aria-label={`Uploading ${item.file.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="h-1.5 overflow-hidden rounded-full bg-muted"
          >
            <div className="h-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <p className="text-xs text-muted-foreground">{item.state === "queued" ? "Waiting…" : item.state === "processing" ? "Checking and processing…" : `${pct}%`}</p>
        </div>
      ) : null}
      {item.state === "failed" && item.error ? (
        <p role="alert" className="text-sm text-danger">
          {item.error.message}
        </p>
      ) : null}
      {outcome?.kind === "duplicate" ? (
        <p className="text-sm" role="status">
          Already in your library — no second copy was stored. <ExistingAssetLink asset={outcome.existing} />
        </p>
      ) : null}
      {outcome?.kind === "created" ? (
        <div className="grid gap-1 text-sm">
          <p>
            Uploaded as a draft. <ExistingAssetLink asset={outcome.asset} />
          </p>
          {outcome.notes.map((n) => (
            <p key={n} className="text-xs text-muted-foreground">
              {n}
            </p>
          ))}
          {outcome.nearDuplicates.length ? (
            <div className="grid gap-1.5">
              <button
                type="button"
                aria-expanded={showSimilar}
                onClick={() => setShowSimilar((s) => !s)}
                className="justify-self-start rounded text-sm font-medium text-amber-700 dark:text-amber-400 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
              >
                {outcome.nearDuplicates.length} similar asset{outcome.nearDuplicates.length === 1 ? "" : "s"} (up to {Math.round(outcome.nearDuplicates[0]!.similarity * 100)}% similar)
              </button>
              {showSimilar ? <NearDuplicates assetId={outcome.asset.id} compact /> : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function UploadPanel({ items, onCancel, onDismiss, onClear }: { items: UploadItem[]; onCancel: (key: number) => void; onDismiss: (key: number) => void; onClear: () => void }) {
  if (!items.length) return null;
  const active = items.filter((i) => i.state !== "done" && i.state !== "failed").length;
  return (
    <section
      aria-label="Uploads"
      className={cn("fixed right-4 bottom-4 z-40 flex max-h-[60dvh] w-[min(26rem,calc(100%-2rem))] flex-col overflow-hidden rounded-lg border border-border bg-card shadow-xl")}
    >
      <header className="flex items-center justify-between gap-2 border-b border-border px-3 py-2">
        <h2 className="text-sm font-semibold" aria-live="polite">
          {active ? `Uploading ${active} file${active === 1 ? "" : "s"}…` : `Uploads (${items.length})`}
        </h2>
        <Button variant="ghost" size="sm" onClick={onClear} disabled={active === items.length}>
          Clear finished
        </Button>
      </header>
      <ul className="overflow-y-auto">
        {items.map((item) => (
          <UploadRow key={item.key} item={item} onCancel={() => onCancel(item.key)} onDismiss={() => onDismiss(item.key)} />
        ))}
      </ul>
    </section>
  );
}
