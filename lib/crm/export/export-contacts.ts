// Contact export: a streamed CSV of any filtered view or segment, read in keyset batches (never all rows at once) and
// neutralised against formula injection. Scoped to ctx.workspaceId; a company or segment of another workspace is "not found".
import "server-only";
import type { Readable } from "node:stream";
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { companies, contacts, customFieldDefs, segments, type Segment } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import { contactSearchCondition, contactTagCondition } from "../contacts";
import { segmentContactIdsQuery } from "../segments/segments";
import { csvStream } from "./csv-stream";
import { exportContactsSchema, type ExportContactsInput } from "./schemas";

/**
 * Supplies the members of a segment as a SQL subquery selecting contact ids (`select contact_id from …`), scoped to
 * ctx.workspaceId. The segments engine registers one for rule-based segments; without it, membership is read from
 * `segment_members` (static lists, or whatever the segments engine materialised there).
 */
export type SegmentContactIds = (ctx: Ctx, segment: Segment) => SQL | Promise<SQL>;

export const segmentMembersContactIds: SegmentContactIds = (ctx, segment) =>
  sql`select sm.contact_id from segment_members sm where sm.workspace_id = ${ctx.workspaceId} and sm.segment_id = ${segment.id}`;

let registered: SegmentContactIds | null = null;

/** Called once by the segments engine at load; pass null to go back to `segment_members`. */
/** Rule-based segments and static lists alike, through the segments engine. */
const segmentEngineContactIds: SegmentContactIds = (ctx, segment) => segmentContactIdsQuery(ctx, segment.id);

export function registerSegmentContactIds(provider: SegmentContactIds | null): void {
  registered = provider;
}

export interface ExportOptions {
  /** Overrides the registered provider (tests, or a caller with its own segment logic). */
  segmentContactIds?: SegmentContactIds;
  /** Rows per keyset batch. */
  batchSize?: number;
}

/** The WHERE conditions of a filtered contact view, shared shape with the contacts list. */
export async function contactViewConditions(ctx: Ctx, input: ExportContactsInput, options: ExportOptions = {}): Promise<SQL[]> {
  const f = exportContactsSchema.parse(input);
  const conds: SQL[] = [eq(contacts.workspaceId, ctx.workspaceId), isNull(contacts.deletedAt)];
  // The list's own search and tag conditions, so an export holds exactly the contacts the list shows.
  if (f.q) conds.push(contactSearchCondition(f.q));
  if (f.stage) conds.push(eq(contacts.lifecycleStage, f.stage));
  if (f.tag) conds.push(contactTagCondition(f.tag));
  if (f.ownerUserId) conds.push(eq(contacts.ownerUserId, f.ownerUserId));
  if (f.companyId) {
    const [company] = await ctx.db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, f.companyId)))
      .limit(1);
    if (!company) throw new NotFoundError("Company");
    conds.push(eq(contacts.companyId, f.companyId));
  }
  if (f.segmentId) {
    const [segment] = await ctx.db
      .select()
      .from(segments)
      .where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, f.segmentId)))
      .limit(1);
    if (!segment) throw new NotFoundError("Segment");
    const provider = options.segmentContactIds ?? registered ?? segmentEngineContactIds;
    conds.push(sql`${contacts.id} in (${await provider(ctx, segment)})`);
  }
  return conds;
}

const BASE_HEADER = [
  "ID",
  "Email",
  "First name",
  "Last name",
  "Phone",
  "Job title",
  "Seniority",
  "Department",
  "Company",
  "Company domain",
  "Country",
  "Time zone",
  "Lifecycle stage",
  "Tags",
  "Score",
  "Tier",
  "Email consent",
  "Do not contact",
  "Source",
  "Created at",
  "Updated at",
];

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/**
 * Validates, authorises and audits, then returns a stream that reads the view batch by batch as the client downloads.
 * Headers re-import cleanly: the importer's auto-mapping recognises every column, custom fields as `custom.<key>`.
 */
export async function exportContactsCsv(ctx: Ctx, input: ExportContactsInput, options: ExportOptions = {}): Promise<{ stream: Readable; fileName: string }> {
  authorize(ctx, "contacts.export");
  const filters = exportContactsSchema.parse(input);
  const conds = await contactViewConditions(ctx, filters, options);
  const batchSize = options.batchSize ?? 1_000;
  const customKeys = (
    await ctx.db
      .select({ key: customFieldDefs.key })
      .from(customFieldDefs)
      .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.entity, "contact")))
      .orderBy(asc(customFieldDefs.key))
      .limit(200)
  ).map((r) => r.key);

  await recordAudit(ctx.db, ctx, {
    action: "contacts.export",
    entityType: "contact",
    entityId: filters.segmentId ?? "view",
    after: { filters },
  });

  const db = ctx.db;
  async function* rows(): AsyncGenerator<string[]> {
    let cursor: { t: string; id: string } | null = null;
    for (;;) {
      const where: SQL[] = [...conds];
      if (cursor) {
        // Keyset on (created_at, id) both descending, one range of contacts_workspace_created_id_idx per batch; the cursor
        // keeps Postgres's own timestamp text so microseconds survive.
        where.push(sql`(${contacts.createdAt}, ${contacts.id}) < (cast(${cursor.t} as timestamptz), ${cursor.id}::uuid)`);
      }
      const batch = await db
        .select({
          c: contacts,
          companyName: companies.name,
          companyDomain: companies.domain,
          key: sql<string>`${contacts.createdAt}::text`,
        })
        .from(contacts)
        .leftJoin(companies, and(eq(companies.id, contacts.companyId), eq(companies.workspaceId, contacts.workspaceId)))
        .where(and(...where))
        .orderBy(sql`${contacts.createdAt} desc nulls last`, sql`${contacts.id} desc nulls last`)
        .limit(batchSize);
      for (const { c, companyName, companyDomain } of batch) {
        yield [
          c.id,
          text(c.email),
          text(c.firstName),
          text(c.lastName),
          text(c.phone),
          text(c.title),
          text(c.seniority),
          text(c.department),
          text(companyName),
          text(companyDomain),
          text(c.country),
          text(c.timezone),
          c.lifecycleStage,
          c.tags.join("; "),
          text(c.score),
          text(c.tier),
          c.emailConsent,
          c.doNotContact ? "yes" : "no",
          text(c.source),
          c.createdAt.toISOString(),
          c.updatedAt.toISOString(),
          ...customKeys.map((k) => {
            const v = c.custom[k];
            return v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
          }),
        ];
      }
      const last = batch[batch.length - 1];
      if (batch.length < batchSize || !last) return;
      cursor = { t: last.key, id: last.c.id };
    }
  }

  const date = new Date().toISOString().slice(0, 10);
  return { stream: csvStream([...BASE_HEADER, ...customKeys.map((k) => `custom.${k}`)], rows()), fileName: `contacts-${date}.csv` };
}

