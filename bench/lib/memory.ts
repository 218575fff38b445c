// Peak resident memory (RSS) of this process over one phase of a benchmark: the kernel's high-water mark, reset when the
// phase starts, next to a timer's samples. Never report a peak from before the phase began, and never guess one /proc cannot give.
import { readFileSync, writeFileSync } from "node:fs";

export interface PeakRssReading {
  /** VmHWM from /proc/self/status after resetting it at start; null when the kernel did not let us reset or read it. */
  hwmBytes: number | null;
  /** The largest process.memoryUsage().rss seen by the sampling timer (misses spikes while the event loop is busy). */
  sampledBytes: number;
  /** RSS when the phase started. */
  baselineBytes: number;
}

export interface PeakRssTracker {
  stop(): PeakRssReading;
}

function statusKb(field: "VmHWM" | "VmRSS"): number | null {
  try {
    const m = readFileSync("/proc/self/status", "utf8").match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Starts tracking. Writing "5" to /proc/self/clear_refs (Linux 4.0+) resets VmHWM to the current RSS, so the reading
 * covers this phase only; if that write fails the high-water mark would include earlier phases, so it is not reported.
 */
export function trackPeakRss(intervalMs = 20): PeakRssTracker {
  let resetOk = false;
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    resetOk = true;
  } catch {
    resetOk = false;
  }
  const baselineBytes = process.memoryUsage().rss;
  let sampledBytes = baselineBytes;
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > sampledBytes) sampledBytes = rss;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const rss = process.memoryUsage().rss;
      if (rss > sampledBytes) sampledBytes = rss;
      const hwmKb = resetOk ? statusKb("VmHWM") : null;
      return { hwmBytes: hwmKb === null ? null : hwmKb * 1024, sampledBytes, baselineBytes };
    },
  };
}
