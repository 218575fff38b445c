// Normalisers shared by every way a contact enters the CRM (forms, REST, CSV import, enrichment): email, phone, country,
// domains, tags. Pure functions; they never guess a value they cannot justify (an unparseable phone stays an error).
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

const EMAIL_RE = /^[^\s@"<>(),;:\\[\]]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_RE.test(email);
}

/** E.164 (e.g. +442071838750), or null when the number cannot be read (with a default country for national formats). */
export function normalisePhone(raw: string, defaultCountry?: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const parsed = parsePhoneNumberFromString(trimmed, (defaultCountry?.toUpperCase() as CountryCode | undefined) ?? undefined);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** The country a phone number belongs to (ISO alpha-2), when it says. */
export function phoneCountry(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

/** Aliases and retired codes to today's code: UK → GB, DD → DE. */
function canonicalRegion(code: string): string {
  return Intl.getCanonicalLocales(`und-${code}`)[0]?.split("-")[1] ?? code;
}

// Constructing Intl.DisplayNames costs far more than a lookup: one instance serves every call.
let regionNames: Intl.DisplayNames | undefined;
function regionDisplayNames(): Intl.DisplayNames {
  regionNames ??= new Intl.DisplayNames(["en"], { type: "region" });
  return regionNames;
}

const COUNTRY_NAMES = new Map<string, string>();
function countryNames(): Map<string, string> {
  if (COUNTRY_NAMES.size === 0) {
    const dn = regionDisplayNames();
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = dn.of(code);
        if (name && name !== code && code !== "ZZ") COUNTRY_NAMES.set(name.toLowerCase(), canonicalRegion(code));
      }
    }
    for (const [alias, code] of [
      ["usa", "US"],
      ["united states of america", "US"],
      ["uk", "GB"],
      ["england", "GB"],
      ["great britain", "GB"],
      ["deutschland", "DE"],
      ["españa", "ES"],
      ["holland", "NL"],
    ] as const) {
      COUNTRY_NAMES.set(alias, code);
    }
  }
  return COUNTRY_NAMES;
}

/** "de", "DE", "Germany", "deutschland" → "DE"; null when it is not a country. */
export function normaliseCountry(raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  if (/^[a-z]{2}$/i.test(v)) {
    const code = v.toUpperCase();
    const name = regionDisplayNames().of(code);
    return name && name !== code && code !== "ZZ" ? canonicalRegion(code) : null;
  }
  return countryNames().get(v.toLowerCase()) ?? null;
}

/** "https://www.Example.com/about" → "example.com". */
export function normaliseDomain(raw: string): string | null {
  let v = raw.trim().toLowerCase();
  if (!v) return null;
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/^www\./, "");
  v = v.split(/[/?#:]/)[0] ?? "";
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(v) ? v : null;
}

export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0 && t.length <= 40))];
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
