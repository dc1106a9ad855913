import { MINUTE_MS, type Clock } from '../../../../shared/clock.ts';

const WINDOW_MINUTES = 10;

/**
 * Requests per mailbox over a sliding 10 minutes, in one-minute buckets, so
 * memory stays bounded however busy a mailbox is. Graph's limit is 10,000
 * requests per 10 min per app per mailbox; Lintel aims to use 1% of it.
 */
export class RequestCounter {
  readonly #clock: Clock;
  readonly #buckets = new Map<string, { minute: number; count: number }[]>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  count(mailbox: string, requests = 1): void {
    const minute = Math.floor(this.#clock.now() / MINUTE_MS);
    const buckets = this.#buckets.get(mailbox) ?? [];
    const last = buckets.at(-1);
    if (last?.minute === minute) last.count += requests;
    else buckets.push({ minute, count: requests });
    while ((buckets[0]?.minute ?? minute) <= minute - WINDOW_MINUTES) buckets.shift();
    this.#buckets.set(mailbox, buckets);
  }

  lastTenMinutes(): Record<string, number> {
    const minute = Math.floor(this.#clock.now() / MINUTE_MS);
    const counts: Record<string, number> = {};
    for (const [mailbox, buckets] of this.#buckets) {
      const total = buckets.filter((b) => b.minute > minute - WINDOW_MINUTES).reduce((sum, b) => sum + b.count, 0);
      if (total > 0) counts[mailbox] = total;
    }
    return counts;
  }
}
