"use client";
// The create/edit campaign form: validates with the engine's schema, takes the budget in major units, sends minor units.
// Never send a float budget: the typed amount is converted to integer minor units for its currency before submitting.
import Link from "next/link";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { CAMPAIGN_STATUSES, createCampaignSchema, updateCampaignSchema } from "@/lib/campaigns/schemas";
import type { Campaign } from "@/db/schema";
import { queryKeys } from "@/lib/query-keys";
import { createCampaignAction, updateCampaignAction } from "@/app/(app)/campaigns/actions";
import { COMMON_CURRENCIES, currencyDigits, minorToMajorInput, parseMajorToMinor } from "@/components/format";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { TagsInput } from "@/components/ui/tags-input";
import { useToast } from "@/components/ui/toast";
import { useActionForm, type ClientActionResult } from "@/components/ui/use-action-form";
import { STATUS_LABELS } from "./status-badge";

export interface OwnerOption {
  userId: string;
  name: string;
  email: string;
}

export type CampaignFormInitial = Pick<
  Campaign,
  "id" | "name" | "objective" | "status" | "startDate" | "endDate" | "budgetMinor" | "currency" | "ownerUserId" | "tags"
>;

const FIELDS = ["name", "objective", "status", "startDate", "endDate", "budgetMinor", "currency", "ownerUserId", "tags"] as const;

export function CampaignForm({
  campaign,
  owners,
  currentUserId,
}: {
  /** Absent for a new campaign. */
  campaign?: CampaignFormInitial;
  owners: OwnerOption[];
  currentUserId: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = Boolean(campaign);
  const [v, setV] = useState(() => ({
    name: campaign?.name ?? "",
    objective: campaign?.objective ?? "",
    status: campaign?.status ?? "planned",
    startDate: campaign?.startDate ?? "",
    endDate: campaign?.endDate ?? "",
    budget: campaign ? minorToMajorInput(campaign.budgetMinor, campaign.currency) : "",
    currency: campaign?.currency ?? "USD",
    ownerUserId: campaign ? (campaign.ownerUserId ?? "") : currentUserId,
    tags: campaign?.tags ?? [],
  }));

  const form = useActionForm<Campaign>({
    schema: editing ? updateCampaignSchema : createCampaignSchema,
    action: (editing ? updateCampaignAction : createCampaignAction) as (values: unknown) => Promise<ClientActionResult<Campaign>>,
    fields: FIELDS,
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
      if (editing) {
        toast.success("Changes saved.");
        router.refresh();
      } else {
        toast.success(`Campaign “${saved.name}” created.`);
        router.push(`/campaigns/${saved.id}`);
      }
    },
  });

  const currencies: string[] = COMMON_CURRENCIES.includes(v.currency as (typeof COMMON_CURRENCIES)[number])
    ? [...COMMON_CURRENCIES]
    : [v.currency, ...COMMON_CURRENCIES];
  const ownerKnown = !v.ownerUserId || owners.some((o) => o.userId === v.ownerUserId);
  const digits = currencyDigits(v.currency);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const budget = parseMajorToMinor(v.budget, v.currency);
    const payload = {
      ...(campaign ? { id: campaign.id } : {}),
      name: v.name,
      objective: v.objective,
      status: v.status,
      startDate: v.startDate || null,
      endDate: v.endDate || null,
      budgetMinor: budget.ok ? budget.minor : 0,
      currency: v.currency,
      ownerUserId: v.ownerUserId || null,
      tags: v.tags,
    };
    form.submit(payload, formRef.current, budget.ok ? {} : { budgetMinor: [budget.message] });
  }

  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((prev) => ({ ...prev, [k]: value }));

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-5" aria-label={editing ? "Edit campaign" : "New campaign"}>
      <FormError message={form.formError} />
      <Field id="campaign-name" label="Name" error={form.errorFor("name")}>
        {(c) => <Input {...c} required maxLength={120} value={v.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <Field id="campaign-objective" label="Objective" hint="What this campaign should achieve, in a sentence or two." error={form.errorFor("objective")}>
        {(c) => <Textarea {...c} maxLength={2000} value={v.objective} onChange={(e) => set("objective", e.target.value)} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-3">
        <Field id="campaign-status" label="Status" error={form.errorFor("status")}>
          {(c) => (
            <NativeSelect {...c} value={v.status} onChange={(e) => set("status", e.target.value as (typeof CAMPAIGN_STATUSES)[number])}>
              {CAMPAIGN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <Field id="campaign-start" label="Start date" error={form.errorFor("startDate")}>
          {(c) => <Input {...c} type="date" value={v.startDate} onChange={(e) => set("startDate", e.target.value)} />}
        </Field>
        <Field id="campaign-end" label="End date" error={form.errorFor("endDate")}>
          {(c) => <Input {...c} type="date" value={v.endDate} min={v.startDate || undefined} onChange={(e) => set("endDate", e.target.value)} />}
        </Field>
      </div>
      <div className="grid gap-5 sm:grid-cols-3">
        <Field
          id="campaign-budget"
          label="Budget"
          className="sm:col-span-2"
          hint={digits ? `In ${v.currency}, e.g. 15000 or 15000.50 (a dot for decimals).` : `In ${v.currency}, whole units (no decimals).`}
          error={form.errorFor("budgetMinor")}
        >
          {(c) => (
            <Input {...c} inputMode="decimal" autoComplete="off" placeholder="0" value={v.budget} onChange={(e) => set("budget", e.target.value)} />
          )}
        </Field>
        <Field id="campaign-currency" label="Currency" error={form.errorFor("currency")}>
          {(c) => (
            <NativeSelect {...c} value={v.currency} onChange={(e) => set("currency", e.target.value)}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
      </div>
      <Field id="campaign-owner" label="Owner" error={form.errorFor("ownerUserId")}>
        {(c) => (
          <NativeSelect {...c} value={v.ownerUserId} onChange={(e) => set("ownerUserId", e.target.value)}>
            <option value="">No owner</option>
            {!ownerKnown ? <option value={v.ownerUserId}>A former member</option> : null}
            {owners.map((o) => (
              <option key={o.userId} value={o.userId}>
                {o.name} ({o.email})
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <Field id="campaign-tags" label="Tags" hint="Press Enter or type a comma to add a tag. Up to 20." error={form.errorFor("tags")}>
        {(c) => <TagsInput control={c} value={v.tags} onChange={(tags) => set("tags", tags)} />}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={form.pending}>
          {editing ? "Save changes" : "Create campaign"}
        </Button>
        <Link href="/campaigns" className={buttonClasses({ variant: "ghost" })}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
