// Where the HTTP gateway's time goes: CPU per request of `next start` for the same route cut short at each stage, the
// engine's pieces timed in-process, and (with --profile) next start's CPU profile by module. Diagnostic only: never saves results.
//
// Run: npx tsx --conditions=react-server bench/gateway/breakdown.ts [--profile] [connections=20] [requests=1500]
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createDb } from "@/db/client";
import { setEnv } from "@/lib/env";
import { complete, flushAiLog } from "@/lib/gateway";
import { ctxFromApiKey } from "@/lib/workspaces/api-keys";
import { round, summarize } from "../lib/percentiles";
import { bootSeededServer } from "../lib/server";
import { startCpuMeter } from "./cpu";
import { closedLoop } from "./load";
import { killIfBenchmarkDies, startUpstream, UPSTREAM_TEXT } from "./processes";
import { configureGateway, ownerApiKey } from "./setup";

const args = process.argv.slice(2);
const PROFILE = args.includes("--profile");
const [CONNECTIONS = 20, REQUESTS = 1500] = args.filter((a) => /^\d+$/.test(a)).map(Number);
const PROMPT = [{ role: "user" as const, content: "Write a one-line launch post for our spring sale." }];
const GOOD_BODY = JSON.stringify({ model: "bench-model", messages: PROMPT, max_tokens: 64 });

/**
 * Loaded into next start through NODE_OPTIONS (which refuses --cpu-prof): the first SIGUSR2 starts V8's sampling
 * profiler and the second writes the profile, so only the measured run is profiled. (SIGUSR1 is Node's debugger signal.)
 */
