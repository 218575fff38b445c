// Fills a migrated throwaway database with image assets carrying perceptual hashes (random ones and "photo series" around
// shared bases) plus near neighbours planted at known distances around probe hashes. Never run against real data.
import type pg from "pg";
import { hashToHex } from "@/lib/media";
import { seconds } from "../lib/timing";
import { hash, lit, pick, stableUuid, unit } from "../crm/sql-gen";

export interface HashSpace {
  workspaceId: string;
  libraryId: string;
  rows: number;
  /** Row numbers start here, so two workspaces draw different hashes. */
  offset: number;
}

/** A probe hash and the planted rows around it: which must be found at the default threshold, which must not. */
export interface Probe {
  hash: bigint;
  kind: "random" | "series";
  inside: { id: string; distance: number }[];
  outside: { id: string; distance: number }[];
  archived: { id: string; distance: number }[];
}

const CHUNK = 250_000;
const CONCURRENCY = 2;
/** Photo series: 40% of the rows are variations of one of this many base pictures (a shoot, a campaign's set). */
const SERIES = 20_000;
const INSIDE_DISTANCES = [0, 1, 3, 5, 7, 9, 10];
const OUTSIDE_DISTANCES = [11, 12, 14];
const ARCHIVED_DISTANCE = 4;

/** Live statuses dominate; archived and deleted rows must be skipped by the default lookup. */
const STATUSES = [
  ["APPROVED", 40], ["PUBLISHED", 30], ["DRAFT", 10], ["IN_REVIEW", 5], ["ARCHIVED", 12], ["DELETED", 3],
] as const;

/**
 * The dHash of row g: 60% uniformly random 64-bit values; 40% a series base with about 15 random bits flipped (two
 * 3-way ANDs of random words each set a bit with probability 1/8), so series members sit 10–25 bits from each other and
 * share bands with probes far more often than random hashes would. Postgres' bitwise operators share one precedence
 * level, hence every parenthesis.
 */
function dhashSql(g: string): string {
  const r = (s: number) => `hashint8extended((${g})::bigint, ${s})`;
  const mask = `((${r(44)} & ${r(45)} & ${r(46)}) | (${r(47)} & ${r(48)} & ${r(49)}))`;
  const base = `hashint8extended((1 + ${hash(g, 43)} % ${SERIES})::bigint, 42)`;
  return `case when ${unit(g, 41)} < 0.6 then ${r(40)} else (${base} # ${mask}) end`;
}

function assetsSql(space: HashSpace, from: number, to: number): string {
  const w = lit(space.workspaceId);
  return `insert into media_assets (id, workspace_id, library_id, name, original_file_name, kind, mime, bytes, width, height,
      aspect_ratio, format, sha256, dhash, original_key, status, created_at, updated_at)
    select ${stableUuid(space.workspaceId, "asset", "g")}, ${w}, ${lit(space.libraryId)}, 'Photo ' || g, 'IMG_' || g || '.jpg',
      'image', 'image/jpeg', 150000 + ${hash("g", 50)} % 8000000, wd, ht, wd::float8 / ht, 'jpeg',
      md5(${w} || ':' || g) || md5(g || ':' || ${w}), ${dhashSql(`g + ${space.offset}`)}, 'bench/' || g,
      (${pick("g", 51, STATUSES)})::media_status, at, at
    from (
      select g, (array[4000, 3000, 1080, 1080, 1920, 2400])[1 + ${hash("g", 52)} % 6] as wd,
        (array[3000, 4000, 1080, 1350, 1080, 1600])[1 + ${hash("g", 52)} % 6] as ht,
        now() - interval '730 days' * ${unit("g", 53)} as at
      from generate_series(${from}, ${to}) g
    ) s`;
}

function chunks(total: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 1; a <= total; a += size) out.push([a, Math.min(total, a + size - 1)]);
  return out;
}

/** A deterministic 64-bit generator (splitmix64). */
function splitmix(seed: bigint): () => bigint {
  let s = BigInt.asUintN(64, seed);
  return () => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
}

/** `hash` with exactly `distance` distinct bits flipped. */
function flipBits(h: bigint, distance: number, next: () => bigint): bigint {
  const bits = new Set<number>();
  while (bits.size < distance) bits.add(Number(next() % 64n));
  let out = BigInt.asUintN(64, h);
  for (const b of bits) out ^= 1n << BigInt(b);
  return BigInt.asIntN(64, out);
}

