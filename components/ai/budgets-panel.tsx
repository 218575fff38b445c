"use client";
// Monthly AI budgets: the workspace's and each campaign's, with spend so far, editable by admins through setAiBudgetAction.
// Never send a float of cents or a negative amount: limits are typed in USD, checked here, and stored by the engine in micro-dollars.
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { PiggyBank } from "lucide-react";
import { aiQueryKeys, queryKeys } from "@/lib/query-keys";
import { setAiBudgetAction } from "@/app/(app)/ai/actions";
import type { CampaignOption } from "@/app/(app)/ai/picker-options";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, NativeSelect } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { microsToUsdInput } from "./ai-format";
import { BudgetMeter } from "./budget-meter";

export interface BudgetView {
  scope: string;
  campaignName: string | null;
  monthlyLimitMicros: number;
  spentMicros: number;
  reservedMicros: number;
}

/** "12.50" → 12.5, or an error message. */
function parseUsd(input: string): { ok: true; usd: number } | { ok: false; message: string } {
  const cleaned = input.replace(/[\s,$]/g, "");
  if (!/^\d+(\.\d{0,6})?$/.test(cleaned)) return { ok: false, message: "Enter an amount in USD, like 50 or 12.50." };
  const usd = Number(cleaned);
  if (usd > 10_000_000) return { ok: false, message: "At most $10,000,000 a month." };
  return { ok: true, usd };
}

