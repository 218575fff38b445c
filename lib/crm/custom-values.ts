// Checking one custom field value against its definition (text, number, date, yes/no, select), normalising it on the way.
// Pure: shared by the engine (contact and company writes) and the CSV import's row validation. Never touch the database here.
import type { CustomFieldDefType } from "./schemas";

const MAX_TEXT = 1000;

export interface CustomValueDef {
  label: string;
  type: string;
  options: readonly string[];
}

export type CustomValueCheck = { ok: true; value: unknown } | { ok: false; message: string };

/** Checks and normalises one value for a definition's type. null / "" mean "no value" (the key is dropped). */
export function checkCustomValue(def: CustomValueDef, value: unknown): CustomValueCheck {
  if (value === null || value === undefined || value === "") return { ok: true, value: undefined };
  const type = def.type as CustomFieldDefType;
  switch (type) {
    case "text":
      if (typeof value === "number" || typeof value === "boolean") return { ok: true, value: String(value) };
      if (typeof value !== "string") return { ok: false, message: `${def.label} must be text.` };
      if (value.length > MAX_TEXT) return { ok: false, message: `${def.label} has at most ${MAX_TEXT} characters.` };
      return { ok: true, value };
    case "number": {
      const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
      if (!Number.isFinite(n)) return { ok: false, message: `${def.label} must be a number.` };
      return { ok: true, value: n };
    }
    case "date": {
      if (typeof value !== "string") return { ok: false, message: `${def.label} must be a date (YYYY-MM-DD).` };
      const v = value.trim();
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(v);
      const t = Date.parse(dateOnly ? `${v}T00:00:00Z` : v);
      if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(v)) return { ok: false, message: `${def.label} must be a date (YYYY-MM-DD).` };
      // A date-only value must be a real calendar day (Date.parse accepts 2026-02-31).
      if (dateOnly && new Date(t).toISOString().slice(0, 10) !== v) return { ok: false, message: `${def.label} must be a date (YYYY-MM-DD).` };
      return { ok: true, value: dateOnly ? v : new Date(t).toISOString() };
    }
    case "boolean":
      if (typeof value === "boolean") return { ok: true, value };
      if (typeof value === "string" && /^(true|false|yes|no)$/i.test(value.trim())) return { ok: true, value: /^(true|yes)$/i.test(value.trim()) };
      return { ok: false, message: `${def.label} must be yes or no.` };
    case "select": {
      const hit = typeof value === "string" ? def.options.find((o) => o.toLowerCase() === value.trim().toLowerCase()) : undefined;
      if (hit === undefined) return { ok: false, message: `${def.label} must be one of: ${def.options.join(", ")}.` };
      return { ok: true, value: hit };
    }
    default:
      return { ok: true, value };
  }
}
