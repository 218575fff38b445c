// Phone normalisation: any common format → E.164, and the country the number belongs to (libphonenumber-js).
// Pure; an unreadable number is left exactly as it is, never "corrected" into a different one.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import type { Candidate, EnrichmentProvider } from "./types";

export interface PhoneAnalysis {
  e164: string;
  /** ISO alpha-2; null for non-geographic numbers (+800, +882…). */
  country: string | null;
  type: string | null;
}

/** Reads `raw` (national formats need `defaultCountry`, the contact's country); null when it is not a valid number. */
export function analysePhone(raw: string, defaultCountry?: string | null): PhoneAnalysis | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const country = defaultCountry && /^[a-z]{2}$/i.test(defaultCountry) ? (defaultCountry.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(trimmed, country);
  if (!parsed || !parsed.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? null, type: parsed.getType() ?? null };
}

export const phoneProvider: EnrichmentProvider = {
  name: "phone",
  free: true,
  fields: { "contact.phone": 0.95, "contact.country": 0.6 },
  precondition: ({ subject }) => (subject.contact.phone?.trim() ? null : "no phone number"),
  async run({ subject }) {
    const raw = subject.contact.phone ?? "";
    const a = analysePhone(raw, subject.contact.country);
    if (!a) return [];
    const out: Candidate[] = [];
    // The same number in E.164: a reformatting, allowed even over a value a person typed.
    if (a.e164 !== raw) out.push({ field: "contact.phone", value: a.e164, confidence: 0.95, replacesEquivalent: true });
    // A phone's country is where the number is registered, not necessarily where the person is: a hint only.
    if (a.country) out.push({ field: "contact.country", value: a.country, confidence: 0.6 });
    return out;
  },
};
