"use client";
// The lifecycle moves the caller's role may make from the asset's status (submit, approve, reject with a required note,
// publish, archive, reopen, delete, restore), with one optional note for the history. The engine decides each move.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { transitionAssetAction } from "@/app/(app)/media/actions";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import type { MediaAction } from "@/lib/media/lifecycle";
import { refreshMedia } from "./media-query-keys";

const BUTTONS: Record<MediaAction, { label: string; variant: ButtonVariant; done: string }> = {
  submit: { label: "Submit for review", variant: "primary", done: "Submitted for review." },
  approve: { label: "Approve", variant: "primary", done: "Approved." },
  reject: { label: "Reject", variant: "danger-outline", done: "Rejected and sent back to draft." },
  publish: { label: "Mark published", variant: "outline", done: "Marked as published." },
  archive: { label: "Archive", variant: "outline", done: "Archived." },
  reopen: { label: "Reopen as draft", variant: "outline", done: "Reopened as a draft." },
  delete: { label: "Delete", variant: "danger-outline", done: "Moved to the bin; it can be restored for 30 days." },
  restore: { label: "Restore", variant: "primary", done: "Restored." },
};

export function AssetLifecycle({ assetId, actions }: { assetId: string; actions: MediaAction[] }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<MediaAction | null>(null);
  if (!actions.length) return <p className="text-sm text-muted-foreground">Your role has no moves for an asset in this state.</p>;
  const noteId = `lifecycle-note-${assetId}`;

  async function run(action: MediaAction) {
    if (action === "reject" && !note.trim()) return setError("A note is required to reject: tell the author what to change.");
    setPending(action);
    setError(null);
    try {
      const res = await transitionAssetAction({ id: assetId, action, note: note.trim() || undefined });
      if (!res.ok) return setError(res.fieldErrors?.note?.[0] ?? res.message);
      toast.success(BUTTONS[action].done);
      setNote("");
      void refreshMedia(queryClient, assetId);
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setPending(null);
    }
  }

  const wantsNote = actions.some((a) => a === "approve" || a === "reject" || a === "submit" || a === "archive");
  return (
    <div className="grid gap-3">
      {wantsNote ? (
        <Field id={noteId} label="Note" hint={actions.includes("reject") ? "Optional when approving, required to reject. Kept in the history." : "Optional; kept in the history."}>
          {(control) => <Textarea {...control} className="min-h-16" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {actions.map((a) => (
          <Button key={a} size="sm" variant={BUTTONS[a].variant} pending={pending === a} disabled={pending !== null && pending !== a} onClick={() => void run(a)}>
            {BUTTONS[a].label}
          </Button>
        ))}
      </div>
      <FormError message={error} />
    </div>
  );
}
