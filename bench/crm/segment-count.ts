// Times a three-condition segment count (two contact fields and a recent email click) through the segments engine, with its
// EXPLAIN ANALYZE once and the same count hand-written in SQL for reference. Never report a count the reference disagrees with.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Ctx } from "@/lib/auth/context";
import { listContacts } from "@/lib/crm";
import { compileSegmentRules, contactCountSql, countSegmentRules, createSegment, type SegmentRules } from "@/lib/crm/segments";
import type { Figures } from "../lib/figures";
import { round, summarize } from "../lib/percentiles";
import { timed } from "../lib/timing";

/** Mid-funnel contacts in Germany who clicked an email in the last 30 days. */
export const SEGMENT_RULES: SegmentRules = {
  type: "group",
  op: "and",
  rules: [
    { type: "field", field: "lifecycleStage", operator: "in", value: ["mql", "sql"] },
    { type: "field", field: "country", operator: "eq", value: "DE" },
    { type: "event", eventType: "email_click", occurred: { op: "at_least" }, withinDays: 30 },
  ],
};

/** The same question as plain SQL, the way one would write it by hand. */
const HAND_WRITTEN = `
  select count(*)::int as count
    from contacts c
   where c.workspace_id = $1 and c.deleted_at is null
     and c.lifecycle_stage in ('mql', 'sql')
     and c.country = 'DE'
     and exists (select 1 from contact_events e
                  where e.workspace_id = $1 and e.contact_id = c.id
                    and e.type = 'email_click' and e.occurred_at >= now() - interval '30 days')`;

export interface SegmentInput {
  ctx: Ctx;
  db: Db;
  runs: number;
  warmup: number;
  log: (line: string) => void;
}

export interface SegmentResult {
  figures: Figures;
  p95: number;
  /** The contacts page filtered by a saved segment of these rules (first page, newest first): its p95. */
  pageP95: number;
  plan: string;
}

function planTime(lines: string[], label: "Planning Time" | "Execution Time"): number {
  const line = lines.find((l) => l.trim().startsWith(`${label}:`));
  const m = line?.match(/([\d.]+) ms/);
  return m ? Number(m[1]) : Number.NaN;
}

export async function measureSegmentCount(input: SegmentInput): Promise<SegmentResult> {
  const { ctx, db, log } = input;

  // The very first count: caches are as warm as the data load left them, as for a rule builder opened after a while.
  const first = await timed(() => countSegmentRules(ctx, SEGMENT_RULES));
  const hand = await db.$client.query<{ count: number }>(HAND_WRITTEN, [ctx.workspaceId]);
  const expected = hand.rows[0]!.count;
  if (first.value.count !== expected) {
    throw new Error(`the segments engine counted ${first.value.count} contacts, the hand-written SQL ${expected}`);
  }
  log(`segment count: ${expected.toLocaleString("en")} matching contacts (first count ${first.ms.toFixed(1)} ms)`);

  for (let i = 0; i < input.warmup; i++) await countSegmentRules(ctx, SEGMENT_RULES);
  const engine: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < input.runs; i++) {
    engine.push((await timed(() => countSegmentRules(ctx, SEGMENT_RULES))).ms);
    reference.push((await timed(() => db.$client.query(HAND_WRITTEN, [ctx.workspaceId]))).ms);
  }

  // The engine's own SQL (the tree uses no custom fields or segment references, so the workspace is all it needs).
  const compiled = contactCountSql(compileSegmentRules(SEGMENT_RULES, { workspaceId: ctx.workspaceId }));
  const explained = await db.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers) ${compiled}`);
  const lines = explained.rows.map((r) => r["QUERY PLAN"]);
  const planning = planTime(lines, "Planning Time");
  const execution = planTime(lines, "Execution Time");

  // The same rules saved as a segment, and the contacts page filtered by it: the first 50 members, newest first.
  const segment = await createSegment(ctx, { name: "Bench: DE mid-funnel clickers", kind: "dynamic", rules: SEGMENT_RULES });
  const page = () => listContacts(ctx, { segmentId: segment.id, limit: 50 });
  const firstPage = (await page()).items.length;
  if (firstPage !== Math.min(50, expected)) throw new Error(`the segment's contacts page has ${firstPage} rows, expected ${Math.min(50, expected)}`);
  for (let i = 0; i < input.warmup; i++) await page();
  const pages: number[] = [];
  for (let i = 0; i < input.runs; i++) pages.push((await timed(page)).ms);
  const p = summarize(pages);
  log(`contacts page filtered by the segment: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms`);

  const e = summarize(engine);
  const r = summarize(reference);
  log(`segment count (engine): p50 ${e.p50.toFixed(1)} ms, p95 ${e.p95.toFixed(1)} ms (${e.count} runs)`);
  log(`segment count (hand-written SQL): p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
  log(`segment count EXPLAIN ANALYZE: planning ${planning} ms + execution ${execution} ms`);

  return {
    figures: {
      "segment.matches": { value: expected, unit: "contacts" },
      "segment.count_first": { value: round(first.ms), unit: "ms" },
      "segment.count_p50": { value: round(e.p50), unit: "ms" },
      "segment.count_p95": { value: round(e.p95), unit: "ms" },
      "segment.explain_analyze_total": { value: round(planning + execution), unit: "ms" },
      "segment.handwritten_sql_p50": { value: round(r.p50), unit: "ms" },
      "segment.handwritten_sql_p95": { value: round(r.p95), unit: "ms" },
      "segment.contacts_page_p50": { value: round(p.p50), unit: "ms" },
      "segment.contacts_page_p95": { value: round(p.p95), unit: "ms" },
    },
    p95: e.p95,
    pageP95: p.p95,
    plan: lines.join("\n"),
  };
}
