// A small per-process read-through cache for the gateway's per-workspace settings (chains, budget limits): fresh for
// `ttlMs`, then served stale for up to another `ttlMs` while one background load refreshes it, so a warm workspace under
// steady traffic never waits for the database on the request path. Never cache a failed load.
import "server-only";

export interface StaleEntry<V> {
  /** When the value's load started (Date.now()). */
  at: number;
  value: Promise<V>;
  /** The load has succeeded: the value may be served stale while a newer one loads. */
  ready: boolean;
  refreshing: boolean;
}

/**
 * The cached value for `key`, loading it with `load` when missing or too old. Concurrent callers share one load. A
 * value older than `ttlMs` (but younger than twice that) is returned at once and refreshed in the background; an entry
 * deleted meanwhile (an invalidation) is not brought back by a refresh that started before it.
 */
export function readThrough<K, V>(cache: Map<K, StaleEntry<V>>, key: K, ttlMs: number, load: () => Promise<V>, maxEntries = 10_000): Promise<V> {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit) {
    const age = now - hit.at;
    if (age < ttlMs) return hit.value;
    if (hit.ready && age < 2 * ttlMs) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        const started = Date.now();
        load().then(
          (v) => {
            if (cache.get(key) === hit) cache.set(key, { at: started, value: Promise.resolve(v), ready: true, refreshing: false });
          },
          () => {
            hit.refreshing = false;
          },
        );
      }
      return hit.value;
    }
  }
  if (!hit && cache.size >= maxEntries) cache.clear();
  const entry: StaleEntry<V> = { at: now, value: load(), ready: false, refreshing: false };
  cache.set(key, entry);
  entry.value.then(
    () => {
      entry.ready = true;
    },
    () => {
      // A failed load is not kept: the next call tries again.
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  return entry.value;
}
