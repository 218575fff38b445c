// URL state of the comparison page (?ids=a,b[,c,d]&channel=): one parser map for the page loader.
// Never pass junk to the engine: ids that are not UUIDs are dropped, duplicates removed, at most four kept.
import { createLoader, parseAsString } from "nuqs/server";

export const compareSearchParams = { ids: parseAsString.withDefault(""), channel: parseAsString };
export const loadCompareSearchParams = createLoader(compareSearchParams);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function compareIds(raw: string): string[] {
  return [...new Set(raw.split(",").map((s) => s.trim()).filter((s) => UUID.test(s)))].slice(0, 4);
}
