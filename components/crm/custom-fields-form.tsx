"use client";
// Defining or editing one custom field: label, key (a slug, fixed once created), type (fixed once created) and a select's options.
// Never let the key or type change after creation: stored values were written for them.
import { useState, useTransition } from "react";
import { CUSTOM_FIELD_TYPES, type CustomFieldDefType } from "@/lib/crm/schemas";
import { createCustomFieldAction, updateCustomFieldAction } from "@/app/(app)/crm/fields/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { customFieldKeyFromLabel } from "@/lib/crm/custom-field-key";

export interface CustomFieldItem {
  entity: "contact" | "company";
  key: string;
  label: string;
  type: string;
  options: string[];
}

export const CUSTOM_FIELD_TYPE_LABELS: Record<CustomFieldDefType, string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  boolean: "Yes / no",
  select: "Select (one of a list)",
};

/** The key a label suggests (the engine derives the same when no key is given). */
export function slugFromLabel(label: string): string {
  return customFieldKeyFromLabel(label) ?? "";
}

export function CustomFieldsForm({ field, onSaved, onCancel }: { field?: CustomFieldItem; onSaved: () => void; onCancel: () => void }) {
  const toast = useToast();
  const [entity, setEntity] = useState<"contact" | "company">(field?.entity ?? "contact");
  const [label, setLabel] = useState(field?.label ?? "");
  const [key, setKey] = useState(field?.key ?? "");
  const [keyTouched, setKeyTouched] = useState(false);
  const [type, setType] = useState<CustomFieldDefType>((field?.type as CustomFieldDefType) ?? "text");
  const [options, setOptions] = useState<string[]>(field?.options ?? []);
  const [optionsText, setOptionsText] = useState((field?.options ?? []).join("\n"));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [pending, startTransition] = useTransition();
  const shownKey = field ? field.key : keyTouched ? key : slugFromLabel(label);

  function save() {
    startTransition(async () => {
      try {
        const res = field
          ? await updateCustomFieldAction({ entity: field.entity, key: field.key, label, ...(field.type === "select" ? { options } : {}) })
          : await createCustomFieldAction({ entity, label, key: shownKey || undefined, type, options: type === "select" ? options : [] });
        if (!res.ok) {
          const fe = res.fieldErrors ?? {};
          const known = ["label", "key", "type", "options"];
          const rest = Object.entries(fe)
            .filter(([k]) => !known.includes(k))
            .flatMap(([, m]) => m);
          return setErrors({
            label: fe.label?.[0],
            key: fe.key?.[0],
            type: fe.type?.[0],
            options: fe.options?.[0],
            form: rest.length ? rest.join(" ") : Object.keys(fe).length ? undefined : res.message,
          });
        }
        toast.success(field ? "Field saved." : `Field “${res.data.label}” added.`);
        onSaved();
      } catch {
        setErrors({ form: "The server could not be reached. Check your connection and try again." });
      }
    });
  }

  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {field ? null : (
        <Field id="cf-entity" label="Applies to">
          {(c) => (
            <NativeSelect {...c} value={entity} onChange={(e) => setEntity(e.target.value as "contact" | "company")}>
              <option value="contact">Contacts</option>
              <option value="company">Companies</option>
            </NativeSelect>
          )}
        </Field>
      )}
      <Field id="cf-label" label="Label" error={errors.label}>
        {(c) => <Input {...c} required maxLength={80} value={label} placeholder="e.g. Seats" onChange={(e) => setLabel(e.target.value)} />}
      </Field>
      <Field
        id="cf-key"
        label="Key"
        error={errors.key}
        hint={field ? "The key cannot change." : "Used in imports (custom.<key>), the API and segment rules. lower_snake_case."}
      >
        {(c) => (
          <Input
            {...c}
            value={shownKey}
            readOnly={!!field}
            maxLength={40}
            onChange={(e) => {
              setKeyTouched(true);
              setKey(e.target.value);
            }}
          />
        )}
      </Field>
      <Field id="cf-type" label="Type" error={errors.type} hint={field ? "The type cannot change." : undefined}>
        {(c) => (
          <NativeSelect {...c} value={type} disabled={!!field} onChange={(e) => setType(e.target.value as CustomFieldDefType)}>
            {CUSTOM_FIELD_TYPES.map((t) => (
              <option key={t} value={t}>
                {CUSTOM_FIELD_TYPE_LABELS[t]}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      {type === "select" ? (
        <Field id="cf-options" label="Options" error={errors.options} hint="One option per line.">
          {(c) => (
            <Textarea
              {...c}
              rows={4}
              value={optionsText}
              onChange={(e) => {
                setOptionsText(e.target.value);
                setOptions(
                  e.target.value
                    .split("\n")
                    .map((o) => o.trim())
                    .filter(Boolean),
                );
              }}
            />
          )}
        </Field>
      ) : null}
      <FormError message={errors.form} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          {field ? "Save field" : "Add field"}
        </Button>
      </div>
    </form>
  );
}
