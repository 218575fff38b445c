// One Map per name per process, kept on globalThis. Next.js may load a module once per bundle (route handlers,
// server actions, instrumentation), so a plain module-level Map could exist several times in one server and an
// invalidation made in one bundle would miss the others. Caches that must be invalidated process-wide use this.
import "server-only";

const g = globalThis as typeof globalThis & { __aicmoProcessMaps?: Map<string, Map<unknown, unknown>> };

export function processMap<K, V>(name: string): Map<K, V> {
  const all = (g.__aicmoProcessMaps ??= new Map());
  let m = all.get(name);
  if (!m) {
    m = new Map();
    all.set(name, m);
  }
  return m as Map<K, V>;
}
