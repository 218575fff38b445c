"use client";
// The small forms behind the bulk-action buttons: tags, a lifecycle move with a reason, the owner, and adding to a static list.
// Never hide a refusal: the server's message (a FORBIDDEN backward move, for one) stays in the form where the user is looking.
// A move back in the funnel needs a reason; a field error from the server goes under the field it names.
import Link from "next/link";
import { useEffect, useState, useTransition, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { LIFECYCLE_STAGES } from "@/lib/crm/schemas";
import { bulkBackwardReasonMessage, isBackwardMove, STAGE_LABELS, type LifecycleStage } from "@/lib/crm/stages";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { TagsInput } from "@/components/ui/tags-input";
import { listSegmentsAction } from "@/app/(app)/crm/actions";
import type { OwnerOption } from "./contact-filters";
import { assignableOwners } from "./owner-choices";
import { crmQueryKeys } from "@/lib/query-keys";

/** A refusal that names fields (the server action's `fieldErrors`), so the form can show each under its field. */
export interface BulkRefusal {
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/** Returns an error message (or a refusal with field errors) to keep the form open, or null when done. */
export type ApplyBulk = (input: Record<string, unknown>) => Promise<string | BulkRefusal | null>;

function useApply(apply: ApplyBulk) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const run = (input: Record<string, unknown>) =>
    startTransition(async () => {
      setError(null);
      setFieldErrors({});
      const refusal = await apply(input);
      if (!refusal) return;
      if (typeof refusal === "string") return setError(refusal);
      setError(refusal.message);
      setFieldErrors(refusal.fieldErrors ?? {});
    });
  return { error, setError, fieldErrors, setFieldErrors, pending, run };
}

export function BulkTagForm({ count, apply }: { count: number; apply: ApplyBulk }) {
  const [mode, setMode] = useState<"add" | "remove">("add");
  const [tags, setTags] = useState<string[]>([]);
  const { error, setError, pending, run } = useApply(apply);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!tags.length) return setError("Type at least one tag and press Enter.");
    run({ action: "tag", add: mode === "add" ? tags : [], remove: mode === "remove" ? tags : [] });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3" aria-label="Tag the selected contacts" noValidate>
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">Add or remove</legend>
        {(["add", "remove"] as const).map((m) => (
          <label key={m} className="inline-flex items-center gap-1.5">
            <input type="radio" name="bulk-tag-mode" className="accent-primary" checked={mode === m} onChange={() => setMode(m)} />
            {m === "add" ? "Add tags" : "Remove tags"}
          </label>
        ))}
      </fieldset>
      <Field id="bulk-tags" label="Tags" hint="Press Enter or type a comma after each tag.">
        {(c) => <TagsInput control={c} value={tags} onChange={setTags} max={50} />}
      </Field>
      <FormError message={error} />
      <Button type="submit" size="sm" pending={pending}>
        {mode === "add" ? "Add" : "Remove"} on {count} contact{count === 1 ? "" : "s"}
      </Button>
    </form>
  );
}

const BULK_REASON_ID = "bulk-stage-reason";

