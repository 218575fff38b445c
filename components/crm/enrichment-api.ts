// Types of the enrichment REST answers as the browser reads them, the query keys of run lists, and whether a run is going.
// Never redefine these shapes: they come from the enrichment engine's own JSON schemas.
import type { z } from "zod";
import type { enrichContactResponseSchema, EnrichmentRunJson } from "@/lib/crm/enrichment/schemas";
import { crmQueryKeys } from "@/lib/query-keys";

export type EnrichContactResponse = z.output<typeof enrichContactResponseSchema>;
export type { EnrichmentRunJson };
export { apiJson, type ApiResult } from "./rest-client";

/** Every enrichment run list in the browser; invalidating it refreshes the progress banners and the runs page. */
export const ENRICHMENT_RUNS_KEY = [...crmQueryKeys.all, "enrichment-runs"] as const;
/** The runs page's keyset pages, starting after the server-rendered page's cursor (or from the start). */
export const enrichmentRunPagesKey = (start: string) => [...ENRICHMENT_RUNS_KEY, "pages", start] as const;

/** Runs per page on the runs page (server-rendered first page and the pages loaded after it). */
export const ENRICHMENT_RUNS_PAGE_SIZE = 20;

/** Where a run's row is on the runs page (the page anchors each row by id). */
export function enrichmentRunHref(id: string): string {
  return `/crm/enrichment#run-${id}`;
}

export function isRunActive(run: Pick<EnrichmentRunJson, "status">): boolean {
  return run.status === "queued" || run.status === "running";
}
