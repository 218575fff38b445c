// Parses the Content-Range header of a resumable upload's chunk (`bytes start-end/total`). Pure.
// Never accept a range whose end precedes its start or reaches past the total.

export interface ContentRange {
  start: number;
  /** Inclusive, as HTTP writes it. */
  end: number;
  total: number;
}

/** Parses `bytes start-end/total`; null when absent or malformed. */
export function parseContentRange(header: string | null | undefined): ContentRange | null {
  const m = /^\s*bytes\s+(\d{1,15})-(\d{1,15})\/(\d{1,15})\s*$/i.exec(header ?? "");
  if (!m) return null;
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (end < start || end >= total) return null;
  return { start, end, total };
}
