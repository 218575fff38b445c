// Display formatting shared by server and client components: money from minor units, calendar days and timestamps.
// Never format with the runtime's default locale or time zone: server and browser would disagree and break hydration.
const LOCALE = "en-US";

/** Decimal places of a currency (2 for USD, 0 for JPY, 3 for KWD); 2 when the code is unknown. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat(LOCALE, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Formats an integer amount of minor units (cents) as money in its currency. */
export function formatMinor(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const major = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(LOCALE, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${currency}`;
  }
}

/** Minor units → the plain decimal string the budget input shows ("1234.5" for 123450 USD cents → "1234.50"). */
export function minorToMajorInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

export type ParsedMajor = { ok: true; minor: number } | { ok: false; message: string };

/**
 * Reads a budget typed in major units ("1,500.25") into integer minor units, without floating-point rounding.
 * Commas and spaces are read as thousands separators; the decimal separator is a dot.
 */
export function parseMajorToMinor(input: string, currency: string): ParsedMajor {
  const digits = currencyDigits(currency);
  const cleaned = input.replace(/[\s,_]/g, "");
  if (cleaned === "") return { ok: true, minor: 0 };
  if (cleaned.startsWith("-")) return { ok: false, message: "Budget cannot be negative." };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return { ok: false, message: "Enter an amount like 1500 or 1500.50." };
  const whole = m[1] ?? "0";
  const frac = m[2] ?? "";
  if (frac.length > digits) {
    return {
      ok: false,
      message: digits === 0 ? `${currency} amounts have no decimal places.` : `${currency} amounts have at most ${digits} decimal places.`,
    };
  }
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(minor) || minor > 1e13) return { ok: false, message: "That budget is too large." };
  return { ok: true, minor };
}

/** A calendar date "YYYY-MM-DD" as "Jan 31, 2026". */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "—";
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone: "UTC" }).format(d);
}

/** A moment in the workspace's time zone, e.g. "Jan 31, 2026, 4:05 PM". */
export function formatTimestamp(at: Date | string | null | undefined, timeZone = "UTC"): string {
  if (!at) return "—";
  const d = typeof at === "string" ? new Date(at) : at;
  try {
    return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(d);
  }
}

/** Currencies offered in pickers; any other valid ISO code already on a record is kept. */
export const COMMON_CURRENCIES = [
  "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
  "INR", "SGD", "HKD", "CNY", "KRW", "BRL", "MXN", "ZAR", "AED",
] as const;
