/**
 * A micro-cache: answers kept for a second or two, so that a burst of identical reads (a list
 * refreshed by many screens, a dashboard polled by a wall display) costs one database round
 * trip. Entries die after `ttlMs`, or as soon as the cache's generation moves on, which writers
 * bump on every change made through this instance. Another instance's writes show within `ttlMs`.
 */
export interface TMicroCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  /** Invalidates every entry (called by writers). */
  bump(): void;
  /** Changes how long new entries live; 0 turns the cache off (benchmarks of the database path). */
  setTtl(ms: number): void;
}

/** A cache of at most `maxEntries`, each kept `ttlMs` (0 disables it). */
export function createMicroCache<T>(ttlMs: number, maxEntries = 1000): TMicroCache<T> {
  let generation = 0;
  const entries = new Map<string, { value: T; until: number; generation: number }>();
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.until <= Date.now() || e.generation !== generation) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    set(key, value) {
      if (ttlMs <= 0) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, until: Date.now() + ttlMs, generation });
    },
    bump() {
      generation++;
      entries.clear();
    },
    setTtl(ms) {
      ttlMs = ms;
      entries.clear();
    },
  };
}
