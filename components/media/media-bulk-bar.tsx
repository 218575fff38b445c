"use client";
// The bar shown once assets are selected: how many, clear, and the bulk actions the role may use (submit, approve,
// reject with a required note, archive, add tags, delete to the bin). Never act on assets that are not selected.
import { useState, type ReactNode } from "react";
import { Popover } from "radix-ui";
import { Archive, Check, ChevronDown, Send, Tag, Trash, X } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Textarea } from "@/components/ui/input";
import { TagsInput } from "@/components/ui/tags-input";

/** Runs a bulk action; resolves to an error message to keep a form open, or null when done. */
export type RunBulk = (action: "submit" | "approve" | "reject" | "archive" | "delete" | "tag", extra?: { note?: string; tags?: string[] }) => Promise<string | null>;

function BulkPopover({ label, icon, children }: { label: string; icon: ReactNode; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger className={buttonClasses({ variant: "outline", size: "sm" })}>
        {icon}
        {label}
        <ChevronDown aria-hidden className="size-3.5" />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={6} aria-label={label} className="z-50 w-80 rounded-lg border border-border bg-card p-4 text-card-foreground shadow-lg">
          {open ? children(() => setOpen(false)) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function RejectForm({ count, run, close }: { count: number; run: RunBulk; close: () => void }) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="grid gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!note.trim()) return setError("Tell the authors what to change: a note is required to reject.");
        setPending(true);
        const message = await run("reject", { note });
        setPending(false);
        if (message) setError(message);
        else close();
      }}
    >
      <Field id="bulk-reject-note" label={`Reject ${count} asset${count === 1 ? "" : "s"}`} hint="Sent back to draft; the note goes into each asset's history." error={error}>
        {(control) => <Textarea {...control} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} required autoFocus />}
      </Field>
      <Button type="submit" variant="danger" size="sm" pending={pending}>
        Reject
      </Button>
    </form>
  );
}

function TagForm({ count, run, close }: { count: number; run: RunBulk; close: () => void }) {
  const [tags, setTags] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="grid gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!tags.length) return setError("Type at least one tag.");
        setPending(true);
        const message = await run("tag", { tags });
        setPending(false);
        if (message) setError(message);
        else close();
      }}
    >
      <Field id="bulk-tags" label={`Add tags to ${count} asset${count === 1 ? "" : "s"}`} hint="Existing tags are kept." error={error}>
        {(control) => <TagsInput control={control} value={tags} onChange={setTags} />}
      </Field>
      <Button type="submit" size="sm" pending={pending}>
        Add tags
      </Button>
    </form>
  );
}

export function MediaBulkBar({
  count,
  canWrite,
  canApprove,
  canDelete,
  busy,
  run,
  onClear,
}: {
  count: number;
  canWrite: boolean;
  canApprove: boolean;
  canDelete: boolean;
  busy: string | null;
  run: RunBulk;
  onClear: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const simple = async (action: "submit" | "approve" | "archive" | "delete") => setError(await run(action));
  return (
    <div role="region" aria-label="Bulk actions" className="grid gap-1">
      <div className="flex flex-wrap items-center gap-2 rounded-md border border-primary/30 bg-primary/5 px-3 py-1.5">
        <p className="text-sm font-medium" aria-live="polite">
          {count} selected
        </p>
        <Button variant="ghost" size="sm" onClick={onClear}>
          <X aria-hidden className="size-4" />
          Clear
        </Button>
        <span aria-hidden className="mx-1 h-5 w-px bg-border" />
        {canWrite ? (
          <Button variant="outline" size="sm" pending={busy === "submit"} onClick={() => void simple("submit")}>
            <Send aria-hidden className="size-4" />
            Submit for review
          </Button>
        ) : null}
        {canApprove ? (
          <>
            <Button variant="outline" size="sm" pending={busy === "approve"} onClick={() => void simple("approve")}>
              <Check aria-hidden className="size-4" />
              Approve
            </Button>
            <BulkPopover label="Reject" icon={<X aria-hidden className="size-4" />}>
              {(close) => <RejectForm count={count} run={run} close={close} />}
            </BulkPopover>
          </>
        ) : null}
        {canWrite ? (
          <>
            <Button variant="outline" size="sm" pending={busy === "archive"} onClick={() => void simple("archive")}>
              <Archive aria-hidden className="size-4" />
              Archive
            </Button>
            <BulkPopover label="Tags" icon={<Tag aria-hidden className="size-4" />}>
              {(close) => <TagForm count={count} run={run} close={close} />}
            </BulkPopover>
          </>
        ) : null}
        {canDelete ? (
          <Button variant="danger-outline" size="sm" pending={busy === "delete"} onClick={() => void simple("delete")}>
            <Trash aria-hidden className="size-4" />
            Delete
          </Button>
        ) : null}
      </div>
      <FormError message={error} />
    </div>
  );
}
