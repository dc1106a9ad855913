/** Below this many entries a sweep is not worth a pass over the map. */
const FIRST_SWEEP_AT = 1024;

/**
 * Per-client state that forgets what no longer matters. Clients cost nothing
 * to make (another address, another guess), so entries that went stale are
 * dropped in one pass whenever the map has doubled since the last one:
 * memory follows the clients active lately, at a constant cost per entry
 * added on average, with no timer to stop.
 */
export class SweptMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #isStale: (value: V) => boolean;
  #sweepAt = FIRST_SWEEP_AT;

  constructor(isStale: (value: V) => boolean) {
    this.#isStale = isStale;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    this.#entries.set(key, value);
    if (this.#entries.size >= this.#sweepAt) this.#sweep();
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  #sweep(): void {
    for (const [key, value] of this.#entries) if (this.#isStale(value)) this.#entries.delete(key);
    this.#sweepAt = Math.max(FIRST_SWEEP_AT, 2 * this.#entries.size);
  }
}
