// The dedicated listener's cost per request, quickly and from source (no `next build`): the listener alone in a child
// process (listener-child.ts) on a seeded throwaway database, against the benchmark's 50 ms upstream. Prints the
// listener's (user/sys), Postgres' and the upstream's CPU per request, and latency at N connections and one at a time
// next to the direct call. --profile adds the listener's V8 CPU profile of both runs (self time by module and function,
// inclusive time of the project's functions); V8 samples wall time, so time descheduled inside a write to a loopback
// peer shows up as `writev` (compare sys CPU, or use --perf for on-CPU samples). Diagnostic only: never saves results.
//
// Run: npx tsx --conditions=react-server bench/gateway/listener-profile.ts [--profile] [--perf] [--strace] [--warmup=rounds] [connections=20] [requests=4000]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createDb } from "@/db/client";
import { childEnv, setEnv } from "@/lib/env";
import { flushAiLog } from "@/lib/gateway";
import { createDatabase, randomDbName } from "@/scripts/lib/pg-admin";
import { projectRoot, stopChild } from "@/scripts/lib/prod-server";
import { startTempCluster } from "@/scripts/lib/temp-cluster";
import { round, summarize } from "../lib/percentiles";
import { startCpuMeter } from "./cpu";
import { httpLoad, type HttpTarget } from "./load";
import { killIfBenchmarkDies, startUpstream, UPSTREAM_TEXT } from "./processes";
import { configureGateway, ownerApiKey } from "./setup";

const args = process.argv.slice(2);
const PROFILE = args.includes("--profile");
/** Counts the listener's system calls during the measured run with `strace -c` (slows it down: ignore its CPU figures). */
const STRACE = args.includes("--strace");
/** Samples the listener on-CPU only with `perf record -e cpu-clock` (the V8 profiler samples wall time, so a thread
 * descheduled inside a syscall shows as that syscall); needs perf and reports JIT frames by name (--perf-basic-prof). */
const PERF = args.includes("--perf");
const [CONNECTIONS = 20, REQUESTS = 4000] = args.filter((a) => /^\d+$/.test(a)).map(Number);
const SEQUENTIAL = 300;
/** Warm-up requests per connection before each measured run (the benchmark uses 20). */
const WARMUP_ROUNDS = Number(args.find((a) => a.startsWith("--warmup="))?.slice(9) ?? 20);
const BODY = JSON.stringify({ model: "bench-model", messages: [{ role: "user", content: "Write a one-line launch post for our spring sale." }], max_tokens: 64 });

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** User and system CPU ms of a process so far (Linux /proc; clock ticks of 10 ms). */
function userSys(pid: number): { user: number; sys: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  return { user: Number(f[11]) * 10, sys: Number(f[12]) * 10 };
}

function bucketOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  if (url.includes(projectRoot)) return path.relative(projectRoot, url.replace(/^file:\/\//, ""));
  return url || "(native / VM)";
}

function printProfile(file: string): void {
  const prof = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n.callFrame]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Inclusive time of the project's own functions (each counted once per sample however deep it recurses).
  const inclusive = new Map<string, number>();
  prof.samples.forEach((id, i) => {
    if (byId.get(id)?.functionName === "(idle)") return;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!;
      if (!f.url.includes(projectRoot) || f.url.includes("node_modules")) continue;
      const key = `${f.functionName || "(anonymous)"} ${bucketOf(f.url)}:${f.lineNumber + 1}`;
      if (!seen.has(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + (prof.timeDeltas[i] ?? 0));
      }
    }
  });
  const byFn = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const f = byId.get(id);
    if (!f || f.functionName === "(idle)") return;
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    const mod = bucketOf(f.url);
    const fn = `${f.functionName || "(anonymous)"} ${mod}${f.url ? `:${f.lineNumber + 1}` : ""}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
    byModule.set(mod, (byModule.get(mod) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => [k, `${((v / total) * 100).toFixed(1)}%`]);
  console.log(`\nlistener CPU profile (${round(total / 1000, 0)} ms of samples, idle left out), self time by module:`);
  printTable(["module", "share"], top(byModule, 25));
  console.log("\nself time by function:");
  printTable(["function", "share"], top(byFn, 40));
  console.log("\ninclusive time of the project's functions:");
  printTable(["function", "share"], top(inclusive, 40));
}

function printTable(header: string[], rows: string[][]): void {
  const all = [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  console.log([line(header), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n"));
}

async function main(): Promise<void> {
  const cleanup: (() => Promise<void>)[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), "aicmo-listener-profile-"));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  try {
    const upstream = await startUpstream(50);
    cleanup.push(upstream.stop);
    const cluster = await startTempCluster({ label: "bench" });
    cleanup.push(cluster.stop);
    const databaseUrl = await createDatabase(cluster.adminUrl, randomDbName("bench"));
    const { migrateDatabase } = await import("@/scripts/migrate");
    const { seedDemo } = await import("@/scripts/seed");
    await migrateDatabase(databaseUrl);
    await seedDemo(databaseUrl);
    const encryptionKey = randomBytes(32).toString("hex");
    setEnv("AICMO_ENCRYPTION_KEY", encryptionKey);
    const db = createDb(databaseUrl, 2);
    cleanup.push(async () => {
      await flushAiLog();
      await db.$client.end();
    });
    const setup = await configureGateway(db, upstream);
    const apiKey = await ownerApiKey(setup.ctx);

    const profileFile = path.join(dir, "listener.cpuprofile");
    // The listener imports the REST layer, which imports next/navigation: that needs React's client build, so the child
    // runs without the react-server condition, and `server-only` (which throws outside it) resolves to its empty module.
    const shim = path.join(dir, "server-only-shim.mjs");
    const empty = pathToFileURL(path.join(projectRoot, "node_modules/server-only/empty.js")).href;
    writeFileSync(
      shim,
      `import { register, createRequire } from "node:module";
