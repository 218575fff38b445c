// Inputs and REST shapes of the segments engine: one zod schema per operation, shared by forms, actions, REST and OpenAPI.
// Never accept a rule tree here without segmentRulesSchema: it is what keeps unknown fields out of the compiler.
import { z } from "zod";
import { segmentRulesSchema, type SegmentRules } from "./rules";

export { segmentRulesSchema };

export const SEGMENT_KINDS = ["dynamic", "static"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

const name = z.string().trim().min(1, "Name the segment.").max(120, "At most 120 characters.");
const uuid = (what: string) => z.string().uuid(`Not a ${what} id.`);

export const createSegmentSchema = z
  .object({
    name,
    kind: z.enum(SEGMENT_KINDS).default("dynamic"),
    rules: segmentRulesSchema.nullable().optional(),
  })
  .refine((s) => s.kind === "dynamic" || !s.rules, {
    message: "A static list has no rules; add contacts to it instead.",
    path: ["rules"],
  });

/** What a PATCH may change (the id travels in the path; the kind never changes). */
export const segmentPatchSchema = z.object({
  name: name.optional(),
  rules: segmentRulesSchema.optional(),
});

export const updateSegmentSchema = segmentPatchSchema.extend({ id: uuid("segment") });
export const segmentIdSchema = z.object({ id: uuid("segment") });

export const listSegmentsSchema = z.object({
  q: z.string().trim().max(120).optional(),
  kind: z.enum(SEGMENT_KINDS).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const countSegmentRulesSchema = z.object({ rules: segmentRulesSchema });

export const listSegmentContactsSchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const segmentMembersSchema = z.object({
  action: z.enum(["add", "remove"]),
  contactIds: z.array(uuid("contact")).min(1, "Name at least one contact.").max(10_000, "At most 10,000 contacts at a time."),
});

export const snapshotSegmentSchema = z.object({
  purpose: z.string().trim().min(1, "Say what the snapshot is for, e.g. send:<post id>.").max(200),
});

export type CreateSegmentInput = z.input<typeof createSegmentSchema>;
export type UpdateSegmentInput = z.input<typeof updateSegmentSchema>;
export type ListSegmentsInput = z.input<typeof listSegmentsSchema>;
export type SegmentMembersInput = z.input<typeof segmentMembersSchema>;

// ---------------------------------------------------------------- REST shapes

export const segmentSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(SEGMENT_KINDS),
  rules: segmentRulesSchema.nullable(),
  createdByUserId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const segmentPageSchema = z.object({ items: z.array(segmentSchema), nextCursor: z.string().nullable() });

export const segmentCountSchema = z.object({
  count: z.number().int(),
  /** Time the count query took, in milliseconds. */
  elapsedMs: z.number(),
});

export const segmentContactSchema = z.object({
  id: z.string().uuid(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyId: z.string().nullable(),
  lifecycleStage: z.string(),
  score: z.number().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
});

export const segmentContactsPageSchema = z.object({ items: z.array(segmentContactSchema), nextCursor: z.string().nullable() });

export const segmentMembersResultSchema = z.object({
  /** Contacts newly added to the list. */
  added: z.number().int(),
  /** Contacts taken off the list. */
  removed: z.number().int(),
  /** Named contacts that were already in (add) or not in (remove) the list. */
  unchanged: z.number().int(),
});

export const segmentSnapshotSchema = z.object({ snapshotId: z.string().uuid(), memberCount: z.number().int() });

export interface SegmentJsonInput {
  id: string;
  name: string;
  kind: string;
  rules: unknown;
  createdByUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Shapes an engine row for JSON (dates as ISO strings). */
export function segmentToJson(s: SegmentJsonInput): z.input<typeof segmentSchema> {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind === "static" ? "static" : "dynamic",
    rules: (s.rules as SegmentRules | null) ?? null,
    createdByUserId: s.createdByUserId,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
