// Clean shutdown for the gateway: on SIGTERM or SIGINT, let in-flight calls finish (each registered drain, e.g. the
// dedicated listener's), then write the batched request log, and only then let the process exit. `next start` exits
// from its own signal handler as soon as its HTTP server has closed, so the exit is held back until the log is written.
// Never delay an exit by more than SHUTDOWN_GRACE_MS, and never keep a process alive that would have died on the signal.
import "server-only";

/** The longest a shutdown waits for drains and the log write together. */
export const SHUTDOWN_GRACE_MS = 10_000;

interface ShutdownState {
  installed: boolean;
  /** Wait for in-flight work (first, all together). */
  drains: Set<() => Promise<void>>;
  /** Write what the drained work queued (after every drain). */
  flushes: Set<() => Promise<void>>;
  done: Promise<void> | null;
}

const g = globalThis as typeof globalThis & { __aicmoGatewayShutdown?: ShutdownState };
const state: ShutdownState = (g.__aicmoGatewayShutdown ??= { installed: false, drains: new Set(), flushes: new Set(), done: null });

/**
 * Runs `fn` at shutdown: a "drain" waits for in-flight work, a "flush" writes what it queued once every drain is done.
 * Returns a function that unregisters it.
 */
export function onGatewayShutdown(phase: "drain" | "flush", fn: () => Promise<void>): () => void {
  installShutdownHooks();
  const set = phase === "drain" ? state.drains : state.flushes;
  set.add(fn);
  return () => set.delete(fn);
}

/** Drains, then flushes; at most SHUTDOWN_GRACE_MS. What the signal handlers run. */
export function shutdownGateway(): Promise<void> {
  state.done ??= (async () => {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SHUTDOWN_GRACE_MS);
      timer.unref();
    });
    const work = (async () => {
      await Promise.allSettled([...state.drains].map((d) => d()));
      await Promise.allSettled([...state.flushes].map((f) => f()));
    })();
    await Promise.race([work.catch(() => {}), grace]);
    clearTimeout(timer);
  })();
  return state.done;
}

/** Installed once per process (on first use): hooks both signals without changing what they otherwise do. */
function installShutdownHooks(): void {
  if (state.installed || typeof process === "undefined" || typeof process.once !== "function") return;
  state.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const done = shutdownGateway();
      // Another handler (next start's) exits on its own schedule: hold that exit until the log is written.
      const exit = process.exit;
      process.exit = ((code?: number | string | null) => {
        void done.finally(() => exit.call(process, code ?? undefined));
      }) as typeof process.exit;
      // Nobody else handles the signal: its default was to end the process, so end it once the log is written.
      if (process.listenerCount(signal) === 0) {
        void done.finally(() => {
          process.exit = exit;
          process.kill(process.pid, signal);
        });
      }
    });
  }
}
