// Benchmark: what an AI gateway adds to one chat completion (AICMO's over HTTP and in-process, Portkey's over HTTP) next to
// the direct call to the same 50 ms upstream, plus the time to fail over after a 5xx. Never report an answer that did not come from the upstream.
import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { Agent, request } from "undici";
import { createDb, type Db } from "@/db/client";
import { aiAttempts } from "@/db/schema";
import { complete, flushAiLog } from "@/lib/gateway";
import { setEnv } from "@/lib/env";
import { createDatabase, randomDbName } from "@/scripts/lib/pg-admin";
import { pickFreePort } from "@/scripts/lib/ports";
import { projectRoot } from "@/scripts/lib/prod-server";
import type { Figures } from "../lib/figures";
import { round, summarize, type Summary } from "../lib/percentiles";
import { bootSeededServer } from "../lib/server";
import { startCpuMeter, type CpuReading } from "./cpu";
import { closedLoop, httpLoad, sequential, type HttpTarget, type LoadResult } from "./load";
import { killIfBenchmarkDies, startPortkey, startUpstream, UPSTREAM_TEXT, type Upstream } from "./processes";
import { configureGateway, FAILOVER_SAMPLES_PER_A, FAILOVER_TASKS, ownerApiKey, type GatewaySetup } from "./setup";

const UPSTREAM_LATENCY_MS = 50;
/** Latency is compared at this concurrency; by Little's law it caps throughput near CONNECTIONS / 50 ms = 400 req/s. */
const CONNECTIONS = 20;
const DURATION_S = 10;
/** HTTP warm-up: this many requests per connection (about a second at 50 ms); its rate then sizes the measured run. */
const WARMUP_ROUNDS = 20;
/** In-process warm-up, in seconds. */
const WARMUP_S = 2;
/** Throughput is measured at this concurrency, whose ceiling (5,120 req/s at 50 ms) is well above the 2,000 req/s goal. */
const SATURATION_CONNECTIONS = 256;
const SATURATION_S = 8;
/** Requests sent one at a time per path: latency without queueing, and Portkey's failover samples. */
const SEQUENTIAL_SAMPLES = 50;
/** The router's first backoff (BACKOFF_BASE_MS in lib/gateway/router.ts): the failover goal's "one backoff". */
const ONE_BACKOFF_MS = 250;
const GOAL = { addedP50Ms: 0.3, addedP99Ms: 1, requestsPerSecond: 2_000, failoverMs: ONE_BACKOFF_MS };

const PROMPT = [{ role: "user" as const, content: "Write a one-line launch post for our spring sale." }];
const OPENAI_BODY = { model: "bench-model", messages: PROMPT, max_tokens: 64 };

