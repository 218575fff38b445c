"use server";
// Server actions for media insights in the asset drawer and pages: performance, suggestions and their one-click actions,
// AI alt text and the metrics CSV import. Never decide permissions here: runAction validates and the engine authorises.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/http/action";
import {
  applySuggestion,
  getAssetPerformance,
  importMetricsCsv,
  listSuggestions,
  METRICS_CSV_MAX_BYTES,
  suggestAltText,
  suggestionActionSchema,
  type AltTextResult,
  type ApplySuggestionResult,
  type AssetPerformance,
  type IngestMetricsResult,
  type Suggestion,
} from "@/lib/media";

const assetIdSchema = z.object({ assetId: z.string().uuid("Not an asset id.") });

export async function getAssetPerformanceAction(raw: unknown): Promise<ActionResult<AssetPerformance>> {
  return runAction(assetIdSchema, raw, (ctx, input) => getAssetPerformance(ctx, { assetId: input.assetId }));
}

export async function listAssetSuggestionsAction(raw: unknown): Promise<ActionResult<Suggestion[]>> {
  return runAction(assetIdSchema, raw, (ctx, input) => listSuggestions(ctx, { assetId: input.assetId }));
}

export async function applySuggestionAction(raw: unknown): Promise<ActionResult<ApplySuggestionResult>> {
  return runAction(assetIdSchema.extend({ action: suggestionActionSchema }), raw, async (ctx, input) => {
    const result = await applySuggestion(ctx, input);
    revalidatePath("/media");
    return result;
  });
}

export async function suggestAltTextAction(raw: unknown): Promise<ActionResult<AltTextResult>> {
  return runAction(assetIdSchema, raw, async (ctx, input) => {
    const result = await suggestAltText(ctx, { assetId: input.assetId });
    revalidatePath("/media");
    return result;
  });
}

const csvFileSchema = z.object({
  file: z
    .custom<Blob>((v) => v instanceof Blob, "Choose a CSV file.")
    .refine((f) => f.size > 0, "The file is empty.")
    .refine((f) => f.size <= METRICS_CSV_MAX_BYTES, `The file is over ${METRICS_CSV_MAX_BYTES / 1024 / 1024} MB; split it.`),
});

/** FormData with the CSV in `file`; every line is checked and nothing is stored unless all are good. */
export async function importMetricsCsvAction(form: FormData): Promise<ActionResult<IngestMetricsResult>> {
  const raw = form instanceof FormData ? { file: form.get("file") } : form;
  return runAction(csvFileSchema, raw, async (ctx, input) => {
    const result = await importMetricsCsv(ctx, await input.file.text());
    revalidatePath("/media");
    return result;
  });
}
