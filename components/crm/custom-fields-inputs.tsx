"use client";
// Inputs for a record's custom fields, one per workspace definition (text, number, date, yes/no, select), plus the helpers
// that turn them into the `custom` object a save sends. Never drop values of undefined keys: the save merges into them.
import { useQuery } from "@tanstack/react-query";
import { listCustomFieldsAction } from "@/app/(app)/crm/fields/actions";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { crmQueryKeys } from "@/lib/query-keys";

export interface CustomFieldInputDef {
  key: string;
  label: string;
  type: string;
  options: string[];
}

export type CustomInputValues = Record<string, string>;

/** The workspace's custom field definitions for `entity`, loaded once and shared by every form that shows them. */
export function useCustomFieldDefs(entity: "contact" | "company"): CustomFieldInputDef[] {
  const query = useQuery({
    queryKey: crmQueryKeys.customFields.entity(entity),
    queryFn: async () => {
      const res = await listCustomFieldsAction({ entity });
      if (!res.ok) throw new Error(res.message);
      return res.data.map(({ key, label, type, options }) => ({ key, label, type, options }));
    },
    staleTime: 60_000,
  });
  return query.data ?? [];
}

/** A stored value as the text an input shows ("" for none; booleans as "true"/"false"). */
export function toInputValues(defs: CustomFieldInputDef[], custom: Record<string, unknown>): CustomInputValues {
  const out: CustomInputValues = {};
  for (const d of defs) {
    const v = custom[d.key];
    out[d.key] = v === null || v === undefined ? "" : typeof v === "string" ? (d.type === "date" ? v.slice(0, 10) : v) : String(v);
  }
  return out;
}

/**
 * The `custom` object to save: the stored one with the edited defined keys merged in (a blank input removes the value),
 * or null when nothing changed. The server checks each value against its definition.
 */
export function customPatch(defs: CustomFieldInputDef[], edited: CustomInputValues, stored: Record<string, unknown>): Record<string, unknown> | null {
  const before = toInputValues(defs, stored);
  if (defs.every((d) => (edited[d.key] ?? "") === before[d.key])) return null;
  const next: Record<string, unknown> = { ...stored };
  for (const d of defs) {
    const raw = (edited[d.key] ?? "").trim();
    if (raw === before[d.key]) continue;
    if (raw === "") delete next[d.key];
    else if (d.type === "boolean") next[d.key] = raw === "true";
    else next[d.key] = raw;
  }
  return next;
}

export function CustomFieldInputs({
  defs,
  values,
  onChange,
  idPrefix,
  errorFor,
}: {
  defs: CustomFieldInputDef[];
  values: CustomInputValues;
  onChange: (key: string, value: string) => void;
  idPrefix: string;
  errorFor?: (key: string) => string | null;
}) {
  if (defs.length === 0) return null;
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-semibold">Custom fields</legend>
      {defs.map((d) => {
        const id = `${idPrefix}-custom-${d.key}`;
        const value = values[d.key] ?? "";
        return (
          <Field key={d.key} id={id} label={d.label} error={errorFor?.(`custom.${d.key}`)}>
            {(c) =>
              d.type === "select" || d.type === "boolean" ? (
                <NativeSelect {...c} value={value} onChange={(e) => onChange(d.key, e.target.value)}>
                  <option value="">—</option>
                  {d.type === "boolean" ? (
                    <>
                      <option value="true">Yes</option>
                      <option value="false">No</option>
                    </>
                  ) : (
                    d.options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))
                  )}
                </NativeSelect>
              ) : (
                <Input
                  {...c}
                  type={d.type === "date" ? "date" : "text"}
                  inputMode={d.type === "number" ? "decimal" : undefined}
                  maxLength={d.type === "text" ? 1000 : undefined}
                  value={value}
                  onChange={(e) => onChange(d.key, e.target.value)}
                />
              )
            }
          </Field>
        );
      })}
    </fieldset>
  );
}
