// Types of the enrichment REST answers as the browser reads them, and whether a run is still going.
// Never redefine these shapes: they come from the enrichment engine's own JSON schemas.
import type { z } from "zod";
import type { enrichContactResponseSchema, EnrichmentRunJson } from "@/lib/crm/enrichment/schemas";

export type EnrichContactResponse = z.output<typeof enrichContactResponseSchema>;
export type { EnrichmentRunJson };
export { apiJson, type ApiResult } from "./rest-client";

export function isRunActive(run: Pick<EnrichmentRunJson, "status">): boolean {
  return run.status === "queued" || run.status === "running";
}
