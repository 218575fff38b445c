"use client";
// The value part of a field condition, shaped by the field's type and the operator: text, list, number, range, date, days, picks.
// Never coerce silently: what the user typed is sent as typed, and the engine's schema says what is wrong with it.
import { useId } from "react";
import { VALUELESS_OPERATORS, type FieldOperator, type SegmentFieldType } from "@/lib/crm/segments/operators";
import type { FieldValue } from "@/lib/crm/segments/rules";
import { STAGE_LABELS } from "@/lib/crm/stages";
import { CompactInput } from "./compact-controls";
import { TagsInput } from "@/components/ui/tags-input";
import { CONSENT_LABELS } from "./crm-format";


function enumLabel(field: string, v: string): string {
  if (field === "lifecycleStage" && v in STAGE_LABELS) return STAGE_LABELS[v as keyof typeof STAGE_LABELS];
  if (field === "emailConsent" && v in CONSENT_LABELS) return CONSENT_LABELS[v as keyof typeof CONSENT_LABELS];
  return v;
}

function asList(v: FieldValue | undefined): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

export function RuleValueInput({
  field,
  fieldLabel,
  type,
  operator,
  enumValues,
  value,
  onChange,
}: {
  field: string;
  fieldLabel: string;
  type: SegmentFieldType;
  operator: FieldOperator;
  enumValues?: readonly string[];
  value: FieldValue | undefined;
  onChange: (v: FieldValue | undefined) => void;
}) {
  const id = useId();
  if (VALUELESS_OPERATORS.includes(operator)) return null;
  const label = `${fieldLabel} value`;

  if (operator === "between") {
    const [a, b] = Array.isArray(value) ? value : ["", ""];
    const num = (s: string) => (s.trim() === "" ? "" : Number.isFinite(Number(s)) ? Number(s) : s);
    return (
      <span className="inline-flex items-center gap-1.5">
        <CompactInput aria-label={`${fieldLabel} from`} inputMode="decimal" className="w-24" value={String(a ?? "")} onChange={(e) => onChange([num(e.target.value), b ?? ""])} />
        <span className="text-sm text-muted-foreground">and</span>
        <CompactInput aria-label={`${fieldLabel} to`} inputMode="decimal" className="w-24" value={String(b ?? "")} onChange={(e) => onChange([a ?? "", num(e.target.value)])} />
      </span>
    );
  }

  if (operator === "within_last_days" || operator === "not_within_last_days") {
    return (
      <span className="inline-flex items-center gap-1.5">
        <CompactInput
          aria-label={`${fieldLabel}: number of days`}
          type="number"
          min={1}
          max={3650}
          className="w-24"
          value={typeof value === "number" || typeof value === "string" ? String(value) : ""}
          onChange={(e) => onChange(e.target.value === "" ? "" : Number(e.target.value))}
        />
        <span className="text-sm text-muted-foreground">days</span>
      </span>
    );
  }

  if (type === "enum" && enumValues?.length) {
    const picked = asList(value);
    return (
      <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <legend className="sr-only">{label}</legend>
        {enumValues.map((v) => (
          <label key={v} className="inline-flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              className="accent-primary"
              checked={picked.includes(v)}
              onChange={(e) => onChange(e.target.checked ? [...picked, v] : picked.filter((p) => p !== v))}
            />
            {enumLabel(field, v)}
          </label>
        ))}
      </fieldset>
    );
  }

  if (type === "tags" || type === "enum" || operator === "in" || operator === "not_in") {
    return (
      <div className="min-w-56 flex-1">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <TagsInput control={{ id, "aria-invalid": undefined, "aria-describedby": undefined }} value={asList(value)} onChange={(list) => onChange(list)} max={100} />
      </div>
    );
  }

  if (type === "number") {
    return (
      <CompactInput
        aria-label={label}
        inputMode="decimal"
        className="w-32"
        value={typeof value === "number" || typeof value === "string" ? String(value) : ""}
        onChange={(e) => onChange(e.target.value.trim() === "" ? "" : Number.isFinite(Number(e.target.value)) ? Number(e.target.value) : e.target.value)}
      />
    );
  }

  if (type === "date") {
    return <CompactInput aria-label={label} type="date" className="w-44" value={typeof value === "string" ? value.slice(0, 10) : ""} onChange={(e) => onChange(e.target.value)} />;
  }

  return <CompactInput aria-label={label} className="w-56" maxLength={500} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)} />;
}
