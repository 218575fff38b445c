// Times the contacts list page (50 rows, newest first) at depth 0 and deep down: our keyset listContacts next to the same
// select with OFFSET (the anchor), interleaved run by run. Never report a page whose rows differ from the anchor's.
import { and, eq, isNull, sql } from "drizzle-orm";
import type pg from "pg";
import type { Db } from "@/db/client";
import { companies, contacts } from "@/db/schema";
import type { Ctx } from "@/lib/auth/context";
import { listContacts } from "@/lib/crm";
import { encodeCursor } from "@/lib/pagination";
import type { Figures } from "../lib/figures";
import { round, summarize } from "../lib/percentiles";
import { timed } from "../lib/timing";

export const PAGE_SIZE = 50;

export interface PagesInput {
  ctx: Ctx;
  db: Db;
  /** Rows before the deep page: its first row is row depth + 1. */
  depth: number;
  runs: number;
  warmup: number;
  log: (line: string) => void;
}

export interface PageSummary {
  label: string;
  p50: number;
  p95: number;
}

/** The listContacts select with OFFSET instead of a cursor: same columns, filter and order. */
async function offsetPage(db: Db, workspaceId: string, offset: number): Promise<string[]> {
  const companyName = sql<string | null>`(select ${companies.name} from ${companies} where ${companies.id} = ${contacts.companyId})`;
  const rows = await db
    .select({ c: contacts, companyName })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), isNull(contacts.deletedAt)))
    // The nulls clause as listContacts (and the index) has it, so both sides walk the same index.
    .orderBy(sql`${contacts.createdAt} desc nulls last`, sql`${contacts.id} desc nulls last`)
    .offset(offset)
    .limit(PAGE_SIZE);
  return rows.map((r) => r.c.id);
}

/**
 * The cursor a user holds after paging down to row `depth`: that row's sort key, in the text form listContacts puts in
 * its cursors (`created_at::text`, so microseconds survive), and its id. Found with one query, not by paging.
 */
async function cursorAt(db: Db, workspaceId: string, depth: number): Promise<{ cursor: string; tiedRows: number }> {
  const { rows } = await db.$client.query<{ key: string; id: string; tied: number }>(
    `select r.key, r.id,
            (select count(*)::int from contacts t where t.workspace_id = $1 and t.deleted_at is null and t.created_at = r.created_at) as tied
       from (select created_at, created_at::text as key, id from contacts
              where workspace_id = $1 and deleted_at is null
              order by created_at desc, id desc offset $2 limit 1) r`,
    [workspaceId, depth - 1],
  );
  const row = rows[0];
  if (!row) throw new Error(`the workspace has fewer than ${depth} contacts; cannot position a cursor there`);
  return { cursor: encodeCursor(row.key, row.id), tiedRows: row.tied };
}

interface CapturedQuery {
  text: string;
  values: unknown[];
}

