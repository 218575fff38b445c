// The shape every benchmark returns (figure name -> value + unit) and its aligned text rendering.
// Never compute or round figures here; benchmarks decide their own precision.

export interface Figure {
  value: number;
  unit: string;
}
export type Figures = Record<string, Figure>;

/** The harness' check on what a benchmark's run() returned. */
export function isFigures(value: unknown): value is Figures {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (f) =>
      typeof f === "object" && f !== null && typeof (f as Figure).value === "number" && typeof (f as Figure).unit === "string",
  );
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** figure / value / unit, values right-aligned so magnitudes compare at a glance. */
export function formatFigures(figures: Figures): string {
  const header = ["figure", "value", "unit"];
  const rows = Object.entries(figures).map(([name, f]) => [name, formatValue(f.value), f.unit]);
  const all = [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    `${(r[0] ?? "").padEnd(w[0] ?? 0)}  ${(r[1] ?? "").padStart(w[1] ?? 0)}  ${r[2] ?? ""}`.trimEnd();
  const rule = w.map((n) => "-".repeat(n)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}