export function BulkStageForm({
  count,
  apply,
  canMoveBackward,
  selectedStages,
}: {
  count: number;
  apply: ApplyBulk;
  canMoveBackward: boolean;
  /** The selected contacts' current stages, when the list has them loaded; otherwise the server says who moves back. */
  selectedStages?: readonly LifecycleStage[];
}) {
  const [stage, setStage] = useState<LifecycleStage>("lead");
  const [reason, setReason] = useState("");
  const { error, setError, fieldErrors, setFieldErrors, pending, run } = useApply(apply);
  const backward = selectedStages ? selectedStages.filter((s) => isBackwardMove(s, stage)).length : 0;
  const reasonError = fieldErrors.reason?.[0] ?? null;
  const reasonRequired = (canMoveBackward && backward > 0) || !!reasonError;
  // A refusal on the reason puts the cursor where the fix goes.
  useEffect(() => {
    if (reasonError) document.getElementById(BULK_REASON_ID)?.focus();
  }, [reasonError]);

  const reasonHint = !canMoveBackward
    ? "Recorded in each contact's history. Moving back in the funnel needs a manager."
    : backward
      ? `${backward === 1 ? "1 selected contact moves" : `${backward} selected contacts move`} back to ${STAGE_LABELS[stage]}: a reason is required. Recorded in each contact's lifecycle history.`
      : "Recorded in each contact's lifecycle history. Required when a contact moves back in the funnel.";

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (canMoveBackward && backward > 0 && !reason.trim()) {
          setError(null);
          setFieldErrors({ reason: [bulkBackwardReasonMessage(backward, stage)] });
          return document.getElementById(BULK_REASON_ID)?.focus();
        }
        run({ action: "stage", stage, reason: reason.trim() || undefined });
      }}
      className="grid gap-3"
      aria-label="Move the selected contacts to a stage"
      noValidate
    >
      <Field id="bulk-stage" label="Move to stage">
        {(c) => (
          <NativeSelect
            {...c}
            value={stage}
            onChange={(e) => {
              setStage(e.target.value as LifecycleStage);
              setFieldErrors({});
            }}
          >
            {LIFECYCLE_STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <Field id={BULK_REASON_ID} label={reasonRequired ? "Reason (required)" : "Reason"} hint={reasonHint} error={reasonError}>
        {(c) => (
          <Input
            {...c}
            value={reason}
            required={reasonRequired}
            maxLength={500}
            placeholder="e.g. Attended the webinar"
            onChange={(e) => {
              setReason(e.target.value);
              if (reasonError && e.target.value.trim()) setFieldErrors({});
            }}
          />
        )}
      </Field>
      {/* A missing reason is said once, under the field; other refusals here. */}
      <FormError message={reasonError ? null : error} />
      <Button type="submit" size="sm" pending={pending}>
        Move {count} contact{count === 1 ? "" : "s"}
      </Button>
    </form>
  );
}

export function BulkOwnerForm({ count, apply, owners: members }: { count: number; apply: ApplyBulk; owners: OwnerOption[] }) {
  // Only members who may edit contacts can own them; "No owner" is always on offer.
  const owners = assignableOwners(members);
  const [owner, setOwner] = useState(owners[0]?.userId ?? "");
  const { error, pending, run } = useApply(apply);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        run({ action: "owner", ownerUserId: owner || null });
      }}
      className="grid gap-3"
      aria-label="Set the owner of the selected contacts"
      noValidate
    >
      <Field id="bulk-owner" label="New owner">
        {(c) => (
          <NativeSelect {...c} value={owner} onChange={(e) => setOwner(e.target.value)}>
            {owners.map((o) => (
              <option key={o.userId} value={o.userId}>
                {o.name} ({o.email})
              </option>
            ))}
            <option value="">No owner</option>
          </NativeSelect>
        )}
      </Field>
      <FormError message={error} />
      <Button type="submit" size="sm" pending={pending}>
        Assign {count} contact{count === 1 ? "" : "s"}
      </Button>
    </form>
  );
}

export function BulkAddToListForm({ count, addToList }: { count: number; addToList: (segmentId: string) => Promise<string | null> }) {
  const lists = useQuery({
    queryKey: crmQueryKeys.segments.staticLists,
    queryFn: async () => {
      const res = await listSegmentsAction({ kind: "static", limit: 200 });
      if (!res.ok) throw new Error(res.message);
      return res.data.items.map((s) => ({ id: s.id, name: s.name }));
    },
  });
  const [picked, setPicked] = useState("");
  const { error, setError, pending, run } = useApply(async () => addToList(picked || lists.data?.[0]?.id || ""));
  if (lists.isPending) return <p className="text-sm text-muted-foreground">Loading lists…</p>;
  if (lists.isError) return <FormError message={`Lists could not be loaded: ${lists.error.message}`} />;
  if (!lists.data.length) {
    return (
      <p className="text-sm text-muted-foreground">
        No static lists yet.{" "}
        <Link href="/crm/segments/new" className="underline underline-offset-2">
          Create one
        </Link>{" "}
        first.
      </p>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!(picked || lists.data[0])) return setError("Pick a list.");
        run({});
      }}
      className="grid gap-3"
      aria-label="Add the selected contacts to a list"
      noValidate
    >
      <Field id="bulk-list" label="Static list">
        {(c) => (
          <NativeSelect {...c} value={picked || lists.data[0]!.id} onChange={(e) => setPicked(e.target.value)}>
            {lists.data.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <FormError message={error} />
      <Button type="submit" size="sm" pending={pending}>
        Add {count} contact{count === 1 ? "" : "s"}
      </Button>
    </form>
  );
}