function useBudgetSaved() {
  const toast = useToast();
  const queryClient = useQueryClient();
  return (label: string, removed: boolean) => {
    void queryClient.invalidateQueries({ queryKey: aiQueryKeys.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
    toast.success(removed ? `${label}: budget removed.` : `${label}: budget saved.`);
  };
}

function useSaveBudget() {
  const saved = useBudgetSaved();
  const [pending, startTransition] = useTransition();
  function save(campaignId: string | null, monthlyLimitUsd: number, label: string, onError: (m: string | null) => void) {
    startTransition(async () => {
      const res = await setAiBudgetAction({ campaignId, monthlyLimitUsd });
      if (!res.ok) {
        onError(res.message);
        return;
      }
      onError(null);
      saved(label, false);
    });
  }
  return { save, pending };
}

function AmountForm({
  id,
  label,
  initial,
  submitLabel,
  onSubmit,
  pending,
  error,
  setError,
}: {
  id: string;
  label: string;
  initial: string;
  submitLabel: string;
  onSubmit: (usd: number) => void;
  pending: boolean;
  error: string | null;
  setError: (m: string | null) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <form
      noValidate
      className="flex flex-wrap items-start gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseUsd(value);
        if (!parsed.ok) {
          setError(parsed.message);
          return;
        }
        setError(null);
        onSubmit(parsed.usd);
      }}
    >
      <div className="grid gap-1">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <div className="relative">
          <span aria-hidden className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-sm text-muted-foreground">
            $
          </span>
          <Input
            id={id}
            inputMode="decimal"
            autoComplete="off"
            className="w-36 pl-6"
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        {error ? (
          <p id={`${id}-error`} className="text-sm text-danger">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="outline" pending={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}

function BudgetItem({ budget, label, campaignId, canManage }: { budget: BudgetView; label: string; campaignId: string | null; canManage: boolean }) {
  const { save, pending } = useSaveBudget();
  const saved = useBudgetSaved();
  const [error, setError] = useState<string | null>(null);
  const inputId = `budget-${budget.scope}`;
  return (
    <div className="grid gap-3">
      <BudgetMeter spentMicros={budget.spentMicros} reservedMicros={budget.reservedMicros} limitMicros={budget.monthlyLimitMicros} />
      {canManage ? (
        <div className="flex flex-wrap items-start gap-2">
          <AmountForm
            id={inputId}
            label={`Monthly limit for ${label}, in USD`}
            initial={microsToUsdInput(budget.monthlyLimitMicros)}
            submitLabel="Save limit"
            pending={pending}
            error={error}
            setError={setError}
            onSubmit={(usd) => save(campaignId, usd, label, setError)}
          />
          <ConfirmDialog
            trigger={
              <Button variant="ghost" aria-label={`Remove the budget for ${label}`}>
                Remove
              </Button>
            }
            title={`Remove the budget for ${label}?`}
            description="AI calls charged to it are no longer limited this month. Spend is still logged and charted."
            confirmLabel="Remove budget"
            onConfirm={async () => {
              const res = await setAiBudgetAction({ campaignId, monthlyLimitUsd: null });
              if (!res.ok) return res.message;
              saved(label, true);
              return null;
            }}
          />
        </div>
      ) : null}
    </div>
  );
}

export function BudgetsPanel({ budgets, campaigns, canManage }: { budgets: BudgetView[]; campaigns: CampaignOption[]; canManage: boolean }) {
  const workspace = budgets.find((b) => b.scope === "workspace");
  const perCampaign = budgets.filter((b) => b.scope !== "workspace");
  const withBudget = new Set(perCampaign.map((b) => b.scope));
  const available = campaigns.filter((c) => !withBudget.has(c.id));
  const { save, pending } = useSaveBudget();
  const [wsError, setWsError] = useState<string | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [addCampaign, setAddCampaign] = useState("");
  const chosen = available.some((c) => c.id === addCampaign) ? addCampaign : (available[0]?.id ?? "");

  return (
    <div className="grid grid-cols-1 gap-4">
      <Card aria-labelledby="budget-workspace">
        <CardHeader
          titleId="budget-workspace"
          title="Workspace budget"
          description="A hard monthly cap (calendar month, UTC) on all AI spend. Calls that would pass it are refused with “Budget exceeded”."
        />
        <CardBody>
          {workspace ? (
            <BudgetItem budget={workspace} label="the workspace" campaignId={null} canManage={canManage} />
          ) : (
            <div className="grid gap-3">
              <p className="text-sm text-muted-foreground">No workspace budget: AI spend is not limited.</p>
              {canManage ? (
                <AmountForm
                  id="budget-workspace-new"
                  label="Monthly limit for the workspace, in USD"
                  initial=""
                  submitLabel="Set budget"
                  pending={pending}
                  error={wsError}
                  setError={setWsError}
                  onSubmit={(usd) => save(null, usd, "Workspace", setWsError)}
                />
              ) : null}
            </div>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="budget-campaigns">
        <CardHeader titleId="budget-campaigns" title="Campaign budgets" description="A campaign's own cap applies on top of the workspace budget." />
        <CardBody className="grid gap-5">
          {perCampaign.length === 0 ? (
            <EmptyState icon={<PiggyBank aria-hidden />} title="No campaign budgets" description="Calls charged to a campaign are limited only by the workspace budget." />
          ) : (
            <ul className="grid gap-5">
              {perCampaign.map((b) => {
                const label = b.campaignName ?? "A deleted campaign";
                return (
                  <li key={b.scope} className="grid gap-2 border-b border-border pb-5 last:border-0 last:pb-0">
                    <span className="font-medium">{label}</span>
                    <BudgetItem budget={b} label={label} campaignId={b.scope} canManage={canManage} />
                  </li>
                );
              })}
            </ul>
          )}
          {canManage ? (
            available.length ? (
              <div className="grid gap-2 border-t border-border pt-4">
                <h3 className="text-sm font-semibold">Add a campaign budget</h3>
                <div className="flex flex-wrap items-start gap-2">
                  <div>
                    <label htmlFor="budget-add-campaign" className="sr-only">
                      Campaign
                    </label>
                    <NativeSelect id="budget-add-campaign" className="w-64" value={chosen} onChange={(e) => setAddCampaign(e.target.value)}>
                      {available.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                    </NativeSelect>
                  </div>
                  <AmountForm
                    key={chosen}
                    id="budget-add-amount"
                    label="Monthly limit for the chosen campaign, in USD"
                    initial=""
                    submitLabel="Add budget"
                    pending={pending}
                    error={addError}
                    setError={setAddError}
                    onSubmit={(usd) => save(chosen, usd, available.find((c) => c.id === chosen)?.name ?? "Campaign", setAddError)}
                  />
                </div>
              </div>
            ) : campaigns.length === 0 ? (
              <p className="text-sm text-muted-foreground">Create a campaign to give it its own AI budget.</p>
            ) : null
          ) : null}
        </CardBody>
      </Card>
    </div>
  );
}