const say = (msg: string) => console.error(`gateway: ${msg}`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------------ checks

/** Why an HTTP answer is not the upstream's completion, or null when it is. */
async function problemWith(res: Response, expect: { aicmo?: boolean } = {}): Promise<string | null> {
  const text = await res.text();
  if (res.status !== 200) return `HTTP ${res.status}: ${text.slice(0, 300)}`;
  let body: { choices?: { message?: { content?: string } }[]; aicmo?: { offline?: boolean; provider_kind?: string } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  if (body.choices?.[0]?.message?.content !== UPSTREAM_TEXT) return `unexpected answer: ${text.slice(0, 300)}`;
  if (expect.aicmo && (body.aicmo?.offline !== false || body.aicmo?.provider_kind !== "openai")) {
    return `answered by ${JSON.stringify(body.aicmo)}, not by the upstream provider`;
  }
  return null;
}

async function preflight(label: string, target: HttpTarget, expect: { aicmo?: boolean } = {}): Promise<void> {
  const res = await fetch(target.url, { method: "POST", headers: { "content-type": "application/json", ...target.headers }, body: target.body });
  const problem = await problemWith(res, expect);
  if (problem) throw new Error(`${label}: the first request failed: ${problem}`);
}

/** Answers that the upstream did not serve came from somewhere else (the offline fallback, a cache): refuse them. */
async function assertServedByUpstream(label: string, upstream: Upstream, before: { ok: number }, r: LoadResult): Promise<void> {
  const served = (await upstream.counts()).ok - before.ok;
  if (served < r.ok * 0.99) {
    throw new Error(`${label}: ${r.ok} answers, but the upstream served only ${served}; the figures would not measure the upstream path`);
  }
}

function reportFailures(label: string, r: LoadResult): void {
  if (r.failed > 0) say(`${label}: ${r.failed} failed or wrong answers (left out of latency)`);
}

// ------------------------------------------------------------------------------------------------ phases

interface PathResult {
  latency: Summary;
  requestsPerSecond: number;
  failed: number;
  /** CPU ms per answer: the gateway's own process(es), its database's backends, and this process. */
  cpu: CpuReading;
}

function asPath(r: LoadResult, cpu: CpuReading): PathResult {
  const per = (ms: number) => ms / Math.max(r.ok, 1);
  return {
    latency: summarize(r.latencyMs),
    requestsPerSecond: r.requestsPerSecond,
    failed: r.failed,
    cpu: { processesMs: per(cpu.processesMs), databaseMs: per(cpu.databaseMs), selfMs: per(cpu.selfMs) },
  };
}

/** What a path's CPU is charged to: the gateway's pid(s) and, for AICMO, its database's Postgres backends. */
interface Watch {
  pids?: number[];
  database?: string;
}

async function measureHttp(label: string, target: HttpTarget, upstream: Upstream, connections: number, durationS: number, watch: Watch = {}): Promise<PathResult> {
  const warm = await httpLoad(target, connections, connections * WARMUP_ROUNDS);
  // A request count, not a duration, bounds the run (see httpLoad): size it to last about durationS.
  const amount = Math.round(warm.requestsPerSecond * durationS);
  say(`${label}: warmed up with ${connections * WARMUP_ROUNDS} requests, now ${amount} requests on ${connections} connections (~${durationS} s)`);
  const before = await upstream.counts();
  const meter = startCpuMeter(watch);
  const r = await httpLoad(target, connections, amount);
  const cpu = meter.stop();
  await assertServedByUpstream(label, upstream, before, r);
  reportFailures(label, r);
  await sleep(1_000); // let the server's batched log writes and GC settle before the next path
  return asPath(r, cpu);
}

async function measureInProcess(label: string, call: () => Promise<boolean>, upstream: Upstream, concurrency: number, durationS: number, watch: Watch = {}): Promise<PathResult> {
  say(`${label}: warm-up ${WARMUP_S} s, then ${concurrency} concurrent calls for ${durationS} s`);
  await closedLoop(call, concurrency, WARMUP_S);
  const before = await upstream.counts();
  const meter = startCpuMeter(watch);
  const r = await closedLoop(call, concurrency, durationS);
  const cpu = meter.stop();
  await assertServedByUpstream(label, upstream, before, r);
  reportFailures(label, r);
  await sleep(1_000);
  return asPath(r, cpu);
}

/** One request at a time: what a path adds when nothing queues. Wrong answers are left out and reported. */
async function measureSequential(label: string, call: () => Promise<boolean>): Promise<Summary> {
  const samples = await sequential(SEQUENTIAL_SAMPLES, async () => {
    try {
      return await call();
    } catch {
      return false;
    }
  });
  const bad = samples.filter((s) => !s.value).length;
  if (bad) say(`${label} at concurrency 1: ${bad} failed or wrong answers (left out)`);
  return summarize(samples.filter((s) => s.value).map((s) => s.ms));
}

async function httpCall(target: HttpTarget, expect: { aicmo?: boolean } = {}): Promise<boolean> {
  const res = await fetch(target.url, { method: "POST", headers: { "content-type": "application/json", ...target.headers }, body: target.body });
  return (await problemWith(res, expect)) === null;
}

interface Failover {
  /** Time to answer minus B's fixed latency, for each verified sample. */
  samplesMs: number[];
  attempted: number;
  note?: string;
}

/** Waits for the server's batched request log (flushed every 100 ms) to hold the attempts of `requestIds`. */
async function attemptsOf(db: Db, requestIds: string[]) {
  for (let i = 0; i < 50; i++) {
    const rows = await db.select().from(aiAttempts).where(inArray(aiAttempts.requestId, requestIds));
    if (new Set(rows.map((r) => r.requestId)).size === requestIds.length) return rows;
    await sleep(100);
  }
  return db.select().from(aiAttempts).where(inArray(aiAttempts.requestId, requestIds));
}

/** A verified sample called A, got its 500, then got the answer from B. */
function failedOverVia(attempts: { providerId: string | null; ok: boolean; httpStatus?: number | null; status?: number }[], a: string, b: string): boolean {
  const aFailed = attempts.some((t) => t.providerId === a && !t.ok && (t.httpStatus ?? t.status) === 500);
  const bAnswered = attempts.some((t) => t.providerId === b && t.ok);
  return aFailed && bAnswered;
}

async function failoverHttp(baseUrl: string, apiKey: string, setup: GatewaySetup, serverDb: Db): Promise<Failover> {
  const calls = FAILOVER_TASKS.flatMap((task) => Array.from({ length: FAILOVER_SAMPLES_PER_A }, () => task));
  const samples = await sequential(calls.length, async (i) => {
    const res = await fetch(`${baseUrl}/api/v1/ai/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ ...OPENAI_BODY, task: calls[i] }),
    });
    const body = (await res.json()) as { aicmo?: { request_id?: string }; choices?: { message?: { content?: string } }[] };
    return { task: calls[i]!, status: res.status, requestId: body.aicmo?.request_id, text: body.choices?.[0]?.message?.content };
  });
  const answered = samples.filter((s) => s.value.status === 200 && s.value.text === UPSTREAM_TEXT && s.value.requestId);
  const rows = answered.length ? await attemptsOf(serverDb, answered.map((s) => s.value.requestId!)) : [];
  const verified = answered.filter((s) =>
    failedOverVia(
      rows.filter((r) => r.requestId === s.value.requestId),
      setup.failProviderIds.get(s.value.task)!,
      setup.okProviderId,
    ),
  );
  return { samplesMs: verified.map((s) => s.ms - UPSTREAM_LATENCY_MS), attempted: samples.length };
}

async function failoverInProcess(setup: GatewaySetup): Promise<Failover> {
  const calls = FAILOVER_TASKS.flatMap((task) => Array.from({ length: FAILOVER_SAMPLES_PER_A }, () => task));
  const samples = await sequential(calls.length, async (i) => {
    try {
      return { task: calls[i]!, answer: await complete(setup.ctx, { task: calls[i]!, messages: PROMPT, maxTokens: 64 }) };
    } catch {
      return { task: calls[i]!, answer: null };
    }
  });
  const verified = samples.filter(
    (s) =>
      s.value.answer?.text === UPSTREAM_TEXT &&
      failedOverVia(
        s.value.answer.attempts.map((t) => ({ providerId: t.providerId, ok: t.ok, status: t.error?.status })),
        setup.failProviderIds.get(s.value.task)!,
        setup.okProviderId,
      ),
  );
  return { samplesMs: verified.map((s) => s.ms - UPSTREAM_LATENCY_MS), attempted: samples.length };
}

/** Portkey's fallback strategy over two custom OpenAI-compatible hosts, configured per request in x-portkey-config. */
async function failoverPortkey(portkeyUrl: string, upstream: Upstream): Promise<Failover> {
  const config = {
    strategy: { mode: "fallback" },
    targets: [
      { provider: "openai", api_key: "anything", custom_host: upstream.failBaseUrl },
      { provider: "openai", api_key: "anything", custom_host: upstream.okBaseUrl },
    ],
  };
  const before = await upstream.counts();
  const samples = await sequential(SEQUENTIAL_SAMPLES, async () => {
    const res = await fetch(`${portkeyUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-portkey-config": JSON.stringify(config) },
      body: JSON.stringify(OPENAI_BODY),
    });
    const problem = await problemWith(res);
    return { problem, target: res.headers.get("x-portkey-last-used-option-index") };
  });
  const after = await upstream.counts();
  const verified = samples.filter((s) => !s.value.problem && s.value.target === "config.targets[1]");
  const firstProblem = samples.find((s) => s.value.problem)?.value.problem;
  if (verified.length === 0) {
    return { samplesMs: [], attempted: samples.length, note: `Portkey's fallback did not answer from the second target (${firstProblem ?? samples[0]?.value.target})` };
  }
  // Every request must have hit A first: A's counter moves once per request.
  if (after.fail - before.fail < verified.length) {
    return { samplesMs: [], attempted: samples.length, note: `A answered ${after.fail - before.fail} times for ${verified.length} fallbacks: not a real failover` };
  }
  return { samplesMs: verified.map((s) => s.ms - UPSTREAM_LATENCY_MS), attempted: samples.length };
}

// ------------------------------------------------------------------------------------------------ environment notes

function sharedCoresWarning(): string {
  const cores = os.availableParallelism();
  return (
    `${cores} core${cores === 1 ? "" : "s"} (${os.cpus()[0]?.model ?? "unknown CPU"}), shared by the load generator (autocannon, in this ` +
    `process), the upstream, next start, Postgres and Portkey: absolute throughput is a floor, and differences of a few ` +
    `tenths of a millisecond are within run-to-run noise (compare the two direct runs).`
  );
}

/** Anything else running on the machine skews every figure; say how busy it was. */
function loadNote(at: string): string {
  const [one, five] = os.loadavg();
  return `load average ${at}: ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min)${one! > 0.5 ? " — other work was running; treat the figures as noisy" : ""}`;
}

/** The server runs the last production build; say so when gateway code changed after it. */
function staleBuildWarning(): string | null {
  let built: number;
  try {
    built = statSync(path.join(projectRoot, ".next", "BUILD_ID")).mtimeMs;
  } catch {
    return null; // bootSeededServer builds it
  }
  const newer: string[] = [];
  for (const dir of ["lib/gateway", "lib/http", "lib/workspaces", "app/api/v1/ai"]) {
    for (const entry of readdirSync(path.join(projectRoot, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (statSync(file).mtimeMs > built) newer.push(path.relative(projectRoot, file));
    }
  }
  return newer.length ? `the production build is older than ${newer.slice(0, 3).join(", ")}${newer.length > 3 ? ", …" : ""}: the HTTP figures are for the built code (run \`next build\`)` : null;
}

// ------------------------------------------------------------------------------------------------ report

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "-");
const f0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "-");

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ").trimEnd();
  return [line(header), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

function verdict(ok: boolean): string {
  return ok ? "met" : "MISSED";
}

interface Row {
  label: string;
  at20: PathResult;
  saturated: PathResult;
  /** One request at a time (every row's client is this process' fetch, so all compare with the direct fetch row). */
  at1: Summary;
  base1?: Summary;
  /** The direct path this one is compared with; absent for a direct path itself. */
  base?: PathResult;
  /** CPU ms per answer at CONNECTIONS spent by the gateway itself, and by its database's backends. */
  cpuMs?: number;
  dbCpuMs?: number;
}

function printReport(rows: Row[], failovers: [string, Failover][], notes: string[]): void {
  const out: string[] = [];
  out.push(
    "",
    `Latency at ${CONNECTIONS} connections (~${DURATION_S} s after a warm-up) and at 1 (${SEQUENTIAL_SAMPLES} requests one at a time); ` +
      `throughput also at ${SATURATION_CONNECTIONS} connections (~${SATURATION_S} s).`,
  );
  out.push(`Goals: added p50 ≤ ${GOAL.addedP50Ms} ms, added p99 ≤ ${GOAL.addedP99Ms} ms, ≥ ${f0(GOAL.requestsPerSecond)} req/s on 2 cores (reported, not asserted).`, "");
  out.push(
    table(
      [
        "path",
        "p50 ms",
        "p99 ms",
        "+p50 ms",
        "+p99 ms",
        "p50 @1",
        "+p50 @1",
        `req/s @${CONNECTIONS}`,
        `req/s @${SATURATION_CONNECTIONS}`,
        "CPU ms/req",
        "db CPU ms/req",
        "goals (+p50 / +p99 / req/s)",
      ],
      rows.map((r) => {
        const addedP50 = r.base ? r.at20.latency.p50 - r.base.latency.p50 : Number.NaN;
        const addedP99 = r.base ? r.at20.latency.p99 - r.base.latency.p99 : Number.NaN;
        const goals = r.base
          ? [verdict(addedP50 <= GOAL.addedP50Ms), verdict(addedP99 <= GOAL.addedP99Ms), verdict(r.saturated.requestsPerSecond >= GOAL.requestsPerSecond)].join(" / ")
          : "baseline";
        return [
          r.label,
          f2(r.at20.latency.p50),
          f2(r.at20.latency.p99),
          f2(addedP50),
          f2(addedP99),
          f2(r.at1.p50),
          f2(r.base1 ? r.at1.p50 - r.base1.p50 : Number.NaN),
          f0(r.at20.requestsPerSecond),
          f0(r.saturated.requestsPerSecond),
          f2(r.cpuMs ?? Number.NaN),
          f2(r.dbCpuMs ?? Number.NaN),
          goals,
        ];
      }),
    ),
  );
  out.push(
    "",
    `Failover after a 5xx: chain [A: 500 at once] -> [B: ok after ${UPSTREAM_LATENCY_MS} ms], one request at a time; time to the answer minus B's ${UPSTREAM_LATENCY_MS} ms.`,
    `Goal: within one backoff (${ONE_BACKOFF_MS} ms) plus one call. For reference, the direct call one at a time: p50 ${f2(rows[0]?.at1.p50 ?? Number.NaN)} ms.`,
    "",
  );
  out.push(
    table(
      ["path", "verified", "p50 ms", "max ms", `goal ≤ ${ONE_BACKOFF_MS} ms`],
      failovers.map(([label, f]) => {
        const s = summarize(f.samplesMs);
        return [label, `${f.samplesMs.length}/${f.attempted}`, f2(s.p50), f2(s.max), f.samplesMs.length ? verdict(s.max <= GOAL.failoverMs) : "not measured"];
      }),
    ),
  );
  out.push("", "Notes:", ...notes.map((n) => `- ${n}`));
  console.log(out.join("\n"));
}

function pathFigures(figures: Figures, key: string, r: Row): void {
  figures[`${key}.latency_p50`] = { value: round(r.at20.latency.p50), unit: "ms" };
  figures[`${key}.latency_p99`] = { value: round(r.at20.latency.p99), unit: "ms" };
  if (r.base) {
    figures[`${key}.added_p50`] = { value: round(r.at20.latency.p50 - r.base.latency.p50), unit: "ms" };
    figures[`${key}.added_p99`] = { value: round(r.at20.latency.p99 - r.base.latency.p99), unit: "ms" };
  }
  figures[`${key}.latency_p50_c1`] = { value: round(r.at1.p50), unit: "ms" };
  if (r.base1) figures[`${key}.added_p50_c1`] = { value: round(r.at1.p50 - r.base1.p50), unit: "ms" };
  figures[`${key}.throughput_c${CONNECTIONS}`] = { value: round(r.at20.requestsPerSecond, 0), unit: "req/s" };
  figures[`${key}.throughput_c${SATURATION_CONNECTIONS}`] = { value: round(r.saturated.requestsPerSecond, 0), unit: "req/s" };
  if (r.cpuMs !== undefined && Number.isFinite(r.cpuMs)) figures[`${key}.cpu_per_request`] = { value: round(r.cpuMs, 3), unit: "ms" };
  if (r.dbCpuMs !== undefined && Number.isFinite(r.dbCpuMs)) figures[`${key}.db_cpu_per_request`] = { value: round(r.dbCpuMs, 3), unit: "ms" };
  figures[`${key}.failed`] = { value: r.at20.failed + r.saturated.failed, unit: "requests" };
}

// ------------------------------------------------------------------------------------------------ run

export default async function run(): Promise<Figures> {
  const notes = [sharedCoresWarning(), loadNote("before the run")];
  const stale = staleBuildWarning();
  if (stale) {
    notes.push(stale);
    say(`warning: ${stale}`);
  }
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const upstream = await startUpstream(UPSTREAM_LATENCY_MS);
    cleanup.push(upstream.stop);
    const portkey = await startPortkey();
    cleanup.push(portkey.stop);
    say(`upstream pid ${upstream.pid} at ${upstream.okBaseUrl} (500s at ${upstream.failBaseUrl}); Portkey pid ${portkey.pid} at ${portkey.url}`);

    // Provider keys are sealed in this process (createProvider) and opened by the server and by in-process calls: one key for both.
    const encryptionKey = randomBytes(32).toString("hex");
    setEnv("AICMO_ENCRYPTION_KEY", encryptionKey);
    // The server also opens the dedicated gateway listener (AI_GATEWAY_PORT): the same engine without Next.js in the path.
    const listenerPort = await pickFreePort();
    const server = await bootSeededServer({ env: { AICMO_ENCRYPTION_KEY: encryptionKey, AI_GATEWAY_PORT: String(listenerPort) } });
    cleanup.push(server.stop);
    killIfBenchmarkDies(server.pid);
    const serverDb = createDb(server.databaseUrl, 2);
    cleanup.push(() => serverDb.$client.end());
    const httpSetup = await configureGateway(serverDb, upstream);
    const apiKey = await ownerApiKey(httpSetup.ctx);

    const body = JSON.stringify(OPENAI_BODY);
    const direct: HttpTarget = { url: `${upstream.okBaseUrl}/chat/completions`, headers: {}, body };
    const aicmo: HttpTarget = { url: `${server.baseUrl}/api/v1/ai/chat/completions`, headers: { authorization: `Bearer ${apiKey}` }, body };
    const aicmoListener: HttpTarget = { url: `http://127.0.0.1:${listenerPort}/v1/chat/completions`, headers: { authorization: `Bearer ${apiKey}` }, body };
    const pk: HttpTarget = {
      url: `${portkey.url}/v1/chat/completions`,
      headers: { "x-portkey-provider": "openai", "x-portkey-custom-host": upstream.okBaseUrl, authorization: "Bearer anything" },
      body,
    };
    await preflight("direct", direct);
    await preflight("AICMO gateway", aicmo, { aicmo: true });
    await preflight("AICMO gateway listener", aicmoListener, { aicmo: true });
    await preflight("Portkey", pk);

    // Direct runs first and last at the latency concurrency: their difference is this machine's noise floor.
    const directA = await measureHttp("direct", direct, upstream, CONNECTIONS, DURATION_S);
    const portkeyWatch = { pids: [portkey.pid] };
    const aicmoWatch = { pids: [server.pid], database: new URL(server.databaseUrl).pathname.slice(1) };
    const portkeyAt20 = await measureHttp("Portkey", pk, upstream, CONNECTIONS, DURATION_S, portkeyWatch);
    const aicmoAt20 = await measureHttp("AICMO gateway (HTTP)", aicmo, upstream, CONNECTIONS, DURATION_S, aicmoWatch);
    const listenerAt20 = await measureHttp("AICMO gateway (listener)", aicmoListener, upstream, CONNECTIONS, DURATION_S, aicmoWatch);
    const directB = await measureHttp("direct (repeat)", direct, upstream, CONNECTIONS, DURATION_S);
    const directSat = await measureHttp("direct", direct, upstream, SATURATION_CONNECTIONS, SATURATION_S);
    const portkeySat = await measureHttp("Portkey", pk, upstream, SATURATION_CONNECTIONS, SATURATION_S, portkeyWatch);
    const aicmoSat = await measureHttp("AICMO gateway (HTTP)", aicmo, upstream, SATURATION_CONNECTIONS, SATURATION_S, aicmoWatch);
    const listenerSat = await measureHttp("AICMO gateway (listener)", aicmoListener, upstream, SATURATION_CONNECTIONS, SATURATION_S, aicmoWatch);

    say(`concurrency 1: ${SEQUENTIAL_SAMPLES} requests one at a time per path`);
    const directAt1 = await measureSequential("direct", () => httpCall(direct));
    const portkeyAt1 = await measureSequential("Portkey", () => httpCall(pk));
    const aicmoAt1 = await measureSequential("AICMO gateway (HTTP)", () => httpCall(aicmo, { aicmo: true }));
    const listenerAt1 = await measureSequential("AICMO gateway (listener)", () => httpCall(aicmoListener, { aicmo: true }));
    say(`failover: ${FAILOVER_TASKS.length * FAILOVER_SAMPLES_PER_A} sequential requests through the AICMO gateway (HTTP), ${SEQUENTIAL_SAMPLES} through Portkey`);
    const failoverAicmoHttp = await failoverHttp(server.baseUrl, apiKey, httpSetup, serverDb);
    const failoverPk = await failoverPortkey(portkey.url, upstream);

    // In-process: the same engine, called from this process, on its own throwaway database on the same cluster.
    say("in-process: migrating and seeding a second throwaway database");
    const inprocUrl = await createDatabase(server.adminUrl, randomDbName("bench_gateway"));
    const { migrateDatabase } = await import("@/scripts/migrate");
    const { seedDemo } = await import("@/scripts/seed");
    await migrateDatabase(inprocUrl);
    await seedDemo(inprocUrl);
    // The server's pool size, so in-process and HTTP queue for connections alike.
    const inprocDb = createDb(inprocUrl, 10);
    cleanup.push(async () => {
      await flushAiLog();
      await inprocDb.$client.end();
    });
    const inprocSetup = await configureGateway(inprocDb, upstream);
    // The same client call the engine's adapters make (undici request() on a keep-alive pool), so the in-process row's
    // difference is the engine alone.
    const pool = new Agent({ keepAliveTimeout: 10_000 });
    cleanup.push(() => pool.close());
    const directFetch = async () => {
      const res = await request(direct.url, { method: "POST", headers: { "content-type": "application/json" }, body, dispatcher: pool });
      const json = (await res.body.json()) as { choices?: { message?: { content?: string } }[] };
      return res.statusCode === 200 && json.choices?.[0]?.message?.content === UPSTREAM_TEXT;
    };
    const gatewayCall = async () => {
      const a = await complete(inprocSetup.ctx, { task: "chat", messages: PROMPT, maxTokens: 64 });
      return !a.offline && a.providerId === inprocSetup.okProviderId && a.text === UPSTREAM_TEXT;
    };
    if (!(await gatewayCall())) throw new Error("in-process: the first complete() was not answered by the upstream provider");
    const fetchAt20 = await measureInProcess("direct (in-process request)", directFetch, upstream, CONNECTIONS, DURATION_S);
    const inprocWatch = { database: new URL(inprocUrl).pathname.slice(1) };
    const inprocAt20 = await measureInProcess("AICMO gateway (in-process)", gatewayCall, upstream, CONNECTIONS, DURATION_S, inprocWatch);
    const fetchSat = await measureInProcess("direct (in-process request)", directFetch, upstream, SATURATION_CONNECTIONS, SATURATION_S);
    const inprocSat = await measureInProcess("AICMO gateway (in-process)", gatewayCall, upstream, SATURATION_CONNECTIONS, SATURATION_S, inprocWatch);
    const fetchAt1 = await measureSequential("direct (in-process request)", directFetch);
    const inprocAt1 = await measureSequential("AICMO gateway (in-process)", gatewayCall);
    say(`failover: ${FAILOVER_TASKS.length * FAILOVER_SAMPLES_PER_A} sequential complete() calls`);
    const failoverAicmoInproc = await failoverInProcess(inprocSetup);

    const rows: Record<string, Row> = {
      direct: { label: "direct (autocannon -> upstream)", at20: directA, saturated: directSat, at1: directAt1 },
      direct_repeat: { label: "direct, repeated (noise floor)", at20: directB, saturated: directSat, base: directA, at1: fetchAt1, base1: directAt1 },
      aicmo_http: {
        label: "AICMO gateway over HTTP (next start)",
        at20: aicmoAt20,
        saturated: aicmoSat,
        base: directA,
        at1: aicmoAt1,
        base1: directAt1,
        cpuMs: aicmoAt20.cpu.processesMs,
        dbCpuMs: aicmoAt20.cpu.databaseMs,
      },
      aicmo_listener: {
        label: "AICMO gateway over HTTP (dedicated listener)",
        at20: listenerAt20,
        saturated: listenerSat,
        base: directA,
        at1: listenerAt1,
        base1: directAt1,
        cpuMs: listenerAt20.cpu.processesMs,
        dbCpuMs: listenerAt20.cpu.databaseMs,
      },
      portkey: {
        label: "Portkey gateway 1.15.2 over HTTP",
        at20: portkeyAt20,
        saturated: portkeySat,
        base: directA,
        at1: portkeyAt1,
        base1: directAt1,
        cpuMs: portkeyAt20.cpu.processesMs,
      },
      direct_fetch: { label: "direct, in-process undici request", at20: fetchAt20, saturated: fetchSat, at1: fetchAt1 },
      aicmo_inprocess: {
        label: "AICMO gateway in-process (complete())",
        at20: inprocAt20,
        saturated: inprocSat,
        base: fetchAt20,
        at1: inprocAt1,
        base1: fetchAt1,
        // The engine's share of this process' CPU: a complete() call's minus a bare request()'s.
        cpuMs: inprocAt20.cpu.selfMs - fetchAt20.cpu.selfMs,
        dbCpuMs: inprocAt20.cpu.databaseMs,
      },
    };
    const failovers: [string, Failover][] = [
      ["AICMO gateway in-process", failoverAicmoInproc],
      ["AICMO gateway over HTTP", failoverAicmoHttp],
      ["Portkey (x-portkey-config fallback)", failoverPk],
    ];
    notes.push(
      "HTTP rows add to the direct autocannon run; the in-process row adds to the in-process undici request() run (the same call the engine's adapters make).",
      `The in-process row is the engine alone (chain cache, budget check, routing, adapter, batched log), without Next.js, auth or JSON (de)serialisation of the API.`,
      `@1: one request at a time, all sent with this process' fetch and compared with the direct fetch. +p50 @1 is what a path adds when nothing queues; ` +
        `the rest of +p50 at ${CONNECTIONS} connections is waiting for a busy process (a gateway needing C ms of CPU per request saturates a core at 1000 / C req/s).`,
      `Throughput @${CONNECTIONS} is bounded by ${CONNECTIONS} / ${UPSTREAM_LATENCY_MS} ms = ${(CONNECTIONS * 1000) / UPSTREAM_LATENCY_MS} req/s; compare the goal with @${SATURATION_CONNECTIONS}.`,
      `CPU ms/req (at ${CONNECTIONS} connections, from /proc): the gateway's own process (next start; Portkey; for in-process, this process minus a bare request()), and its Postgres backends. ` +
        `${f0(GOAL.requestsPerSecond)} req/s on 2 cores leaves at most 1 ms of CPU per request for everything on the machine; CPU time, unlike latency, barely moves when other work competes for the cores.`,
      `Failover samples: ${FAILOVER_SAMPLES_PER_A} per A provider (A's breaker opens after 5 consecutive failures, after which A is skipped, not called); only samples whose log shows A's 500 then B's answer count.`,
    );
    for (const [, f] of failovers) if (f.note) notes.push(f.note);
    notes.push(loadNote("after the run"));
    printReport(Object.values(rows), failovers, notes);

    const figures: Figures = {};
    for (const [key, row] of Object.entries(rows)) pathFigures(figures, key, row);
    const failoverKeys = ["aicmo_inprocess", "aicmo_http", "portkey"];
    failovers.forEach(([, f], i) => {
      if (f.samplesMs.length === 0) return;
      const s = summarize(f.samplesMs);
      figures[`failover.${failoverKeys[i]}_p50`] = { value: round(s.p50), unit: "ms" };
      figures[`failover.${failoverKeys[i]}_max`] = { value: round(s.max), unit: "ms" };
    });
    return figures;
  } finally {
    for (const stop of cleanup.reverse()) {
      await stop().catch((err: unknown) => say(`cleanup: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
}
