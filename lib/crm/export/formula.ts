// CSV cells that spreadsheets would run as formulas (=, +, -, @, tab, CR first) are neutralised with a leading apostrophe.
// Every CSV AICMO hands out goes through here; never write a user-supplied cell to a download without it.

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
