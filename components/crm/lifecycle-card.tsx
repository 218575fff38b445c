"use client";
// A contact's lifecycle: the current stage, a move with a reason, and the history of every move (who, when, why).
// Never offer a backward move to a role that may not make it; the engine refuses it anyway, and its message is shown.
// A backward move needs a reason: the field says so before submitting, and the engine's field error lands under it.
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import { LIFECYCLE_STAGES } from "@/lib/crm/schemas";
import { backwardMoveNeedsReason, backwardReasonMessage, isBackwardMove, STAGE_LABELS, type LifecycleStage } from "@/lib/crm/stages";
import { changeStageAction } from "@/app/(app)/crm/actions";
import { formatTimestamp } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { crmQueryKeys } from "@/lib/query-keys";
import { StageBadge } from "./stage-badge";
import { refreshContactLists } from "./refresh-contacts";

export interface StageHistoryEntry {
  id: string;
  fromStage: string | null;
  toStage: string;
  actorLabel: string;
  reason: string | null;
  ruleId: string | null;
  createdAt: Date;
}

const REASON_ID = "lifecycle-reason";

export function LifecycleCard({
  contactId,
  stage,
  history,
  timeZone,
  canWrite,
  canMoveBackward,
}: {
  contactId: string;
  stage: LifecycleStage;
  history: StageHistoryEntry[];
  timeZone: string;
  canWrite: boolean;
  canMoveBackward: boolean;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [to, setTo] = useState<LifecycleStage>(stage);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const backward = isBackwardMove(stage, to);

  function refuseReason(message: string) {
    setReasonError(message);
    document.getElementById(REASON_ID)?.focus();
  }

  function move(e: React.FormEvent) {
    e.preventDefault();
    if (to === stage) return setError(`The contact is already at ${STAGE_LABELS[stage]}. Pick another stage.`);
    setError(null);
    setReasonError(null);
    if (canMoveBackward && backwardMoveNeedsReason(stage, to, reason)) return refuseReason(backwardReasonMessage(stage, to));
    startTransition(async () => {
      try {
        const res = await changeStageAction({ id: contactId, stage: to, reason: reason.trim() || undefined });
        if (!res.ok) {
          const onReason = res.fieldErrors?.reason?.[0];
          return onReason ? refuseReason(onReason) : setError(res.message);
        }
        setReason("");
        toast.success(`Moved to ${STAGE_LABELS[to]}.`);
        void queryClient.invalidateQueries({ queryKey: crmQueryKeys.timeline.contact(contactId) });
        void refreshContactLists(queryClient);
      } catch {
        setError("The server could not be reached. Check your connection and try again.");
      }
    });
  }

  return (
    <Card aria-labelledby="contact-lifecycle">
      <CardHeader titleId="contact-lifecycle" title="Lifecycle stage" actions={<StageBadge stage={stage} />} />
      <CardBody className="grid gap-5">
        {canWrite ? (
          <form onSubmit={move} className="grid gap-3" aria-label="Change the lifecycle stage" noValidate>
            <Field id="lifecycle-to" label="Move to">
              {(c) => (
                <NativeSelect
                  {...c}
                  value={to}
                  onChange={(e) => {
                    setTo(e.target.value as LifecycleStage);
                    setReasonError(null);
                  }}
                >
                  {LIFECYCLE_STAGES.map((s) => {
                    const blocked = !canMoveBackward && isBackwardMove(stage, s);
                    return (
                      <option key={s} value={s} disabled={blocked}>
                        {STAGE_LABELS[s]}
                        {s === stage ? " (current)" : blocked ? " (needs a manager)" : ""}
                      </option>
                    );
                  })}
                </NativeSelect>
              )}
            </Field>
            <Field
              id={REASON_ID}
              label={backward ? "Reason (required)" : "Reason"}
              hint={
                backward
                  ? `Moving back from ${STAGE_LABELS[stage]} to ${STAGE_LABELS[to]} needs a reason. It is kept in the history below, with your name and the time.`
                  : "Optional. Kept in the history below, with your name and the time."
              }
              error={reasonError}
            >
              {(c) => (
                <Input
                  {...c}
                  value={reason}
                  required={backward}
                  maxLength={500}
                  placeholder={backward ? "e.g. Deal lost to a competitor" : "e.g. Requested a demo"}
                  onChange={(e) => {
                    setReason(e.target.value);
                    if (reasonError && e.target.value.trim()) setReasonError(null);
                  }}
                />
              )}
            </Field>
            <FormError message={error} />
            <div>
              <Button type="submit" size="sm" pending={pending} disabled={to === stage}>
                Change stage
              </Button>
            </div>
          </form>
        ) : null}
        <section aria-labelledby="lifecycle-history">
          <h3 id="lifecycle-history" className="mb-2 text-sm font-semibold">
            History
          </h3>
          {history.length ? (
            <ol className="grid gap-3" aria-label="Stage history">
              {history.map((h) => (
                <li key={h.id} className="grid gap-1 border-l-2 border-border pl-3 text-sm">
                  <span className="flex flex-wrap items-center gap-1.5">
                    {h.fromStage ? (
                      <>
                        <StageBadge stage={h.fromStage} />
                        <ArrowRight aria-label="to" className="size-3.5 text-muted-foreground" />
                      </>
                    ) : null}
                    <StageBadge stage={h.toStage} />
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {h.ruleId ? "By a lifecycle rule" : `By ${h.actorLabel}`} · <time dateTime={new Date(h.createdAt).toISOString()}>{formatTimestamp(h.createdAt, timeZone)}</time>
                  </span>
                  {h.reason ? <span className="text-sm">{h.reason === "created" ? "Created at this stage" : `“${h.reason}”`}</span> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-muted-foreground">No stage changes recorded yet.</p>
          )}
        </section>
      </CardBody>
    </Card>
  );
}