function preload(dir: string): string {
  return `
const inspector = require("node:inspector"), fs = require("node:fs"), path = require("node:path");
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 500 }));
let running = false;
process.on("SIGUSR2", () => {
  if (!running) { running = true; session.post("Profiler.start"); return; }
  running = false;
  session.post("Profiler.stop", (err, res) => {
    if (!err) fs.writeFileSync(path.join(${JSON.stringify(dir)}, "next-" + process.pid + ".cpuprofile"), JSON.stringify(res.profile));
  });
});
`;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by package (next's own files by folder; the app's bundled code as one bucket, since its names are minified). */
function profileByModule(file: string): [string, number][] {
  const prof = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  prof.samples.forEach((id, i) => {
    const frame = byId.get(id);
    if (!frame || frame.functionName === "(idle)") return;
    let bucket = frame.functionName; // (garbage collector), (program), native functions such as writev
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(frame.url);
    if (pkg) bucket = pkg[1] === "next" ? `next/${pkg[2]!.split("/").slice(1, 3).join("/")}` : pkg[1]!;
    else if (frame.url.startsWith("node:")) bucket = frame.url.replace(/^node:internal\/deps\//, "node:").split("/").slice(0, 2).join("/");
    else if (frame.url.includes("/.next/server/")) bucket = "app code bundled by next build (lib/, drizzle, zod, …)";
    else if (frame.url) bucket = frame.url;
    self.set(bucket, (self.get(bucket) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / total]);
}

async function main(): Promise<void> {
  const cleanup: (() => Promise<void>)[] = [];
  const profileDir = mkdtempSync(path.join(os.tmpdir(), "aicmo-gateway-profile-"));
  cleanup.push(async () => rmSync(profileDir, { recursive: true, force: true }));
  try {
    const upstream = await startUpstream(50);
    cleanup.push(upstream.stop);
    const encryptionKey = randomBytes(32).toString("hex");
    setEnv("AICMO_ENCRYPTION_KEY", encryptionKey);
    const env: Record<string, string> = { AICMO_ENCRYPTION_KEY: encryptionKey };
    if (PROFILE) {
      writeFileSync(path.join(profileDir, "preload.cjs"), preload(profileDir));
      env.NODE_OPTIONS = `--require ${path.join(profileDir, "preload.cjs")}`;
    }
    const server = await bootSeededServer({ env });
    cleanup.push(server.stop);
    killIfBenchmarkDies(server.pid);
    const db = createDb(server.databaseUrl, 10);
    cleanup.push(async () => {
      await flushAiLog();
      await db.$client.end();
    });
    const database = new URL(server.databaseUrl).pathname.slice(1);
    const setup = await configureGateway(db, upstream);
    const apiKey = await ownerApiKey(setup.ctx);
    const url = `${server.baseUrl}/api/v1/ai/chat/completions`;

    console.log(`next start, POST /api/v1/ai/chat/completions cut short at each stage, ${CONNECTIONS} connections, ${REQUESTS} requests each`);
    const stages: [label: string, headers: Record<string, string>, body: string, status: number][] = [
      ["401: Next.js + route wrapper, no DB (malformed key)", { authorization: "Bearer not-a-key" }, GOOD_BODY, 401],
      ["422: + API key lookup, body parse, zod validation", { authorization: `Bearer ${apiKey}` }, JSON.stringify({ messages: [] }), 422],
      ["200: + complete() (budget check, routing, fetch, log)", { authorization: `Bearer ${apiKey}` }, GOOD_BODY, 200],
    ];
    const rows: string[][] = [];
    for (const [label, headers, body, status] of stages) {
      const load = (amount: number, onResponse?: (status: number, ms: number) => void) => {
        const instance = autocannon({ url, method: "POST", headers: { "content-type": "application/json", ...headers }, body, connections: CONNECTIONS, amount });
        if (onResponse) instance.on("response", (_c, s, _b, ms) => onResponse(s, ms));
        return instance;
      };
      await load(CONNECTIONS * 20);
      const profiled = PROFILE && status === 200;
      if (profiled) process.kill(server.pid, "SIGUSR2");
      const latency: number[] = [];
      let wrong = 0;
      const meter = startCpuMeter({ pids: [server.pid], database });
      const started = performance.now();
      await load(REQUESTS, (s, ms) => (s === status ? latency.push(ms) : wrong++));
      const seconds = (performance.now() - started) / 1000;
      const cpu = meter.stop();
      if (profiled) process.kill(server.pid, "SIGUSR2");
      const s = summarize(latency);
      rows.push([
        label,
        `${latency.length}${wrong ? ` (+${wrong} other)` : ""}`,
        String(round(latency.length / seconds, 0)),
        String(round(s.p50)),
        String(round(cpu.processesMs / latency.length)),
        String(round(cpu.databaseMs / latency.length)),
      ]);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    printTable(["stage", "answers", "req/s", "p50 ms", "next CPU ms/req", "db CPU ms/req"], rows);

    console.log(`\nthe same pieces called in this process against the same database, ${CONNECTIONS} concurrent calls for 5 s`);
    const pieces: [string, () => Promise<boolean>][] = [
      [
        "fetch to the upstream (what the adapter does)",
        async () => {
          const res = await fetch(`${upstream.okBaseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: GOOD_BODY });
          return ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content === UPSTREAM_TEXT;
        },
      ],
      ["ctxFromApiKey (select + last-used update)", async () => (await ctxFromApiKey(db, apiKey)) !== null],
      [
        "complete() for task chat",
        async () => {
          const a = await complete(setup.ctx, { task: "chat", messages: PROMPT, maxTokens: 64 });
          return !a.offline && a.text === UPSTREAM_TEXT;
        },
      ],
    ];
    const inProcess: string[][] = [];
    for (const [label, call] of pieces) {
      await closedLoop(call, CONNECTIONS, 1);
      const meter = startCpuMeter({ database });
      const r = await closedLoop(call, CONNECTIONS, 5);
      const cpu = meter.stop();
      const s = summarize(r.latencyMs);
      inProcess.push([label, String(r.ok), String(round(s.p50)), String(round(cpu.selfMs / r.ok)), String(round(cpu.databaseMs / r.ok))]);
    }
    printTable(["piece", "calls", "p50 ms", "CPU ms/call", "db CPU ms/call"], inProcess);

    if (PROFILE) {
      await new Promise((r) => setTimeout(r, 1_000)); // the profile is written after SIGUSR2
      const file = readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
      if (!file) console.log("\nno CPU profile was written");
      else {
        console.log("\nnext start's CPU profile during the 200 stage, self time by module (idle left out):");
        printTable(["module", "share"], profileByModule(path.join(profileDir, file)).slice(0, 20).map(([k, v]) => [k, `${(v * 100).toFixed(1)}%`]));
      }
    }
    const [one] = os.loadavg();
    console.log(`\nload average at the end: ${one!.toFixed(2)} on ${os.availableParallelism()} cores`);
  } finally {
    for (const stop of cleanup.reverse()) await stop().catch((err: unknown) => console.error(err));
  }
}

function printTable(header: string[], rows: string[][]): void {
  const all = [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  console.log([line(header), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n"));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
