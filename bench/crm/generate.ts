// Fills a migrated throwaway database with a CRM at scale (companies, campaigns, contacts, their events) using INSERT … SELECT
// over generate_series on two connections, then rebuilds indexes and VACUUM ANALYZEs. Never run it against a database holding real data.
import type pg from "pg";
import { seconds } from "../lib/timing";
import {
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  CONSENT,
  COUNTRIES,
  EVENT_TYPES,
  FIRST_NAMES,
  FREE_MAIL,
  hash,
  INDUSTRIES,
  LAST_NAMES,
  lit,
  PAGE_PATHS,
  pick,
  SOURCES,
  STAGES,
  stableUuid,
  TITLES,
  unit,
} from "./sql-gen";

export interface WorkspaceData {
  workspaceId: string;
  contacts: number;
  events: number;
  companies: number;
  campaigns: number;
}

export interface GenerateInput {
  pool: pg.Pool;
  /** "Now" of the generated history: every created_at and occurred_at is at or before it. */
  now: Date;
  workspaces: WorkspaceData[];
  log: (line: string) => void;
}

/** Rows per INSERT … SELECT statement: small enough for steady progress lines, big enough that statement overhead vanishes. */
const CONTACT_CHUNK = 250_000;
const EVENT_CHUNK = 1_000_000;
/** Both cores: one statement per connection at a time. */
const CONCURRENCY = 2;
/** One in ten rows arrives in a batch of 1,000 sharing one created_at, as an import or sync writes them. */
const BATCH_ROWS = 1_000;
const HISTORY_DAYS = 1_095;
const EVENT_HISTORY_DAYS = 730;

const LOADED_TABLES = ["companies", "contacts", "contact_events"];

interface Job {
  label: string;
  rows: number;
  sql: string;
}

/** Runs jobs on `CONCURRENCY` connections; foreign-key triggers are off in these sessions because every reference is built valid. */
async function runJobs(pool: pg.Pool, jobs: Job[], log: (l: string) => void, what: string): Promise<void> {
  const queue = [...jobs];
  const total = jobs.reduce((n, j) => n + j.rows, 0);
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    const client = await pool.connect();
    try {
      await client.query("set session_replication_role = replica");
      for (let job = queue.shift(); job; job = queue.shift()) {
        await client.query(job.sql);
        done += job.rows;
        log(`${what}: ${done.toLocaleString("en")}/${total.toLocaleString("en")} rows (${seconds(performance.now() - started)})`);
      }
    } finally {
      await client.query("reset session_replication_role").catch(() => {});
      client.release();
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
}

function chunks(total: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 1; a <= total; a += size) out.push([a, Math.min(total, a + size - 1)]);
  return out;
}

function companyDomain(k: string): string {
  return `lower(${pick(k, 101, COMPANY_WORDS)} || ${pick(k, 102, COMPANY_SUFFIXES)}) || (${k})::text || '.com'`;
}

function companiesSql(ws: WorkspaceData, now: string): string {
  const w = lit(ws.workspaceId);
  return `insert into companies (id, workspace_id, name, domain, domains, industry, employee_count, website, country, created_at, updated_at)
    select ${stableUuid(ws.workspaceId, "company", "k")}, ${w}, ${pick("k", 101, COMPANY_WORDS)} || ' ' || ${pick("k", 102, COMPANY_SUFFIXES)},
      d, array[d], ${pick("k", 103, INDUSTRIES)}, 5 + ${hash("k", 104)} % 5000, 'https://' || d, ${pick("k", 105, COUNTRIES)},
      ${now} - interval '${HISTORY_DAYS} days' * ${unit("k", 106)}, ${now}
    from (select k, ${companyDomain("k")} as d from generate_series(1, ${ws.companies}) k) s`;
}

function campaignsSql(ws: WorkspaceData): string {
  return `insert into campaigns (id, workspace_id, name, objective)
    select ${stableUuid(ws.workspaceId, "campaign", "k")}, ${lit(ws.workspaceId)}, 'Campaign ' || k, 'Nurture'
    from generate_series(1, ${ws.campaigns}) k`;
}

