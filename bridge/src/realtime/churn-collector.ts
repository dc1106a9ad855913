import type { Clock } from '../../../shared/clock.ts';
import type { RealtimeServer } from './socket-server.ts';

export interface ChurnLimits {
  /** Connections closed in one churn that make collecting worth its pauses. */
  closed: number;
  /** How long no connection may close before collecting: the churn is over (and one that had fewer is forgotten). */
  quietMs: number;
  /** The longest a collection waits after the first of them closed, when connections keep closing. */
  maxWaitMs: number;
  /** Full collections in a row, and the time between them. */
  collections: number;
  betweenMs: number;
}

/**
 * 100 connections leave a few MB, less than is worth three full
 * collections' pauses (tens of ms each, on the heap of such a churn); a
 * building's displays reconnecting after a power cut or a network blip are
 * hundreds to thousands. 2 s without a close: they came back together, as
 * hub.ts's benchmark has them, or a flood paused.
 *
 * Three collections, 3 s apart: the first frees the closed connections'
 * objects, but which pages they left nearly empty is known only once it has
 * swept them; the second moves what still lives on those together and gives
 * the emptied pages back; the third comes after the bridge has allocated
 * little for over 5 s, V8's measure of a quiet process, and V8 then shrinks
 * its young generation back too. Measured after 3 rounds of 2,000
 * connections (`npm run bench`), V8's heap: 75, 24, then 21 MB (19 MB before
 * the churn); RSS: 151, 100, then 97 MB (89 MB before).
 */
export const CHURN_LIMITS: ChurnLimits = { closed: 100, quietMs: 2_000, maxWaitMs: 10_000, collections: 3, betweenMs: 3_000 };

/**
 * Gives the memory of many closed connections back soon after they close.
 *
 * Why: each socket.io connection allocates tens of KB on V8's heap (the
 * engine.io and socket.io sockets, the HTTP requests of the long-polling
 * handshake, the WebSocket), which outlive the young generation (2 MB,
 * `--max-semi-space-size=2` in `npm start`) and so die in the old one. Once
 * they have closed, the bridge is quiet again: it allocates too little to
 * start another major collection, and V8 keeps that garbage resident until
 * its memory reducer finds the process idle. Measured after 3 rounds of
 * 2,000 connections (`npm run bench`): up to 150 MB of heap, all of it
 * garbage (a forced collection leaves the heap of before the churn), still
 * resident from 8 s to more than 30 s after the last close. Nothing per
 * connection is kept after it closes; the memory was only never collected.
 *
 * So once enough connections have closed and the churn has paused, a few
 * full collections run (see CHURN_LIMITS). They need Node's `gc`, which
 * `npm start` exposes (`--expose-gc`); without it (in-process tests) this
 * does nothing and V8 collects in its own time. (V8's memory-reducing
 * collection is not on offer: Node 20's `gc` takes no `flavor`, and runs a
 * minor collection for a `{ type: 'major' }` it does not know.)
 */
export class ChurnCollector {
  readonly #clock: Clock;
  readonly #collect: (() => void) | undefined;
  readonly #limits: ChurnLimits;
  /** Connections closed in this churn: each less than `quietMs` after the one before. */
  #closed = 0;
  #firstClosedAt = 0;
  #lastClosedAt = 0;
  #cancelWait: (() => void) | undefined;
  #cancelNext: (() => void) | undefined;

  constructor(clock: Clock, collect: (() => void) | undefined, limits: ChurnLimits = CHURN_LIMITS) {
    this.#clock = clock;
    this.#collect = collect;
    this.#limits = limits;
  }

  /** A connection closed. */
  closed(): void {
    if (!this.#collect) return;
    const now = this.#clock.now();
    // A few connections closing now and then are no churn: their garbage goes with V8's next collections.
    if (this.#closed > 0 && now - this.#lastClosedAt >= this.#limits.quietMs) this.#closed = 0;
    if (this.#closed === 0) this.#firstClosedAt = now;
    this.#closed += 1;
    this.#lastClosedAt = now;
    if (this.#closed < this.#limits.closed) return;
    // Collections left from a churn before wait for this one to end, and run again after it.
    this.#cancelNext?.();
    this.#cancelWait?.();
    const delayMs = Math.min(this.#limits.quietMs, this.#firstClosedAt + this.#limits.maxWaitMs - now);
    this.#cancelWait = this.#clock.setTimer(() => {
      this.#cancelWait = undefined;
      this.#closed = 0;
      this.#run(this.#limits.collections);
    }, delayMs);
  }

  stop(): void {
    this.#cancelWait?.();
    this.#cancelNext?.();
    this.#cancelWait = this.#cancelNext = undefined;
  }

  #run(left: number): void {
    this.#cancelNext = undefined;
    this.#collect?.();
    if (left > 1) this.#cancelNext = this.#clock.setTimer(() => this.#run(left - 1), this.#limits.betweenMs);
  }
}

/** Collects after churn on `io`'s connections (see ChurnCollector); returns what stops it. */
export function collectAfterChurn(io: RealtimeServer, clock: Clock, collect: (() => void) | undefined = globalThis.gc, limits = CHURN_LIMITS): () => void {
  const collector = new ChurnCollector(clock, collect && (() => collect()), limits);
  io.on('connection', (socket) => socket.once('disconnect', () => collector.closed()));
  return () => collector.stop();
}
