"use client";
// The bar that appears once contacts are selected: how many, clear, and the bulk actions the role may use.
// Never act on rows that are not selected, and never promise more than the loaded rows: selection covers loaded contacts
// only, except Enrich once the whole segment is selected, and then the bar says which actions cover what.
import { useState, type ReactNode } from "react";
import { Popover } from "radix-ui";
import { ChevronDown, ListPlus, Tag, Trash, TrendingUp, UserRound, WandSparkles } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { BulkAddToListForm, BulkOwnerForm, BulkStageForm, BulkTagForm, type ApplyBulk } from "./bulk-edit-forms";
import type { OwnerOption } from "./contact-filters";
import { formatCount } from "./crm-format";

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
        <Popover.Content
          align="start"
          sideOffset={6}
          aria-label={label}
          className="z-50 w-80 rounded-lg border border-border bg-card p-4 text-card-foreground shadow-lg"
        >
          {open ? children(() => setOpen(false)) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

export function ContactsBulkBar({
  count,
  owners,
  canWrite,
  canDelete,
  canMoveBackward,
  deleting,
  enriching,
  onApply,
  onDelete,
  onEnrich,
  onAddToList,
  onClear,
  segmentTotal,
}: {
  /** Selected loaded contacts: what Tag, Stage, Owner, Add to list and Delete act on. */
  count: number;
  /** Set when the whole segment is selected: Enrich then covers all of its contacts. */
  segmentTotal?: number;
  owners: OwnerOption[];
  canWrite: boolean;
  canDelete: boolean;
  canMoveBackward: boolean;
  deleting: boolean;
  enriching: boolean;
  /** Runs a bulk action on the selection; an error message keeps the form open. */
  onApply: ApplyBulk;
  onDelete: () => void;
  /** Starts a bulk enrichment run; absent when enrichment is not available here. */
  onEnrich?: () => void;
  /** Adds the selection to a static list; an error message keeps the form open. */
  onAddToList: (segmentId: string) => Promise<string | null>;
  onClear: () => void;
}) {
  const closing = (close: () => void): ApplyBulk => async (input) => {
    const message = await onApply(input);
    if (!message) close();
    return message;
  };
  return (
    <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-md border border-primary/30 bg-primary/5 px-3 py-1.5">
      <p className="text-sm font-medium" aria-live="polite">
        {segmentTotal === undefined ? (
          `${count} selected`
        ) : (
          <>
            {formatCount(segmentTotal)} in segment selected
            <span className="font-normal text-muted-foreground"> · other actions: {count} loaded only</span>
          </>
        )}
      </p>
      <Button variant="ghost" size="sm" onClick={onClear} aria-keyshortcuts="Escape" title="Clear selection (Esc)">
        Clear selection
      </Button>
      <span aria-hidden className="mx-1 h-5 w-px bg-border" />
      {canWrite ? (
        <>
          <BulkPopover label="Tag" icon={<Tag aria-hidden className="size-4" />}>
            {(close) => <BulkTagForm count={count} apply={closing(close)} />}
          </BulkPopover>
          <BulkPopover label="Stage" icon={<TrendingUp aria-hidden className="size-4" />}>
            {(close) => <BulkStageForm count={count} apply={closing(close)} canMoveBackward={canMoveBackward} />}
          </BulkPopover>
          <BulkPopover label="Owner" icon={<UserRound aria-hidden className="size-4" />}>
            {(close) => <BulkOwnerForm count={count} apply={closing(close)} owners={owners} />}
          </BulkPopover>
          <BulkPopover label="Add to list" icon={<ListPlus aria-hidden className="size-4" />}>
            {(close) => (
              <BulkAddToListForm
                count={count}
                addToList={async (id) => {
                  const message = await onAddToList(id);
                  if (!message) close();
                  return message;
                }}
              />
            )}
          </BulkPopover>
          {onEnrich ? (
            <Button variant="outline" size="sm" pending={enriching} onClick={onEnrich}>
              <WandSparkles aria-hidden className="size-4" />
              {segmentTotal === undefined ? "Enrich" : `Enrich all ${formatCount(segmentTotal)}`}
            </Button>
          ) : null}
        </>
      ) : null}
      {canDelete ? (
        <Button variant="danger-outline" size="sm" pending={deleting} onClick={onDelete}>
          <Trash aria-hidden className="size-4" />
          {segmentTotal === undefined ? "Delete" : `Delete ${count} loaded`}
        </Button>
      ) : null}
    </div>
  );
}
