"use client";
// The create/edit company form: checked with the engine's company schemas before sending, server field errors shown inline.
// Never send blank strings for domain, website, country or size: blank means "none" (null); an edit sends only changed fields.
import { useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { Company } from "@/db/schema";
import { createCompanySchema, updateCompanySchema } from "@/lib/crm/schemas";
import { createCompanyAction, updateCompanyAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { useActionForm, type ClientActionResult } from "@/components/ui/use-action-form";
import { assignableOwners } from "./owner-choices";
import type { OwnerOption } from "./contact-filters";
import { crmQueryKeys } from "@/lib/query-keys";
import { CustomFieldInputs, customPatch, toInputValues, useCustomFieldDefs } from "./custom-fields-inputs";
import { refreshContactLists } from "./refresh-contacts";

export interface CompanyFormInitial {
  id: string;
  name: string;
  domain: string | null;
  website: string | null;
  industry: string | null;
  employeeCount: number | null;
  country: string | null;
  description: string | null;
  ownerUserId: string | null;
  /** Stored custom field values; the form edits the workspace's defined company fields and keeps the rest. */
  custom?: Record<string, unknown>;
}

const FIELDS = ["name", "domain", "website", "industry", "employeeCount", "country", "description", "ownerUserId"] as const;

export function CompanyForm({
  company,
  owners,
  onSaved,
  onCancel,
}: {
  /** Absent for a new company. */
  company?: CompanyFormInitial;
  owners: OwnerOption[];
  onSaved: (saved: Company) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = {
    name: company?.name ?? "",
    domain: company?.domain ?? "",
    website: company?.website ?? "",
    industry: company?.industry ?? "",
    employeeCount: company?.employeeCount === null || company?.employeeCount === undefined ? "" : String(company.employeeCount),
    country: company?.country ?? "",
    description: company?.description ?? "",
    ownerUserId: company?.ownerUserId ?? "",
  };
  const [v, setV] = useState(initial);
  const set = (k: keyof typeof initial, value: string) => setV((prev) => ({ ...prev, [k]: value }));
  const storedCustom = company?.custom ?? {};
  const customDefs = useCustomFieldDefs("company");
  const [customEdits, setCustomEdits] = useState<Record<string, string>>({});
  const customValues = { ...toInputValues(customDefs, storedCustom), ...customEdits };
  // A custom value the server refuses is shown under its own input (`custom.<key>`), not only at the top of the form.
  const fields = useMemo(() => [...FIELDS, ...customDefs.map((d) => `custom.${d.key}`)], [customDefs]);

  const form = useActionForm<Company>({
    schema: company ? updateCompanySchema : createCompanySchema,
    action: (company ? updateCompanyAction : createCompanyAction) as (values: unknown) => Promise<ClientActionResult<Company>>,
    fields,
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: crmQueryKeys.companies.all });
      void refreshContactLists(queryClient);
      onSaved(saved);
    },
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const payload: Record<string, unknown> = company ? { id: company.id } : {};
    for (const k of Object.keys(initial) as Array<keyof typeof initial>) {
      if (company && v[k] === initial[k]) continue;
      const raw = v[k].trim();
      if (k === "name") payload.name = v.name;
      else if (k === "industry" || k === "description") payload[k] = v[k];
      else payload[k] = raw === "" ? null : raw;
    }
    const custom = customPatch(customDefs, customValues, storedCustom);
    if (custom) payload.custom = custom;
    if (company && Object.keys(payload).length === 1) {
      onCancel();
      return;
    }
    form.submit(payload, formRef.current);
  }

  const text = (k: keyof typeof initial, label: string, extra: Partial<React.InputHTMLAttributes<HTMLInputElement>> = {}, hint?: string) => (
    <Field id={`company-${k}`} label={label} hint={hint} error={form.errorFor(k)}>
      {(c) => <Input {...c} {...extra} value={v[k]} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4" aria-label={company ? "Edit company" : "New company"}>
      <FormError message={form.formError} />
      {text("name", "Name", { required: true, maxLength: 200, autoComplete: "off" })}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("domain", "Domain", { maxLength: 253, placeholder: "example.com", autoComplete: "off" }, "Used to match contacts by email domain.")}
        {text("website", "Website", { type: "url", maxLength: 500, placeholder: "https://example.com" })}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {text("industry", "Industry", { maxLength: 100 })}
        {text("employeeCount", "Employees", { inputMode: "numeric", maxLength: 9 })}
        {text("country", "Country", { maxLength: 60, placeholder: "e.g. DE" })}
      </div>
      <Field id="company-description" label="Description" error={form.errorFor("description")}>
        {(c) => <Textarea {...c} maxLength={5000} value={v.description} onChange={(e) => set("description", e.target.value)} />}
      </Field>
      <Field id="company-ownerUserId" label="Owner" error={form.errorFor("ownerUserId")}>
        {(c) => (
          <NativeSelect {...c} value={v.ownerUserId} onChange={(e) => set("ownerUserId", e.target.value)}>
            <option value="">No owner</option>
            {v.ownerUserId && !owners.some((o) => o.userId === v.ownerUserId) ? <option value={v.ownerUserId}>A former member</option> : null}
            {assignableOwners(owners, company?.ownerUserId).map((o) => (
              <option key={o.userId} value={o.userId}>
                {o.name}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <CustomFieldInputs
        defs={customDefs}
        values={customValues}
        onChange={(k, val) => setCustomEdits((p) => ({ ...p, [k]: val }))}
        idPrefix="company"
        errorFor={form.errorFor}
      />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={form.pending}>
          {company ? "Save changes" : "Create company"}
        </Button>
      </div>
    </form>
  );
}
