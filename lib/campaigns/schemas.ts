// Inputs for campaigns: one zod schema per operation, shared by forms, server actions, REST routes and the OpenAPI document.
// Money is integer minor units; dates are calendar dates (YYYY-MM-DD) in the workspace's timezone.
import { z } from "zod";

export const CAMPAIGN_STATUSES = ["planned", "active", "paused", "completed"] as const;
export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Use a date like 2026-12-31.", abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "Not a real date.");

const tags = z
  .array(z.string().trim().min(1).max(40))
  .max(20, "At most 20 tags.")
  .transform((t) => [...new Set(t.map((x) => x.toLowerCase()))]);

const campaignFields = {
  name: z.string().trim().min(2, "Use at least 2 characters.").max(120),
  objective: z.string().trim().max(2000).default(""),
  status: campaignStatusSchema.default("planned"),
  startDate: isoDate.nullable().default(null),
  endDate: isoDate.nullable().default(null),
  budgetMinor: z.coerce
    .number()
    .int("Budget is in minor units (cents), a whole number.")
    .min(0, "Budget cannot be negative.")
    .max(1e13),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Use a 3-letter ISO currency code."),
  ownerUserId: z.string().min(1).nullable().default(null),
  tags: tags.default([]),
};

function datesInOrder(v: { startDate?: string | null; endDate?: string | null }): boolean {
  return !v.startDate || !v.endDate || v.startDate <= v.endDate;
}

export const createCampaignSchema = z
  .object({ ...campaignFields, budgetMinor: campaignFields.budgetMinor.default(0), currency: campaignFields.currency.default("USD") })
  .refine(datesInOrder, { message: "The end date is before the start date.", path: ["endDate"] });

const campaignPatchObject = z.object({
  name: campaignFields.name.optional(),
  objective: z.string().trim().max(2000).optional(),
  status: campaignStatusSchema.optional(),
  startDate: isoDate.nullable().optional(),
  endDate: isoDate.nullable().optional(),
  budgetMinor: campaignFields.budgetMinor.optional(),
  currency: campaignFields.currency.optional(),
  ownerUserId: z.string().min(1).nullable().optional(),
  tags: tags.optional(),
});

/** The fields a PATCH may change (the id travels in the path). */
export const campaignPatchSchema = campaignPatchObject.refine(datesInOrder, {
  message: "The end date is before the start date.",
  path: ["endDate"],
});

export const updateCampaignSchema = campaignPatchObject
  .extend({ id: z.string().uuid("Not a campaign id.") })
  .refine(datesInOrder, { message: "The end date is before the start date.", path: ["endDate"] });

export const campaignIdSchema = z.object({ id: z.string().uuid("Not a campaign id.") });

export const CAMPAIGN_SORTS = ["newest", "oldest", "name", "start", "budget"] as const;

export const listCampaignsSchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: campaignStatusSchema.optional(),
  tag: z.string().trim().max(40).optional(),
  sort: z.enum(CAMPAIGN_SORTS).default("newest"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
});

export type CreateCampaignInput = z.input<typeof createCampaignSchema>;
export type UpdateCampaignInput = z.input<typeof updateCampaignSchema>;
export type ListCampaignsInput = z.input<typeof listCampaignsSchema>;

/** A campaign as the REST API returns it. */
export const campaignSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  objective: z.string(),
  status: campaignStatusSchema,
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budgetMinor: z.number().int(),
  currency: z.string(),
  ownerUserId: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const campaignPageSchema = z.object({ items: z.array(campaignSchema), nextCursor: z.string().nullable() });

/** Shapes an engine row for JSON (dates as ISO strings, no internal columns). */
export function campaignToJson(c: {
  id: string;
  name: string;
  objective: string;
  status: (typeof CAMPAIGN_STATUSES)[number];
  startDate: string | null;
  endDate: string | null;
  budgetMinor: number;
  currency: string;
  ownerUserId: string | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}): z.infer<typeof campaignSchema> {
  return {
    id: c.id,
    name: c.name,
    objective: c.objective,
    status: c.status,
    startDate: c.startDate,
    endDate: c.endDate,
    budgetMinor: c.budgetMinor,
    currency: c.currency,
    ownerUserId: c.ownerUserId,
    tags: c.tags,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
