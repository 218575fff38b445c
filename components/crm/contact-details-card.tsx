"use client";
// "About this contact": the contact's fields with a provenance badge beside each enriched one, and an edit form for writers.
// Never send unchanged fields: the save sends only what the user changed, so an enriched value is not re-stamped by a no-op edit.
import Link from "next/link";
import { useRef, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import type { Contact, ProvenanceMap } from "@/db/schema";
import { updateContactSchema } from "@/lib/crm/schemas";
import { updateContactAction } from "@/app/(app)/crm/actions";
import { formatTimestamp } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { TagsInput } from "@/components/ui/tags-input";
import { useToast } from "@/components/ui/toast";
import { useActionForm, type ClientActionResult } from "@/components/ui/use-action-form";
import { CompanyCombobox, type CompanyOption } from "./company-combobox";
import type { OwnerOption } from "./contact-filters";
import { assignableOwners } from "./owner-choices";
import { ProvenanceBadge } from "./provenance-badge";
import { refreshContactLists } from "./refresh-contacts";
import { withEmailConflictOnField } from "./email-conflict";
import { CustomFieldInputs, customPatch, toInputValues, useCustomFieldDefs } from "./custom-fields-inputs";

export interface ContactDetails {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  companyId: string | null;
  companyName: string | null;
  ownerUserId: string | null;
  source: string | null;
  country: string | null;
  timezone: string | null;
  tags: string[];
  score: number | null;
  tier: string | null;
  ltvMinor: number | null;
  custom: Record<string, unknown>;
  provenance: ProvenanceMap;
  createdAt: Date;
  updatedAt: Date;
}

const EDITABLE = ["firstName", "lastName", "email", "phone", "title", "seniority", "department", "companyId", "ownerUserId", "country", "timezone", "source", "tags"] as const;
type Editable = (typeof EDITABLE)[number];

const LABELS: Record<Editable, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  phone: "Phone",
  title: "Job title",
  seniority: "Seniority",
  department: "Department",
  companyId: "Company",
  ownerUserId: "Owner",
  country: "Country",
  timezone: "Time zone",
  source: "Source",
  tags: "Tags",
};

const NONE = <span className="text-muted-foreground">—</span>;