function contactsSql(ws: WorkspaceData, from: number, to: number, now: string): string {
  const w = lit(ws.workspaceId);
  const step = `(interval '${HISTORY_DAYS} days' / ${ws.contacts})`;
  // Contacts are numbered oldest first; a batched row takes its batch's first timestamp (ties the keyset must order by id).
  const createdAt = `${now} - interval '${HISTORY_DAYS} days' + ${step} * (case when (g / ${BATCH_ROWS}) % 10 = 0 then (g / ${BATCH_ROWS}) * ${BATCH_ROWS} else g end)`;
  return `insert into contacts (id, workspace_id, email, first_name, last_name, phone, title, company_id, source, country, tags, custom,
      lifecycle_stage, score, tier, email_consent, do_not_contact, deleted_at, created_at, updated_at)
    select ${stableUuid(ws.workspaceId, "contact", "g")}, ${w},
      lower(fn || '.' || ln) || '.' || g || '@' || case when k is null then ${pick("g", 3, FREE_MAIL)} else ${companyDomain("k")} end,
      fn, ln,
      case when ${unit("g", 4)} < 0.6 then '+4420' || (70000000 + ${hash("g", 5)} % 9999999)::text end,
      ${pick("g", 6, TITLES)}, case when k is null then null else ${stableUuid(ws.workspaceId, "company", "k")} end,
      ${pick("g", 7, SOURCES)}, ${pick("g", 8, COUNTRIES)},
      array_remove(array[
        case when ${unit("g", 9)} < 0.30 then 'newsletter' end,
        case when ${unit("g", 10)} < 0.08 then 'vip' end,
        case when ${unit("g", 11)} < 0.15 then 'webinar' end,
        case when ${unit("g", 12)} < 0.10 then 'trial' end,
        case when ${unit("g", 13)} < 0.12 then 'event-2025' end
      ]::text[], null),
      case when ${unit("g", 14)} < 0.2 then jsonb_build_object('plan', ${pick("g", 15, [["free", 3], ["pro", 2], ["enterprise", 1]])}) else '{}'::jsonb end,
      ${pick("g", 16, STAGES)}, score,
      case when score >= 80 then 'A' when score >= 50 then 'B' when score is not null then 'C' end,
      ${pick("g", 17, CONSENT)}, ${unit("g", 18)} < 0.02,
      case when ${unit("g", 19)} < 0.005 then created_at + interval '1 day' end,
      created_at, least(${now}, created_at + interval '30 days' * ${unit("g", 20)})
    from (
      select g, ${pick("g", 1, FIRST_NAMES)} as fn, ${pick("g", 2, LAST_NAMES)} as ln,
        case when ${unit("g", 21)} < 0.75 then 1 + ${hash("g", 22)} % ${ws.companies} end as k,
        case when ${unit("g", 23)} < 0.6 then ${hash("g", 24)} % 101 end as score,
        ${createdAt} as created_at
      from generate_series(${from}, ${to}) g
    ) s`;
}

function eventsSql(ws: WorkspaceData, from: number, to: number, now: string): string {
  const w = lit(ws.workspaceId);
  // Events are numbered in time order (the table fills as they happen), denser towards now: ~8% fall in the last 30 days.
  // A contact's share follows a power law: early contacts have hundreds of events, most have a handful.
  return `insert into contact_events (workspace_id, contact_id, type, channel, campaign_id, value_minor, occurred_at, properties, received_at)
    select ${w}, ${stableUuid(ws.workspaceId, "contact", "ix")}, t,
      case when t like 'email_%' then 'email' when t in ('page_view', 'form_submit') then 'web' when t = 'post_engagement' then 'social' end,
      case when t like 'email_%' and ${hash("g", 31)} % 4 <> 0 then ${stableUuid(ws.workspaceId, "campaign", `1 + ${hash("g", 32)} % ${ws.campaigns}`)} end,
      case when t = 'purchase' then 500 + ${hash("g", 33)} % 50000 end,
      at,
      case when t = 'page_view' then jsonb_build_object('path', ${pick("g", 34, PAGE_PATHS)}) else '{}'::jsonb end,
      at
    from (
      select g, least(${ws.contacts}, 1 + floor(${ws.contacts} * power(${unit("g", 35)}, 1.6))::int) as ix,
        ${pick("g", 36, EVENT_TYPES)} as t,
        ${now} - interval '${EVENT_HISTORY_DAYS} days' * power(1 - g::float8 / ${ws.events}, 1.25) as at
      from generate_series(${from}, ${to}) g
    ) s`;
}