const Module = createRequire(import.meta.url)("node:module");
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return original.call(this, request === "server-only" ? ${JSON.stringify(fileURLToPath(empty))} : request, ...rest);
};
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(
        `export async function resolve(s, c, next) { return s === "server-only" ? { url: ${JSON.stringify(empty)}, shortCircuit: true } : next(s, c); }`,
      )}));
`,
    );
    const child = spawn(process.execPath, [...(PERF ? ["--perf-basic-prof"] : []), "--import", shim, "--import", "tsx", path.join(projectRoot, "bench/gateway/listener-child.ts"), profileFile], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "inherit"],
      env: childEnv({ DATABASE_URL: databaseUrl, AICMO_ENCRYPTION_KEY: encryptionKey, NODE_ENV: "production", LOG_LEVEL: "warn" }),
    });
    killIfBenchmarkDies(child.pid!);
    cleanup.push(() => stopChild(child, "SIGTERM", 10_000));
    const lines = createInterface({ input: child.stdout! });
    const messages: Record<string, unknown>[] = [];
    let wake: (() => void) | null = null;
    lines.on("line", (l) => {
      messages.push(JSON.parse(l) as Record<string, unknown>);
      wake?.();
    });
    const next = async (key: string) => {
      for (;;) {
        const m = messages.find((x) => key in x);
        if (m) return m[key];
        await new Promise<void>((r) => (wake = r));
      }
    };
    const port = (await next("port")) as number;

    const listener: HttpTarget = { url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: { authorization: `Bearer ${apiKey}` }, body: BODY };
    const direct: HttpTarget = { url: `${upstream.okBaseUrl}/chat/completions`, headers: {}, body: BODY };
    const first = await fetch(listener.url, { method: "POST", headers: { "content-type": "application/json", ...listener.headers }, body: BODY });
    const firstBody = (await first.json()) as { choices?: { message?: { content?: string } }[]; aicmo?: { offline?: boolean } };
    if (firstBody.choices?.[0]?.message?.content !== UPSTREAM_TEXT || firstBody.aicmo?.offline !== false) {
      throw new Error(`the listener did not relay the upstream: ${JSON.stringify(firstBody)}`);
    }

    const database = new URL(databaseUrl).pathname.slice(1);
    // What the listener's process burns with no request in flight (timers, pools): charged to every request under load.
    const idle = async () => {
      await new Promise((res) => setTimeout(res, 1_000));
      const m = startCpuMeter({ pids: [child.pid!] });
      await new Promise((res) => setTimeout(res, 5_000));
      return round(m.stop().processesMs / 5, 1);
    };
    const idleBefore = await idle();
    const rows: string[][] = [];
    const run = async (label: string, target: HttpTarget, connections: number, amount: number, watch: boolean, profile: boolean) => {
      await httpLoad(target, connections, Math.min(amount, connections * WARMUP_ROUNDS));
      if (profile) process.kill(child.pid!, "SIGUSR2");
      const tracer = watch && STRACE && connections > 1 ? spawn("strace", ["-f", "-c", "-p", String(child.pid)], { stdio: ["ignore", "ignore", "pipe"] }) : null;
      const traced: Buffer[] = [];
      tracer?.stderr!.on("data", (c: Buffer) => traced.push(c));
      if (tracer) await new Promise((res) => setTimeout(res, 1_000));
      const perfFile = path.join(dir, "perf.data");
      const perf = watch && PERF && connections > 1 ? spawn("perf", ["record", "-e", "cpu-clock", "-F", "2999", "-p", String(child.pid), "-o", perfFile], { stdio: "ignore" }) : null;
      if (perf) await new Promise((res) => setTimeout(res, 500));
      const meter = startCpuMeter(watch ? { pids: [child.pid!], database } : {});
      const upstreamMeter = startCpuMeter({ pids: [upstream.pid] });
      const sys0 = userSys(child.pid!);
      const r = await httpLoad(target, connections, amount);
      const cpu = meter.stop();
      const upstreamCpu = upstreamMeter.stop().processesMs / r.ok;
      const sys1 = userSys(child.pid!);
      if (profile) process.kill(child.pid!, "SIGUSR2");
      if (perf) {
        perf.kill("SIGINT");
        await new Promise((res) => perf.once("exit", res));
        const report = spawn("perf", ["report", "-i", perfFile, "--no-children", "--sort", "dso,sym", "--stdio", "--percent-limit", "0.4"], { stdio: ["ignore", "pipe", "ignore"] });
        const out: Buffer[] = [];
        report.stdout!.on("data", (c: Buffer) => out.push(c));
        await new Promise((res) => report.once("exit", res));
        console.log(`\nperf (on-CPU samples) of the listener during ${r.ok} answers at ${connections} connections:\n${Buffer.concat(out).toString("utf8").split("\n").filter((l) => l && !l.startsWith("#")).slice(0, 70).join("\n")}`);
      }
      if (tracer) {
        tracer.kill("SIGINT");
        await new Promise((res) => tracer.once("exit", res));
        console.log(`\nstrace -c of the listener during ${r.ok} answers at ${connections} connections:\n${Buffer.concat(traced).toString("utf8")}`);
      }
      const s = summarize(r.latencyMs);
      rows.push([
        label,
        String(connections),
        `${r.ok}${r.failed ? ` (+${r.failed} failed)` : ""}`,
        String(round(r.requestsPerSecond, 0)),
        String(round(s.p50)),
        String(round(s.p99)),
        watch ? `${round(cpu.processesMs / r.ok, 3)} (user ${round((sys1.user - sys0.user) / r.ok, 3)}, sys ${round((sys1.sys - sys0.sys) / r.ok, 3)})` : "",
        watch ? String(round(cpu.databaseMs / r.ok, 3)) : "",
        String(round(upstreamCpu, 3)),
      ]);
      await new Promise((res) => setTimeout(res, 500));
      return s;
    };
    const d20 = await run("direct", direct, CONNECTIONS, REQUESTS, false, false);
    const l20 = await run("listener", listener, CONNECTIONS, REQUESTS, true, PROFILE);
    const d1 = await run("direct", direct, 1, SEQUENTIAL, false, false);
    const l1 = await run("listener", listener, 1, SEQUENTIAL, true, PROFILE);
    console.log(`listener process idle: ${idleBefore} ms CPU per second before the runs, ${await idle()} after`);
    printTable(["path", "conns", "answers", "req/s", "p50 ms", "p99 ms", "listener CPU ms/req", "db CPU ms/req", "upstream CPU ms/req"], rows);
    console.log(
      `\nadded by the listener: p50 ${round(l20.p50 - d20.p50)} ms, p99 ${round(l20.p99 - d20.p99)} ms @${CONNECTIONS}; p50 ${round(l1.p50 - d1.p50)} ms @1`,
    );
    if (PROFILE) {
      console.log(`\n==== at ${CONNECTIONS} connections`);
      printProfile((await next("profiled1")) as string);
      console.log("\n==== one request at a time");
      printProfile((await next("profiled2")) as string);
    }
    const [one, five] = os.loadavg();
    console.log(`\nload average at the end: ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min) on ${os.availableParallelism()} cores`);
  } finally {
    for (const stop of cleanup.reverse()) await stop().catch((err: unknown) => console.error(err));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