function customValue(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

export function ContactDetailsCard({
  contact,
  owners,
  timeZone,
  canWrite,
}: {
  contact: ContactDetails;
  owners: OwnerOption[];
  timeZone: string;
  canWrite: boolean;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <Card aria-labelledby="contact-about">
      <CardHeader
        titleId="contact-about"
        title="About this contact"
        actions={
          canWrite && !editing ? (
            <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
              <Pencil aria-hidden className="size-4" />
              Edit
            </Button>
          ) : null
        }
      />
      <CardBody>
        {editing ? (
          <ContactEditForm contact={contact} owners={owners} onDone={() => setEditing(false)} />
        ) : (
          <ContactFieldList contact={contact} owners={owners} timeZone={timeZone} />
        )}
      </CardBody>
    </Card>
  );
}

function ContactFieldList({ contact: c, owners, timeZone }: { contact: ContactDetails; owners: OwnerOption[]; timeZone: string }) {
  const owner = c.ownerUserId ? (owners.find((o) => o.userId === c.ownerUserId)?.name ?? "A former member") : null;
  const customDefs = useCustomFieldDefs("contact");
  const rows: Array<{ key: string; label: string; value: ReactNode }> = [
    { key: "email", label: LABELS.email, value: c.email ? <a href={`mailto:${c.email}`} className="break-all underline-offset-2 hover:underline">{c.email}</a> : NONE },
    { key: "phone", label: LABELS.phone, value: c.phone ? <a href={`tel:${c.phone}`} className="tabular-nums underline-offset-2 hover:underline">{c.phone}</a> : NONE },
    {
      key: "companyId",
      label: LABELS.companyId,
      value:
        c.companyId && c.companyName ? (
          <Link href={`/crm/companies/${c.companyId}`} className="underline-offset-2 hover:underline">
            {c.companyName}
          </Link>
        ) : (
          NONE
        ),
    },
    { key: "title", label: LABELS.title, value: c.title ?? NONE },
    { key: "seniority", label: LABELS.seniority, value: c.seniority ?? NONE },
    { key: "department", label: LABELS.department, value: c.department ?? NONE },
    { key: "ownerUserId", label: LABELS.ownerUserId, value: owner ?? <span className="text-muted-foreground">No owner</span> },
    { key: "country", label: LABELS.country, value: c.country ?? NONE },
    { key: "timezone", label: LABELS.timezone, value: c.timezone ?? NONE },
    { key: "source", label: LABELS.source, value: c.source ?? NONE },
    {
      key: "tags",
      label: LABELS.tags,
      value: c.tags.length ? (
        <ul className="flex flex-wrap gap-1" aria-label="Tags">
          {c.tags.map((t) => (
            <li key={t} className="rounded-full bg-muted px-2 py-0.5 text-xs">
              {t}
            </li>
          ))}
        </ul>
      ) : (
        NONE
      ),
    },
    { key: "score", label: "Score", value: c.score ?? NONE },
    { key: "tier", label: "Tier", value: c.tier ?? NONE },
    {
      key: "ltvMinor",
      label: "Lifetime value",
      value: c.ltvMinor === null ? NONE : <span className="tabular-nums">{(c.ltvMinor / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}</span>,
    },
    ...Object.entries(c.custom).map(([k, v]) => ({
      key: `custom.${k}`,
      label: customDefs.find((d) => d.key === k)?.label ?? k.replace(/_/g, " ").replace(/^./, (ch) => ch.toUpperCase()),
      value: typeof v === "boolean" ? (v ? "Yes" : "No") : customValue(v),
    })),
    { key: "createdAt", label: "Created", value: formatTimestamp(c.createdAt, timeZone) },
    { key: "updatedAt", label: "Last updated", value: formatTimestamp(c.updatedAt, timeZone) },
  ];
  return (
    <dl className="grid gap-x-4 gap-y-3 text-sm sm:grid-cols-[8rem_minmax(0,1fr)]">
      {rows.map((r) => {
        const prov = c.provenance[r.key] ?? (r.key.startsWith("custom.") ? c.provenance[r.key.slice(7)] : undefined);
        return (
          <div key={r.key} className="contents">
            <dt className="text-muted-foreground">{r.label}</dt>
            <dd className="flex min-w-0 flex-wrap items-center gap-1.5">
              <span className="min-w-0">{r.value}</span>
              <ProvenanceBadge field={r.label} provenance={prov} timeZone={timeZone} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function ContactEditForm({ contact: c, owners, onDone }: { contact: ContactDetails; owners: OwnerOption[]; onDone: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = {
    firstName: c.firstName ?? "",
    lastName: c.lastName ?? "",
    email: c.email ?? "",
    phone: c.phone ?? "",
    title: c.title ?? "",
    seniority: c.seniority ?? "",
    department: c.department ?? "",
    ownerUserId: c.ownerUserId ?? "",
    country: c.country ?? "",
    timezone: c.timezone ?? "",
    source: c.source ?? "",
  };
  const [v, setV] = useState(initial);
  const [company, setCompany] = useState<CompanyOption | null>(c.companyId ? { id: c.companyId, name: c.companyName ?? "This company" } : null);
  const [tags, setTags] = useState(c.tags);
  const set = (k: keyof typeof initial, value: string) => setV((prev) => ({ ...prev, [k]: value }));
  const customDefs = useCustomFieldDefs("contact");
  const [customEdits, setCustomEdits] = useState<Record<string, string>>({});
  const customValues = { ...toInputValues(customDefs, c.custom), ...customEdits };

  const form = useActionForm<Contact>({
    schema: updateContactSchema,
    action: withEmailConflictOnField(updateContactAction as (values: unknown) => Promise<ClientActionResult<Contact>>),
    fields: EDITABLE,
    onSuccess: () => {
      void refreshContactLists(queryClient);
      toast.success("Contact saved.");
      onDone();
    },
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const patch: Record<string, unknown> = { id: c.id };
    for (const k of Object.keys(initial) as Array<keyof typeof initial>) {
      if (v[k] === initial[k]) continue;
      // Blank means "none"; email, phone, country and time zone must be null rather than an empty, invalid string.
      patch[k] = v[k].trim() === "" ? null : v[k];
    }
    if ((company?.id ?? null) !== c.companyId) patch.companyId = company?.id ?? null;
    if (tags.join(",") !== c.tags.join(",")) patch.tags = tags;
    const custom = customPatch(customDefs, customValues, c.custom);
    if (custom) patch.custom = custom;
    if (Object.keys(patch).length === 1) {
      onDone();
      return;
    }
    form.submit(patch, formRef.current);
  }

  const text = (k: keyof typeof initial, extra: Partial<React.InputHTMLAttributes<HTMLInputElement>> = {}) => (
    <Field id={`contact-${k}`} label={LABELS[k]} error={form.errorFor(k)}>
      {(ctl) => <Input {...ctl} {...extra} value={v[k]} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Edit contact">
      <FormError message={form.formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        {text("firstName", { maxLength: 100, autoComplete: "off" })}
        {text("lastName", { maxLength: 100, autoComplete: "off" })}
      </div>
      {text("email", { type: "email", maxLength: 254, autoComplete: "off" })}
      {text("phone", { type: "tel", maxLength: 40, autoComplete: "off" })}
      <Field id="contact-companyId" label="Company" error={form.errorFor("companyId")}>
        {(ctl) => <CompanyCombobox control={ctl} value={company} onChange={setCompany} />}
      </Field>
      {text("title", { maxLength: 200 })}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("seniority", { maxLength: 40 })}
        {text("department", { maxLength: 60 })}
      </div>
      <Field id="contact-ownerUserId" label="Owner" error={form.errorFor("ownerUserId")}>
        {(ctl) => (
          <NativeSelect {...ctl} value={v.ownerUserId} onChange={(e) => set("ownerUserId", e.target.value)}>
            <option value="">No owner</option>
            {v.ownerUserId && !owners.some((o) => o.userId === v.ownerUserId) ? <option value={v.ownerUserId}>A former member</option> : null}
            {assignableOwners(owners, c.ownerUserId).map((o) => (
              <option key={o.userId} value={o.userId}>
                {o.name}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {text("country", { maxLength: 60, placeholder: "e.g. GB or Germany" })}
        {text("timezone", { maxLength: 60, placeholder: "e.g. Europe/Paris" })}
      </div>
      {text("source", { maxLength: 60 })}
      <Field id="contact-tags" label="Tags" hint="Press Enter or type a comma to add a tag." error={form.errorFor("tags")}>
        {(ctl) => <TagsInput control={ctl} value={tags} onChange={setTags} max={50} />}
      </Field>
      <CustomFieldInputs defs={customDefs} values={customValues} onChange={(k, val) => setCustomEdits((p) => ({ ...p, [k]: val }))} idPrefix="contact" />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={form.pending}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
