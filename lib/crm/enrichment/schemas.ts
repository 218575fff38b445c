// Inputs and outputs of waterfall enrichment: runs, the allow-list, the batch job payload, and the JSON shapes of runs and
// reports. One zod schema each, shared by the engine, the REST routes, the job queue and the OpenAPI document.
import ipaddr from "ipaddr.js";
import { z } from "zod";

/** contact: one contact enriched now; contacts: a list; segment; import. */
export const ENRICHMENT_RUN_SCOPES = ["contact", "contacts", "segment", "import"] as const;
export const ENRICHMENT_RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type EnrichmentRunStatus = (typeof ENRICHMENT_RUN_STATUSES)[number];

const HOSTNAME_RE = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$/;

/** A host as the allow-list stores it: lower-case, no scheme, port, brackets or trailing dot. A pasted URL gives its host. */
export const allowHostValueSchema = z
  .string()
  .trim()
  .min(1, "Name a host, e.g. intranet.example.com.")
  .max(300)
  .transform((raw, ctx) => {
    let v = raw.toLowerCase();
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(v)) {
      try {
        v = new URL(v).hostname;
      } catch {
        ctx.addIssue({ code: "custom", message: "Not a valid URL or host name." });
        return z.NEVER;
      }
    }
    v = v.replace(/^\[|\]$/g, "").replace(/\.$/, "");
    if (ipaddr.isValid(v)) return ipaddr.parse(v).toString();
    if (!HOSTNAME_RE.test(v)) {
      ctx.addIssue({ code: "custom", message: "Give a host name or IP address without a port or path, e.g. intranet.example.com." });
      return z.NEVER;
    }
    return v;
  });

export const allowHostSchema = z.object({ host: allowHostValueSchema });
export type AllowHostInput = z.input<typeof allowHostSchema>;

const contactIds = z.array(z.string().uuid("Not a contact id.")).min(1, "Name at least one contact.").max(10_000, "At most 10,000 contacts per run.");

export const createEnrichmentRunSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("contacts"), ids: contactIds }),
  z.object({ scope: z.literal("segment"), segmentId: z.string().uuid("Not a segment id.") }),
  z.object({ scope: z.literal("import"), importId: z.string().uuid("Not an import id.") }),
]);
export type CreateEnrichmentRunInput = z.input<typeof createEnrichmentRunSchema>;

export const enrichmentRunIdSchema = z.object({ id: z.string().uuid("Not an enrichment run id.") });
export const enrichContactParamsSchema = z.object({ id: z.string().uuid("Not a contact id.") });

export const listEnrichmentRunsSchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListEnrichmentRunsInput = z.input<typeof listEnrichmentRunsSchema>;

/** The batch job's payload: which run, whose workspace, and up to 50 contacts. */
export const enrichmentBatchPayloadSchema = z
  .object({
    runId: z.string().uuid(),
    workspaceId: z.string().min(1).max(100),
    contactIds: z.array(z.string().uuid()).min(1).max(50),
  })
  .strict();
export type EnrichmentBatchPayload = z.output<typeof enrichmentBatchPayloadSchema>;

/**
 * Why a provider did not do its work for a contact: it failed (the website could not be fetched), it was rate-limited past
 * the job's wait, or it was not retried because its last attempt on that company failed recently.
 */
export const ENRICHMENT_ISSUE_KINDS = ["failed", "rate_limited", "recently_failed"] as const;
export type EnrichmentIssueKind = (typeof ENRICHMENT_ISSUE_KINDS)[number];

// ---------------------------------------------------------------- JSON shapes (responses)

/** One provider's problems in a run: how many contacts it failed for, and one of the reasons it gave. */
export const enrichmentProviderIssueJsonSchema = z.object({
  provider: z.string(),
  kind: z.enum(ENRICHMENT_ISSUE_KINDS),
  count: z.number().int(),
  sampleReason: z.string(),
});
export type EnrichmentProviderIssueJson = z.output<typeof enrichmentProviderIssueJsonSchema>;

export const enrichmentRunJsonSchema = z.object({
  id: z.string(),
  scope: z.string(),
  targetId: z.string(),
  status: z.enum(ENRICHMENT_RUN_STATUSES),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  fieldsFilled: z.number().int(),
  /** (done + failed) / total, 1 when there was nothing to do. */
  progress: z.number(),
  /** Providers that failed (or could not run) for some of the run's contacts, most frequent first. */
  providerIssues: z.array(enrichmentProviderIssueJsonSchema),
  /** One reason a contact of the run could not be enriched at all (counted in `failed`), or null. */
  failureSample: z.string().nullable(),
  createdByUserId: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type EnrichmentRunJson = z.output<typeof enrichmentRunJsonSchema>;

export const enrichmentRunPageSchema = z.object({ items: z.array(enrichmentRunJsonSchema), nextCursor: z.string().nullable() });

export const filledFieldJsonSchema = z.object({
  field: z.string(),
  value: z.unknown(),
  confidence: z.number(),
  mode: z.enum(["fill", "replace", "normalise"]),
});

export const providerReportJsonSchema = z.object({
  provider: z.string(),
  status: z.enum(["ran", "skipped", "failed"]),
  reason: z.string().optional(),
  filled: z.array(filledFieldJsonSchema),
});

export const enrichmentReportJsonSchema = z.object({
  contactId: z.string(),
  companyId: z.string().nullable(),
  companyCreated: z.boolean(),
  fieldsFilled: z.number().int(),
  /** True when this run had already enriched the contact (a repeated job delivery): nothing was done twice. */
  alreadyDone: z.boolean(),
  providers: z.array(providerReportJsonSchema),
});

export const enrichContactResponseSchema = z.object({ run: enrichmentRunJsonSchema, report: enrichmentReportJsonSchema });

export const allowHostJsonSchema = z.object({ host: z.string(), createdAt: z.string() });
export const allowHostListSchema = z.object({ items: z.array(allowHostJsonSchema) });
