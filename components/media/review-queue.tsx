"use client";
// The approver's review queue: IN_REVIEW assets oldest first, a big preview, and keyboard shortcuts so a queue of fifty is
// cleared without the mouse (J/K move, A approves, N approves with a note, R rejects with a required note, Enter confirms).
// Never skip the note on a rejection, and never move past an asset silently: each decision is shown in the list.
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Check, ChevronDown, ChevronUp, X } from "lucide-react";
import { transitionAssetAction } from "@/app/(app)/media/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormError } from "@/components/ui/form-error";
import { Textarea } from "@/components/ui/input";
import type { AssetJson } from "@/lib/media/schemas";
import { AssetThumbnail } from "./asset-thumbnail";
import { formatAspect, formatBytes, formatDateTime, KIND_LABELS, originalUrl } from "./media-format";
import { refreshMedia } from "./media-query-keys";
import { nextUndecided } from "./review-order";

type Decision = { action: "approve" | "reject"; note: string };
type Mode = "idle" | "note" | "reject";

function Kbd({ children, inButton }: { children: string; inButton?: boolean }) {
  return (
    <kbd className={cn("rounded border px-1.5 py-0.5 font-mono text-xs", inButton ? "border-current/40 bg-transparent text-current" : "border-border bg-muted")}>
      {children}
    </kbd>
  );
}

function BigPreview({ asset }: { asset: AssetJson }) {
  if (asset.kind === "video") {
    return (
      <video key={asset.id} controls preload="metadata" className="max-h-[55dvh] w-full rounded-md bg-black">
        <source src={originalUrl(asset.id)} type={asset.mime} />
      </video>
    );
  }
  if (asset.kind === "pdf") return <iframe key={asset.id} src={originalUrl(asset.id)} title={`PDF ${asset.name}`} className="h-[55dvh] w-full rounded-md border border-border bg-white" />;
  return (
    <div className="relative flex h-[55dvh] items-center justify-center overflow-hidden rounded-md bg-muted">
      <div aria-hidden className="absolute inset-0 opacity-60 blur-sm">
        <AssetThumbnail key={`t-${asset.id}`} asset={asset} className="size-full" />
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- an authenticated API stream; the image optimiser cannot fetch it */}
      <img key={asset.id} src={originalUrl(asset.id)} alt={asset.altText ?? asset.name} className="relative max-h-full max-w-full object-contain" />
    </div>
  );
}

