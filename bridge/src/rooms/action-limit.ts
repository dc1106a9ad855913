import type { Clock } from '../../../shared/clock.ts';
import { ok, type Result } from '../../../shared/errors.ts';
import type { Client } from '../limits/client.ts';
import { rateLimited } from '../limits/rate-limited.ts';
import { TokenBuckets, type BucketSize } from '../limits/token-bucket.ts';

/**
 * 100 at once: a display's offline outbox (built and benchmarked for 100
 * queued actions) replays in one go when the bridge is back; a longer one
 * waits as told and sends the rest. Then 10 a minute: more than people at
 * one display tap (an action is a few taps and a look at the screen), while
 * a script is held to 10 a minute instead of thousands a second, each a
 * write to the store and, for a Microsoft 365 room, to Exchange.
 */
export const ACTION_RATE: BucketSize = { capacity: 100, perSecond: 10 / 60 };

/** Walk-up actions per client, over HTTP and socket.io together; problem reports are counted the same way, apart. */
export class ActionLimit {
  readonly #buckets: TokenBuckets;
  readonly #what: string;

  /** `what`: the requests counted, as the refusal names them. */
  constructor(clock: Clock, what = 'walk-up actions from this device', size: BucketSize = ACTION_RATE) {
    this.#buckets = new TokenBuckets(clock, size);
    this.#what = what;
  }

  /** Counts an action from `client`: ok when it may go ahead, else the refusal with when to try again. */
  admit(client: Client): Result<null> {
    const waitMs = this.#buckets.take(client);
    return waitMs === 0 ? ok(null) : rateLimited(this.#what, waitMs);
  }
}
