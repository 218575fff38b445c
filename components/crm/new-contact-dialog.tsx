"use client";
// "New contact": a dialog form checked with the engine's createContactSchema before sending, with the server's field errors inline.
// Never send empty strings for email or phone: blank means "none" (null), which the schema accepts, rather than an invalid value.
import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import type { Contact } from "@/db/schema";
import { createContactSchema, LIFECYCLE_STAGES } from "@/lib/crm/schemas";
import { STAGE_LABELS, type LifecycleStage } from "@/lib/crm/stages";
import { createContactAction } from "@/app/(app)/crm/actions";
import { Button, type ButtonSize } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { TagsInput } from "@/components/ui/tags-input";
import { CustomFieldInputs, customPatch, useCustomFieldDefs } from "./custom-fields-inputs";
import { useToast } from "@/components/ui/toast";
import { useActionForm, type ClientActionResult } from "@/components/ui/use-action-form";
import { CompanyCombobox, type CompanyOption } from "./company-combobox";
import type { OwnerOption } from "./contact-filters";
import { assignableOwners } from "./owner-choices";
import { contactDisplayName } from "./crm-format";
import { CrmDialog } from "./crm-dialog";
import { refreshContactLists } from "./refresh-contacts";
import { withEmailConflictOnField } from "./email-conflict";

const FIELDS = ["firstName", "lastName", "email", "phone", "companyId", "title", "lifecycleStage", "ownerUserId", "tags"] as const;

export function NewContactDialog({ owners, currentUserId, size = "md" }: { owners: OwnerOption[]; currentUserId: string; size?: ButtonSize }) {
  const [open, setOpen] = useState(false);
  return (
    <CrmDialog
      open={open}
      onOpenChange={setOpen}
      wide
      title="New contact"
      description="A contact needs an email or a name; everything else can be filled in later."
      trigger={
        <Button size={size}>
          <Plus aria-hidden className="size-4" />
          New contact
        </Button>
      }
    >
      <NewContactForm owners={owners} currentUserId={currentUserId} onDone={() => setOpen(false)} />
    </CrmDialog>
  );
}

function NewContactForm({ owners, currentUserId, onDone }: { owners: OwnerOption[]; currentUserId: string; onDone: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [v, setV] = useState({
    firstName: "",
    lastName: "",
    email: "",
    phone: "",
    title: "",
    company: null as CompanyOption | null,
    lifecycleStage: "subscriber" as LifecycleStage,
    ownerUserId: owners.some((o) => o.userId === currentUserId) ? currentUserId : "",
    tags: [] as string[],
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const customDefs = useCustomFieldDefs("contact");
  const [customValues, setCustomValues] = useState<Record<string, string>>({});

  const form = useActionForm<Contact>({
    schema: createContactSchema,
    action: withEmailConflictOnField(createContactAction as (values: unknown) => Promise<ClientActionResult<Contact>>),
    fields: FIELDS,
    onSuccess: (saved) => {
      void refreshContactLists(queryClient);
      toast.success(`Contact “${contactDisplayName(saved)}” created.`);
      onDone();
    },
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    form.submit(
      {
        firstName: v.firstName,
        lastName: v.lastName,
        email: v.email.trim() ? v.email : null,
        phone: v.phone.trim() ? v.phone : null,
        title: v.title,
        companyId: v.company?.id ?? null,
        lifecycleStage: v.lifecycleStage,
        ownerUserId: v.ownerUserId || null,
        tags: v.tags,
        ...(customPatch(customDefs, customValues, {}) ? { custom: customPatch(customDefs, customValues, {}) } : {}),
      },
      formRef.current,
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="New contact">
      <FormError message={form.formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="new-contact-first" label="First name" error={form.errorFor("firstName")}>
          {(c) => <Input {...c} autoComplete="off" maxLength={100} value={v.firstName} onChange={(e) => set("firstName", e.target.value)} />}
        </Field>
        <Field id="new-contact-last" label="Last name" error={form.errorFor("lastName")}>
          {(c) => <Input {...c} autoComplete="off" maxLength={100} value={v.lastName} onChange={(e) => set("lastName", e.target.value)} />}
        </Field>
        <Field id="new-contact-email" label="Email" error={form.errorFor("email")}>
          {(c) => <Input {...c} type="email" autoComplete="off" maxLength={254} value={v.email} onChange={(e) => set("email", e.target.value)} />}
        </Field>
        <Field id="new-contact-phone" label="Phone" hint="International format, e.g. +44 20 7183 8750." error={form.errorFor("phone")}>
          {(c) => <Input {...c} type="tel" autoComplete="off" maxLength={40} value={v.phone} onChange={(e) => set("phone", e.target.value)} />}
        </Field>
        <Field id="new-contact-company" label="Company" error={form.errorFor("companyId")}>
          {(c) => <CompanyCombobox control={c} value={v.company} onChange={(co) => set("company", co)} placeholder="Search companies" />}
        </Field>
        <Field id="new-contact-title" label="Job title" error={form.errorFor("title")}>
          {(c) => <Input {...c} maxLength={200} value={v.title} onChange={(e) => set("title", e.target.value)} />}
        </Field>
        <Field id="new-contact-stage" label="Lifecycle stage" error={form.errorFor("lifecycleStage")}>
          {(c) => (
            <NativeSelect {...c} value={v.lifecycleStage} onChange={(e) => set("lifecycleStage", e.target.value as LifecycleStage)}>
              {LIFECYCLE_STAGES.map((s) => (
                <option key={s} value={s}>
                  {STAGE_LABELS[s]}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <Field id="new-contact-owner" label="Owner" error={form.errorFor("ownerUserId")}>
          {(c) => (
            <NativeSelect {...c} value={v.ownerUserId} onChange={(e) => set("ownerUserId", e.target.value)}>
              <option value="">No owner</option>
              {assignableOwners(owners).map((o) => (
                <option key={o.userId} value={o.userId}>
                  {o.name}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
      </div>
      <Field id="new-contact-tags" label="Tags" hint="Press Enter or type a comma to add a tag." error={form.errorFor("tags")}>
        {(c) => <TagsInput control={c} value={v.tags} onChange={(tags) => set("tags", tags)} max={50} />}
      </Field>
      <CustomFieldInputs defs={customDefs} values={customValues} onChange={(k, val) => setCustomValues((p) => ({ ...p, [k]: val }))} idPrefix="new-contact" />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={form.pending}>
          Create contact
        </Button>
      </div>
    </form>
  );
}
