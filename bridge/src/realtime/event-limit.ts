import type { Clock } from '../../../shared/clock.ts';
import type { Client } from '../limits/client.ts';
import { rateLimited } from '../limits/rate-limited.ts';
import { TokenBucket, type BucketSize } from '../limits/token-bucket.ts';
import type { Logger } from '../logger.ts';

/**
 * 120 at once: the most a display sends together is its watch on reconnect
 * and its offline outbox replay (up to 100 actions, 20 in flight at a time),
 * which goes through in one go. Then 20 a second: a display sends a few
 * events an hour in normal use, a building screen one, and a flood is held
 * to 20 handled events a second per connection (a `building:watch` of a
 * 1,000-room hub is a large answer), the rest refused at little cost.
 */
export const EVENT_RATE: BucketSize = { capacity: 120, perSecond: 20 };

/**
 * One connection's limit on its events, as socket.io middleware (`socket.use`).
 * An event over the limit is not handled but answered through its
 * acknowledgement like any other: `rate-limited`, with `retryAfterMs`.
 * Nothing is dropped unanswered: an event sent without an acknowledgement is
 * one no handler answers either. The first refusal of each run is logged.
 */
export function eventLimit(clock: Clock, client: Client, logger: Logger): (event: unknown[], next: () => void) => void {
  const bucket = new TokenBucket(clock, EVENT_RATE);
  let limited = false;
  return (event, next) => {
    const waitMs = bucket.take();
    if (waitMs === 0) {
      limited = false;
      return next();
    }
    if (!limited) logger.warn({ client, event: event[0] }, 'a live connection sends events faster than its limit: refused until it pauses');
    limited = true;
    const ack = event.at(-1);
    if (typeof ack === 'function') ack(rateLimited('events on this connection', waitMs));
  };
}
