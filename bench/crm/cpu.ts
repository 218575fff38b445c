// CPU time of our throwaway Postgres cluster (postmaster, live backends, and backends already exited) and of this process,
// read from /proc, so a slow phase can be told apart from a busy machine. Never read another cluster's processes; NaN without /proc.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Ticks per second of /proc/<pid>/stat times; 100 on every Linux build Node supports. */
const CLOCK_TICKS = 100;

/** Fields after the command name of /proc/<pid>/stat (the name may hold spaces and parentheses). */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  } catch {
    return null;
  }
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0] ?? "", 10);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * User + system CPU ms of the cluster so far: the postmaster's own time plus its reaped children's (cutime, cstime: every
 * backend that has exited), plus every live child's. NaN when /proc or the pid file cannot be read.
 */
export function clusterCpuMs(dataDir: string): number {
  const pm = postmasterPid(dataDir);
  const own = pm === null ? null : statFields(pm);
  if (pm === null || !own) return Number.NaN;
  // Fields (0-based, after the name): 1 ppid, 11 utime, 12 stime, 13 cutime, 14 cstime.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(entry);
    if (f && Number(f[1]) === pm) ticks += Number(f[11]) + Number(f[12]);
  }
  return (ticks / CLOCK_TICKS) * 1000;
}

export interface CpuReading {
  nodeMs: number;
  postgresMs: number;
  wallMs: number;
}

export function startCpuMeter(dataDir: string): { stop(): CpuReading } {
  const node = process.cpuUsage();
  const pg = clusterCpuMs(dataDir);
  const started = performance.now();
  return {
    stop() {
      const n = process.cpuUsage(node);
      return { nodeMs: (n.user + n.system) / 1000, postgresMs: clusterCpuMs(dataDir) - pg, wallMs: performance.now() - started };
    },
  };
}

/** Busy CPU ms of the whole host so far (user, nice, system, irq, softirq and steal from /proc/stat); NaN without it. */
function hostBusyMs(): number {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS) * 1000;
  } catch {
    return Number.NaN;
  }
}

/**
 * How many cores, on average over a phase, went to everything but this benchmark (its process and its cluster): other
 * people's work on a shared machine, or a hypervisor's steal. Unlike the load average it leaves our own work out.
 */
export function startContentionMeter(dataDir: string): { stop(): number } {
  const ours = startCpuMeter(dataDir);
  const host = hostBusyMs();
  const family = selfAndChildrenCpuMs();
  return {
    stop() {
      const r = ours.stop();
      // Ours: this process and every child it has reaped (the import worker and tsx's wrapper), and the cluster.
      const others = hostBusyMs() - host - (selfAndChildrenCpuMs() - family) - r.postgresMs;
      return Math.max(0, others) / r.wallMs;
    },
  };
}

/** This process's CPU ms plus that of its exited, reaped descendants (cutime, cstime); NaN without /proc. */
function selfAndChildrenCpuMs(): number {
  const f = statFields("self");
  if (!f) return Number.NaN;
  return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLOCK_TICKS) * 1000;
}
