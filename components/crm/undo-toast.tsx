"use client";
// The "Deleted N contacts — Undo" note after a bulk delete: a polite live region with an Undo button, gone after a few seconds.
// Never undo by re-creating contacts: Undo calls the restore action with exactly the ids the delete returned.
import { useEffect } from "react";
import { RotateCcw, X } from "lucide-react";
import { Button } from "@/components/ui/button";

export const UNDO_VISIBLE_MS = 12_000;

export function UndoToast({
  message,
  pending,
  onUndo,
  onDismiss,
}: {
  message: string;
  pending: boolean;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  useEffect(() => {
    if (pending) return;
    const t = window.setTimeout(onDismiss, UNDO_VISIBLE_MS);
    return () => window.clearTimeout(t);
  }, [pending, onDismiss]);

  return (
    <div
      role="status"
      aria-live="polite"
      className="fixed bottom-4 left-1/2 z-[60] flex w-[calc(100%-2rem)] max-w-md -translate-x-1/2 items-center gap-3 rounded-lg border border-border bg-foreground px-4 py-3 text-sm text-background shadow-xl"
    >
      <p className="flex-1">{message}</p>
      <Button size="sm" variant="secondary" pending={pending} onClick={onUndo}>
        <RotateCcw aria-hidden className="size-4" />
        Undo
      </Button>
      <button
        type="button"
        onClick={onDismiss}
        className="rounded text-background/70 hover:text-background focus-visible:outline-2 focus-visible:outline-ring"
        aria-label="Dismiss"
      >
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}