/** The statements `fn` sends through the pool (drizzle queries the pool directly outside transactions), to EXPLAIN them as sent. */
async function captureQueries(pool: pg.Pool, fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const seen: CapturedQuery[] = [];
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const spy = (...args: unknown[]) => {
    const q = args[0];
    if (typeof q === "string") seen.push({ text: q, values: Array.isArray(args[1]) ? args[1] : [] });
    // drizzle sends ({ text, rowMode, types }, params); pg also accepts the values inside the config object.
    else if (q && typeof q === "object" && "text" in q) {
      const values = (q as { values?: unknown[] }).values ?? (Array.isArray(args[1]) ? args[1] : []);
      seen.push({ text: String(q.text), values });
    }
    return original(...args);
  };
  Object.defineProperty(pool, "query", { value: spy, configurable: true, writable: true });
  try {
    await fn();
  } finally {
    delete (pool as { query?: unknown }).query;
  }
  return seen;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the page query `fn` runs, as plan lines (the last select it sent is the page). */
async function explainPage(pool: pg.Pool, fn: () => Promise<unknown>): Promise<string[]> {
  const page = (await captureQueries(pool, fn)).filter((q) => /^\s*select/i.test(q.text)).pop();
  if (!page) return ["(no select captured)"];
  const res = await pool.query<{ "QUERY PLAN": string }>({ text: `explain (analyze, buffers) ${page.text}`, values: page.values });
  return res.rows.map((r) => r["QUERY PLAN"]);
}

function sameRows(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export async function measureContactPages(input: PagesInput): Promise<{ figures: Figures; summaries: PageSummary[] }> {
  const { ctx, db, depth, log } = input;
  const deep = await cursorAt(db, ctx.workspaceId, depth);
  const depthLabel = depth % 1000 === 0 ? `${depth / 1000}k` : String(depth);
  log(`contacts page: cursor at row ${depth.toLocaleString("en")}; ${deep.tiedRows} row(s) share its created_at`);

  const variants = [
    { label: "keyset_depth0", run: async () => (await listContacts(ctx, { limit: PAGE_SIZE })).items.map((c) => c.id) },
    { label: "offset_depth0", run: () => offsetPage(db, ctx.workspaceId, 0) },
    { label: `keyset_depth${depthLabel}`, run: async () => (await listContacts(ctx, { limit: PAGE_SIZE, cursor: deep.cursor })).items.map((c) => c.id) },
    { label: `offset_depth${depthLabel}`, run: () => offsetPage(db, ctx.workspaceId, depth) },
  ];

  // Keyset and OFFSET must show the same 50 contacts, or the comparison would be between different pages.
  const [k0, o0, kd, od] = await Promise.all(variants.map((v) => v.run()));
  if (!sameRows(k0!, o0!) || k0!.length !== PAGE_SIZE) throw new Error("keyset and OFFSET disagree on the first page");
  if (!sameRows(kd!, od!) || kd!.length !== PAGE_SIZE) throw new Error(`keyset and OFFSET disagree on the page after row ${depth}`);

  for (let i = 0; i < input.warmup; i++) for (const v of variants) await v.run();
  const samples = new Map<string, number[]>(variants.map((v) => [v.label, []]));
  // Round-robin, so drift (autovacuum, page cache) hits every variant alike.
  for (let i = 0; i < input.runs; i++) {
    for (const v of variants) samples.get(v.label)!.push((await timed(v.run)).ms);
  }

  // The plans behind the figures, for the notes: which index each walks and how many rows it reads to skip.
  for (const v of variants) {
    log(`plan of ${v.label}:\n${(await explainPage(db.$client, v.run)).join("\n")}`);
  }

  return summarizePages(samples, log);
}

/** p50/p95 figures and summaries of each label's samples, logged one line per page kind. */
function summarizePages(samples: Map<string, number[]>, log: (line: string) => void): { figures: Figures; summaries: PageSummary[] } {
  const figures: Figures = {};
  const summaries: PageSummary[] = [];
  for (const [label, ms] of samples) {
    const s = summarize(ms);
    figures[`pages.${label}_p50`] = { value: round(s.p50), unit: "ms" };
    figures[`pages.${label}_p95`] = { value: round(s.p95), unit: "ms" };
    summaries.push({ label, p50: s.p50, p95: s.p95 });
    log(`contacts page ${label}: p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms (${s.count} runs)`);
  }
  return { figures, summaries };
}

/**
 * The first page of the other views a user opens (the page goal is "any contacts page"): each sort, a stage, a tag and a
 * company filter, and the search box with a last-name prefix and an email prefix. The values are taken from the data
 * (a common tag, the company with the most contacts, a real contact's name and email), so every view has rows, and a
 * search that matches nothing (the worst case of a search). p50 and p95 over `runs`, round-robin. Plans of views slower than `slowMs` are logged.
 */
export async function measureContactViews(input: PagesInput & { slowMs: number }): Promise<{ figures: Figures; summaries: PageSummary[] }> {
  const { ctx, db, log } = input;
  const pool = db.$client;
  const pick = async <T extends pg.QueryResultRow>(text: string): Promise<T> => {
    const row = (await pool.query<T>(text, [ctx.workspaceId])).rows[0];
    if (!row) throw new Error(`no data for a contacts view: ${text}`);
    return row;
  };
  const tag = await pick<{ tag: string }>(
    `select t as tag from (select unnest(tags) as t from contacts where workspace_id = $1 limit 20000) x group by t order by count(*) desc limit 1`,
  );
  const company = await pick<{ id: string }>(
    `select company_id as id from contacts where workspace_id = $1 and company_id is not null group by company_id order by count(*) desc limit 1`,
  );
  // A contact from the middle of the table, so the prefixes are neither the first nor the last in any order.
  const person = await pick<{ last_name: string; email: string }>(
    `select last_name, email from contacts where workspace_id = $1 and last_name is not null and email is not null
      order by created_at desc, id desc offset 400000 limit 1`,
  ).catch(() => pick<{ last_name: string; email: string }>(`select last_name, email from contacts where workspace_id = $1 and last_name is not null and email is not null limit 1`));
  const views: Array<{ label: string; params: Parameters<typeof listContacts>[1]; empty?: true }> = [
    { label: "view_sort_name", params: { sort: "name" } },
    { label: "view_sort_email", params: { sort: "email" } },
    { label: "view_sort_score", params: { sort: "score" } },
    { label: "view_sort_oldest", params: { sort: "oldest" } },
    { label: "view_stage_mql", params: { stage: "mql" } },
    { label: "view_tag", params: { tag: tag.tag } },
    { label: "view_company", params: { companyId: company.id } },
    { label: "view_search_name", params: { q: person.last_name.slice(0, 5) } },
    { label: "view_search_email", params: { q: person.email.slice(0, 8) } },
    // The worst case for a search: nothing matches, so no walk of the workspace can stop early.
    { label: "view_search_nothing", params: { q: "qxzv" }, empty: true },
  ];
  log(`contacts views: tag "${tag.tag}", search "${person.last_name.slice(0, 5)}" and "${person.email.slice(0, 8)}"`);
  const run = async (params: Parameters<typeof listContacts>[1]) => (await listContacts(ctx, { limit: PAGE_SIZE, ...params })).items.length;
  for (const v of views) {
    const n = await run(v.params);
    if (v.empty ? n !== 0 : n === 0) throw new Error(`contacts view ${v.label} has ${n} rows`);
  }
  for (let i = 0; i < input.warmup; i++) for (const v of views) await run(v.params);
  const samples = new Map<string, number[]>(views.map((v) => [v.label, []]));
  for (let i = 0; i < input.runs; i++) for (const v of views) samples.get(v.label)!.push((await timed(() => run(v.params))).ms);
  const result = summarizePages(samples, log);
  for (const v of views) {
    const p95 = result.summaries.find((x) => x.label === v.label)!.p95;
    if (p95 > input.slowMs) log(`plan of ${v.label}:\n${(await explainPage(pool, () => run(v.params))).join("\n")}`);
  }
  return result;
}