export function ReviewQueue({ initial, canApprove, more }: { initial: AssetJson[]; canApprove: boolean; more: boolean }) {
  const queryClient = useQueryClient();
  const [items] = useState(initial);
  const [index, setIndex] = useState(0);
  const [decisions, setDecisions] = useState<ReadonlyMap<string, Decision>>(() => new Map());
  const [mode, setMode] = useState<Mode>("idle");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const current = items[index] ?? null;
  const done = decisions.size;

  const move = useCallback((delta: number) => {
    setIndex((i) => Math.min(Math.max(i + delta, 0), Math.max(items.length - 1, 0)));
    setMode("idle");
    setNote("");
    setError(null);
  }, [items.length]);

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.scrollIntoView({ block: "nearest" });
  }, [index]);

  const decide = useCallback(
    async (action: "approve" | "reject", text: string) => {
      if (!current || pending) return;
      if (action === "reject" && !text.trim()) {
        setMode("reject");
        setError("A note is required to reject: tell the author what to change.");
        return;
      }
      setPending(true);
      setError(null);
      try {
        const res = await transitionAssetAction({ id: current.id, action, note: text.trim() || undefined });
        if (!res.ok) {
          setError(res.message);
          return;
        }
        const next = new Map(decisions);
        next.set(current.id, { action, note: text.trim() });
        setDecisions(next);
        setMode("idle");
        setNote("");
        void refreshMedia(queryClient, current.id);
        const target = nextUndecided(items.map((a) => a.id), next, index);
        if (target !== null) setIndex(target);
      } catch {
        setError("The server could not be reached. Try again.");
      } finally {
        setPending(false);
      }
    },
    [current, pending, decisions, items, index, queryClient],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
      if (t?.closest("[role=dialog]")) return;
      const k = e.key;
      if (k === "j" || k === "J" || k === "ArrowDown" || k === "ArrowRight") {
        e.preventDefault();
        move(1);
      } else if (k === "k" || k === "K" || k === "ArrowUp" || k === "ArrowLeft") {
        e.preventDefault();
        move(-1);
      } else if (!canApprove || !current || decisions.has(current.id)) {
        return;
      } else if (k === "a" || k === "A") {
        e.preventDefault();
        void decide("approve", "");
      } else if (k === "n" || k === "N") {
        e.preventDefault();
        setMode("note");
      } else if (k === "r" || k === "R") {
        e.preventDefault();
        setMode("reject");
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [move, decide, canApprove, current, decisions]);

  const legend = useMemo(
    () => [
      ["J / ↓ / →", "Next asset"],
      ["K / ↑ / ←", "Previous asset"],
      ...(canApprove
        ? [
            ["A", "Approve"],
            ["N", "Approve with a note"],
            ["R", "Reject (note required)"],
            ["Enter", "Confirm the note"],
            ["Esc", "Cancel the note"],
          ]
        : []),
    ],
    [canApprove],
  );

  if (!items.length) {
    return (
      <div className="rounded-lg border border-dashed border-border px-6 py-12 text-center">
        <p className="font-medium">Nothing is waiting for review</p>
        <p className="mt-1 text-sm text-muted-foreground">Assets submitted for review appear here, oldest first.</p>
      </div>
    );
  }

  const decision = current ? decisions.get(current.id) : undefined;
  return (
    <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
      <div className="grid content-start gap-3">
        <div className="grid gap-1.5">
          <p className="text-sm font-medium" aria-live="polite" data-testid="review-progress">
            {done} of {items.length} reviewed
            {more ? " (more waiting)" : ""}
          </p>
          <div className="h-2 overflow-hidden rounded-full bg-muted" role="progressbar" aria-label="Review progress" aria-valuemin={0} aria-valuemax={items.length} aria-valuenow={done}>
            <div className="h-full bg-primary transition-[width]" style={{ width: `${(done / items.length) * 100}%` }} />
          </div>
        </div>
        <ol ref={listRef} aria-label="Review queue" className="grid max-h-[60dvh] gap-1 overflow-y-auto rounded-lg border border-border p-1">
          {items.map((a, i) => {
            const d = decisions.get(a.id);
            return (
              <li key={a.id} data-index={i}>
                <button
                  type="button"
                  onClick={() => {
                    setIndex(i);
                    setMode("idle");
                    setNote("");
                    setError(null);
                  }}
                  aria-current={i === index ? "true" : undefined}
                  className={cn("flex w-full items-center gap-2 rounded-md p-1.5 text-left text-sm focus-visible:outline-2 focus-visible:outline-ring", i === index ? "bg-primary/10 ring-1 ring-primary/40" : "hover:bg-muted")}
                >
                  <AssetThumbnail asset={a} className="size-10 shrink-0 rounded" />
                  <span className="min-w-0 flex-1 truncate">{a.name}</span>
                  {d ? (
                    d.action === "approve" ? (
                      <Check aria-label="Approved" className="size-4 shrink-0 text-success" />
                    ) : (
                      <X aria-label="Rejected" className="size-4 shrink-0 text-danger" />
                    )
                  ) : null}
                </button>
              </li>
            );
          })}
        </ol>
        <section aria-label="Keyboard shortcuts" className="rounded-lg border border-border p-3">
          <h2 className="mb-2 text-sm font-semibold">Keyboard shortcuts</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            {legend.map(([key, what]) => (
              <div key={key} className="contents">
                <dt>
                  <Kbd>{key!}</Kbd>
                </dt>
                <dd className="text-muted-foreground">{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>

      {current ? (
        <div className="grid content-start gap-3" data-testid="review-current">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="min-w-0 flex-1 truncate text-lg font-semibold" title={current.name}>
              {index + 1}. {current.name}
            </h2>
            <Button variant="ghost" size="sm" onClick={() => move(-1)} disabled={index === 0} aria-label="Previous asset">
              <ChevronUp aria-hidden className="size-4" />
            </Button>
            <Button variant="ghost" size="sm" onClick={() => move(1)} disabled={index >= items.length - 1} aria-label="Next asset">
              <ChevronDown aria-hidden className="size-4" />
            </Button>
            <Link href={`/media?asset=${current.id}`} className="text-sm text-primary underline-offset-2 hover:underline">
              Open details
            </Link>
          </div>
          <BigPreview asset={current} />
          <p className="text-sm text-muted-foreground">
            {KIND_LABELS[current.kind]} · {current.format.toUpperCase()}
            {current.width && current.height ? ` · ${current.width}×${current.height} (${formatAspect(current.aspectRatio)})` : ""} · {formatBytes(current.bytes)} · added {formatDateTime(current.createdAt)}
          </p>
          {current.tags.length ? (
            <div className="flex flex-wrap gap-1">
              {current.tags.map((t) => (
                <Badge key={t}>{t}</Badge>
              ))}
            </div>
          ) : null}
          <p className="text-sm">
            <span className="text-muted-foreground">Alt text: </span>
            {current.altText ?? <span className="text-muted-foreground italic">none yet</span>}
          </p>

          {done === items.length ? (
            <p role="status" className="rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm">
              Queue cleared: all {items.length} reviewed.{" "}
              {more ? (
                <a href="/media/review" className="font-medium underline underline-offset-2">
                  Load the next assets
                </a>
              ) : (
                <Link href="/media?status=APPROVED" className="font-medium underline underline-offset-2">
                  See approved assets
                </Link>
              )}
            </p>
          ) : null}
          {decision ? (
            <p role="status" className={cn("rounded-md border px-3 py-2 text-sm", decision.action === "approve" ? "border-success/40 bg-success/10" : "border-danger/40 bg-danger/10")}>
              {decision.action === "approve" ? "Approved" : "Rejected"}
              {decision.note ? ` — “${decision.note}”` : ""}
            </p>
          ) : canApprove ? (
            <div className="grid gap-2 rounded-lg border border-border p-3">
              {mode !== "idle" ? (
                <div className="grid gap-1.5">
                  <label htmlFor="review-note" className="text-sm font-medium">
                    {mode === "reject" ? "Why is it rejected? (required)" : "Approval note (optional)"}
                  </label>
                  <Textarea
                    id="review-note"
                    autoFocus
                    className="min-h-16"
                    value={note}
                    maxLength={2000}
                    onChange={(e) => setNote(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === "Enter" && !e.shiftKey) {
                        e.preventDefault();
                        void decide(mode === "reject" ? "reject" : "approve", note);
                      } else if (e.key === "Escape") {
                        e.preventDefault();
                        e.stopPropagation();
                        setMode("idle");
                        setError(null);
                        (e.currentTarget as HTMLElement).blur();
                      }
                    }}
                  />
                  <p className="text-xs text-muted-foreground">
                    <Kbd>Enter</Kbd> confirms, <Kbd>Shift+Enter</Kbd> adds a line, <Kbd>Esc</Kbd> cancels.
                  </p>
                </div>
              ) : null}
              <div className="flex flex-wrap gap-2">
                <Button size="sm" pending={pending && mode !== "reject"} onClick={() => void decide("approve", mode === "note" ? note : "")}>
                  <Check aria-hidden className="size-4" />
                  Approve <Kbd inButton>A</Kbd>
                </Button>
                <Button
                  size="sm"
                  variant="danger-outline"
                  pending={pending && mode === "reject"}
                  onClick={() => (mode === "reject" ? void decide("reject", note) : setMode("reject"))}
                >
                  <X aria-hidden className="size-4" />
                  {mode === "reject" ? "Confirm rejection" : "Reject"} <Kbd inButton>R</Kbd>
                </Button>
              </div>
              <FormError message={error} />
            </div>
          ) : (
            <p className="rounded-md border border-border bg-muted/50 px-3 py-2 text-sm text-muted-foreground">
              Read-only: only approvers, managers and admins approve or reject. You can browse the queue.
            </p>
          )}
        </div>
      ) : null}
    </div>
  );
}
