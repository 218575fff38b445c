// Times findNearDuplicatesOfHash (band indexes + exact Hamming distance) at the default threshold over the generated hashes,
// beside the plain sequential-scan bit_count query. Both must give the same answer for every probe, or the run stops.
import { sql, type SQL } from "drizzle-orm";
import pg from "pg";
import type { Db } from "@/db/client";
import type { Ctx } from "@/lib/auth/context";
import { DEFAULT_NEAR_DUPLICATE_DISTANCE, findNearDuplicatesOfHash } from "@/lib/media";
import type { Figures } from "../lib/figures";
import { round, summarize, type Summary } from "../lib/percentiles";
import { timed } from "../lib/timing";
import { describeProbe, type Probe } from "./hashes";

/** The same question as plain SQL: every live asset of the workspace, distance computed row by row, closest 20. */
const PLAIN = `
  select id::text, bit_count((dhash # $2::bigint)::bit(64))::int as distance
    from media_assets
   where workspace_id = $1 and dhash is not null and status not in ('ARCHIVED', 'DELETED')
     and bit_count((dhash # $2::bigint)::bit(64)) <= $3
   order by 2, 1
   limit 20`;

export interface LookupInput {
  ctx: Ctx;
  db: Db;
  databaseUrl: string;
  probes: Probe[];
  /** Rows of the measured workspace, for the log. */
  rows: number;
  warmup: number;
  log: (line: string) => void;
}

export interface LookupResult {
  figures: Figures;
  engine: Summary;
  peer: Summary;
  plan: string;
  /** EXPLAIN (ANALYZE, BUFFERS) of the engine's own candidate-and-distance query for one probe. */
  engineExplain: string;
}

/**
 * Runs the lookup once with a db whose execute() keeps the SQL it is given, then explains that exact statement: the
 * engine's server time and plan, apart from round trips and the second query that loads the matching rows.
 */
async function explainEngine(ctx: Ctx, db: Db, probe: Probe): Promise<string> {
  let captured: SQL | undefined;
  const recording = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "execute") {
        return (query: SQL) => {
          captured ??= query;
          return target.execute(query);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  await findNearDuplicatesOfHash({ ...ctx, db: recording }, probe.hash);
  if (!captured) return "(the engine ran no raw SQL)";
  const r = await db.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers) ${captured}`);
  return r.rows.map((row) => row["QUERY PLAN"]).join("\n");
}

function same(a: { id: string; distance: number }[], b: { id: string; distance: number }[]): boolean {
  const key = (r: { id: string; distance: number }) => `${r.distance}:${r.id}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

export async function measureLookup(input: LookupInput): Promise<LookupResult> {
  const { ctx, probes, log } = input;
  const threshold = DEFAULT_NEAR_DUPLICATE_DISTANCE;
  // The peer's own session, planner told to scan the table (what the query costs without any index built for it).
  const peerClient = new pg.Client({ connectionString: input.databaseUrl });
  await peerClient.connect();
  try {
    await peerClient.query("set enable_indexscan = off; set enable_indexonlyscan = off; set enable_bitmapscan = off");
    const plain = (p: Probe) => peerClient.query<{ id: string; distance: number }>(PLAIN, [ctx.workspaceId, p.hash.toString(), threshold]);

    for (let i = 0; i < input.warmup; i++) {
      const p = probes[i % probes.length]!;
      await findNearDuplicatesOfHash(ctx, p.hash);
      await plain(p);
    }
    const engine: number[] = [];
    const peer: number[] = [];
    let found = 0;
    for (const p of probes) {
      const e = await timed(() => findNearDuplicatesOfHash(ctx, p.hash));
      const q = await timed(() => plain(p));
      engine.push(e.ms);
      peer.push(q.ms);
      const got = e.value.map((d) => ({ id: d.asset.id, distance: d.distance }));
      if (!same(got, q.value.rows)) {
        throw new Error(`${describeProbe(p)}: the engine found ${JSON.stringify(got)}, the plain query ${JSON.stringify(q.value.rows)}`);
      }
      const ids = new Set(got.map((g) => g.id));
      const missing = p.inside.filter((r) => !ids.has(r.id));
      const wrong = [...p.outside, ...p.archived].filter((r) => ids.has(r.id));
      if (missing.length || wrong.length) {
        throw new Error(`${describeProbe(p)}: missed ${JSON.stringify(missing)}, wrongly found ${JSON.stringify(wrong)}`);
      }
      found += got.length;
    }
    const explained = await peerClient.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${PLAIN}`, [
      ctx.workspaceId,
      probes[0]!.hash.toString(),
      threshold,
    ]);
    const plan = explained.rows.map((r) => r["QUERY PLAN"]).join("\n");
    const engineExplain = await explainEngine(ctx, input.db, probes[1]!);
    const e = summarize(engine);
    const q = summarize(peer);
    const series = probes.map((p, i) => ({ p, ms: engine[i]! }));
    const bySeries = summarize(series.filter((s) => s.p.kind === "series").map((s) => s.ms));
    const byRandom = summarize(series.filter((s) => s.p.kind === "random").map((s) => s.ms));
    log(`lookup over ${input.rows.toLocaleString("en")} hashes: engine p50 ${e.p50.toFixed(1)} ms p95 ${e.p95.toFixed(1)} ms; plain scan p50 ${q.p50.toFixed(1)} ms`);
    return {
      engineExplain,
      figures: {
        "lookup.hashes": { value: input.rows, unit: "rows" },
        "lookup.probes": { value: probes.length, unit: "probes" },
        "lookup.threshold": { value: threshold, unit: "bits" },
        "lookup.matches_per_probe": { value: round(found / probes.length, 1), unit: "rows" },
        "lookup.engine_p50": { value: round(e.p50), unit: "ms" },
        "lookup.engine_p95": { value: round(e.p95), unit: "ms" },
        "lookup.engine_max": { value: round(e.max), unit: "ms" },
        "lookup.engine_random_probe_p50": { value: round(byRandom.p50), unit: "ms" },
        "lookup.engine_series_probe_p50": { value: round(bySeries.p50), unit: "ms" },
        "lookup.peer_seq_scan_p50": { value: round(q.p50), unit: "ms" },
        "lookup.peer_seq_scan_p95": { value: round(q.p95), unit: "ms" },
        "lookup.peer_vs_engine": { value: round(q.p50 / e.p50, 1), unit: "x" },
      },
      engine: e,
      peer: q,
      plan,
    };
  } finally {
    await peerClient.end().catch(() => {});
  }
}