/** Loads into bare tables and indexes once: much faster than maintaining a dozen indexes row by row. */
export async function generateHashes(pool: pg.Pool, spaces: HashSpace[], log: (l: string) => void): Promise<void> {
  const started = performance.now();
  const admin = await pool.connect();
  let indexes: { name: string; def: string }[];
  try {
    const r = await admin.query<{ name: string; def: string }>(
      `select i.indexname as name, i.indexdef as def from pg_indexes i
        where i.schemaname = 'public' and i.tablename = 'media_assets'
          and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    );
    indexes = r.rows;
    for (const ix of indexes) await admin.query(`drop index ${ix.name}`);
  } finally {
    admin.release();
  }

  const jobs = spaces.flatMap((s) => chunks(s.rows, CHUNK).map(([a, b]) => ({ rows: b - a + 1, sql: assetsSql(s, a, b) })));
  const total = jobs.reduce((n, j) => n + j.rows, 0);
  let done = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      // Every library and workspace reference is valid by construction.
      await client.query("set session_replication_role = replica");
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        await client.query(job.sql);
        done += job.rows;
        log(`hashes: ${done.toLocaleString("en")}/${total.toLocaleString("en")} rows (${seconds(performance.now() - started)})`);
      }
    } finally {
      await client.query("reset session_replication_role").catch(() => {});
      client.release();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const pending = [...indexes];
  const builder = async () => {
    const client = await pool.connect();
    try {
      await client.query("set maintenance_work_mem = '256MB'");
      for (let ix = pending.shift(); ix; ix = pending.shift()) await client.query(ix.def);
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, builder));
  log(`hashes: rebuilt ${indexes.length} indexes (${seconds(performance.now() - started)})`);
}

/**
 * Probe hashes (half random, half from a photo series) with live rows planted at distances 0–10 (must be found), 11–14
 * (must not) and one archived row at distance 4 (skipped by default). Inserted through the same table, after the load.
 */
export async function plantProbes(pool: pg.Pool, space: HashSpace, count: number): Promise<Probe[]> {
  const next = splitmix(20261129n);
  const bases = await pool.query<{ h: string }>(
    `select hashint8extended(k::bigint, 42)::text as h from generate_series(1, ${Math.ceil(count / 2)}) k`,
  );
  const probes: Probe[] = [];
  const rows: { id: string; dhash: bigint; status: string }[] = [];
  let n = 0;
  const plant = (h: bigint, distance: number, status: string) => {
    n++;
    const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
    rows.push({ id, dhash: flipBits(h, distance, next), status });
    return { id, distance };
  };
  for (let i = 0; i < count; i++) {
    const series = i % 2 === 1;
    const h = series ? flipBits(BigInt(bases.rows[Math.floor(i / 2)]!.h), 3, next) : BigInt.asIntN(64, next());
    probes.push({
      hash: h,
      kind: series ? "series" : "random",
      inside: INSIDE_DISTANCES.map((d) => plant(h, d, "APPROVED")),
      outside: OUTSIDE_DISTANCES.map((d) => plant(h, d, "PUBLISHED")),
      archived: [plant(h, ARCHIVED_DISTANCE, "ARCHIVED")],
    });
  }
  await pool.query(
    `insert into media_assets (id, workspace_id, library_id, name, original_file_name, kind, mime, bytes, width, height, aspect_ratio,
        format, sha256, dhash, original_key, status)
      select t.id, $1, $2, 'Planted ' || t.id, 'planted.jpg', 'image', 'image/jpeg', 500000, 1080, 1080, 1, 'jpeg',
        md5('planted:' || t.id) || md5(t.id || ':planted'), t.dhash, 'bench/planted/' || t.id, t.status::media_status
      from unnest($3::uuid[], $4::bigint[], $5::text[]) as t(id, dhash, status)`,
    [space.workspaceId, space.libraryId, rows.map((r) => r.id), rows.map((r) => r.dhash.toString()), rows.map((r) => r.status)],
  );
  return probes;
}

export function describeProbe(p: Probe): string {
  return `${p.kind} probe ${hashToHex(p.hash)}`;
}
