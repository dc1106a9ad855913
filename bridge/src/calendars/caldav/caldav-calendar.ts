import { createHash } from 'node:crypto';
import type { Clock } from '../../../../shared/clock.ts';
import type { TimedMeeting } from '../../../../shared/model.ts';
import type { Logger } from '../../logger.ts';
import { bookingCalendar, uidForKey } from '../icalendar/booking-ics.ts';
import { withEnd, withoutOccurrence } from '../icalendar/change-event.ts';
import { expandCalendar } from '../icalendar/expand-calendar.ts';
import { keyOf, type CachedObject, type ObjectCache, type ProviderAnswer, type RemoteCalendar, type RemoteTarget, type SyncResult, type SyncWindow } from '../remote/remote-provider.ts';
import type { CalDavClient, CalDavWriteAnswer } from './caldav-client.ts';

/** A change that meets someone else's change (412) is read again and tried again, this often. */
const CONFLICT_ATTEMPTS = 3;

const DONE: ProviderAnswer<void> = { ok: true, value: undefined };

/**
 * A room's calendar collection on a CalDAV server (RFC 4791), written as the
 * room's own calendar: each event is one resource, expanded in the room's
 * zone. A walk-up booking is a new resource named after its key and created
 * only if none exists (`If-None-Match: *`), so a retry never makes a second;
 * a change rewrites the resource only if it is still the version read
 * (`If-Match`), reading it again when someone else changed it meanwhile.
 */
export class CalDavCalendar implements RemoteCalendar {
  readonly writable = true;
  readonly #client: CalDavClient;
  readonly #cache: ObjectCache;
  readonly #timeZone: string;
  readonly #clock: Clock;
  readonly #logger: Logger;
  /** A client over a throwaway cache, for `check`. */
  readonly #probe: () => CalDavClient;

  constructor(options: { client: CalDavClient; cache: ObjectCache; timeZone: string; clock: Clock; logger: Logger; probe: () => CalDavClient }) {
    this.#client = options.client;
    this.#cache = options.cache;
    this.#timeZone = options.timeZone;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#probe = options.probe;
  }

  /** The collection's changes pulled into the cache (sync-collection, or ctag and etags), then every resource expanded for the window. */
  async sync(cursor: string | null, window: SyncWindow): Promise<ProviderAnswer<SyncResult>> {
    const pulled = await this.#client.sync(cursor);
    if (!pulled.ok) return pulled;
    const { token, changed } = pulled.value;
    if (cursor !== null && !changed) return { ok: true, value: { kind: 'unchanged', cursor: token } };
    const { occurrences, skipped } = expandCalendar(this.#cache.list(), window, this.#timeZone);
    if (skipped > 0) this.#logger.warn({ skipped }, 'the CalDAV calendar has events Lintel cannot read; they were skipped');
    return { ok: true, value: { kind: 'snapshot', occurrences, cursor: token } };
  }

  async create(key: string, meeting: TimedMeeting): Promise<ProviderAnswer<RemoteTarget>> {
    // RFC 4791 5.3.2: the client names the resource; a name from the key finds the one an earlier attempt made.
    const href = this.#client.hrefOf(`${resourceName(key)}.ics`);
    const written = await this.#client.put(href, bookingCalendar(key, meeting, this.#clock.now()), { ifNoneMatch: '*' });
    if (!written.ok) return written.failure === 'conflict' ? { ok: false, failure: 'unreachable', message: written.message } : written;
    return { ok: true, value: { key: uidForKey(key), ref: href } };
  }

  changeEnd(target: RemoteTarget, end: string): Promise<ProviderAnswer<void>> {
    return this.#rewrite(target, (body) => withEnd(body, keyOf(target), end, this.#clock.now(), this.#timeZone));
  }

  /** A one-off's resource is deleted; an occurrence of a series gets an EXDATE, and the rest of the series stays. */
  cancel(target: RemoteTarget): Promise<ProviderAnswer<void>> {
    return this.#rewrite(target, (body) => withoutOccurrence(body, keyOf(target), this.#clock.now(), this.#timeZone));
  }

  async check(): Promise<ProviderAnswer<void>> {
    const read = await this.#probe().sync(null);
    return read.ok ? DONE : read;
  }

  /**
   * Applies `edit` to the resource as the server has it now and writes it
   * back if it is still that version. `edit` answers undefined when the
   * meeting is no longer there (moot), null when nothing of the resource is
   * left (deleted).
   */
  async #rewrite(target: RemoteTarget, edit: (body: string) => string | null | undefined): Promise<ProviderAnswer<void>> {
    let current: CachedObject | null | undefined = this.#cache.get(target.ref);
    for (let attempt = 0; attempt < CONFLICT_ATTEMPTS; attempt++) {
      if (current === undefined || (current !== null && current.etag === null)) {
        const read = await this.#client.get(target.ref);
        if (!read.ok) return read;
        current = read.value;
      }
      // Gone, or without the meeting: deleted or changed elsewhere, which the next round shows.
      if (current === null) return DONE;
      // RFC 4791 5.3.4: a server must give a resource's ETag; without it no write can be made safely.
      if (current.etag === null) return { ok: false, failure: 'refused', message: `the CalDAV server gives no ETag for ${target.ref}: the bridge cannot change it safely` };
      const edited = edit(current.body);
      if (edited === undefined) return DONE;
      const written: CalDavWriteAnswer<unknown> =
        edited === null ? await this.#client.remove(target.ref, current.etag) : await this.#client.put(target.ref, edited, { ifMatch: current.etag });
      if (written.ok) return DONE;
      if (written.failure !== 'conflict') return written;
      current = written.current;
    }
    return { ok: false, failure: 'unreachable', message: `${target.ref} kept changing on the CalDAV server while the bridge wrote it` };
  }
}

/** A resource name from a walk-up key: URL-safe whatever the key holds (RFC 3986 2.3 unreserved characters only). */
function resourceName(key: string): string {
  return /^[A-Za-z0-9._~-]{1,100}$/.test(key) ? key : `lintel-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}
