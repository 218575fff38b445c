// CPU accounting for the gateway benchmark from /proc (Linux): CPU ms spent over a run by given processes, by one
// database's Postgres backends, and by this process. Never guess elsewhere: without /proc every reading is NaN.
import { readdirSync, readFileSync } from "node:fs";

/** clock ticks per second of /proc/<pid>/stat's utime and stime; 100 on every Linux build Node supports. */
const CLOCK_TICKS = 100;

/** User + system CPU ms of one process so far; NaN when it cannot be read (no /proc, or the process is gone). */
export function processCpuMs(pid: number): number {
  try {
    // The command name (field 2) may contain spaces and parentheses; every field after the last ") " is numeric.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
  } catch {
    return Number.NaN;
  }
}

/** Pids of the Postgres backends connected to `database` (their process title is `postgres: <user> <database> <host> …`). */
export function backendPids(database: string): number[] {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.startsWith("postgres: ") && cmdline.split(" ")[2] === database) out.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return out;
}

export interface CpuReading {
  /** The watched processes together. */
  processesMs: number;
  /** The database's backends, counting those that connected during the run from zero. */
  databaseMs: number;
  /** This process (the load generator, or the engine itself for in-process runs). */
  selfMs: number;
}

export interface CpuMeter {
  stop(): CpuReading;
}

export function startCpuMeter(watch: { pids?: number[]; database?: string } = {}): CpuMeter {
  const pids = watch.pids ?? [];
  const before = new Map(pids.map((p) => [p, processCpuMs(p)]));
  const backendsBefore = new Map((watch.database ? backendPids(watch.database) : []).map((p) => [p, processCpuMs(p)]));
  const self = process.cpuUsage();
  return {
    stop() {
      const selfUsage = process.cpuUsage(self);
      let processesMs = 0;
      for (const p of pids) processesMs += processCpuMs(p) - before.get(p)!;
      let databaseMs = watch.database ? 0 : Number.NaN;
      // A backend that exited during the run takes its CPU with it: a pool that recycles idle clients mid-run reads low.
      if (watch.database) for (const p of backendPids(watch.database)) databaseMs += processCpuMs(p) - (backendsBefore.get(p) ?? 0);
      return { processesMs, databaseMs, selfMs: (selfUsage.user + selfUsage.system) / 1000 };
    },
  };
}