interface IndexDef {
  name: string;
  table: string;
  def: string;
}

/** Secondary indexes (not backing a primary key or unique constraint) of the loaded tables, biggest table first. */
async function secondaryIndexes(client: pg.PoolClient): Promise<IndexDef[]> {
  const { rows } = await client.query<{ name: string; table: string; def: string }>(
    `select i.indexname as name, i.tablename as table, i.indexdef as def
       from pg_indexes i
      where i.schemaname = 'public' and i.tablename = any($1::text[])
        and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    [LOADED_TABLES],
  );
  const order = (t: string) => ["contact_events", "contacts", "companies"].indexOf(t);
  return rows.sort((a, b) => order(a.table) - order(b.table));
}

/** Loading into bare tables and indexing once is several times faster than maintaining ten indexes row by row. */
export async function generateCrm(input: GenerateInput): Promise<void> {
  const { pool, log } = input;
  const now = `${lit(input.now.toISOString())}::timestamptz`;
  const started = performance.now();

  // Load-time settings only: no checkpoint or autovacuum in the middle of the load. Reset before anything is measured.
  await pool.query("alter system set max_wal_size = '8GB'");
  await pool.query("alter system set checkpoint_timeout = '1h'");
  await pool.query("alter system set autovacuum = off");
  await pool.query("select pg_reload_conf()");

  const admin = await pool.connect();
  let indexes: IndexDef[];
  try {
    indexes = await secondaryIndexes(admin);
    for (const ix of indexes) await admin.query(`drop index ${ix.name}`);
  } finally {
    admin.release();
  }

  const small: Job[] = input.workspaces.flatMap((ws) => [
    { label: "companies", rows: ws.companies, sql: companiesSql(ws, now) },
    { label: "campaigns", rows: ws.campaigns, sql: campaignsSql(ws) },
  ]);
  await runJobs(pool, small, () => {}, "companies");
  log(`companies and campaigns: ${input.workspaces.map((w) => w.companies.toLocaleString("en")).join(" + ")} companies`);

  const contactJobs = input.workspaces.flatMap((ws) =>
    chunks(ws.contacts, CONTACT_CHUNK).map(([a, b]) => ({ label: "contacts", rows: b - a + 1, sql: contactsSql(ws, a, b, now) })),
  );
  await runJobs(pool, contactJobs, log, "contacts");

  const eventJobs = input.workspaces.flatMap((ws) =>
    chunks(ws.events, EVENT_CHUNK).map(([a, b]) => ({ label: "events", rows: b - a + 1, sql: eventsSql(ws, a, b, now) })),
  );
  await runJobs(pool, eventJobs, log, "events");

  const indexQueue = [...indexes];
  const indexStarted = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const client = await pool.connect();
      try {
        await client.query("set maintenance_work_mem = '1GB'");
        await client.query("set max_parallel_maintenance_workers = 0");
        for (let ix = indexQueue.shift(); ix; ix = indexQueue.shift()) {
          await client.query(ix.def);
          log(`index ${ix.name} (${seconds(performance.now() - indexStarted)})`);
        }
      } finally {
        client.release();
      }
    }),
  );

  const vacuumStarted = performance.now();
  // A long-lived database has had autovacuum through these tables: visibility map set, hint bits written, statistics fresh.
  await Promise.all([
    pool.query("vacuum (analyze) contact_events"),
    (async () => {
      await pool.query("vacuum (analyze) contacts");
      await pool.query("vacuum (analyze) companies, campaigns");
      await pool.query("analyze");
    })(),
  ]);
  log(`vacuum analyze (${seconds(performance.now() - vacuumStarted)})`);

  await pool.query("alter system reset max_wal_size");
  await pool.query("alter system reset checkpoint_timeout");
  await pool.query("alter system reset autovacuum");
  await pool.query("select pg_reload_conf()");
  await pool.query("checkpoint");
  log(`data ready in ${seconds(performance.now() - started)}`);
}
